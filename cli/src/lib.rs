//! `news-feed`, the publisher's side of the news widget (SPEC §9).
//!
//! Most news sites publish RSS or Atom, often without a CORS header, while
//! the widget reads JSON Feed with `_news`. This crate turns any source into
//! static JSON Feed pages served beside the partner's own pages, and checks
//! feeds with exactly the widget's rules: validation is `news_core::feed`,
//! the same code the wasm runs, never a copy.
//!
//! - [`decode`]: the source's bytes as UTF-8, whatever its encoding;
//! - [`source`]: reading a source (RSS, Atom or JSON Feed) into the core's
//!   feed model;
//! - [`pages`]: stable ids, related items, paging, and the JSON Feed text;
//! - [`check`]: the widget's verdict on a feed and on its next pages;
//! - [`fetch`]: HTTP with a timeout, a size cap and conditional requests;
//! - [`publish`]: atomic writes into the output folder and the state file.

pub mod check;
pub mod decode;
pub mod fetch;
pub mod pages;
pub mod publish;
pub mod source;

use std::path::Path;

/// What `convert` did, for the command's summary line.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The source answered 304 Not Modified: nothing was read or written.
    NotModified,
    /// The pages were built; `written` of them differed from the folder's.
    Converted {
        /// Items published.
        items: usize,
        /// Pages they fill.
        pages: usize,
        /// Pages whose bytes changed (and were replaced).
        written: usize,
        /// Entries left out and why, and any other remark.
        notes: Vec<String>,
    },
}

/// The options of `news-feed convert` that shape the output.
#[derive(Debug, Clone)]
pub struct Options {
    /// Overrides the source's title.
    pub title: Option<String>,
    /// `_news.site` of the feed.
    pub site: Option<String>,
    /// `_news.section` of the feed.
    pub section: Option<String>,
    /// `_news.source` of every item.
    pub source: Option<String>,
    /// Where the source is published, for its relative links (a URL source
    /// is its own base).
    pub base: Option<String>,
    /// Items per page.
    pub page_size: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            title: None,
            site: None,
            section: None,
            source: None,
            base: None,
            page_size: pages::DEFAULT_PAGE_SIZE,
        }
    }
}

/// `news-feed convert SOURCE -o DIR`: reads the source (a URL, with the
/// validators remembered from the last run, or a file), builds the pages
/// and publishes them atomically. Errors say what to fix; on error the
/// folder is left as it was.
pub fn convert(source: &str, dir: &Path, options: &Options) -> Result<Outcome, String> {
    let settings = settings(options);
    let (bytes, base, validators) = if fetch::is_url(source) {
        let remembered = publish::read_state(dir, source, &settings);
        match fetch::get(source, remembered.as_ref())? {
            fetch::Fetched::NotModified => return Ok(Outcome::NotModified),
            fetch::Fetched::Body {
                bytes,
                final_url,
                validators,
                ..
            } => (bytes, Some(final_url), Some(validators)),
        }
    } else {
        let bytes = std::fs::read(source)
            .map_err(|e| format!("cannot read the source file {source}: {e}"))?;
        (bytes, None, None)
    };
    let base = options.base.clone().or(base);
    let read = source::read(&bytes, base.as_deref(), options)?;
    let built = pages::build(read.feed, options.page_size)?;
    let items = built.items;
    let count = built.pages.len();
    let mut notes = read.notes;
    notes.extend(built.notes);
    let state = validators.map(|validators| publish::State {
        source: source.to_owned(),
        settings,
        validators,
    });
    let written = publish::publish(dir, &built.pages, state.as_ref())?;
    Ok(Outcome::Converted {
        items,
        pages: count,
        written,
        notes,
    })
}

/// The tool's version and the options that shape the output, hashed: a
/// different version or option rebuilds the output even if the source
/// answers 304.
fn settings(options: &Options) -> String {
    let Options {
        title,
        site,
        section,
        source,
        base,
        page_size,
    } = options;
    let text = format!(
        "{} {title:?} {site:?} {section:?} {source:?} {base:?} {page_size}",
        env!("CARGO_PKG_VERSION")
    );
    format!("{:016x}", pages::fnv1a64(text.bytes()))
}
