//! Widget configuration from `data-*` attributes (or `mount` options).
//!
//! SPEC §3 is the contract: every attribute is optional except `data-feed`;
//! a bad value never stops the widget, it logs one warning naming the
//! attribute and value, then a number is clamped to its range and anything
//! else falls back to the default. Only a missing or unusable feed URL is an
//! error. The parser is pure: the shell passes an attribute getter and an
//! [`Env`] (page URL, limit cap, and the browser's CSS validity check), so
//! every rule is tested natively.

use crate::i18n::Lang;
use crate::text;
use crate::url::Resolve;

/// Every attribute name, without the `data-` prefix, in SPEC §3 order.
pub const ATTRIBUTES: [&str; 17] = [
    "feed", "layout", "limit", "open", "theme", "accent", "font", "radius", "density", "lang",
    "show", "related", "tag", "section", "title", "refresh", "timeout",
];

/// Upper bound of `limit` for attributes; `mount` options may go higher (archive pages).
pub const ATTRIBUTE_LIMIT_MAX: u32 = 50;
/// Upper bound of `limit` through `NewsWidget.mount` options.
pub const OPTION_LIMIT_MAX: u32 = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// `data-layout`: how the list is laid out.
pub enum Layout {
    /// A grid of cards with images.
    Cards,
    /// A compact list of headlines.
    List,
    /// Cards with the first item large.
    Magazine,
    /// One line of headlines, rotating.
    Ticker,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// `data-open`: where an article opens.
pub enum OpenMode {
    /// The article replaces the list.
    Inline,
    /// The article opens in an accessible dialog.
    Modal,
    /// Cards are plain links to the item's `url`.
    Link,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// `data-theme`: the colour scheme.
pub enum Theme {
    /// Light colours.
    Light,
    /// Dark colours.
    Dark,
    /// Follows `prefers-color-scheme`.
    Auto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// `data-density`: spacing of the list.
pub enum Density {
    /// The default spacing.
    Comfortable,
    /// Tighter spacing.
    Compact,
}

/// `data-lang`: a fixed language, or `auto` (feed, then page, then browser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangChoice {
    /// Feed `language`, then page `lang`, then the browser.
    Auto,
    /// Always this language.
    Fixed(Lang),
}

/// `data-title`: absent uses the feed title, present-but-empty hides the heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Title {
    /// The feed's `title`.
    FromFeed,
    /// No heading (`data-title=""`).
    Hidden,
    /// This text.
    Text(String),
}

/// The `data-show` fields, as a small bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Show(u8);

impl Show {
    /// The card image.
    pub const IMAGE: Show = Show(1);
    /// The summary under the title.
    pub const SUMMARY: Show = Show(1 << 1);
    /// The publication date.
    pub const DATE: Show = Show(1 << 2);
    /// The source (`_news.source`).
    pub const SOURCE: Show = Show(1 << 3);
    /// The view count.
    pub const VIEWS: Show = Show(1 << 4);
    /// The section (`_news.section`).
    pub const SECTION: Show = Show(1 << 5);
    /// The tags.
    pub const TAGS: Show = Show(1 << 6);
    /// The authors.
    pub const AUTHOR: Show = Show(1 << 7);
    /// Every `data-show` entry with its field, in SPEC order.
    pub const NAMES: [(&'static str, Show); 8] = [
        ("image", Show::IMAGE),
        ("summary", Show::SUMMARY),
        ("date", Show::DATE),
        ("source", Show::SOURCE),
        ("views", Show::VIEWS),
        ("section", Show::SECTION),
        ("tags", Show::TAGS),
        ("author", Show::AUTHOR),
    ];
    /// `image,summary,date,source`, the SPEC's default.
    pub const DEFAULT: Show = Show(Show::IMAGE.0 | Show::SUMMARY.0 | Show::DATE.0 | Show::SOURCE.0);

    /// Whether `field` is shown.
    pub fn contains(self, field: Show) -> bool {
        self.0 & field.0 == field.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// A widget's validated configuration (SPEC §3): every field has a usable value.
pub struct Config {
    /// Absolute http(s) URL of the feed.
    pub feed: String,
    /// `data-layout`.
    pub layout: Layout,
    /// `data-limit`: items shown, and added by "load more".
    pub limit: u32,
    /// `data-open`.
    pub open: OpenMode,
    /// `data-theme`.
    pub theme: Theme,
    /// Validated CSS values, applied as custom properties on the host.
    pub accent: Option<String>,
    /// `data-font`: a CSS font-family list the browser accepts.
    pub font: Option<String>,
    /// `data-radius`: a CSS length the browser accepts.
    pub radius: Option<String>,
    /// `data-density`.
    pub density: Density,
    /// `data-lang`.
    pub lang: LangChoice,
    /// `data-show`: what cards show.
    pub show: Show,
    /// `data-related`: related articles under an open article.
    pub related: u32,
    /// `data-tag`: only items with this tag.
    pub tag: Option<String>,
    /// `data-section`: only items of this `_news.section`.
    pub section: Option<String>,
    /// `data-title`: the heading above the list.
    pub title: Title,
    /// Seconds between background re-fetches; 0 = never.
    pub refresh: u32,
    /// Seconds before a request is given up.
    pub timeout: u32,
}

/// What the configuration depends on besides the attributes.
pub struct Env<'a> {
    /// Resolves relative `data-feed` values against the page URL.
    pub page: &'a dyn Resolve,
    /// [`ATTRIBUTE_LIMIT_MAX`] or [`OPTION_LIMIT_MAX`].
    pub limit_max: u32,
    /// Whether `value` is valid for the CSS `property` (the shell asks `CSS.supports`).
    pub is_css_value: &'a dyn Fn(&str, &str) -> bool,
}

/// The result: the configuration, or the reason the widget cannot start, plus warnings.
#[derive(Debug)]
pub struct Parsed {
    /// The configuration, or why the widget cannot start (a missing or unusable feed URL).
    pub config: Result<Config, String>,
    /// One message per bad attribute, naming it and its value.
    pub warnings: Vec<String>,
}

/// `data-layout` values.
pub const LAYOUTS: [(&str, Layout); 4] = [
    ("cards", Layout::Cards),
    ("list", Layout::List),
    ("magazine", Layout::Magazine),
    ("ticker", Layout::Ticker),
];
/// `data-theme` values.
pub const THEMES: [(&str, Theme); 3] = [
    ("light", Theme::Light),
    ("dark", Theme::Dark),
    ("auto", Theme::Auto),
];
/// `data-density` values.
pub const DENSITIES: [(&str, Density); 2] = [
    ("comfortable", Density::Comfortable),
    ("compact", Density::Compact),
];
/// `data-limit` without a usable value.
pub const DEFAULT_LIMIT: u32 = 6;
/// The smallest `data-limit`.
pub const LIMIT_MIN: u32 = 1;

/// Reads every attribute through `get` (name without `data-`; `None` when absent).
pub fn parse(get: &dyn Fn(&str) -> Option<String>, env: &Env) -> Parsed {
    let mut reader = Reader {
        get,
        warnings: Vec::new(),
    };
    let feed = reader.feed(env.page);
    let layout = reader.choice("layout", &LAYOUTS, Layout::Cards);
    let limit = reader.number("limit", LIMIT_MIN, env.limit_max, DEFAULT_LIMIT);
    let open = reader.choice(
        "open",
        &[
            ("inline", OpenMode::Inline),
            ("modal", OpenMode::Modal),
            ("link", OpenMode::Link),
        ],
        OpenMode::Inline,
    );
    let theme = reader.choice("theme", &THEMES, Theme::Auto);
    let accent = reader.css("accent", "color", env);
    let font = reader.css("font", "font-family", env);
    let radius = reader.css("radius", "border-top-left-radius", env);
    let density = reader.choice("density", &DENSITIES, Density::Comfortable);
    let lang = reader.lang();
    let show = reader.show();
    let related = reader.number("related", 0, 20, 5);
    let tag = reader.text("tag");
    let section = reader.text("section");
    let title = match (reader.get)("title") {
        None => Title::FromFeed,
        Some(text) if text.trim().is_empty() => Title::Hidden,
        Some(text) => Title::Text(text.trim().to_owned()),
    };
    let refresh = match reader.number("refresh", 0, 86_400, 0) {
        seconds @ 1..=59 => {
            reader.warn(
                "refresh",
                &seconds.to_string(),
                "is below 60 seconds; using 60",
            );
            60
        }
        seconds => seconds,
    };
    let timeout = reader.number("timeout", 1, 60, 10);
    let config = feed.map(|feed| Config {
        feed,
        layout,
        limit,
        open,
        theme,
        accent,
        font,
        radius,
        density,
        lang,
        show,
        related,
        tag,
        section,
        title,
        refresh,
        timeout,
    });
    Parsed {
        config,
        warnings: reader.warnings,
    }
}

struct Reader<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
    warnings: Vec<String>,
}

impl Reader<'_> {
    /// One warning per bad attribute, naming it and (a bounded part of) its value.
    fn warn(&mut self, name: &str, value: &str, problem: &str) {
        let shown: String = value.chars().take(80).collect();
        let ellipsis = if shown.len() < value.len() { "…" } else { "" };
        self.warnings
            .push(format!("data-{name}=\"{shown}{ellipsis}\" {problem}"));
    }

    /// The trimmed value, `None` when absent or blank.
    fn value(&self, name: &str) -> Option<String> {
        (self.get)(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn feed(&mut self, page: &dyn Resolve) -> Result<String, String> {
        let Some(value) = self.value("feed") else {
            return Err("data-feed is missing: set it to the URL of a JSON Feed".to_owned());
        };
        // A `blob:` URL is the page's own data (a feed pasted into the
        // configurator, test fixtures); it is fetched like any other.
        if value
            .get(..5)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("blob:"))
        {
            return Ok(value);
        }
        page.resolve_web(&value)
            .ok_or_else(|| format!("data-feed=\"{value}\" is not an http(s) URL of a JSON Feed"))
    }

    fn choice<T: Copy + PartialEq>(&mut self, name: &str, options: &[(&str, T)], default: T) -> T {
        let Some(value) = self.value(name) else {
            return default;
        };
        if let Some((_, chosen)) = options
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(&value))
        {
            return *chosen;
        }
        let fallback = options
            .iter()
            .find(|(_, v)| *v == default)
            .map_or("", |(key, _)| key);
        self.warn(
            name,
            &value,
            &format!(
                "is not one of {}; using {fallback}",
                text::join(options.iter().map(|(key, _)| *key), ", ")
            ),
        );
        default
    }

    /// An integer clamped to `min..=max`; unreadable values use `default`.
    fn number(&mut self, name: &str, min: u32, max: u32, default: u32) -> u32 {
        let Some(value) = self.value(name) else {
            return default;
        };
        let (negative, digits) = match value.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, value.strip_prefix('+').unwrap_or(&value)),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            self.warn(
                name,
                &value,
                &format!("is not a whole number; using {default}"),
            );
            return default;
        }
        // Too many digits for u32 means "very large", which clamps like any other.
        let magnitude = digits.parse::<u32>().unwrap_or(u32::MAX);
        let clamped = if negative {
            min
        } else {
            magnitude.clamp(min, max)
        };
        if negative && magnitude > 0 || clamped != magnitude {
            self.warn(
                name,
                &value,
                &format!("is outside {min}–{max}; using {clamped}"),
            );
        }
        clamped
    }

    fn css(&mut self, name: &str, property: &str, env: &Env) -> Option<String> {
        let value = self.value(name)?;
        // Declarations are set one property at a time, but refuse anything
        // that looks like an attempt to escape the value anyway.
        let plain = !value.contains([';', '{', '}', '<', '>']) && value.len() <= 200;
        if plain && (env.is_css_value)(property, &value) {
            return Some(value);
        }
        self.warn(
            name,
            &value,
            &format!("is not a valid CSS {property} value; using the theme's"),
        );
        None
    }

    fn lang(&mut self) -> LangChoice {
        let Some(value) = self.value("lang") else {
            return LangChoice::Auto;
        };
        if value.eq_ignore_ascii_case("auto") {
            return LangChoice::Auto;
        }
        match Lang::from_tag(&value) {
            Some(lang) => LangChoice::Fixed(lang),
            None => {
                self.warn("lang", &value, "is not zh-CN, en or auto; using auto");
                LangChoice::Auto
            }
        }
    }

    fn show(&mut self) -> Show {
        let Some(value) = (self.get)("show") else {
            return Show::DEFAULT;
        };
        let mut show = Show(0);
        let mut unknown = Vec::new();
        for entry in value.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            match Show::NAMES
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(entry))
            {
                Some((_, field)) => show.0 |= field.0,
                None => unknown.push(entry),
            }
        }
        if show.0 == 0 {
            self.warn("show", &value, "names none of image, summary, date, source, views, section, tags, author; using the default");
            return Show::DEFAULT;
        }
        if !unknown.is_empty() {
            let problem = format!(
                "has unknown entries ({}); they are ignored",
                text::join(unknown, ", ")
            );
            self.warn("show", &value, &problem);
        }
        show
    }

    fn text(&mut self, name: &str) -> Option<String> {
        self.value(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://alumni.example.org/news/index.html";

    fn parse_with(attrs: &[(&str, &str)], limit_max: u32) -> Parsed {
        let get = |name: &str| {
            attrs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        };
        // A stand-in for CSS.supports: colours are words or #hex, lengths end in px/rem.
        let css = |property: &str, value: &str| match property {
            "color" => value.starts_with('#') || value.chars().all(|c| c.is_ascii_alphabetic()),
            "border-top-left-radius" => value.ends_with("px") || value.ends_with("rem"),
            _ => !value.is_empty(),
        };
        let env = Env {
            page: &crate::url::Base::new(Some(PAGE)),
            limit_max,
            is_css_value: &css,
        };
        parse(&get, &env)
    }

    fn parse_attrs(attrs: &[(&str, &str)]) -> (Config, Vec<String>) {
        let parsed = parse_with(attrs, ATTRIBUTE_LIMIT_MAX);
        (
            parsed.config.unwrap_or_else(|e| panic!("{e}")),
            parsed.warnings,
        )
    }

    #[test]
    fn defaults_follow_the_spec_table() {
        let (config, warnings) = parse_attrs(&[("feed", "/feeds/home.json")]);
        assert!(warnings.is_empty());
        assert_eq!(
            config,
            Config {
                feed: "https://alumni.example.org/feeds/home.json".into(),
                layout: Layout::Cards,
                limit: 6,
                open: OpenMode::Inline,
                theme: Theme::Auto,
                accent: None,
                font: None,
                radius: None,
                density: Density::Comfortable,
                lang: LangChoice::Auto,
                show: Show::DEFAULT,
                related: 5,
                tag: None,
                section: None,
                title: Title::FromFeed,
                refresh: 0,
                timeout: 10,
            }
        );
    }

    #[test]
    fn every_attribute_is_read() {
        let (config, warnings) = parse_attrs(&[
            ("feed", "https://news.example.edu/feeds/home.json"),
            ("layout", "Magazine"),
            ("limit", "12"),
            ("open", "modal"),
            ("theme", "dark"),
            ("accent", "#c00"),
            ("font", "Georgia, serif"),
            ("radius", "4px"),
            ("density", "compact"),
            ("lang", "en"),
            ("show", "image, views,TAGS"),
            ("related", "0"),
            ("tag", " 校地合作 "),
            ("section", "学术动态"),
            ("title", "校友新闻"),
            ("refresh", "300"),
            ("timeout", "30"),
        ]);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(config.layout, Layout::Magazine);
        assert_eq!(
            (config.limit, config.open, config.theme),
            (12, OpenMode::Modal, Theme::Dark)
        );
        assert_eq!(config.accent.as_deref(), Some("#c00"));
        assert_eq!(config.font.as_deref(), Some("Georgia, serif"));
        assert_eq!(config.radius.as_deref(), Some("4px"));
        assert_eq!(
            (config.density, config.lang),
            (Density::Compact, LangChoice::Fixed(Lang::En))
        );
        assert!(
            config.show.contains(Show::IMAGE)
                && config.show.contains(Show::VIEWS)
                && config.show.contains(Show::TAGS)
        );
        assert!(!config.show.contains(Show::SUMMARY));
        assert_eq!(
            (config.related, config.refresh, config.timeout),
            (0, 300, 30)
        );
        assert_eq!(
            (config.tag.as_deref(), config.section.as_deref()),
            (Some("校地合作"), Some("学术动态"))
        );
        assert_eq!(config.title, Title::Text("校友新闻".into()));
    }

    #[test]
    fn a_missing_or_unusable_feed_is_the_only_error() {
        for attrs in [&[][..], &[("feed", "  ")][..]] {
            let error = parse_with(attrs, ATTRIBUTE_LIMIT_MAX)
                .config
                .err()
                .unwrap_or_default();
            assert!(error.contains("data-feed is missing"), "{error}");
        }
        let error = parse_with(&[("feed", "javascript:alert(1)")], ATTRIBUTE_LIMIT_MAX)
            .config
            .err()
            .unwrap_or_default();
        assert!(error.contains("not an http(s) URL"), "{error}");
    }

    #[test]
    fn numbers_are_clamped_with_one_warning_each() {
        let cases = [
            ("limit", "0", 1),
            ("limit", "51", 50),
            ("limit", "-4", 1),
            ("limit", "99999999999999", 50),
            ("limit", "+7", 7),
            ("related", "21", 20),
            ("timeout", "0", 1),
            ("timeout", "61", 60),
            ("refresh", "30", 60),
        ];
        for (name, value, expected) in cases {
            let (config, warnings) = parse_attrs(&[("feed", "f.json"), (name, value)]);
            let got = match name {
                "limit" => config.limit,
                "related" => config.related,
                "timeout" => config.timeout,
                _ => config.refresh,
            };
            assert_eq!(got, expected, "{name}={value}");
            let clamped = value != "+7";
            assert_eq!(
                warnings.len(),
                usize::from(clamped),
                "{name}={value}: {warnings:?}"
            );
            if clamped {
                assert!(
                    warnings[0].starts_with(&format!("data-{name}=\"{value}\"")),
                    "{warnings:?}"
                );
            }
        }
    }

    #[test]
    fn mount_options_may_ask_for_archive_sized_limits() {
        let parsed = parse_with(&[("feed", "f.json"), ("limit", "2000")], OPTION_LIMIT_MAX);
        assert_eq!(parsed.config.map(|c| c.limit), Ok(2000));
        assert!(parsed.warnings.is_empty());
    }

    #[test]
    fn unreadable_values_fall_back_to_the_default_with_a_warning() {
        let (config, warnings) = parse_attrs(&[
            ("feed", "f.json"),
            ("layout", "grid"),
            ("limit", "six"),
            ("open", "popup"),
            ("theme", "sepia"),
            ("accent", "not a colour!"),
            ("radius", "round"),
            ("font", "x; color: red"),
            ("density", "airy"),
            ("lang", "fr"),
            ("related", "2.5"),
        ]);
        assert_eq!(
            (config.layout, config.limit, config.open, config.theme),
            (Layout::Cards, 6, OpenMode::Inline, Theme::Auto)
        );
        assert_eq!(
            (config.accent, config.radius, config.font),
            (None, None, None)
        );
        assert_eq!(
            (config.density, config.lang, config.related),
            (Density::Comfortable, LangChoice::Auto, 5)
        );
        assert_eq!(warnings.len(), 10, "{warnings:?}");
        assert_eq!(
            warnings[0],
            "data-layout=\"grid\" is not one of cards, list, magazine, ticker; using cards"
        );
        assert_eq!(
            warnings[1],
            "data-limit=\"six\" is not a whole number; using 6"
        );
    }

    #[test]
    fn show_drops_unknown_entries_and_falls_back_when_none_is_left() {
        let (config, warnings) = parse_attrs(&[("feed", "f.json"), ("show", "date,likes,,views")]);
        assert!(config.show.contains(Show::DATE) && config.show.contains(Show::VIEWS));
        assert!(!config.show.contains(Show::IMAGE));
        assert_eq!(
            warnings,
            ["data-show=\"date,likes,,views\" has unknown entries (likes); they are ignored"]
        );
        for value in ["likes", ""] {
            let (config, warnings) = parse_attrs(&[("feed", "f.json"), ("show", value)]);
            assert_eq!(config.show, Show::DEFAULT);
            assert_eq!(warnings.len(), 1);
        }
    }

    #[test]
    fn an_empty_title_hides_the_heading() {
        assert_eq!(
            parse_attrs(&[("feed", "f.json"), ("title", "")]).0.title,
            Title::Hidden
        );
        assert_eq!(
            parse_attrs(&[("feed", "f.json"), ("title", " ")]).0.title,
            Title::Hidden
        );
    }

    #[test]
    fn language_tags_are_normalised() {
        for (value, expected) in [
            ("zh-CN", LangChoice::Fixed(Lang::ZhCn)),
            ("ZH", LangChoice::Fixed(Lang::ZhCn)),
            ("en-GB", LangChoice::Fixed(Lang::En)),
            ("AUTO", LangChoice::Auto),
        ] {
            assert_eq!(
                parse_attrs(&[("feed", "f.json"), ("lang", value)]).0.lang,
                expected,
                "{value}"
            );
        }
    }

    #[test]
    fn long_bad_values_are_shortened_in_warnings() {
        let value = "x".repeat(500);
        let (_, warnings) = parse_attrs(&[("feed", "f.json"), ("layout", &value)]);
        assert!(warnings[0].len() < 200, "{}", warnings[0]);
        assert!(warnings[0].contains("x…\""));
    }
}
