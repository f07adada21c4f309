//! Any bytes as a feed: parsing returns, a parsed feed keeps its invariants,
//! and reading it in small steps gives exactly what parsing at once gives.
#![no_main]
use libfuzzer_sys::fuzz_target;
use news_core::feed;

const FEED_URL: &str = "https://news.example.edu/feeds/home.json";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let at_once = feed::parse(&text, FEED_URL);
    let stepped = feed::begin(&text, FEED_URL).map(|mut reading| {
        while !reading.step(2) {}
        reading.finish()
    });
    match (&at_once, &stepped) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.feed, b.feed);
            assert_eq!(a.warnings, b.warnings);
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("parse and begin disagree on whether this is a feed"),
    }
    if let Ok(parsed) = at_once {
        let mut ids = std::collections::BTreeSet::new();
        for item in &parsed.feed.items {
            assert!(!item.id.trim().is_empty());
            assert!(ids.insert(item.id.clone()));
            for url in [&item.url, &item.image, &item.views_url, &item.related_url].into_iter().flatten() {
                assert!(url.starts_with("http://") || url.starts_with("https://"), "{url}");
            }
        }
    }
});
