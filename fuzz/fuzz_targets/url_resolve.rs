//! Any base and reference: resolution returns, and kept URLs are web (or mailto) URLs.
#![no_main]
use libfuzzer_sys::fuzz_target;
use news_core::url;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (base, reference) = text.split_once('\n').unwrap_or(("https://news.example.edu/a/b", &text));
    let _ = url::resolve(Some(base), reference);
    if let Some(web) = url::resolve_web(Some(base), reference) {
        assert!(web.starts_with("http://") || web.starts_with("https://"), "{web}");
        assert!(!web.chars().any(|c| c.is_whitespace() || c.is_control()), "{web:?}");
    }
    if let Some(link) = url::resolve_link(Some(base), reference) {
        assert!(link.starts_with("http://") || link.starts_with("https://") || link.starts_with("mailto:"), "{link}");
    }
});
