//! Prints, as a JSON object, the rules the loader needs to draw the early
//! skeleton before the wasm runs (the attribute values the core accepts,
//! its defaults, its number range and the characters it trims) and the
//! sanitizer policy its builder applies to feed HTML (`html`). The build
//! (scripts/compose-loader.mjs) inlines it into news-widget.js, so the
//! loader reads attributes by the core's rules instead of a copy of them.
//!
//!   cargo run -q -p news-core --example loader_rules

use news_core::config::{
    self, Env, Show, ATTRIBUTE_LIMIT_MAX, DENSITIES, LAYOUTS, LIMIT_MIN, THEMES,
};
use news_core::sanitize::{policy_json, whitespace_class};
use news_core::view::MAX_SKELETON_CARDS;

fn quoted(names: impl IntoIterator<Item = &'static str>) -> String {
    let names: Vec<String> = names.into_iter().map(|n| format!("\"{n}\"")).collect();
    format!("[{}]", names.join(","))
}

fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], value: T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(name, _)| name)
}

fn main() {
    // The defaults are what the core makes of a host with nothing but a feed.
    let env = Env {
        page: &news_core::url::Base::new(Some("https://example.org/")),
        limit_max: ATTRIBUTE_LIMIT_MAX,
        is_css_value: &|_, _| false,
    };
    let only_feed = |name: &str| (name == "feed").then(|| "feed.json".to_owned());
    let Ok(defaults) = config::parse(&only_feed, &env).config else {
        eprintln!("the core refused a host with only data-feed");
        std::process::exit(1);
    };
    let default_show = Show::NAMES
        .iter()
        .filter(|(_, field)| defaults.show.contains(*field))
        .map(|(name, _)| *name);
    println!(
        "{{\"layouts\":{},\"layout\":\"{}\",\"themes\":{},\"theme\":\"{}\",\"densities\":{},\"density\":\"{}\",\
\"show\":{},\"defaultShow\":{},\"limit\":{{\"min\":{},\"max\":{},\"default\":{}}},\"skeletonCards\":{},\"whitespace\":\"{}\",\"html\":{}}}",
        quoted(LAYOUTS.iter().map(|(n, _)| *n)),
        name_of(&LAYOUTS, defaults.layout),
        quoted(THEMES.iter().map(|(n, _)| *n)),
        name_of(&THEMES, defaults.theme),
        quoted(DENSITIES.iter().map(|(n, _)| *n)),
        name_of(&DENSITIES, defaults.density),
        quoted(Show::NAMES.iter().map(|(n, _)| *n)),
        quoted(default_show),
        LIMIT_MIN,
        ATTRIBUTE_LIMIT_MAX,
        defaults.limit,
        MAX_SKELETON_CARDS,
        whitespace_class(),
        policy_json(),
    );
}
