//! The view model: what the widget shows, decided without a DOM.
//!
//! The shell asks this module which items a list shows, what a card says
//! when a field is missing, which articles are related and how credits
//! read, then only builds nodes. Keeping these decisions here makes them
//! natively testable and the same for every layout.

use crate::config::{Config, Layout, Title};
use crate::feed::{Content, Feed, Item};
use crate::i18n::Strings;
use crate::text;

/// Summaries made from the body are cut to this many characters.
pub const EXCERPT_CHARS: usize = 120;
/// Titles made from the body are cut to this many characters.
pub const TITLE_CHARS: usize = 60;

/// The items the list may show, in feed order, after `data-tag` / `data-section`.
pub fn filtered<'a>(feed: &'a Feed, config: &Config) -> Vec<&'a Item> {
    feed.items
        .iter()
        .filter(|item| {
            config
                .tag
                .as_ref()
                .is_none_or(|tag| item.tags.iter().any(|t| t == tag))
        })
        .filter(|item| {
            config
                .section
                .as_ref()
                .is_none_or(|s| section(item, feed) == Some(s.as_str()))
        })
        .collect()
}

/// Skeleton cards shown while loading, at most (enough to reserve the visible space).
pub const MAX_SKELETON_CARDS: u32 = 12;

/// What the list shows in the configured layout.
#[derive(Debug, PartialEq)]
pub struct ListPlan<'a> {
    /// The items to show, in order.
    pub items: Vec<&'a Item>,
    /// Index of the item shown large (magazine).
    pub lead: Option<usize>,
    /// Index of the one headline on screen (ticker).
    pub current: Option<usize>,
    /// Whether "load more" is offered (never in the ticker, which steps instead).
    pub more: bool,
}

/// The list of `visible` items after filters, in `config.layout`.
pub fn list_plan<'a>(
    feed: &'a Feed,
    config: &Config,
    visible: usize,
    ticker: usize,
) -> ListPlan<'a> {
    let all = filtered(feed, config);
    let items: Vec<&Item> = all.iter().copied().take(visible).collect();
    let any = !items.is_empty();
    ListPlan {
        lead: (config.layout == Layout::Magazine && any).then_some(0),
        current: (config.layout == Layout::Ticker && any).then(|| ticker % items.len().max(1)),
        more: config.layout != Layout::Ticker
            && any
            && (all.len() > items.len() || feed.next_url.is_some()),
        items,
    }
}

/// How many skeleton cards reserve the list's space while it loads.
pub fn skeleton_cards(config: &Config) -> u32 {
    match config.layout {
        Layout::Ticker => 1,
        _ => config.limit.min(MAX_SKELETON_CARDS),
    }
}

/// The heading above the list: `data-title`, else the feed title; `None` hides it.
pub fn heading(title: &Title, feed: &Feed) -> Option<String> {
    match title {
        Title::FromFeed => feed.title.clone(),
        Title::Hidden => None,
        Title::Text(text) => Some(text.clone()),
    }
}

/// The item's section, else the feed's.
pub fn section<'a>(item: &'a Item, feed: &'a Feed) -> Option<&'a str> {
    item.section.as_deref().or(feed.section.as_deref())
}

/// The item's source, else the site that publishes the feed.
pub fn source<'a>(item: &'a Item, feed: &'a Feed) -> Option<&'a str> {
    item.source.as_deref().or(feed.site.as_deref())
}

/// A text a card shows: written in the feed, or the start of the item's
/// body. Text bodies are cut here; an HTML body is cut by whoever reads its
/// text: the widget's builder parses it with the browser and reads it as
/// [`crate::sanitize::text_content`] reads the sanitized tree.
#[derive(Debug, PartialEq)]
pub enum Shown<'a> {
    /// Show this text.
    Text(std::borrow::Cow<'a, str>),
    /// Show the text of this HTML body, whitespace collapsed, cut to at most
    /// `max` characters with an ellipsis (as [`excerpt`] cuts).
    HtmlStart {
        /// The item's `content_html`.
        html: &'a str,
        /// Most characters kept before the ellipsis.
        max: usize,
    },
}

/// The start of the body, cut to `max` characters; `None` without a body.
fn body_start(item: &Item, max: usize) -> Option<Shown<'_>> {
    match &item.content {
        Content::Html(html) => Some(Shown::HtmlStart { html, max }),
        Content::Text(text) => {
            let words = text::join(text.split_whitespace(), " ");
            Some(Shown::Text(excerpt(&words, max).into()))
        }
        Content::None => None,
    }
}

/// Cuts `text` to at most `max` characters, at a character boundary, with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text).trim_end()),
    }
}

/// The card title: the item title, else the start of its body.
pub fn title(item: &Item) -> Shown<'_> {
    match &item.title {
        Some(title) => Shown::Text(title.into()),
        None => body_start(item, TITLE_CHARS).unwrap_or(Shown::Text("".into())),
    }
}

/// The card summary: the item summary, else the start of its body (if the
/// body is not the title already). An empty body shows an empty summary.
pub fn summary(item: &Item) -> Option<Shown<'_>> {
    if let Some(summary) = &item.summary {
        return Some(Shown::Text(summary.into()));
    }
    item.title.as_ref()?;
    body_start(item, EXCERPT_CHARS)
}

/// Where the related articles of an open article come from (SPEC §4).
#[derive(Debug, PartialEq)]
pub enum Related<'a> {
    /// Known now: named by `related`, or sharing a tag or section.
    Items(Vec<&'a Item>),
    /// Fetch this JSON Feed, then show its items (see [`related_from`]).
    Fetch(&'a str),
}

/// The related articles of `item`: `related` ids, else `related_url`, else the
/// newest items sharing a tag or section. At most `max`.
pub fn related<'a>(item: &'a Item, feed: &'a Feed, max: usize) -> Related<'a> {
    if max == 0 {
        return Related::Items(Vec::new());
    }
    let named: Vec<&Item> = item
        .related
        .iter()
        .filter(|id| **id != item.id)
        .filter_map(|id| feed.items.iter().find(|other| other.id == *id))
        .take(max)
        .collect();
    if !named.is_empty() {
        return Related::Items(named);
    }
    if let Some(url) = &item.related_url {
        return Related::Fetch(url);
    }
    let own_section = section(item, feed);
    let sharing: Vec<&Item> = feed
        .items
        .iter()
        .filter(|other| other.id != item.id)
        .filter(|other| {
            other.tags.iter().any(|tag| item.tags.contains(tag))
                || (own_section.is_some() && section(other, feed) == own_section)
        })
        .collect();
    Related::Items(newest(sharing, max))
}

/// The `max` newest items, newest first; undated last; ties keep feed order.
/// A selection instead of a full sort: `max` is at most 20, and std's sort
/// would add 3 KB to the wasm.
fn newest(mut candidates: Vec<&Item>, max: usize) -> Vec<&Item> {
    let mut picked = Vec::with_capacity(max.min(candidates.len()));
    while picked.len() < max {
        let best = candidates
            .iter()
            .enumerate()
            .max_by_key(|(index, item)| {
                (
                    item.published.unwrap_or(i64::MIN),
                    std::cmp::Reverse(*index),
                )
            })
            .map(|(index, _)| index);
        let Some(index) = best else { break };
        picked.push(candidates.remove(index));
    }
    picked
}

/// The items of a fetched related feed, without the article itself, at most `max`.
pub fn related_from<'a>(fetched: &'a Feed, current_id: &str, max: usize) -> Vec<&'a Item> {
    fetched
        .items
        .iter()
        .filter(|other| other.id != current_id)
        .take(max)
        .collect()
}

/// One credits line, as on the seed page: "文字:党委宣传部 李栋,内蒙古日报".
pub fn credits_line(label: &str, names: &[String], strings: &Strings) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    Some(format!(
        "{label}{}{}",
        strings.label_separator,
        names_list(names, strings)
    ))
}

/// Names in the language's list style ("甲,乙" / "A, B").
pub fn names_list(names: &[String], strings: &Strings) -> String {
    text::join(names.iter().map(String::as_str), strings.list_separator)
}

/// Paragraphs of a `content_text` body: blank-line separated blocks, else lines.
pub fn text_paragraphs(text: &str) -> Vec<&str> {
    // `split("\n\n")` with a char pattern: a string pattern costs the wasm
    // its substring search.
    let mut pieces = Vec::new();
    let (mut start, mut newline) = (0, None);
    for (at, _) in text.match_indices('\n') {
        if newline.is_some_and(|previous| previous + 1 == at) {
            pieces.push(text.get(start..at - 1).unwrap_or_default());
            (start, newline) = (at + 1, None);
        } else {
            newline = Some(at);
        }
    }
    pieces.push(text.get(start..).unwrap_or_default());
    let blocks: Vec<&str> = pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if blocks.len() > 1 {
        return blocks;
    }
    text.lines()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// The URL fragment that names an article on the host page: `news-<id>`,
/// with everything but unreserved ASCII percent-encoded.
pub fn fragment(id: &str) -> String {
    let mut out = String::from("news-");
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            for nibble in [byte >> 4, byte & 15] {
                out.extend(HEX.get(usize::from(nibble)).map(|&digit| char::from(digit)));
            }
        }
    }
    out
}

const HEX: [u8; 16] = *b"0123456789ABCDEF";

/// The article id a URL fragment names (`#news-<id>`, percent-decoded), if any.
pub fn id_from_fragment(hash: &str) -> Option<String> {
    let encoded = hash
        .strip_prefix('#')
        .unwrap_or(hash)
        .strip_prefix("news-")?;
    let mut bytes = Vec::with_capacity(encoded.len());
    let mut rest = encoded.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        let decoded = match (byte, tail) {
            (b'%', [high, low, ..]) => hex_value(*high)
                .zip(hex_value(*low))
                .map(|(h, l)| h << 4 | l),
            _ => None,
        };
        match decoded {
            Some(value) => {
                bytes.push(value);
                rest = tail.get(2..).unwrap_or_default();
            }
            None => {
                bytes.push(byte);
                rest = tail;
            }
        }
    }
    String::from_utf8(bytes).ok().filter(|id| !id.is_empty())
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|v| u8::try_from(v).ok())
}

/// Appends the items of a next page that are not already known; returns how many were new.
pub fn append_page(feed: &mut Feed, page: Feed) -> usize {
    let before = feed.items.len();
    for item in page.items {
        if !feed.items.iter().any(|known| known.id == item.id) {
            feed.items.push(item);
        }
    }
    feed.next_url = page.next_url;
    feed.items.len() - before
}

/// Replaces `old` by a refreshed copy of the feed, keeping items of further
/// pages the reader has loaded; returns how many items are new to the reader.
pub fn merge_refresh(old: &Feed, mut fresh: Feed) -> (Feed, usize) {
    let new_count = fresh
        .items
        .iter()
        .filter(|item| !old.items.iter().any(|known| known.id == item.id))
        .count();
    for item in &old.items {
        if !fresh.items.iter().any(|known| known.id == item.id) {
            fresh.items.push(item.clone());
        }
    }
    if fresh.next_url.is_none() {
        fresh.next_url = old.next_url.clone();
    }
    (fresh, new_count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{self, Env, ATTRIBUTE_LIMIT_MAX};
    use crate::feed;
    use crate::i18n::Lang;

    const FEED_URL: &str = "https://news.example.edu/feeds/home.json";

    fn feed(items: &str) -> Feed {
        let text = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"主页新闻",
                "_news":{{"site":"交大新闻网","section":"主页新闻"}},"items":[{items}]}}"#
        );
        feed::parse(&text, FEED_URL)
            .map(|p| p.feed)
            .unwrap_or_default()
    }

    fn config(attrs: &[(&str, &str)]) -> Config {
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        };
        let env = Env {
            page: &crate::url::Base::new(Some("https://partner.example/")),
            limit_max: ATTRIBUTE_LIMIT_MAX,
            is_css_value: &|_, _| true,
        };
        let parsed = config::parse(&get, &env);
        parsed.config.unwrap_or_else(|e| panic!("config: {e}"))
    }

    #[test]
    fn filters_by_tag_and_by_section_with_the_feed_default() {
        let f = feed(
            r#"{"id":"a","title":"A","tags":["x"]},
               {"id":"b","title":"B","tags":["y"],"_news":{"section":"学术动态"}},
               {"id":"c","title":"C","tags":["x","y"]}"#,
        );
        let ids = |cfg: &Config| {
            filtered(&f, cfg)
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&config(&[("feed", "f.json")])), ["a", "b", "c"]);
        assert_eq!(
            ids(&config(&[("feed", "f.json"), ("tag", "y")])),
            ["b", "c"]
        );
        assert_eq!(
            ids(&config(&[("feed", "f.json"), ("section", "主页新闻")])),
            ["a", "c"]
        );
        assert_eq!(
            ids(&config(&[
                ("feed", "f.json"),
                ("section", "学术动态"),
                ("tag", "x")
            ])),
            Vec::<&str>::new()
        );
    }

    fn plan_ids(plan: &ListPlan) -> Vec<String> {
        plan.items.iter().map(|i| i.id.clone()).collect()
    }

    #[test]
    fn cards_and_list_show_visible_items_and_offer_more() {
        let f = feed(r#"{"id":"a","title":"A"},{"id":"b","title":"B"},{"id":"c","title":"C"}"#);
        for layout in ["cards", "list"] {
            let cfg = config(&[("feed", "f.json"), ("layout", layout), ("limit", "2")]);
            let plan = list_plan(&f, &cfg, 2, 0);
            assert_eq!(plan_ids(&plan), ["a", "b"]);
            assert_eq!(
                (plan.lead, plan.current, plan.more),
                (None, None, true),
                "{layout}"
            );
            assert!(
                !list_plan(&f, &cfg, 4, 0).more,
                "all shown and no next page"
            );
        }
    }

    #[test]
    fn a_next_page_keeps_load_more_offered() {
        let mut f = feed(r#"{"id":"a","title":"A"}"#);
        f.next_url = Some("https://news.example.edu/feeds/home-2.json".into());
        let cfg = config(&[("feed", "f.json")]);
        assert!(list_plan(&f, &cfg, 6, 0).more);
    }

    #[test]
    fn magazine_leads_with_the_first_item() {
        let f = feed(r#"{"id":"a","title":"A"},{"id":"b","title":"B"}"#);
        let cfg = config(&[("feed", "f.json"), ("layout", "magazine")]);
        assert_eq!(list_plan(&f, &cfg, 6, 0).lead, Some(0));
        let empty = config(&[("feed", "f.json"), ("layout", "magazine"), ("tag", "none")]);
        assert_eq!(
            list_plan(&f, &empty, 6, 0),
            ListPlan {
                items: vec![],
                lead: None,
                current: None,
                more: false
            }
        );
    }

    #[test]
    fn the_ticker_shows_one_headline_and_wraps_around() {
        let f = feed(r#"{"id":"a","title":"A"},{"id":"b","title":"B"},{"id":"c","title":"C"}"#);
        let cfg = config(&[("feed", "f.json"), ("layout", "ticker"), ("limit", "2")]);
        let plan = list_plan(&f, &cfg, 2, 3);
        assert_eq!((plan.current, plan.more), (Some(1), false));
        assert_eq!(skeleton_cards(&cfg), 1);
    }

    #[test]
    fn skeletons_reserve_up_to_twelve_cards() {
        assert_eq!(
            skeleton_cards(&config(&[("feed", "f.json"), ("limit", "4")])),
            4
        );
        assert_eq!(
            skeleton_cards(&config(&[("feed", "f.json"), ("limit", "50")])),
            12
        );
    }

    #[test]
    fn heading_follows_data_title() {
        let f = feed("");
        assert_eq!(heading(&Title::FromFeed, &f).as_deref(), Some("主页新闻"));
        assert_eq!(heading(&Title::Hidden, &f), None);
        assert_eq!(
            heading(&Title::Text("校友".into()), &f).as_deref(),
            Some("校友")
        );
    }

    #[test]
    fn source_and_section_fall_back_to_the_feed() {
        let f = feed(
            r#"{"id":"a","title":"A"},{"id":"b","title":"B","_news":{"source":"新华社","section":"媒体交大"}}"#,
        );
        let (a, b) = (&f.items[0], &f.items[1]);
        assert_eq!(
            (source(a, &f), section(a, &f)),
            (Some("交大新闻网"), Some("主页新闻"))
        );
        assert_eq!(
            (source(b, &f), section(b, &f)),
            (Some("新华社"), Some("媒体交大"))
        );
    }

    #[test]
    fn missing_title_and_summary_come_from_the_body() {
        let long = "长".repeat(300);
        let f = feed(&format!(
            r#"{{"id":"a","content_html":"<p>Hello <b>world</b><script>secret()</script></p>"}},
               {{"id":"b","title":"T","content_text":"{long}"}},
               {{"id":"c","title":"T","summary":"S","content_text":"body"}},
               {{"id":"d","title":"T"}}"#
        ));
        let html = "<p>Hello <b>world</b><script>secret()</script></p>";
        assert_eq!(
            title(&f.items[0]),
            Shown::HtmlStart {
                html,
                max: TITLE_CHARS
            }
        );
        assert_eq!(summary(&f.items[0]), None, "the body is already the title");
        let Some(Shown::Text(b)) = summary(&f.items[1]) else {
            panic!("a text body is cut here");
        };
        assert_eq!(b.chars().count(), EXCERPT_CHARS + 1);
        assert!(b.ends_with('…'));
        assert_eq!(summary(&f.items[2]), Some(Shown::Text("S".into())));
        assert_eq!(summary(&f.items[3]), None);
    }

    #[test]
    fn related_prefers_named_ids_then_the_related_feed_then_shared_tags() {
        let f = feed(
            r#"{"id":"seed","title":"S","tags":["合作"],"_news":{"related":["r2","missing","r1","seed"],"related_url":"related/seed.json"}},
               {"id":"r1","title":"R1"},{"id":"r2","title":"R2"},
               {"id":"u","title":"U","_news":{"related_url":"related/u.json"}},
               {"id":"t","title":"T","tags":["合作"],"date_published":"2024-06-01T00:00:00Z","_news":{"section":"其他"}},
               {"id":"v","title":"V","tags":["其他"],"date_published":"2024-06-05T00:00:00Z","_news":{"section":"其他"}},
               {"id":"w","title":"W","tags":["合作"],"date_published":"2024-06-08T00:00:00Z","_news":{"section":"其他"}}"#,
        );
        let ids = |r: Related| match r {
            Related::Items(items) => items.iter().map(|i| i.id.clone()).collect::<Vec<_>>(),
            Related::Fetch(url) => vec![url.to_owned()],
        };
        assert_eq!(ids(related(&f.items[0], &f, 5)), ["r2", "r1"]);
        assert_eq!(ids(related(&f.items[0], &f, 1)), ["r2"]);
        assert_eq!(ids(related(&f.items[0], &f, 0)), Vec::<String>::new());
        assert_eq!(
            ids(related(&f.items[3], &f, 5)),
            ["https://news.example.edu/feeds/related/u.json"]
        );
        // t shares 合作 with w and the section 其他 with v and w: newest first.
        assert_eq!(ids(related(&f.items[4], &f, 5)), ["w", "v", "seed"]);
    }

    #[test]
    fn newest_keeps_feed_order_on_ties_and_undated_last() {
        let f = feed(
            r#"{"id":"u1","title":"U1"},{"id":"a","title":"A","date_published":"2024-06-01T00:00:00Z"},
               {"id":"b","title":"B","date_published":"2024-06-01T00:00:00Z"},{"id":"u2","title":"U2"},
               {"id":"c","title":"C","date_published":"2024-06-02T00:00:00Z"}"#,
        );
        let ids = |max| {
            newest(f.items.iter().collect(), max)
                .iter()
                .map(|i| i.id.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(10), ["c", "a", "b", "u1", "u2"]);
        assert_eq!(ids(2), ["c", "a"]);
        assert_eq!(ids(0), Vec::<&str>::new());
    }

    #[test]
    fn a_related_feed_never_lists_the_article_itself() {
        let f = feed(
            r#"{"id":"a","title":"A"},{"id":"seed","title":"S"},{"id":"b","title":"B"},{"id":"c","title":"C"}"#,
        );
        let ids: Vec<&str> = related_from(&f, "seed", 2)
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b"]);
    }

    #[test]
    fn credits_read_as_on_the_seed_page() {
        let names = vec!["党委宣传部 李栋".to_owned(), "内蒙古日报".to_owned()];
        let zh = Lang::ZhCn.strings();
        assert_eq!(
            credits_line(zh.credit_text, &names, zh).as_deref(),
            Some("文字:党委宣传部 李栋,内蒙古日报")
        );
        let en = Lang::En.strings();
        assert_eq!(
            credits_line(en.credit_photo, &names, en).as_deref(),
            Some("Photos: 党委宣传部 李栋, 内蒙古日报")
        );
        assert_eq!(credits_line(en.credit_editor, &[], en), None);
    }

    #[test]
    fn text_bodies_split_into_paragraphs() {
        assert_eq!(
            text_paragraphs("one\n\n two \n\n\nthree"),
            ["one", "two", "three"]
        );
        assert_eq!(text_paragraphs("one\ntwo\n"), ["one", "two"]);
        assert_eq!(text_paragraphs("   "), Vec::<&str>::new());
        // Blocks are what `split("\n\n")` makes of the text, for every
        // arrangement of newlines.
        for text in [
            "\n",
            "\n\n",
            "\n\n\n",
            "a\n\n\n\nb",
            "\n\na\n\n",
            "a\n \nb\n\nc",
            "甲\n\n乙\n丙",
        ] {
            let blocks: Vec<&str> = text
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let want = if blocks.len() > 1 {
                blocks
            } else {
                text.lines()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect()
            };
            assert_eq!(text_paragraphs(text), want, "{text:?}");
        }
    }

    #[test]
    fn fragments_round_trip_to_ids() {
        for id in ["2024-06-09-neimenggu", "a b/\"c\"", "新闻", "%41"] {
            assert_eq!(
                id_from_fragment(&format!("#{}", fragment(id))).as_deref(),
                Some(id),
                "{id}"
            );
        }
        assert_eq!(id_from_fragment("#news-"), None);
        assert_eq!(id_from_fragment("#other"), None);
        assert_eq!(
            id_from_fragment("#news-%zz%4"),
            Some("%zz%4".into()),
            "bad escapes stay literal"
        );
        assert_eq!(id_from_fragment("#news-%FF"), None, "not UTF-8");
    }

    #[test]
    fn next_pages_append_only_unknown_items() {
        let mut first = feed(r#"{"id":"a","title":"A"},{"id":"b","title":"B"}"#);
        first.next_url = Some("https://news.example.edu/feeds/home-2.json".into());
        let second = feed(r#"{"id":"b","title":"B again"},{"id":"c","title":"C"}"#);
        assert_eq!(append_page(&mut first, second), 1);
        let ids: Vec<&str> = first.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(
            first.items[1].title.as_deref(),
            Some("B"),
            "the known copy stays"
        );
        assert_eq!(first.next_url, None, "the last page ends the chain");
    }

    #[test]
    fn a_refresh_counts_new_items_and_keeps_loaded_pages() {
        let old = feed(
            r#"{"id":"b","title":"B"},{"id":"c","title":"C"},{"id":"old-page-2","title":"P"}"#,
        );
        let fresh = feed(
            r#"{"id":"new","title":"N"},{"id":"b","title":"B edited"},{"id":"c","title":"C"}"#,
        );
        let (merged, new_count) = merge_refresh(&old, fresh);
        let ids: Vec<&str> = merged.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["new", "b", "c", "old-page-2"]);
        assert_eq!(new_count, 1);
        assert_eq!(
            merged.items[1].title.as_deref(),
            Some("B edited"),
            "fresh copies win"
        );
    }

    #[test]
    fn fragments_are_url_safe() {
        assert_eq!(
            fragment("2024-06-09-neimenggu"),
            "news-2024-06-09-neimenggu"
        );
        assert_eq!(fragment("a b/\"c\""), "news-a%20b%2F%22c%22");
        assert_eq!(fragment("新"), "news-%E6%96%B0");
    }
}
