//! Any bytes as an RSS, Atom or JSON Feed source: `news-feed convert`
//! returns (a page set or a reason), and every page it builds passes the
//! widget's reader with no error and no warning.
#![no_main]
use libfuzzer_sys::fuzz_target;
use news_feed::{check, pages, source, Options};

const SOURCE_URL: &str = "https://news.example.edu/rss.xml";

fuzz_target!(|data: &[u8]| {
    let options = Options {
        page_size: 3,
        ..Options::default()
    };
    let Ok(read) = source::read(data, Some(SOURCE_URL), &options) else {
        return;
    };
    let Ok(built) = pages::build(read.feed, options.page_size) else {
        return;
    };
    let mut items = 0;
    for page in &built.pages {
        let (verdict, _) = check::check_text(&page.text, "https://partner.example.org/feed.json");
        assert_eq!(verdict.error, None, "{}", page.text);
        assert!(verdict.warnings.is_empty(), "{:?}", verdict.warnings);
        items += verdict.items;
    }
    assert_eq!(items, built.items);
});
