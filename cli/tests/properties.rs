//! Properties of `convert` over generated RSS: whatever the entries hold,
//! every page passes the widget's reader without a warning, the widget keeps
//! every item, and the same source gives the same bytes.
#![allow(clippy::restriction)] // a test may unwrap, index and panic: it fails loudly

use news_feed::{check, pages, source, Options};
use proptest::prelude::*;

/// Text as an XML 1.0 document can carry it (no control characters).
fn xml_text() -> impl Strategy<Value = String> {
    any::<String>().prop_map(|s| {
        s.chars()
            .filter(|c| {
                matches!(c, '\t' | '\n') || (*c >= ' ' && !matches!(c, '\u{fffe}' | '\u{ffff}'))
            })
            .collect()
    })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[derive(Debug, Clone)]
struct Entry {
    title: Option<String>,
    body: Option<String>,
    link: Option<String>,
    guid: bool,
    date: Option<i64>,
    tags: Vec<String>,
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        proptest::option::of(xml_text()),
        proptest::option::of(prop_oneof![
            xml_text(),
            Just("<p>markup <img src=\"/a.png\"> <script>x</script></p>".to_owned())
        ]),
        proptest::option::of(prop_oneof![
            Just("/rel/path".to_owned()),
            Just("https://x.example/a?b=c".to_owned()),
            xml_text()
        ]),
        any::<bool>(),
        proptest::option::of(-2_000_000_000i64..4_000_000_000),
        proptest::collection::vec(
            prop_oneof![Just("a".to_owned()), Just("b".to_owned()), xml_text()],
            0..4,
        ),
    )
        .prop_map(|(title, body, link, guid, date, tags)| Entry {
            title,
            body,
            link,
            guid,
            date,
            tags,
        })
}

fn rss(entries: &[Entry]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>P</title>"#,
    );
    for (n, e) in entries.iter().enumerate() {
        xml.push_str("<item>");
        if let Some(title) = &e.title {
            xml.push_str(&format!("<title>{}</title>", escape(title)));
        }
        if let Some(body) = &e.body {
            xml.push_str(&format!(
                "<content:encoded>{}</content:encoded>",
                escape(body)
            ));
        }
        if let Some(link) = &e.link {
            xml.push_str(&format!("<link>{}</link>", escape(link)));
        }
        if e.guid {
            xml.push_str(&format!("<guid>entry-{n}</guid>"));
        }
        if let Some(seconds) = e.date {
            let date = pages::rfc3339(seconds * 1000).unwrap_or_default();
            xml.push_str(&format!("<pubDate>{date}</pubDate>"));
        }
        for tag in &e.tags {
            xml.push_str(&format!("<category>{}</category>", escape(tag)));
        }
        xml.push_str("</item>");
    }
    xml.push_str("</channel></rss>");
    xml
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn convert_output_always_passes_check(entries in proptest::collection::vec(entry(), 1..12), size in 1usize..5) {
        let xml = rss(&entries);
        let options = Options { page_size: size, ..Options::default() };
        let build = || -> Result<pages::Built, String> {
            let read = source::read(xml.as_bytes(), Some("https://news.example.edu/rss.xml"), &options)?;
            pages::build(read.feed, size)
        };
        let shown = entries.iter().filter(|e| {
            e.title.as_deref().is_some_and(|t| !t.trim().is_empty())
                || e.body.as_deref().is_some_and(|b| !b.trim().is_empty())
        }).count();
        match build() {
            Ok(built) => {
                let mut kept = 0;
                for page in &built.pages {
                    let (verdict, _) = check::check_text(&page.text, "https://partner.example.org/f/feed.json");
                    prop_assert_eq!(verdict.error, None);
                    prop_assert_eq!(verdict.warnings, Vec::<String>::new());
                    prop_assert!(verdict.items <= size);
                    kept += verdict.items;
                }
                prop_assert_eq!(kept, built.items, "the widget keeps every item");
                if entries.iter().all(|e| e.guid) {
                    prop_assert_eq!(built.items, shown, "unique guids: every entry with a title or body");
                }
                let again = build().map_err(TestCaseError::fail)?;
                prop_assert_eq!(again.pages, built.pages, "same source, same bytes");
            }
            Err(reason) => {
                prop_assert_eq!(shown, 0, "refused although entries have text: {}", reason);
            }
        }
    }
}
