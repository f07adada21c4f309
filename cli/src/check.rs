//! `news-feed check`: the widget's verdict on a feed, through the widget's
//! own code (`news_core::feed::parse`), and the same for each next page.
//!
//! The widget shows its error state when the first page cannot be loaded or
//! is not a usable JSON Feed; it drops bad items and fields with a console
//! warning. `check` prints exactly those warnings. A next page that fails
//! breaks "load more", so it fails the check too.

use crate::fetch;
use news_core::url;
use std::path::{Path, PathBuf};

/// Next pages followed at most (a loop of `next_url`s ends the check too).
pub const MAX_PAGES: usize = 1000;
/// The URL a feed file is checked as when `--url` is not given: relative
/// URLs need some web base, as they will have one once served.
pub const FILE_BASE: &str = "https://feed.invalid/";

/// What the widget makes of one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageCheck {
    /// The page's URL (for a file, as it is checked).
    pub url: String,
    /// The widget's error for this page, or `None` when it reads it.
    pub error: Option<String>,
    /// Items the widget keeps.
    pub items: usize,
    /// The widget's console warnings, as it prints them.
    pub warnings: Vec<String>,
    /// What else a webmaster should know (a missing CORS header).
    pub notes: Vec<String>,
}

/// The check of a feed and its next pages.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The first page, then each next page, in order.
    pub pages: Vec<PageCheck>,
}

impl Report {
    /// `true` when the widget shows its error state, or a next page fails.
    pub fn failed(&self) -> bool {
        self.pages.is_empty() || self.pages.iter().any(|p| p.error.is_some())
    }

    /// Items over all pages.
    pub fn items(&self) -> usize {
        self.pages.iter().map(|p| p.items).sum()
    }
}

/// The widget's verdict on one feed text fetched from `url`; `next_url` is
/// the next page it would load.
pub fn check_text(text: &str, url: &str) -> (PageCheck, Option<String>) {
    match news_core::feed::parse(text, url) {
        Ok(parsed) => (
            PageCheck {
                url: url.to_owned(),
                error: None,
                items: parsed.feed.items.len(),
                warnings: parsed.warnings,
                notes: Vec::new(),
            },
            parsed.feed.next_url,
        ),
        Err(reason) => (failed(url, reason), None),
    }
}

fn failed(url: &str, reason: String) -> PageCheck {
    PageCheck {
        url: url.to_owned(),
        error: Some(reason),
        items: 0,
        warnings: Vec::new(),
        notes: Vec::new(),
    }
}

/// Checks `feed` (a URL or a file) and each next page it names. `served_at`
/// is the URL a file will be served from (default [`FILE_BASE`] + its name).
pub fn check(feed: &str, served_at: Option<&str>) -> Report {
    let mut pages: Vec<PageCheck> = Vec::new();
    let (mut url, file_dir) = if fetch::is_url(feed) {
        (feed.to_owned(), None)
    } else {
        let path = Path::new(feed);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let url = match served_at {
            Some(base) => base.to_owned(),
            None => format!("{FILE_BASE}{name}"),
        };
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        (url.clone(), Some((dir, url, path.to_path_buf())))
    };
    let mut file = file_dir.as_ref().map(|(_, _, path)| path.clone());
    while pages.len() < MAX_PAGES {
        let (mut page, next) = match load(&url, file.as_deref()) {
            Ok((text, notes)) => {
                let (mut page, next) = check_text(&text, &url);
                page.notes = notes;
                (page, next)
            }
            Err(reason) => (failed(&url, reason), None),
        };
        let Some(next) = next else {
            pages.push(page);
            break;
        };
        if next == url || pages.iter().any(|p| p.url == next) {
            page.notes.push(format!(
                "next_url {next} was already read: the chain ends here"
            ));
            pages.push(page);
            break;
        }
        pages.push(page);
        file = file_dir
            .as_ref()
            .and_then(|(dir, first_url, _)| local_page(dir, first_url, &next));
        url = next;
    }
    Report { pages }
}

/// A next page of a file under check: the file beside it when the URL is
/// beside the first page's URL, else `None` (it is fetched).
fn local_page(dir: &Path, first_url: &str, next: &str) -> Option<PathBuf> {
    let folder = url::resolve(Some(first_url), ".")?;
    let rest = next.strip_prefix(folder.as_str())?;
    (!rest.is_empty() && !rest.contains(['/', '?', '#', '\\'])).then(|| dir.join(rest))
}

/// The text the widget would get: UTF-8 (bad bytes as U+FFFD, as `fetch`'s
/// `text()` does), and notes about how it is served.
fn load(url: &str, file: Option<&Path>) -> Result<(String, Vec<String>), String> {
    if let Some(path) = file {
        let bytes =
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        return Ok((String::from_utf8_lossy(&bytes).into_owned(), Vec::new()));
    }
    match fetch::get(url, None)? {
        fetch::Fetched::NotModified => Err(format!("GET {url} answered 304 to a plain request")),
        fetch::Fetched::Body { bytes, cors, .. } => {
            let mut notes = Vec::new();
            if cors.is_none() {
                notes.push("the server sends no Access-Control-Allow-Origin header: a widget on another origin cannot read this feed (serve it from the partner's own origin, or add the header; see docs/publishing.md)".to_owned());
            }
            Ok((String::from_utf8_lossy(&bytes).into_owned(), notes))
        }
    }
}
