//! Property tests of the pure core: whatever the input, the parsers return
//! (never panic) and their outputs keep the invariants the shell relies on.
#![allow(clippy::restriction)] // a test may unwrap, index and panic: it fails loudly
#![cfg(not(target_arch = "wasm32"))]

use news_core::config::{self, Env, ATTRIBUTE_LIMIT_MAX};
use news_core::sanitize::{self, Node};
use news_core::{feed, json, url};
use proptest::prelude::*;

const FEED_URL: &str = "https://news.example.edu/feeds/home.json";

fn is_web(u: &str) -> bool {
    u.starts_with("http://") || u.starts_with("https://")
}

/// Characters attackers like: markup, quotes, entities, controls, scheme pieces.
fn nasty_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "/",
        "\"",
        "'",
        "=",
        "&",
        "#",
        ";",
        ":",
        " ",
        "\t",
        "\n",
        "\u{0}",
        "\u{1}",
        "a",
        "img",
        "script",
        "svg",
        "style",
        "onerror",
        "href",
        "src",
        "javascript",
        "data",
        "x",
        "&#106;",
        "&lt;",
        "<!--",
        "-->",
        "<a href=",
        "<img src=",
        "</",
        "p",
        "figure",
        "1",
        "\\",
        "新闻",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|p| p.concat())
}

fn check_tree(nodes: &[Node], depth: usize) {
    assert!(depth <= sanitize::MAX_DEPTH + 1);
    for node in nodes {
        if let Node::Element(element) = node {
            for (name, value) in &element.attrs {
                assert!(
                    !name.starts_with("on") && *name != "style" && *name != "srcset",
                    "attribute {name}"
                );
                if *name == "src" {
                    assert!(is_web(value), "src {value}");
                }
                if *name == "href" {
                    assert!(
                        is_web(value) || value.starts_with("mailto:"),
                        "href {value}"
                    );
                }
            }
            assert!(
                ![
                    "script", "style", "svg", "math", "iframe", "object", "embed", "form",
                    "template"
                ]
                .contains(&element.tag),
                "element {}",
                element.tag
            );
            check_tree(&element.children, depth + 1);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn json_parse_never_panics(text in "\\PC{0,200}") {
        let _ = json::parse(&text);
    }

    #[test]
    fn sanitized_trees_hold_only_safe_markup(html in nasty_text(), base in prop::option::of("https?://[a-z]{1,8}\\.edu/[a-z/]{0,10}")) {
        check_tree(&sanitize::sanitize(&html, base.as_deref()), 0);
    }

    #[test]
    fn resolved_urls_are_web_urls_without_whitespace(reference in nasty_text()) {
        if let Some(resolved) = url::resolve_web(Some(FEED_URL), &reference) {
            prop_assert!(is_web(&resolved), "{}", resolved);
            prop_assert!(!resolved.chars().any(|c| c.is_whitespace() || c.is_control()), "{:?}", resolved);
        }
    }

    #[test]
    fn feeds_keep_unique_ids_and_web_urls(
        ids in prop::collection::vec(prop::option::of("[a-c]{0,2}"), 0..12),
        urls in prop::collection::vec(nasty_text(), 0..12),
        dates in prop::collection::vec("[0-9T:+Z-]{0,25}", 0..12),
    ) {
        let items: Vec<String> = ids.iter().enumerate().map(|(i, id)| {
            let id = id.as_ref().map_or("null".to_owned(), |id| format!("{id:?}"));
            let link = urls.get(i).map_or("x".to_owned(), |u| u.replace('\\', "\\\\").replace('"', "\\\"").replace(|c: char| c.is_control(), ""));
            let date = dates.get(i).cloned().unwrap_or_default();
            format!(r#"{{"id":{id},"title":"t","url":"{link}","image":"{link}","date_published":"{date}","_news":{{"views_url":"{link}"}}}}"#)
        }).collect();
        let text = format!(r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{}]}}"#, items.join(","));
        let parsed = feed::parse(&text, FEED_URL);
        prop_assert!(parsed.is_ok(), "{:?}", parsed.err());
        if let Ok(parsed) = parsed {
            let mut seen = std::collections::BTreeSet::new();
            for item in &parsed.feed.items {
                prop_assert!(!item.id.trim().is_empty());
                prop_assert!(seen.insert(item.id.clone()), "duplicate {}", item.id);
                for u in [&item.url, &item.image, &item.views_url].into_iter().flatten() {
                    prop_assert!(is_web(u), "{}", u);
                }
            }
        }
    }

    #[test]
    fn feed_parse_never_panics_on_any_json_like_text(text in "[\\[\\]{}\":,0-9a-z \\\\u]{0,300}") {
        let _ = feed::parse(&text, FEED_URL);
    }

    #[test]
    fn config_values_stay_in_their_ranges(
        limit in "\\PC{0,12}", related in "-?[0-9]{0,12}", refresh in "-?[0-9]{0,7}", timeout in "\\PC{0,5}",
        feed_url in nasty_text(),
    ) {
        let attrs = [("feed", feed_url), ("limit", limit), ("related", related), ("refresh", refresh), ("timeout", timeout)];
        let get = |name: &str| attrs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone());
        let page = news_core::url::Base::new(Some("https://partner.example/"));
        let env = Env { page: &page, limit_max: ATTRIBUTE_LIMIT_MAX, is_css_value: &|_, _| true };
        let parsed = config::parse(&get, &env);
        if let Ok(config) = parsed.config {
            prop_assert!((1..=ATTRIBUTE_LIMIT_MAX).contains(&config.limit));
            prop_assert!(config.related <= 20);
            prop_assert!(config.refresh == 0 || config.refresh >= 60);
            prop_assert!((1..=60).contains(&config.timeout));
            prop_assert!(is_web(&config.feed) || config.feed.starts_with("blob:"), "{}", config.feed);
        }
    }
}
