//! Every document of `tests/feeds-corpus/files` (written by
//! `tests/feeds-corpus/generate.mjs`) through `convert` and `check`: an
//! `ok-*` file converts and every page passes the widget's reader without a
//! warning; a `bad-*` file is refused with a message. Nothing may panic or
//! take long. A huge feed, generated here, gives the conversion speed.
#![allow(clippy::restriction)] // a test may unwrap, index and panic: it fails loudly

use news_feed::{check, pages, source, Options};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Far more than any corpus file needs, even in a debug build on a busy machine.
const SLOW: Duration = Duration::from_secs(20);

fn corpus() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/feeds-corpus/files");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus exists (node tests/feeds-corpus/generate.mjs)")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// Converts `bytes` and checks every page: the number of items, or why not.
fn convert_and_check(bytes: &[u8]) -> Result<usize, String> {
    let options = Options {
        page_size: 7,
        ..Options::default()
    };
    let read = source::read(
        bytes,
        Some("https://news.example.edu/feeds/rss.xml"),
        &options,
    )?;
    let built = pages::build(read.feed, options.page_size)?;
    for page in &built.pages {
        let (verdict, _) = check::check_text(&page.text, "https://partner.example.org/feed.json");
        assert_eq!(verdict.error, None, "{}", page.name);
        assert_eq!(verdict.warnings, Vec::<String>::new(), "{}", page.name);
    }
    Ok(built.items)
}

#[test]
fn every_corpus_file_converts_or_is_refused_with_a_reason() {
    let files = corpus();
    assert!(files.len() >= 40, "the corpus has {} files", files.len());
    let mut converted = 0;
    let mut wrong = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let bytes = std::fs::read(path).expect("read");
        let started = Instant::now();
        let outcome = convert_and_check(&bytes);
        // check on the raw file must not panic either (it is no JSON Feed
        // unless it is one of the JSON sources).
        let (raw, _) = check::check_text(&String::from_utf8_lossy(&bytes), "https://x.example/f");
        let took = started.elapsed();
        assert!(took < SLOW, "{name} took {took:?}");
        match (name.starts_with("ok-"), &outcome) {
            (true, Ok(items)) => {
                assert!(*items > 0, "{name}");
                converted += 1;
            }
            (false, Err(reason)) => assert!(reason.len() > 20, "{name}: {reason}"),
            (true, Err(reason)) => wrong.push(format!("{name} should convert: {reason}")),
            (false, Ok(items)) => {
                wrong.push(format!("{name} should be refused, gave {items} items"))
            }
        }
        assert_eq!(
            raw.error.is_none(),
            name.starts_with("ok-json"),
            "{name}: {:?}",
            raw.error
        );
        println!("{name}: {outcome:?} in {took:?}");
    }
    println!("{converted} of {} corpus files convert", files.len());
    assert_eq!(wrong, Vec::<String>::new());
}

/// An RSS 2.0 feed of `count` items with bodies, tags and dates.
fn huge_rss(count: usize) -> String {
    let mut xml = String::with_capacity(count * 700);
    xml.push_str(r#"<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Huge</title><link>https://news.example.edu/</link>"#);
    for n in 0..count {
        xml.push_str(&format!(
            "<item><title>Item {n} &amp; more</title><link>https://news.example.edu/info/{n}.htm</link>\
             <pubDate>Sun, 09 Jun 2024 {:02}:{:02}:00 +0800</pubDate><category>topic {}</category><category>all</category>\
             <description>Summary of item {n}.</description><content:encoded><![CDATA[<p>Paragraph one of item {n}, \
             with <a href=\"/x/{n}\">a link</a> and <img src=\"/img/{n}.jpg\">.</p><p>{}</p>]]></content:encoded></item>",
            n / 60 % 24,
            n % 60,
            n % 50,
            "Body text of a news article. ".repeat(8)
        ));
    }
    xml.push_str("</channel></rss>");
    xml
}

#[test]
fn a_huge_feed_converts_in_pages_that_all_pass_check() {
    const ITEMS: usize = 5_000;
    let xml = huge_rss(ITEMS);
    let started = Instant::now();
    let read = source::read(xml.as_bytes(), None, &Options::default()).expect("reads");
    let built = pages::build(read.feed, pages::DEFAULT_PAGE_SIZE).expect("builds");
    let took = started.elapsed();
    assert_eq!(built.items, ITEMS);
    assert_eq!(built.pages.len(), ITEMS / pages::DEFAULT_PAGE_SIZE);
    assert!(built.notes.is_empty(), "{:?}", built.notes.first());
    println!(
        "{ITEMS} items ({} MB of RSS) in {took:?}: {:.0} items/s",
        xml.len() / 1_000_000,
        ITEMS as f64 / took.as_secs_f64()
    );
    assert!(took < Duration::from_secs(120), "took {took:?}");
}
