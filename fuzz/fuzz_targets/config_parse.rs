//! Any attribute values: configuration returns, with every value in range.
#![no_main]
use libfuzzer_sys::fuzz_target;
use news_core::config::{self, Env, ATTRIBUTES, OPTION_LIMIT_MAX};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // One value per attribute, separated by NUL.
    let values: Vec<&str> = text.split('\0').collect();
    let get = |name: &str| {
        let index = ATTRIBUTES.iter().position(|a| *a == name)?;
        values.get(index).map(|v| (*v).to_owned())
    };
    let page = news_core::url::Base::new(Some("https://partner.example/news/"));
    let env = Env { page: &page, limit_max: OPTION_LIMIT_MAX, is_css_value: &|_, v| v.len() < 40 };
    let parsed = config::parse(&get, &env);
    if let Ok(config) = parsed.config {
        assert!((1..=OPTION_LIMIT_MAX).contains(&config.limit));
        assert!(config.related <= 20 && (1..=60).contains(&config.timeout));
        assert!(config.refresh == 0 || config.refresh >= 60);
    }
});
