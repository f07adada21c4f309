//! Reading a source into the core's feed model (`news_core::feed::Feed`).
//!
//! RSS 0.9x/1.0/2.0 and Atom go through `feed-rs`; a JSON Feed source goes
//! through the widget's own reader, so its `_news` fields survive. Either
//! way the result is what the widget itself would hold, and one writer
//! ([`crate::pages`]) turns it into JSON.

use crate::Options;
use feed_rs::model;
use news_core::feed::{Content, Feed, Item, MAX_TEXT_CHARS};
use news_core::sanitize::{self, Node};
use news_core::url;

/// A source read into the core model, with what was left out and why.
#[derive(Debug)]
pub struct Read {
    /// The feed as the widget would hold it (ids may still be empty).
    pub feed: Feed,
    /// Entries left out and fields the widget's reader dropped, with reasons.
    pub notes: Vec<String>,
}

/// Reads an RSS, Atom or JSON Feed document. `base` resolves relative
/// links (the URL the source was fetched from, or `--base`).
pub fn read(bytes: &[u8], base: Option<&str>, options: &Options) -> Result<Read, String> {
    let mut read = if looks_like_json(bytes) {
        read_json_feed(bytes, base)?
    } else {
        read_xml(bytes, base)?
    };
    let feed = &mut read.feed;
    if options.title.is_some() {
        feed.title.clone_from(&options.title);
    }
    if options.site.is_some() {
        feed.site.clone_from(&options.site);
    }
    if options.section.is_some() {
        feed.section.clone_from(&options.section);
    }
    if let Some(source) = &options.source {
        for item in &mut feed.items {
            item.source = Some(source.clone());
        }
    }
    Ok(read)
}

fn looks_like_json(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// A JSON Feed, read by the widget's reader: same rules, same warnings.
fn read_json_feed(bytes: &[u8], base: Option<&str>) -> Result<Read, String> {
    let text = String::from_utf8_lossy(bytes);
    let parsed = news_core::feed::parse(&text, base.unwrap_or_default())
        .map_err(|reason| format!("the source is not a usable JSON Feed: {reason}"))?;
    Ok(Read {
        feed: parsed.feed,
        notes: parsed.warnings,
    })
}

/// RSS or Atom, through feed-rs.
fn read_xml(bytes: &[u8], base: Option<&str>) -> Result<Read, String> {
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        // No invented ids: an entry without one gets ours (see `pages`),
        // which is stable across runs, unlike feed-rs's UUID fallback.
        .id_generator(|_, _, _| String::new())
        .build();
    let decoded = crate::decode::to_utf8(bytes);
    let mut notes: Vec<String> = decoded.note.into_iter().collect();
    let text = decoded.text.as_bytes();
    let parsed = match as_current_rss(text) {
        Some(upgraded) => parser.parse(upgraded.as_slice()),
        None => parser.parse(text),
    };
    let source = parsed.map_err(|e| {
        format!("the source is not an RSS, Atom or JSON Feed document ({e}); check that SOURCE is the feed itself, not a web page")
    })?;
    let feed_base = base.map(str::to_owned);
    let items = source
        .entries
        .iter()
        .enumerate()
        .filter_map(|(index, entry)| {
            let item = entry_item(entry, feed_base.as_deref());
            if item.is_none() {
                notes.push(format!(
                    "entry {} skipped: it has no title and no body",
                    index + 1
                ));
            }
            item
        })
        .collect();
    let home_page_url = source
        .links
        .iter()
        .filter(|l| is_page_link(l))
        .find_map(|l| url::resolve_web(feed_base.as_deref(), &l.href));
    Ok(Read {
        feed: Feed {
            title: source.title.as_ref().and_then(text_of),
            language: source.language.as_deref().and_then(one_line),
            home_page_url,
            items,
            ..Feed::default()
        },
        notes,
    })
}

/// The RSS versions feed-rs does not know, as the ones it reads: 0.90
/// (RDF in Netscape's namespace) as 1.0, and 0.93, 0.94 or no version at
/// all as 2.0 (each is a subset of the next). Only the root element's start
/// tag changes; `None` when there is nothing to change.
fn as_current_rss(bytes: &[u8]) -> Option<Vec<u8>> {
    const RSS_090_NS: &[u8] = b"http://my.netscape.com/rdf/simple/0.9/";
    const RSS_10_NS: &[u8] = b"http://purl.org/rss/1.0/";
    let start = root_start(bytes)?;
    let end = start + find(bytes.get(start..)?, b">")?;
    let tag = bytes.get(start..end)?;
    let upgraded = if tag.starts_with(b"<rdf:RDF") {
        // (any other root is left alone)
        let at = find(tag, RSS_090_NS)?;
        [tag.get(..at)?, RSS_10_NS, tag.get(at + RSS_090_NS.len()..)?].concat()
    } else if tag.starts_with(b"<rss") && tag.get(4).is_some_and(u8::is_ascii_whitespace)
        || tag == b"<rss"
    {
        // `<rss version="…"`: the value's span, if the attribute is there.
        let value = find(tag, b"version=").and_then(|at| {
            let quote = *tag.get(at + 8)?;
            let len = find(tag.get(at + 9..)?, &[quote])?;
            Some((at, at + 9 + len + 1, tag.get(at + 9..at + 9 + len)?))
        });
        let without = match value {
            Some((_, _, b"2.0" | b"0.91" | b"0.92" | b"")) => return None,
            Some((from, to, _)) => [tag.get(..from)?, tag.get(to..)?].concat(),
            None => tag.to_vec(),
        };
        [b"<rss version=\"2.0\"", without.get(4..)?].concat()
    } else {
        return None;
    };
    Some([bytes.get(..start)?, &upgraded, bytes.get(end..)?].concat())
}

/// Where the root element's start tag begins: the first `<` and a letter
/// outside comments (the prolog and a DOCTYPE start with `<?` and `<!`).
fn root_start(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    loop {
        at += find(bytes.get(at..)?, b"<")?;
        let rest = bytes.get(at..)?;
        if rest.starts_with(b"<!--") {
            at += find(rest, b"-->")? + 3;
        } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            return Some(at);
        } else {
            at += 1;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// One entry as a widget item; `None` without a title and a body. The id
/// is the entry's own (guid, Atom id) or empty, for [`crate::pages`] to
/// fill in.
fn entry_item(entry: &model::Entry, base: Option<&str>) -> Option<Item> {
    let title = entry.title.as_ref().and_then(text_of);
    let link = entry
        .links
        .iter()
        .filter(|l| is_page_link(l))
        .find_map(|l| url::resolve_web(base, &l.href));
    let summary_html = entry.summary.as_ref().filter(|s| is_html(&s.content_type));
    let (content, summary) = match entry.content.as_ref().and_then(content_of) {
        Some(content) => (content, entry.summary.as_ref().and_then(text_of)),
        // No content element: the description is the body, and the widget
        // shows an excerpt of it on the card.
        None => match &entry.summary {
            Some(summary) if summary_html.is_some() => (html_body(&summary.content), None),
            Some(summary) => (text_body(&summary.content), None),
            None => (Content::None, None),
        },
    };
    if title.is_none() && content == Content::None {
        return None;
    }
    let image = image_of(entry, &content, link.as_deref().or(base));
    let published = entry.published.or(entry.updated);
    let modified = entry.updated.filter(|u| Some(*u) != published);
    let mut tags: Vec<String> = Vec::new();
    for category in &entry.categories {
        let name = category.label.as_deref().unwrap_or(&category.term);
        if let Some(tag) = one_line(name) {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    Some(Item {
        id: entry.id.trim().to_owned(),
        url: link,
        title,
        summary,
        image,
        published: published.map(|d| d.timestamp_millis()),
        modified: modified.map(|d| d.timestamp_millis()),
        content,
        authors: entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().and_then(one_line))
            .collect(),
        tags,
        ..Item::default()
    })
}

/// A link to the article page (not an enclosure, a comments feed or `self`).
fn is_page_link(link: &model::Link) -> bool {
    matches!(link.rel.as_deref(), None | Some("alternate"))
        && link.target.is_none()
        && link
            .media_type
            .as_deref()
            .is_none_or(|t| t.contains("html") || t.is_empty())
}

/// `text/html` or XHTML (Atom `type="html"`/`"xhtml"`, `content:encoded`).
fn is_html(media_type: &impl std::fmt::Display) -> bool {
    let full = media_type.to_string().to_ascii_lowercase();
    let essence = full.split(';').next().unwrap_or_default().trim();
    matches!(
        essence,
        "text/html" | "application/xhtml+xml" | "text/xhtml"
    )
}

/// The body of an entry's content element (an out-of-line `src` has none).
fn content_of(content: &model::Content) -> Option<Content> {
    let body = content.body.as_deref()?;
    let made = if is_html(&content.content_type) {
        html_body(body)
    } else {
        text_body(body)
    };
    (made != Content::None).then_some(made)
}

fn html_body(html: &str) -> Content {
    if html.trim().is_empty() {
        return Content::None;
    }
    Content::Html(cut(html, MAX_TEXT_CHARS))
}

fn text_body(text: &str) -> Content {
    if text.trim().is_empty() {
        return Content::None;
    }
    Content::Text(cut(text.trim(), MAX_TEXT_CHARS))
}

/// A text field as a reader sees it: markup (Atom `type="html"`) reduced to
/// its text by the widget's sanitizer, whitespace runs made one space.
fn text_of(text: &model::Text) -> Option<String> {
    if is_html(&text.content_type) {
        one_line(&sanitize::text_content(&sanitize::sanitize(
            &text.content,
            None,
        )))
    } else {
        one_line(&text.content)
    }
}

fn one_line(text: &str) -> Option<String> {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then_some(joined)
}

/// At most `max` chars, cut on a char boundary.
fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text.get(..end).unwrap_or(text).to_owned(),
        None => text.to_owned(),
    }
}

/// The entry's picture: an image enclosure or `media:content`, else a
/// `media:thumbnail`, else the first `<img>` of the body (as the widget's
/// sanitizer reads it, so only an image the article shows).
fn image_of(entry: &model::Entry, content: &Content, base: Option<&str>) -> Option<String> {
    let media = entry.media.iter();
    let from_content = media.clone().flat_map(|m| &m.content).find_map(|c| {
        let address = c.url.as_ref()?.as_str();
        let is_image = match &c.content_type {
            Some(t) => t.to_string().to_ascii_lowercase().starts_with("image/"),
            None => has_image_extension(address),
        };
        is_image.then(|| url::resolve_web(base, address)).flatten()
    });
    let thumbnail = || {
        media
            .clone()
            .flat_map(|m| &m.thumbnails)
            .find_map(|t| url::resolve_web(base, &t.image.uri))
    };
    let first_img = || match content {
        Content::Html(html) => first_image(&sanitize::sanitize(html, base)),
        _ => None,
    };
    from_content.or_else(thumbnail).or_else(first_img)
}

fn has_image_extension(address: &str) -> bool {
    let path = address.split(['?', '#']).next().unwrap_or_default();
    let lower = path.to_ascii_lowercase();
    [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

fn first_image(nodes: &[Node]) -> Option<String> {
    nodes.iter().find_map(|node| match node {
        Node::Text(_) => None,
        Node::Element(e) if e.tag == "img" => e
            .attrs
            .iter()
            .find(|(name, _)| *name == "src")
            .map(|(_, value)| value.clone()),
        Node::Element(e) => first_image(&e.children),
    })
}
