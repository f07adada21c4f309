//! Any bytes as a feed: parsing returns, and a parsed feed keeps its invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;
use news_widget::feed;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(parsed) = feed::parse(&text, "https://news.example.edu/feeds/home.json") {
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
