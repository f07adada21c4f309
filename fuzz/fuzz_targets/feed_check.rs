//! Any bytes as a feed under `news-feed check`: it returns a verdict, the
//! widget's (an error, or items and warnings), and the next page it would
//! follow is an http(s) URL.
#![no_main]
use libfuzzer_sys::fuzz_target;
use news_feed::check;

const FEED_URL: &str = "https://news.example.edu/feeds/feed.json";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (verdict, next) = check::check_text(&text, FEED_URL);
    match &verdict.error {
        Some(reason) => {
            assert!(!reason.is_empty());
            assert_eq!(verdict.items, 0);
            assert_eq!(next, None);
        }
        None => {
            let parsed =
                news_core::feed::parse(&text, FEED_URL).expect("check and the widget agree");
            assert_eq!(verdict.items, parsed.feed.items.len());
            assert_eq!(verdict.warnings, parsed.warnings);
        }
    }
    if let Some(next) = next {
        assert!(
            next.starts_with("http://") || next.starts_with("https://"),
            "{next}"
        );
    }
});
