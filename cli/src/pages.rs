//! From the core's feed model to the JSON Feed pages the widget reads:
//! stable ids, related items, paging, and one writer for the JSON text.
//!
//! Every page is read back with `news_core::feed::parse`, the widget's own
//! reader, before anything is written: a page the widget would refuse is
//! never published.

use news_core::date::{self, EpochMillis};
use news_core::feed::{self, Content, Credits, Crumb, Feed, Item};
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::HashMap;

/// `--page-size` when not given (SPEC §9).
pub const DEFAULT_PAGE_SIZE: usize = 50;
/// Most related ids per item: the most `data-related` can ask for.
pub const RELATED_IDS: usize = 20;
/// Longer ids (links with long queries, say) are replaced by their hash,
/// well below the widget's cut at `MAX_LINE_CHARS`.
const MAX_ID_CHARS: usize = 200;
/// A page stops growing at this size, half the widget's limit, so a page
/// of huge articles still loads (and loads fast).
pub const MAX_PAGE_BYTES: usize = feed::MAX_FEED_BYTES / 2;
/// The URL the pages are checked against: they only hold absolute URLs,
/// except `next_url`, which is relative to the page itself.
const CHECK_URL: &str = "https://feed.invalid/feed.json";

/// One output file.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// `feed.json`, `feed-2.json`, …
    pub name: String,
    /// The JSON Feed text.
    pub text: String,
}

/// The pages of a feed and what was changed on the way.
#[derive(Debug)]
pub struct Built {
    /// `feed.json` first.
    pub pages: Vec<Page>,
    /// Items over all pages.
    pub items: usize,
    /// Entries left out (duplicate ids), and anything the widget would warn about.
    pub notes: Vec<String>,
}

/// The file name of page `number` (1-based).
pub fn page_name(number: usize) -> String {
    if number <= 1 {
        "feed.json".to_owned()
    } else {
        format!("feed-{number}.json")
    }
}

/// Ids, related items and pages of at most `page_size` items. An empty feed
/// is an error: publishing it would replace a good feed by nothing.
pub fn build(mut source: Feed, page_size: usize) -> Result<Built, String> {
    let mut notes = Vec::new();
    let items = with_ids(std::mem::take(&mut source.items), &mut notes);
    if items.is_empty() {
        return Err("the source has no entry with a title or a body, so there is nothing to publish (the folder is left as it was)".to_owned());
    }
    let related = related_ids(&items);
    let mut serialized = Vec::with_capacity(items.len());
    for (item, related) in items.iter().zip(&related) {
        let text = serde_json::to_string(&ItemOut::new(item, related))
            .map_err(|e| format!("cannot write item \"{}\" as JSON: {e}", item.id))?;
        serialized.push(text);
    }
    let chunks = chunk(&serialized, page_size.max(1));
    let count = chunks.len();
    let mut pages = Vec::with_capacity(count);
    for (index, chunk) in chunks.into_iter().enumerate() {
        let number = index + 1;
        let raw = chunk
            .iter()
            .map(|text| RawValue::from_string((*text).clone()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("cannot write page {number}: {e}"))?;
        let head = PageOut {
            version: "https://jsonfeed.org/version/1.1",
            title: source.title.as_deref().unwrap_or("News"),
            home_page_url: source.home_page_url.as_deref(),
            language: source.language.as_deref(),
            next_url: (number < count).then(|| page_name(number + 1)),
            news: FeedNews {
                site: source.site.as_deref(),
                section: source.section.as_deref(),
            },
            items: raw,
        };
        let text = serde_json::to_string_pretty(&head)
            .map_err(|e| format!("cannot write page {number}: {e}"))?;
        let name = page_name(number);
        let checked = feed::parse(&text, CHECK_URL)
            .map_err(|reason| format!("{name} would not be read by the widget: {reason}"))?;
        notes.extend(
            checked
                .warnings
                .into_iter()
                .map(|w| format!("{name}: the widget will warn: {w}")),
        );
        pages.push(Page { name, text });
    }
    Ok(Built {
        pages,
        items: items.len(),
        notes,
    })
}

/// Gives every item a stable id: its own (guid, Atom id), else its link,
/// else a hash of its title and body. A later item with an id already used
/// is the same article again and is left out.
fn with_ids(items: Vec<Item>, notes: &mut Vec<String>) -> Vec<Item> {
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(items.len());
    for (index, mut item) in items.into_iter().enumerate() {
        let own = Some(item.id.trim())
            .filter(|id| !id.is_empty())
            .or(item.url.as_deref())
            .map(str::to_owned);
        item.id = match own {
            Some(id) if id.chars().count() <= MAX_ID_CHARS => id,
            Some(long) => hashed_id(&[&long]),
            None => content_id(&item),
        };
        if seen.insert(item.id.clone()) {
            kept.push(item);
        } else {
            notes.push(format!(
                "entry {} left out: its id \"{}\" is used by an earlier entry",
                index + 1,
                item.id
            ));
        }
    }
    kept
}

fn content_id(item: &Item) -> String {
    let body = match &item.content {
        Content::Html(text) | Content::Text(text) => text.as_str(),
        Content::None => "",
    };
    hashed_id(&[
        item.title.as_deref().unwrap_or_default(),
        item.summary.as_deref().unwrap_or_default(),
        body,
    ])
}

/// `h-` and the FNV-1a hash of the parts, each followed by a NUL, in hex:
/// the same on every run, machine and Rust version, unlike std's hasher.
pub fn hashed_id(parts: &[&str]) -> String {
    let hash = fnv1a64(parts.iter().flat_map(|part| part.bytes().chain([0])));
    format!("h-{hash:016x}")
}

/// The 64-bit FNV-1a hash.
pub fn fnv1a64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes.into_iter().fold(OFFSET, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(PRIME)
    })
}

/// For each item, the ids of the newest other items sharing a tag (at most
/// [`RELATED_IDS`]). Each tag keeps its newest few, so this stays linear in
/// the number of items.
fn related_ids(items: &[Item]) -> Vec<Vec<String>> {
    let newest_first = |a: &usize, b: &usize| {
        let date = |i: &usize| items.get(*i).and_then(|item| item.published);
        date(b).cmp(&date(a)).then(a.cmp(b))
    };
    let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        for tag in &item.tags {
            by_tag.entry(tag.as_str()).or_default().push(index);
        }
    }
    for list in by_tag.values_mut() {
        list.sort_by(newest_first);
        list.truncate(RELATED_IDS + 1);
    }
    items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let mut candidates: Vec<usize> = item
                .tags
                .iter()
                .filter_map(|tag| by_tag.get(tag.as_str()))
                .flatten()
                .copied()
                .filter(|other| *other != index)
                .collect();
            candidates.sort_by(newest_first);
            candidates.dedup();
            candidates
                .into_iter()
                .take(RELATED_IDS)
                .filter_map(|i| items.get(i).map(|other| other.id.clone()))
                .collect()
        })
        .collect()
}

/// Consecutive runs of at most `size` items and [`MAX_PAGE_BYTES`] bytes
/// (a single bigger item still gets a page of its own).
fn chunk(serialized: &[String], size: usize) -> Vec<Vec<&String>> {
    let mut chunks: Vec<Vec<&String>> = Vec::new();
    let mut current: Vec<&String> = Vec::new();
    let mut bytes = 0;
    for text in serialized {
        if !current.is_empty() && (current.len() >= size || bytes + text.len() > MAX_PAGE_BYTES) {
            chunks.push(std::mem::take(&mut current));
            bytes = 0;
        }
        bytes += text.len() + 2;
        current.push(text);
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// RFC 3339 in UTC (`2024-06-09T00:52:00Z`, milliseconds when there are
/// some), or `None` outside the years 0000–9999 the widget reads.
pub fn rfc3339(millis: EpochMillis) -> Option<String> {
    let days = millis.div_euclid(86_400_000);
    let in_day = millis.rem_euclid(86_400_000);
    // Days to civil date (Howard Hinnant's algorithm, proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if !(0..=9999).contains(&year) {
        return None;
    }
    let (h, m, s, ms) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    let text = if ms == 0 {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
    };
    // Only what the widget reads back to the same instant is written.
    (date::parse_rfc3339(&text) == Some(millis)).then_some(text)
}

#[derive(Serialize)]
struct PageOut<'a> {
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    home_page_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<String>,
    #[serde(rename = "_news", skip_serializing_if = "FeedNews::is_empty")]
    news: FeedNews<'a>,
    items: Vec<Box<RawValue>>,
}

#[derive(Serialize)]
struct FeedNews<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    site: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
}

impl FeedNews<'_> {
    fn is_empty(&self) -> bool {
        self.site.is_none() && self.section.is_none()
    }
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(rename = "_news", skip_serializing_if = "ItemNews::is_empty")]
    news: ItemNews<'a>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct ItemNews<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "<[CrumbOut]>::is_empty")]
    breadcrumb: Vec<CrumbOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    views: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    views_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credits: Option<CreditsOut<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    related: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    related_url: Option<&'a str>,
}

impl ItemNews<'_> {
    fn is_empty(&self) -> bool {
        self.section.is_none()
            && self.breadcrumb.is_empty()
            && self.source.is_none()
            && self.views.is_none()
            && self.views_url.is_none()
            && self.credits.is_none()
            && self.related.is_empty()
            && self.related_url.is_none()
    }
}

#[derive(Serialize)]
struct CrumbOut<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct CreditsOut<'a> {
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    text: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    photo: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    editor: &'a [String],
}

impl<'a> ItemOut<'a> {
    /// `related` replaces the item's own list when the source named none.
    fn new(item: &'a Item, related: &'a [String]) -> Self {
        let (content_html, content_text) = match &item.content {
            Content::Html(html) => (Some(html.as_str()), None),
            Content::Text(text) => (None, Some(text.as_str())),
            Content::None => (None, None),
        };
        let credits: &Credits = &item.credits;
        ItemOut {
            id: &item.id,
            url: item.url.as_deref(),
            title: item.title.as_deref(),
            summary: item.summary.as_deref(),
            image: item.image.as_deref(),
            date_published: item.published.and_then(rfc3339),
            date_modified: item.modified.and_then(rfc3339),
            content_html,
            content_text,
            authors: item.authors.iter().map(|name| Author { name }).collect(),
            tags: &item.tags,
            news: ItemNews {
                section: item.section.as_deref(),
                breadcrumb: item.breadcrumb.iter().map(CrumbOut::from).collect(),
                source: item.source.as_deref(),
                views: item.views,
                views_url: item.views_url.as_deref(),
                credits: (!credits.is_empty()).then_some(CreditsOut {
                    text: &credits.text,
                    photo: &credits.photo,
                    editor: &credits.editor,
                }),
                related: if item.related.is_empty() {
                    related
                } else {
                    &item.related
                },
                related_url: item.related_url.as_deref(),
            },
        }
    }
}

impl<'a> From<&'a Crumb> for CrumbOut<'a> {
    fn from(crumb: &'a Crumb) -> Self {
        CrumbOut {
            title: &crumb.title,
            url: crumb.url.as_deref(),
        }
    }
}
