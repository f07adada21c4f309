//! Any HTML: the sanitizer returns a tree of allowlisted elements with safe attributes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use news_core::sanitize::{self, Node};

const ALLOWED: &[&str] = &[
    "p", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup", "br", "hr",
    "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption", "table", "thead", "tbody",
    "tr", "th", "td", "span", "div", "pre", "code",
];
const ATTRIBUTES: &[&str] = &[
    "href", "src", "alt", "title", "width", "height", "colspan", "rowspan", "target", "rel",
    "loading", "decoding", "referrerpolicy",
];

fn check(nodes: &[Node]) {
    for node in nodes {
        if let Node::Element(element) = node {
            assert!(ALLOWED.contains(&element.tag), "{}", element.tag);
            for (name, value) in &element.attrs {
                assert!(ATTRIBUTES.contains(name), "{name}");
                if *name == "src" {
                    assert!(value.starts_with("http://") || value.starts_with("https://"), "{value}");
                }
                if *name == "href" {
                    assert!(value.starts_with("http://") || value.starts_with("https://") || value.starts_with("mailto:"), "{value}");
                }
            }
            check(&element.children);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    check(&sanitize::sanitize(&html, Some("https://news.example.edu/info/1002/12345.htm")));
});
