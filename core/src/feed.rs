//! The feed model: JSON Feed 1.1 plus the `_news` extension (SPEC §4).
//!
//! The feed is untrusted. A document that is not a JSON Feed is an error with
//! the reason; otherwise the feed survives its bad parts: an invalid item is
//! dropped, an invalid optional field is ignored, each with a warning naming
//! the item's index. URLs come out absolute (resolved against the feed URL)
//! and web-only, text is capped in length, so the rest of the widget can
//! trust every [`Feed`] it holds.

use crate::date::{self, EpochMillis};
use crate::json::{self, Json};
use crate::url::{self, Resolve};

/// Larger bodies are refused before parsing.
pub const MAX_FEED_BYTES: usize = 16 * 1024 * 1024;
/// Items beyond this many are ignored (with one warning).
pub const MAX_ITEMS: usize = 5000;
/// Titles and other one-line texts are cut to this many characters.
pub const MAX_LINE_CHARS: usize = 500;
/// Summaries and plain-text bodies are cut to this many characters.
pub const MAX_TEXT_CHARS: usize = 200_000;

#[derive(Debug, Clone, PartialEq, Default)]
/// A validated JSON Feed: only usable items and fields are left.
pub struct Feed {
    /// `title`.
    pub title: Option<String>,
    /// `language` (a BCP 47 tag).
    pub language: Option<String>,
    /// `home_page_url`, resolved and checked.
    pub home_page_url: Option<String>,
    /// `next_url`: the next page of items, resolved and checked.
    pub next_url: Option<String>,
    /// `_news.site`: the publisher's name, the default source of its items.
    pub site: Option<String>,
    /// `_news.section`: the default section of its items.
    pub section: Option<String>,
    /// The usable items, in feed order, ids unique.
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Default)]
/// A usable item: it has an id and a title or a body.
pub struct Item {
    /// `id` (numbers turned into strings).
    pub id: String,
    /// `url`, resolved against the feed URL and checked.
    pub url: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `summary`.
    pub summary: Option<String>,
    /// `image`, resolved and checked.
    pub image: Option<String>,
    /// `date_published`.
    pub published: Option<EpochMillis>,
    /// `date_modified`.
    pub modified: Option<EpochMillis>,
    /// The body.
    pub content: Content,
    /// Author names.
    pub authors: Vec<String>,
    /// `tags`.
    pub tags: Vec<String>,
    /// `_news.section`.
    pub section: Option<String>,
    /// `_news.breadcrumb`.
    pub breadcrumb: Vec<Crumb>,
    /// `_news.source`.
    pub source: Option<String>,
    /// `_news.views`.
    pub views: Option<u64>,
    /// `_news.views_url`, fetched when the article opens.
    pub views_url: Option<String>,
    /// `_news.credits`.
    pub credits: Credits,
    /// `_news.related`: ids of related items.
    pub related: Vec<String>,
    /// `_news.related_url`: a JSON Feed of related items.
    pub related_url: Option<String>,
}

/// The article body: sanitized later if HTML, always shown as text otherwise.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Content {
    /// `content_html`, sanitized when shown.
    Html(String),
    /// `content_text`, shown as text.
    Text(String),
    #[default]
    /// No body.
    None,
}

#[derive(Debug, Clone, PartialEq)]
/// One step of `_news.breadcrumb`.
pub struct Crumb {
    /// The step's name.
    pub title: String,
    /// Its link, resolved and checked.
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
/// `_news.credits`: who wrote, photographed and edited.
pub struct Credits {
    /// Text by.
    pub text: Vec<String>,
    /// Photos by.
    pub photo: Vec<String>,
    /// Edited by.
    pub editor: Vec<String>,
}

impl Credits {
    /// Whether there is no credit at all.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.photo.is_empty() && self.editor.is_empty()
    }
}

/// A usable feed and what was wrong with parts of it.
#[derive(Debug)]
pub struct Parsed {
    /// The feed.
    pub feed: Feed,
    /// One message per dropped item or field, with its reason.
    pub warnings: Vec<String>,
}

/// Parses and validates a whole feed at once (see [`begin`] for big ones),
/// resolving its URLs against `feed_url` with the core's resolver.
pub fn parse(text: &str, feed_url: &str) -> Result<Parsed, String> {
    parse_with(text, Box::new(url::Base::new(Some(feed_url))))
}

/// [`parse`], with URLs resolved by `base` (the widget's is the browser's).
pub fn parse_with(text: &str, base: Box<dyn Resolve>) -> Result<Parsed, String> {
    let mut reading = begin_with(text, base)?;
    while !reading.step(usize::MAX) {}
    Ok(reading.finish())
}

/// A feed read in steps, so that a big one never blocks the page for long:
/// [`begin`] parses the JSON and the feed's own fields, each [`Reading::step`]
/// validates some items (and frees their JSON), [`Reading::finish`] gives the
/// result.
pub struct Reading<'a> {
    reader: Reader,
    feed: Feed,
    items: std::iter::Enumerate<std::vec::IntoIter<Json<'a>>>,
    /// Indexes into `feed.items`, sorted by id: finds duplicate ids with a
    /// binary search (a fraction of the code a set type costs in the wasm).
    by_id: Vec<usize>,
}

/// Parses the JSON text of a feed and reads the feed's own fields. Errors
/// say why the text is not a usable JSON Feed.
pub fn begin<'a>(text: &'a str, feed_url: &str) -> Result<Reading<'a>, String> {
    begin_with(text, Box::new(url::Base::new(Some(feed_url))))
}

/// [`begin`], with URLs resolved by `base`.
fn begin_with(text: &str, base: Box<dyn Resolve>) -> Result<Reading<'_>, String> {
    check_size(text)?;
    from_json(json::parse(text).map_err(not_json)?, base)
}

/// Refuses a feed text over [`MAX_FEED_BYTES`] before any parsing.
pub fn check_size(text: &str) -> Result<(), String> {
    if text.len() > MAX_FEED_BYTES {
        return Err(format!(
            "the feed is larger than {} MB",
            MAX_FEED_BYTES / (1024 * 1024)
        ));
    }
    Ok(())
}

/// The message for a feed text that is not JSON.
pub fn not_json(error: json::JsonError) -> String {
    format!("the feed is not valid JSON: {error}")
}

/// Reads the feed's own fields from its parsed JSON (for a caller that
/// parsed it in steps, see [`json::Parse`]).
pub fn from_json(mut root: Json<'_>, base: Box<dyn Resolve>) -> Result<Reading<'_>, String> {
    if !matches!(root, Json::Obj(_)) {
        return Err(format!(
            "the feed is {} in JSON, not a JSON Feed object",
            root.kind()
        ));
    }
    match root.get("version").and_then(Json::as_str) {
        Some(version) if is_json_feed_version(version) => {}
        Some(version) => {
            let shown: String = version.chars().take(80).collect();
            return Err(format!("\"version\" is \"{shown}\", not a JSON Feed version (https://jsonfeed.org/version/1.1)"));
        }
        None => {
            return Err(
                "the document has no JSON Feed \"version\" (https://jsonfeed.org/version/1.1)"
                    .to_owned(),
            )
        }
    }
    let Some(Json::Arr(mut items)) = root.take("items") else {
        return Err("the feed has no \"items\" list".to_owned());
    };
    let mut reader = Reader {
        base,
        warnings: Vec::new(),
        place: String::from("feed"),
    };
    let (site, section) = match reader.object(&mut root, "_news") {
        Some(news) => reader.within("_news", |r| (r.line(news, "site"), r.line(news, "section"))),
        None => (None, None),
    };
    let feed = Feed {
        title: reader.line(&mut root, "title"),
        language: reader.line(&mut root, "language"),
        home_page_url: reader.url(&mut root, "home_page_url"),
        next_url: reader.url(&mut root, "next_url"),
        site,
        section,
        items: Vec::new(),
    };
    if items.len() > MAX_ITEMS {
        reader.warnings.push(format!(
            "the feed has {} items; only the first {MAX_ITEMS} are read",
            items.len()
        ));
        items.truncate(MAX_ITEMS);
    }
    Ok(Reading {
        reader,
        feed,
        items: items.into_iter().enumerate(),
        by_id: Vec::new(),
    })
}

impl Reading<'_> {
    /// Reads up to `count` more items; `true` once every item is read.
    pub fn step(&mut self, count: usize) -> bool {
        for (index, mut value) in self.items.by_ref().take(count) {
            let reader = &mut self.reader;
            reader.place = format!("items[{index}]");
            let items = &mut self.feed.items;
            match reader.item(&mut value) {
                Ok(item) => match self.by_id.binary_search_by(|&known| {
                    let known = items.get(known).map(|k| k.id.as_str());
                    known.cmp(&Some(item.id.as_str()))
                }) {
                    Ok(_) => reader.warnings.push(format!(
                        "items[{index}] dropped: the id \"{}\" is used by an earlier item",
                        item.id
                    )),
                    Err(place) => {
                        self.by_id.insert(place, items.len());
                        items.push(item);
                    }
                },
                Err(reason) => reader
                    .warnings
                    .push(format!("items[{index}] dropped: {reason}")),
            }
        }
        self.items.len() == 0
    }

    /// The feed with the items read so far, and every warning.
    pub fn finish(self) -> Parsed {
        Parsed {
            feed: self.feed,
            warnings: self.reader.warnings,
        }
    }
}

fn is_json_feed_version(version: &str) -> bool {
    let rest = version
        .strip_prefix("https://")
        .or_else(|| version.strip_prefix("http://"));
    matches!(
        rest,
        Some("jsonfeed.org/version/1" | "jsonfeed.org/version/1.1")
    )
}

/// Reads fields, collecting warnings tagged with the current place (`feed`,
/// `items[3]`, `items[3]._news`), so each names the item and the field.
struct Reader {
    base: Box<dyn Resolve>,
    warnings: Vec<String>,
    place: String,
}

impl Reader {
    fn warn(&mut self, field: &str, problem: &str) {
        self.warnings
            .push(format!("{}.{field} ignored: {problem}", self.place));
    }

    /// Runs `read` with `.field` added to the place.
    fn within<T>(&mut self, field: &str, read: impl FnOnce(&mut Self) -> T) -> T {
        let len = self.place.len();
        self.place.push('.');
        self.place.push_str(field);
        let out = read(self);
        self.place.truncate(len);
        out
    }

    // The accessors take `&mut Json` so that texts, bodies above all, move
    // out of the tree into the item without a copy.

    /// An object field; another type is warned about, null is absent.
    fn object<'j, 'a>(&mut self, obj: &'j mut Json<'a>, key: &str) -> Option<&'j mut Json<'a>> {
        match obj.get_mut(key)? {
            Json::Null => None,
            value @ Json::Obj(_) => Some(value),
            other => {
                self.warn(key, &format!("it is {}, not an object", other.kind()));
                None
            }
        }
    }

    /// A list field; another type is warned about, null is absent.
    fn array<'j, 'a>(&mut self, obj: &'j mut Json<'a>, key: &str) -> Option<&'j mut [Json<'a>]> {
        match obj.get_mut(key)? {
            Json::Null => None,
            Json::Arr(values) => Some(values),
            other => {
                self.warn(key, &format!("it is {}, not a list", other.kind()));
                None
            }
        }
    }

    /// A string field; wrong types are warned about, blanks are absent.
    fn string(&mut self, obj: &mut Json, key: &str, max_chars: usize) -> Option<String> {
        match obj.get_mut(key)? {
            Json::Null => None,
            Json::Str(s) => clean_text(std::mem::take(s).into_owned(), max_chars),
            other => {
                let problem = format!("it is {}, not a string", other.kind());
                self.warn(key, &problem);
                None
            }
        }
    }

    fn line(&mut self, obj: &mut Json, key: &str) -> Option<String> {
        self.string(obj, key, MAX_LINE_CHARS)
    }

    /// An http(s) URL, resolved against the feed URL.
    fn url(&mut self, obj: &mut Json, key: &str) -> Option<String> {
        let raw = self.string(obj, key, 4096)?;
        let resolved = self.base.resolve_web(&raw);
        if resolved.is_none() {
            let shown: String = raw.chars().take(80).collect();
            self.warn(key, &format!("\"{shown}\" is not an http(s) URL"));
        }
        resolved
    }

    fn date(&mut self, obj: &mut Json, key: &str) -> Option<EpochMillis> {
        let raw = self.string(obj, key, 64)?;
        let parsed = date::parse_rfc3339(&raw);
        if parsed.is_none() {
            self.warn(key, &format!("\"{raw}\" is not an RFC 3339 date"));
        }
        parsed
    }

    /// A list of names or ids: strings (and numbers, as text). Blank
    /// strings are absent; entries of other types are warned about.
    fn list(&mut self, obj: &mut Json, key: &str) -> Vec<String> {
        let mut out = Vec::new();
        for (index, value) in self
            .array(obj, key)
            .unwrap_or_default()
            .iter_mut()
            .enumerate()
        {
            match value {
                Json::Str(s) => {
                    out.extend(clean_text(std::mem::take(s).into_owned(), MAX_LINE_CHARS))
                }
                Json::Num(n) => out.push((*n).to_owned()),
                other => self.warn(
                    &format!("{key}[{index}]"),
                    &format!("it is {}, not a string", other.kind()),
                ),
            }
        }
        out
    }

    /// The `name` of an author object (JSON Feed: `authors[]`, or `author`
    /// in version 1). An author with only a `url` or `avatar` is valid and
    /// has no name to show.
    fn author(&mut self, author: &mut Json, field: &str) -> Option<String> {
        if !matches!(author, Json::Obj(_)) {
            self.warn(field, &format!("it is {}, not an object", author.kind()));
            return None;
        }
        self.within(field, |r| r.line(author, "name"))
    }

    fn item(&mut self, value: &mut Json) -> Result<Item, String> {
        if !matches!(value, Json::Obj(_)) {
            return Err(format!("it is {}, not an object", value.kind()));
        }
        let id = match value.get("id") {
            Some(Json::Str(s)) if !s.trim().is_empty() => s.chars().take(MAX_LINE_CHARS).collect(),
            Some(Json::Num(n)) => (*n).to_owned(),
            _ => return Err("it has no \"id\"".to_owned()),
        };
        let title = self.line(value, "title");
        let html = self.string(value, "content_html", MAX_TEXT_CHARS);
        let text = self.string(value, "content_text", MAX_TEXT_CHARS);
        if title.is_none() && html.is_none() && text.is_none() {
            return Err("it has none of \"title\", \"content_html\", \"content_text\"".to_owned());
        }
        let content = match (html, text) {
            (Some(html), _) => Content::Html(html),
            (None, Some(text)) => Content::Text(text),
            (None, None) => Content::None,
        };
        let mut authors = Vec::new();
        for (index, author) in self
            .array(value, "authors")
            .unwrap_or_default()
            .iter_mut()
            .enumerate()
        {
            authors.extend(self.author(author, &format!("authors[{index}]")));
        }
        // Version 1's `author`, which 1.1 feeds repeat beside `authors`.
        let author = value.get_mut("author").filter(|a| !matches!(a, Json::Null));
        if let Some(author) = author.filter(|_| authors.is_empty()) {
            authors.extend(self.author(author, "author"));
        }
        let mut item = Item {
            id,
            url: self.url(value, "url"),
            title,
            summary: self.string(value, "summary", 2000),
            image: self.url(value, "image"),
            published: self.date(value, "date_published"),
            modified: self.date(value, "date_modified"),
            content,
            authors,
            tags: self.list(value, "tags"),
            ..Item::default()
        };
        if let Some(news) = self.object(value, "_news") {
            self.within("_news", |r| r.news(news, &mut item));
        }
        Ok(item)
    }

    /// The `_news` extension of one item.
    fn news(&mut self, news: &mut Json, item: &mut Item) {
        item.section = self.line(news, "section");
        item.source = self.line(news, "source");
        item.views = match news.get("views") {
            None | Some(Json::Null) => None,
            Some(v) => {
                let count = v.as_count();
                if count.is_none() {
                    self.warn("views", "it is not a whole number ≥ 0");
                }
                count
            }
        };
        item.views_url = self.url(news, "views_url");
        item.related_url = self.url(news, "related_url");
        item.related = self.list(news, "related");
        for (index, crumb) in self
            .array(news, "breadcrumb")
            .unwrap_or_default()
            .iter_mut()
            .enumerate()
        {
            let field = format!("breadcrumb[{index}]");
            if !matches!(crumb, Json::Obj(_)) {
                self.warn(&field, &format!("it is {}, not an object", crumb.kind()));
                continue;
            }
            let read = self.within(&field, |r| {
                let title = r.line(crumb, "title")?;
                Some(Crumb {
                    title,
                    url: r.url(crumb, "url"),
                })
            });
            match read {
                Some(crumb) => item.breadcrumb.push(crumb),
                None => self.warn(&field, "it has no \"title\""),
            }
        }
        if let Some(credits) = self.object(news, "credits") {
            item.credits = self.within("credits", |r| Credits {
                text: r.list(credits, "text"),
                photo: r.list(credits, "photo"),
                editor: r.list(credits, "editor"),
            });
        }
    }
}

/// Trims, drops blanks, and cuts to `max_chars` (with an ellipsis); a text
/// that needs none of it is kept as it is.
fn clean_text(s: String, max_chars: usize) -> Option<String> {
    let trimmed = s.trim();
    if trimmed.is_empty() {
        return None;
    }
    // Every char is at least one byte: short strings need no counting.
    if trimmed.len() > max_chars {
        if let Some((cut, _)) = trimmed.char_indices().nth(max_chars) {
            return Some(format!("{}…", trimmed.get(..cut).unwrap_or(trimmed)));
        }
    }
    if trimmed.len() == s.len() {
        Some(s)
    } else {
        Some(trimmed.to_owned())
    }
}

/// The `{"views": N}` answer of a `views_url`.
pub fn parse_views(text: &str) -> Option<u64> {
    json::parse(text).ok()?.get("views")?.as_count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://news.example.edu/feeds/home.json";

    fn wrap(items: &str) -> String {
        format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"主页新闻","items":[{items}]}}"#
        )
    }

    fn parse_ok(text: &str) -> Parsed {
        parse(text, URL).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_the_spec_example_in_full() {
        let text = r#"{
          "version": "https://jsonfeed.org/version/1.1",
          "title": "主页新闻", "language": "zh-CN",
          "home_page_url": "https://news.example.edu/",
          "_news": { "site": "交大新闻网", "section": "主页新闻" },
          "items": [{
            "id": "2024-06-09-neimenggu",
            "url": "https://news.example.edu/info/1002/12345.htm",
            "title": "张立群带队赴内蒙古自治区调研交流",
            "summary": "为推进校地合作……",
            "image": "https://news.example.edu/images/a.jpg",
            "date_published": "2024-06-09T08:52:00+08:00",
            "content_html": "<p>…</p>",
            "tags": ["校地合作"],
            "authors": [{"name": "李栋"}],
            "_news": {
              "section": "主页新闻",
              "breadcrumb": [{"title": "新闻网首页", "url": "https://news.example.edu/"},
                             {"title": "主页新闻", "url": "https://news.example.edu/zyxw.htm"}],
              "source": "交大新闻网",
              "views": 1024,
              "views_url": "https://news.example.edu/api/views?id=12345",
              "credits": {"text": ["党委宣传部 李栋"], "photo": ["党委宣传部 李栋"], "editor": ["张玥"]},
              "related": ["2024-06-01-x", "2024-05-28-y"],
              "related_url": "https://news.example.edu/feeds/related/12345.json"
            }
          }]
        }"#;
        let Parsed { feed, warnings } = parse_ok(text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(feed.title.as_deref(), Some("主页新闻"));
        assert_eq!(feed.language.as_deref(), Some("zh-CN"));
        assert_eq!(feed.site.as_deref(), Some("交大新闻网"));
        let item = &feed.items[0];
        assert_eq!(item.id, "2024-06-09-neimenggu");
        assert_eq!(item.published, Some(1_717_894_320_000));
        assert_eq!(item.content, Content::Html("<p>…</p>".into()));
        assert_eq!(item.tags, ["校地合作"]);
        assert_eq!(item.authors, ["李栋"]);
        assert_eq!(item.section.as_deref(), Some("主页新闻"));
        assert_eq!(item.breadcrumb.len(), 2);
        assert_eq!(
            item.breadcrumb[1].url.as_deref(),
            Some("https://news.example.edu/zyxw.htm")
        );
        assert_eq!(item.views, Some(1024));
        assert_eq!(item.credits.editor, ["张玥"]);
        assert_eq!(item.related, ["2024-06-01-x", "2024-05-28-y"]);
        assert_eq!(
            item.related_url.as_deref(),
            Some("https://news.example.edu/feeds/related/12345.json")
        );
    }

    #[test]
    fn a_non_feed_is_an_error_with_the_reason() {
        let cases = [
            ("<html>", "not valid JSON"),
            ("[1,2]", "an array in JSON, not a JSON Feed"),
            (r#"{"items":[]}"#, "no JSON Feed \"version\""),
            (
                r#"{"version":"https://example.com/rss","items":[]}"#,
                "not a JSON Feed version",
            ),
            (
                r#"{"version":"https://jsonfeed.org/version/1.1","items":{}}"#,
                "no \"items\" list",
            ),
            (
                r#"{"version":"https://jsonfeed.org/version/1.1","items":[}"#,
                "line 1, column",
            ),
        ];
        for (text, reason) in cases {
            let error = parse(text, URL).err().unwrap_or_default();
            assert!(error.contains(reason), "{text}: {error}");
        }
    }

    #[test]
    fn accepts_both_versions_over_http_and_https() {
        for v in [
            "https://jsonfeed.org/version/1",
            "http://jsonfeed.org/version/1.1",
        ] {
            let text = format!(r#"{{"version":"{v}","items":[]}}"#);
            assert!(parse(&text, URL).is_ok(), "{v}");
        }
    }

    #[test]
    fn invalid_items_are_dropped_with_their_index_and_the_feed_survives() {
        let text = wrap(
            r#"{"id":"a","title":"A"},
               {"title":"no id"},
               {"id":"  ","title":"blank id"},
               {"id":7,"content_text":"numeric id"},
               {"id":"b"},
               {"id":"c","title":"","content_html":"","content_text":""},
               {"id":"a","title":"again"},
               "not an object",
               {"id":{"x":1},"title":"object id"}"#,
        );
        let Parsed { feed, warnings } = parse_ok(&text);
        let ids: Vec<&str> = feed.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "7"]);
        let expected = [
            "items[1] dropped: it has no \"id\"",
            "items[2] dropped: it has no \"id\"",
            "items[4] dropped: it has none of",
            "items[5] dropped: it has none of",
            "items[6] dropped: the id \"a\" is used by an earlier item",
            "items[7] dropped: it is a string, not an object",
            "items[8] dropped: it has no \"id\"",
        ];
        assert_eq!(warnings.len(), expected.len(), "{warnings:?}");
        for (warning, start) in warnings.iter().zip(expected) {
            assert!(warning.starts_with(start), "{warning} / {start}");
        }
    }

    #[test]
    fn reading_in_steps_gives_what_parsing_at_once_gives() {
        let text = wrap(
            r#"{"id":"a","title":"A"},{"title":"no id"},{"id":"b","title":"B"},
               {"id":"a","title":"again"},{"id":"c","title":"C"}"#,
        );
        let at_once = parse_ok(&text);
        let mut reading = begin(&text, "https://news.example.edu/feeds/home.json").unwrap();
        let mut steps = 0;
        while !reading.step(2) {
            steps += 1;
            assert!(steps < 10, "step never finishes");
        }
        assert_eq!(steps, 2, "5 items, 2 per step: done on the 3rd");
        assert!(reading.step(2), "a finished reading stays finished");
        let stepped = reading.finish();
        assert_eq!(stepped.feed, at_once.feed);
        assert_eq!(stepped.warnings, at_once.warnings);
        assert_eq!(stepped.feed.items.len(), 3);
    }

    #[test]
    fn invalid_optional_fields_are_dropped_alone() {
        let text = wrap(
            r#"{"id":"a","title":"A","date_published":"yesterday","url":"javascript:alert(1)",
                "image":"data:image/png;base64,xx","tags":"solo","summary":42,
                "_news":{"views":-3,"views_url":"vbscript:x","breadcrumb":[{"title":"首页","url":"javascript:x"},{"url":"x"}]}},
               {"id":"b","title":"B","tags":{"a":1}}"#,
        );
        let Parsed { feed, warnings } = parse_ok(&text);
        let a = &feed.items[0];
        assert_eq!(
            (
                a.title.as_deref(),
                a.published,
                a.url.as_deref(),
                a.image.as_deref()
            ),
            (Some("A"), None, None, None)
        );
        assert!(a.tags.is_empty(), "a lone string is not a list");
        assert_eq!(
            (a.summary.as_deref(), a.views, a.views_url.as_deref()),
            (None, None, None)
        );
        assert_eq!(
            a.breadcrumb,
            [Crumb {
                title: "首页".into(),
                url: None
            }]
        );
        assert!(feed.items[1].tags.is_empty());
        for expected in [
            "items[0].date_published ignored: \"yesterday\" is not an RFC 3339 date",
            "items[0].url ignored: \"javascript:alert(1)\" is not an http(s) URL",
            "items[0].image ignored",
            "items[0].summary ignored: it is a number, not a string",
            "items[0]._news.views ignored",
            "items[0].tags ignored: it is a string, not a list",
            "items[0]._news.views_url ignored",
            "items[0]._news.breadcrumb[0].url ignored: \"javascript:x\"",
            "items[0]._news.breadcrumb[1] ignored: it has no \"title\"",
            "items[1].tags ignored: it is an object, not a list",
        ] {
            assert!(
                warnings.iter().any(|w| w.starts_with(expected)),
                "missing {expected}: {warnings:?}"
            );
        }
    }

    #[test]
    fn every_invalid_optional_field_is_named_in_a_warning() {
        let text = r#"{"version":"https://jsonfeed.org/version/1.1","_news":3,"items":[
            {"id":"a","title":"A","tags":"not-a-list"},
            {"id":"b","title":"B","tags":["ok",{"x":1},true,7,"  "],"authors":"Li","author":"Zhang"},
            {"id":"c","title":"C","authors":[{"name":"Li"},"Wang",{"name":5},{"url":"https://x/"}],
             "_news":{"breadcrumb":"home","credits":["x"],"related":"d"}},
            {"id":"d","title":"D","_news":{"breadcrumb":[{"title":"首页"},{"url":"/x"},"bad"],
             "credits":{"text":"李栋","photo":[1,["x"]]}}},
            {"id":"e","title":"E","_news":"section"}]}"#;
        let Parsed { feed, warnings } = parse_ok(text);
        let expected = [
            "feed._news ignored: it is a number, not an object",
            "items[0].tags ignored: it is a string, not a list",
            "items[1].tags[1] ignored: it is an object, not a string",
            "items[1].tags[2] ignored: it is a boolean, not a string",
            "items[1].authors ignored: it is a string, not a list",
            "items[1].author ignored: it is a string, not an object",
            "items[2].authors[1] ignored: it is a string, not an object",
            "items[2].authors[2].name ignored: it is a number, not a string",
            "items[2]._news.breadcrumb ignored: it is a string, not a list",
            "items[2]._news.credits ignored: it is an array, not an object",
            "items[2]._news.related ignored: it is a string, not a list",
            "items[3]._news.breadcrumb[1] ignored: it has no \"title\"",
            "items[3]._news.breadcrumb[2] ignored: it is a string, not an object",
            "items[3]._news.credits.text ignored: it is a string, not a list",
            "items[3]._news.credits.photo[1] ignored: it is an array, not a string",
            "items[4]._news ignored: it is a string, not an object",
        ];
        let mut sorted = warnings.clone();
        sorted.sort();
        let mut want: Vec<String> = expected.iter().map(|w| w.to_string()).collect();
        want.sort();
        assert_eq!(sorted, want);
        // Only the bad parts go: every item stays, with its good values.
        assert_eq!(feed.items.len(), 5);
        let [a, b, c, d, _] = &feed.items[..] else {
            panic!("5 items")
        };
        assert!(a.tags.is_empty());
        assert_eq!(b.tags, ["ok", "7"]);
        assert!(b.authors.is_empty());
        assert_eq!(
            c.authors,
            ["Li"],
            "an author with only a url is valid, not shown"
        );
        assert!(c.breadcrumb.is_empty() && c.credits.is_empty() && c.related.is_empty());
        assert_eq!(d.breadcrumb.len(), 1);
        assert_eq!(d.credits.photo, ["1"]);
    }

    #[test]
    fn version_1_author_counts_only_without_authors() {
        let text = wrap(
            r#"{"id":"a","title":"A","authors":[{"name":"李栋"}],"author":{"name":"李栋"}},
               {"id":"b","title":"B","author":{"name":"张玥"}}"#,
        );
        let authors: Vec<Vec<String>> = parse_ok(&text)
            .feed
            .items
            .into_iter()
            .map(|i| i.authors)
            .collect();
        assert_eq!(authors, [vec!["李栋".to_owned()], vec!["张玥".to_owned()]]);
    }

    #[test]
    fn relative_urls_resolve_against_the_feed_url() {
        let text = r#"{"version":"https://jsonfeed.org/version/1.1","next_url":"home-2.json","items":[
            {"id":"a","title":"A","url":"articles/a.html","image":"/img/a.svg",
             "_news":{"views_url":"../api/views?id=a","related_url":"related/a.json"}}]}"#;
        let Parsed { feed, .. } = parse_ok(text);
        let a = &feed.items[0];
        assert_eq!(
            feed.next_url.as_deref(),
            Some("https://news.example.edu/feeds/home-2.json")
        );
        assert_eq!(
            a.url.as_deref(),
            Some("https://news.example.edu/feeds/articles/a.html")
        );
        assert_eq!(
            a.image.as_deref(),
            Some("https://news.example.edu/img/a.svg")
        );
        assert_eq!(
            a.views_url.as_deref(),
            Some("https://news.example.edu/api/views?id=a")
        );
        assert_eq!(
            a.related_url.as_deref(),
            Some("https://news.example.edu/feeds/related/a.json")
        );
    }

    #[test]
    fn unknown_fields_and_nulls_are_ignored() {
        let text = wrap(
            r#"{"id":"a","title":"A","_x":{"deep":[1,2]},"url":null,"tags":null,"_news":null,"extra":true}"#,
        );
        let Parsed { feed, warnings } = parse_ok(&text);
        assert_eq!(feed.items.len(), 1);
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn long_texts_are_capped_and_items_are_bounded() {
        let title = "题".repeat(MAX_LINE_CHARS + 10);
        let text = wrap(&format!(r#"{{"id":"a","title":"{title}"}}"#));
        let kept = parse_ok(&text).feed.items[0]
            .title
            .clone()
            .unwrap_or_default();
        assert_eq!(kept.chars().count(), MAX_LINE_CHARS + 1);
        assert!(kept.ends_with('…'));

        let items: Vec<String> = (0..MAX_ITEMS + 3)
            .map(|i| format!(r#"{{"id":"{i}","title":"t"}}"#))
            .collect();
        let Parsed { feed, warnings } = parse_ok(&wrap(&items.join(",")));
        assert_eq!(feed.items.len(), MAX_ITEMS);
        assert!(warnings[0].contains("only the first 5000"), "{warnings:?}");
    }

    #[test]
    fn oversized_documents_are_refused_before_parsing() {
        let huge = " ".repeat(MAX_FEED_BYTES + 1);
        assert!(parse(&huge, URL)
            .err()
            .unwrap_or_default()
            .contains("larger than 16 MB"));
    }

    #[test]
    fn hostile_feeds_end_in_clear_errors_or_bounded_feeds() {
        // Nesting 10,000 deep: refused at the depth limit, with the reason.
        let deep = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{}1{}]}}"#,
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(parse(&deep, URL)
            .err()
            .unwrap_or_default()
            .contains("nesting is deeper than 64 levels"));
        // 100,000 items: the first 5,000 are read.
        let item = r#"{"id":"x","title":"t"}"#;
        let many: Vec<String> = (0..100_000)
            .map(|i| item.replace("\"x\"", &format!("\"{i}\"")))
            .collect();
        let parsed = parse_ok(&wrap(&many.join(",")));
        assert_eq!(parsed.feed.items.len(), MAX_ITEMS);
        // A 1 MB title is cut to 500 characters.
        let huge = format!(r#"{{"id":"a","title":"{}"}}"#, "x".repeat(1024 * 1024));
        let title = parse_ok(&wrap(&huge)).feed.items[0]
            .title
            .clone()
            .unwrap_or_default();
        assert_eq!(title.chars().count(), MAX_LINE_CHARS + 1);
        // A byte-order mark, nulls everywhere and lone UTF-16 surrogates.
        let odd = format!(
            "{}{}",
            '\u{feff}',
            wrap(
                r#"{"id":"a","title":"\ud800 lone","summary":null,"url":null,"image":null,"tags":null,"authors":null,"_news":{"views":null,"credits":null,"breadcrumb":null}},null,{"id":null}"#
            )
        );
        let Parsed { feed, warnings } = parse_ok(&odd);
        assert_eq!(feed.items.len(), 1);
        assert_eq!(feed.items[0].title.as_deref(), Some("\u{fffd} lone"));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn views_answers_are_read_strictly() {
        assert_eq!(parse_views(r#"{"views": 2381}"#), Some(2381));
        assert_eq!(parse_views(r#"{"views": "2381"}"#), None);
        assert_eq!(parse_views(r#"{"views": -1}"#), None);
        assert_eq!(parse_views("oops"), None);
    }
}
