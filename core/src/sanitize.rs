//! SPEC §7's allowlist for untrusted `content_html`: the policy as data, and
//! a tokenizer and tree builder that apply it without a browser.
//!
//! Two builders apply one policy. The widget lets the browser parse
//! (`js/build.js`: an inert `DOMParser` document, then a walk that creates
//! fresh nodes only from these tables, which the build inlines as
//! [`policy_json`]): the browser's parser is exact (every named character
//! reference, every parsing quirk) and costs the wasm nothing. `news-feed`
//! and the native tests use the builder here, which needs no DOM.
//!
//! Why never `innerHTML` plus a cleanup pass: markup that is parsed, cleaned
//! and parsed again can change meaning on the second parse (mutation XSS).
//! Here the markup is parsed once, by a forgiving HTML5-like tokenizer, into a
//! tree whose tag and attribute names are `&'static str` taken from the
//! allowlist, so whatever this parser thinks the markup means, only
//! allowlisted nodes come out: a parsing difference from a browser can
//! change what text shows, never what runs. URLs are resolved and filtered
//! by [`crate::url`]. Depth and node count are capped and every step is
//! linear, so hostile input stays cheap.
//!
//! A `video` or `audio` becomes a link to its address rather than
//! vanishing: the reader learns there was one and can open it.

use crate::url;
use std::borrow::Cow;

/// A sanitized node: text, or an allowlisted element.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Text, unescaped (the DOM escapes it).
    Text(String),
    /// An allowlisted element.
    Element(Element),
}

/// An allowlisted element; names come only from the allowlist tables below.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// The tag name, from the allowlist.
    pub tag: &'static str,
    /// Allowed attributes with their checked values.
    pub attrs: Vec<(&'static str, String)>,
    /// The children.
    pub children: Vec<Node>,
}

/// Deepest element nesting kept; deeper elements are unwrapped.
pub const MAX_DEPTH: usize = 32;
/// Most nodes kept; the rest of the document is dropped.
pub const MAX_NODES: usize = 20_000;

// ------------------------------------------------------------------ policy
//
// SPEC §7 as data: the Rust builder below reads these tables, and so can a
// generator that rebuilds the same policy elsewhere (for example a DOM walk
// in JavaScript). Names are lowercase; input names match ASCII
// case-insensitively.

/// Elements kept as they are (SPEC §7). Every other element is unwrapped:
/// it goes, its content stays (except [`DROPPED_TAGS`] and [`MEDIA_TAGS`]).
#[rustfmt::skip]
pub const ALLOWED_TAGS: &[&str] = &[
    "p", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup", "br",
    "hr", "blockquote", "ul", "ol", "li", "a", "img", "figure", "figcaption", "table", "thead",
    "tbody", "tr", "th", "td", "span", "div", "pre", "code",
];
/// Allowed elements that never have content.
pub const VOID_TAGS: &[&str] = &["br", "hr", "img"];
/// Elements removed with everything inside (SPEC §7).
#[rustfmt::skip]
pub const DROPPED_TAGS: &[&str] = &[
    "script", "style", "template", "iframe", "frame", "object", "embed", "svg", "math",
    "noscript", "textarea", "select", "form",
];
/// The dropped elements that are void in HTML: no end tag follows, so
/// nothing after them is part of them.
const DROPPED_VOID: &[&str] = &["frame", "embed"];
/// Media elements shown as a link, so the reader can still reach them: each
/// becomes an `a` (with [`ADDED_ATTRIBUTES`]) whose `href` is the first
/// usable [`AttrValue::WebUrl`] among its own `src` and the `src` of its
/// [`MEDIA_SOURCE_TAG`] elements. Its content (the fallback) is the link
/// text; with no text, the URL's file name is (its last path segment,
/// percent-decoded, else its host). With no
/// usable address, it is unwrapped like any other element. An `a` or media
/// start tag inside it ends the link first (links do not nest).
pub const MEDIA_TAGS: &[&str] = &["video", "audio"];
/// The element inside a media element that names one of its addresses.
pub const MEDIA_SOURCE_TAG: &str = "source";

/// How an allowed attribute's value is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttrValue {
    /// Resolved against the base; `http:`, `https:` or `mailto:`.
    LinkUrl,
    /// Resolved against the base; `http:` or `https:`, not blank.
    WebUrl,
    /// Any text (character references decoded).
    Text,
    /// 1 to this many ASCII digits (surrounding whitespace trimmed).
    Digits(usize),
}

/// An allowed attribute: its name, the elements it is kept on (empty: all
/// allowed elements) and its value rule. An attribute that fails its rule is
/// dropped; an `img` left without `src` is dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttrRule {
    /// The attribute name.
    pub name: &'static str,
    /// The tags that may carry it (empty: every allowed tag).
    pub tags: &'static [&'static str],
    /// What its value must be.
    pub value: AttrValue,
}

/// Attributes kept (SPEC §7); every other attribute is dropped. When a name
/// repeats, the first one decides, as in HTML.
pub const ATTRIBUTES: &[AttrRule] = &[
    rule("href", &["a"], AttrValue::LinkUrl),
    rule("src", &["img"], AttrValue::WebUrl),
    rule("alt", &["img"], AttrValue::Text),
    rule("title", &[], AttrValue::Text),
    rule("width", &["img", "td", "th"], AttrValue::Digits(4)),
    rule("height", &["img", "td", "th"], AttrValue::Digits(4)),
    rule("colspan", &["td", "th"], AttrValue::Digits(3)),
    rule("rowspan", &["td", "th"], AttrValue::Digits(3)),
];

const fn rule(name: &'static str, tags: &'static [&'static str], value: AttrValue) -> AttrRule {
    AttrRule { name, tags, value }
}

/// Attributes added after the kept ones, with fixed values. An `img` also
/// gets `alt=""` when it has none (inside a `figure`: its caption's text).
pub const ADDED_ATTRIBUTES: &[(&str, &[(&str, &str)])] = &[
    ("a", &[("target", "_blank"), ("rel", "noopener noreferrer")]),
    (
        "img",
        &[
            ("loading", "lazy"),
            ("decoding", "async"),
            ("referrerpolicy", "no-referrer"),
        ],
    ),
];

/// Elements whose content the tokenizer reads as raw text up to the matching
/// end tag (`plaintext`: to the end), as HTML does: markup in there is text.
#[rustfmt::skip]
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes", "iframe", "noscript",
    "plaintext",
];
/// The raw-text elements whose character references are still decoded.
const ESCAPABLE_RAW_TEXT: &[&str] = &["textarea", "title"];
/// Start tags that close an open `p`, as in HTML (some are unwrapped here).
#[rustfmt::skip]
const CLOSES_P: &[&str] = &[
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "blockquote",
    "figure", "figcaption", "pre", "hr", "section", "article", "aside", "header", "footer", "nav",
    "main", "address", "center", "details", "summary", "dialog", "dl", "dd", "dt", "fieldset",
    "hgroup", "menu", "dir", "listing", "xmp", "plaintext",
];
const HEADINGS: &[&str] = &["h2", "h3", "h4", "h5", "h6"];
/// Inline elements; every other element separates words in [`text_content`].
pub const INLINE: &[&str] = &[
    "strong", "em", "b", "i", "u", "s", "sub", "sup", "a", "img", "span", "code",
];

/// Named character references understood; the first `LEGACY` also work
/// without `;`, as in HTML.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("AMP", '&'),
    ("LT", '<'),
    ("GT", '>'),
    ("QUOT", '"'),
    ("nbsp", '\u{a0}'),
    ("copy", '©'),
    ("reg", '®'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("middot", '·'),
    ("times", '×'),
    ("divide", '÷'),
    ("deg", '°'),
    ("shy", '\u{ad}'),
    ("apos", '\''),
    ("trade", '™'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bull", '•'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
    ("Tab", '\t'),
    ("NewLine", '\n'),
    ("colon", ':'),
];
const LEGACY: usize = 18;

/// What `&#128;`–`&#159;` mean in HTML (windows-1252); 0 = not remapped.
const CP1252: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// Parses `html` and keeps only allowlisted elements and attributes; relative
/// URLs resolve against `base` (the item's `url`, else the feed URL).
pub fn sanitize(html: &str, base: Option<&str>) -> Vec<Node> {
    // HTML input normalization: CR LF and CR become LF; NUL becomes U+FFFD.
    let src = if html.contains(['\r', '\0']) {
        Cow::Owned(
            html.replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace('\0', "\u{fffd}"),
        )
    } else {
        Cow::Borrowed(html)
    };
    let mut tokens = Tokenizer {
        src: &src,
        pos: 0,
        raw: None,
    };
    let mut b = Builder {
        base,
        root: Vec::new(),
        stack: Vec::new(),
        nodes: 0,
        full: false,
        skip: None,
        media: None,
    };
    while !b.full {
        match tokens.next() {
            Some(Token::Text(t)) => b.text(t),
            Some(Token::RawText(t)) => b.raw_text(t),
            Some(Token::Start(tag)) => b.start(&tag),
            Some(Token::End(name)) => b.end(name),
            None => break,
        }
    }
    b.close_to(0);
    b.root
}

/// The text of `nodes`, whitespace collapsed to single spaces and trimmed;
/// block elements and `br` separate words.
pub fn text_content(nodes: &[Node]) -> String {
    fn walk(nodes: &[Node], out: &mut String, space: &mut bool) {
        for node in nodes {
            match node {
                Node::Text(t) => {
                    for c in t.chars() {
                        if c.is_whitespace() {
                            *space = true;
                        } else {
                            if *space && !out.is_empty() {
                                out.push(' ');
                            }
                            *space = false;
                            out.push(c);
                        }
                    }
                }
                Node::Element(e) => {
                    let block = !INLINE.contains(&e.tag);
                    *space |= block;
                    walk(&e.children, out, space);
                    *space |= block;
                }
            }
        }
    }
    let mut out = String::new();
    walk(nodes, &mut out, &mut false);
    out
}

/// The policy as JSON, for a builder that applies it to a tree the browser
/// parsed (the widget's `js/build.js`, which gets it inlined by the build):
/// the tag and attribute tables, the limits, the URL schemes (with their
/// `:`, as `URL.protocol` spells them) and `char::is_whitespace` as a
/// regular expression class, so its text collapses as [`text_content`]'s.
pub fn policy_json() -> String {
    fn list(names: &[&str]) -> String {
        let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        format!("[{}]", quoted.join(","))
    }
    let schemes = |names: &[&str]| {
        let with_colon: Vec<String> = names.iter().map(|n| format!("{n}:")).collect();
        list(&with_colon.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let attributes: Vec<String> = ATTRIBUTES
        .iter()
        .map(|rule| {
            let (kind, max) = json_kind(rule.value);
            format!("[\"{}\",{},\"{kind}\",{max}]", rule.name, list(rule.tags))
        })
        .collect();
    let added: Vec<String> = ADDED_ATTRIBUTES
        .iter()
        .map(|(tag, attrs)| {
            let pairs: Vec<String> = attrs.iter().map(|(k, v)| list(&[k, v])).collect();
            format!("\"{tag}\":[{}]", pairs.join(","))
        })
        .collect();
    format!(
        "{{\"tags\":{},\"dropped\":{},\"media\":{},\"source\":\"{MEDIA_SOURCE_TAG}\",\"void\":{},\
\"attributes\":[{}],\"added\":{{{}}},\"inline\":{},\"maxDepth\":{MAX_DEPTH},\"maxNodes\":{MAX_NODES},\
\"maxUrl\":{},\"link\":{},\"web\":{},\"whitespace\":\"{}\"}}",
        list(ALLOWED_TAGS),
        list(DROPPED_TAGS),
        list(MEDIA_TAGS),
        list(VOID_TAGS),
        attributes.join(","),
        added.join(","),
        list(INLINE),
        url::MAX_LEN,
        schemes(url::LINK_SCHEMES),
        schemes(url::WEB_SCHEMES),
        whitespace_class(),
    )
}

/// A value rule as [`policy_json`] names it: the kind and its digit count.
fn json_kind(value: AttrValue) -> (&'static str, usize) {
    match value {
        AttrValue::LinkUrl => ("link", 0),
        AttrValue::WebUrl => ("web", 0),
        AttrValue::Text => ("text", 0),
        AttrValue::Digits(max) => ("digits", max),
    }
}

/// `char::is_whitespace` (what [`text_content`] and `str::trim` treat as
/// space) as a regular expression character class, escaped for a JSON string.
pub fn whitespace_class() -> String {
    let mut class = String::from("[");
    let mut chars = (0..=0x10ffff_u32)
        .filter_map(char::from_u32)
        .filter(|c| c.is_whitespace())
        .peekable();
    while let Some(first) = chars.next() {
        let mut last = first;
        while let Some(&next) = chars.peek() {
            if next as u32 != last as u32 + 1 {
                break;
            }
            last = next;
            chars.next();
        }
        class.push_str(&format!("\\\\u{:04x}", first as u32));
        if last != first {
            class.push_str(&format!("-\\\\u{:04x}", last as u32));
        }
    }
    class.push(']');
    class
}

/// Decodes character references as in HTML text (the text the sanitizer keeps).
pub fn decode_entities(s: &str) -> String {
    decode(s, false)
}

fn decode(s: &str, in_attr: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i + 1..).unwrap_or("");
        match char_ref(after, in_attr) {
            Some((c, used)) => {
                out.push(c);
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads the reference after a `&`: the character and bytes used.
fn char_ref(s: &str, in_attr: bool) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.first() == Some(&b'#') {
        let hex = matches!(b.get(1), Some(b'x' | b'X'));
        let (start, radix) = if hex { (2, 16) } else { (1, 10) };
        let digits = s.get(start..)?;
        let len = digits
            .bytes()
            .take_while(|d| char::from(*d).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let value = digits.get(..len)?.chars().fold(0u32, |v, d| {
            v.saturating_mul(radix)
                .saturating_add(d.to_digit(radix).unwrap_or(0))
        });
        let used = start + len + usize::from(b.get(start + len) == Some(&b';'));
        return Some((numeric_char(value), used));
    }
    let len = b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    let name = s.get(..len)?;
    if b.get(len) == Some(&b';') {
        if let Some(&(_, c)) = NAMED.iter().find(|(n, _)| *n == name) {
            return Some((c, len + 1));
        }
    }
    // Legacy names without `;`: the longest that prefixes the name. In
    // attributes, not when followed by an alphanumeric or `=` (`?a=1&copy=2`).
    let &(n, c) = NAMED
        .get(..LEGACY)?
        .iter()
        .filter(|(n, _)| name.starts_with(n))
        .max_by_key(|(n, _)| n.len())?;
    if in_attr && (n.len() < len || b.get(len) == Some(&b'=')) {
        return None;
    }
    Some((c, n.len()))
}

fn numeric_char(v: u32) -> char {
    let v = match v.checked_sub(0x80).and_then(|i| CP1252.get(i as usize)) {
        Some(&m) if m != 0 => u32::from(m),
        _ => v,
    };
    match v {
        0 => '\u{fffd}',
        _ => char::from_u32(v).unwrap_or('\u{fffd}'),
    }
}

fn find(table: &[&'static str], name: &str) -> Option<&'static str> {
    table.iter().copied().find(|t| t.eq_ignore_ascii_case(name))
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

// ---------------------------------------------------------------- tokenizer

enum Token<'a> {
    /// Undecoded text.
    Text(&'a str),
    /// The content of a raw-text element: text as it is, references included.
    RawText(&'a str),
    Start(Tag<'a>),
    End(&'a str),
}

struct Tag<'a> {
    name: &'a str,
    /// Raw names and undecoded values, in source order.
    attrs: Vec<(&'a str, &'a str)>,
    self_closing: bool,
}

struct Tokenizer<'a> {
    src: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: its content up to its end tag is next.
    raw: Option<&'static str>,
}

impl<'a> Tokenizer<'a> {
    fn byte(&self, i: usize) -> Option<u8> {
        self.src.as_bytes().get(i).copied()
    }

    /// Index of `needle` at or after `from`, if any.
    fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        self.src.get(from..)?.find(needle).map(|i| i + from)
    }

    /// Moves past the next `>` at or after `from` (a bogus comment), or to the end.
    fn skip_past_gt(&mut self, from: usize) {
        self.pos = self.find_from(from, ">").map_or(self.src.len(), |i| i + 1);
    }

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw.take() {
            let start = self.pos;
            self.skip_raw_text(name);
            if let Some(text) = self.src.get(start..self.pos).filter(|t| !t.is_empty()) {
                return Some(if ESCAPABLE_RAW_TEXT.contains(&name) {
                    Token::Text(text)
                } else {
                    Token::RawText(text)
                });
            }
        }
        loop {
            let rest = self.src.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            let at = self.pos;
            // Text runs to the next `<` that could start markup.
            if !rest.starts_with('<') {
                let len = rest.find('<').unwrap_or(rest.len());
                self.pos += len;
                return rest.get(..len).map(Token::Text);
            }
            match (self.byte(at + 1), self.byte(at + 2)) {
                (Some(c), _) if c.is_ascii_alphabetic() => {
                    let tag = self.tag(at + 1)?;
                    self.raw = find(RAW_TEXT, tag.name);
                    return Some(Token::Start(tag));
                }
                (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => {
                    return self.tag(at + 2).map(|t| Token::End(t.name));
                }
                (Some(b'/'), Some(b'>')) => self.pos = at + 3,
                (Some(b'/'), Some(_)) | (Some(b'?'), _) => self.skip_past_gt(at + 2),
                (Some(b'!'), _) => self.comment(at + 2),
                _ => {
                    // A `<` that starts nothing is text.
                    let len = rest
                        .get(1..)
                        .and_then(|r| r.find('<'))
                        .map_or(rest.len(), |i| i + 1);
                    self.pos += len;
                    return rest.get(..len).map(Token::Text);
                }
            }
        }
    }

    /// `<!--…-->` (also `<!-->`, `<!--->`, `--!>`); other `<!…>` to the next `>`.
    fn comment(&mut self, body: usize) {
        if self.src.get(body..body + 2) != Some("--") {
            self.skip_past_gt(body);
            return;
        }
        let body = body + 2;
        if self.byte(body) == Some(b'>') {
            self.pos = body + 1;
            return;
        }
        if self.src.get(body..body + 2) == Some("->") {
            self.pos = body + 2;
            return;
        }
        let mut from = body;
        while let Some(i) = self.find_from(from, "--") {
            match (self.byte(i + 2), self.byte(i + 3)) {
                (Some(b'>'), _) => {
                    self.pos = i + 3;
                    return;
                }
                (Some(b'!'), Some(b'>')) => {
                    self.pos = i + 4;
                    return;
                }
                _ => from = i + 1,
            }
        }
        self.pos = self.src.len();
    }

    /// Moves past the content of a raw-text element: to the `</name` that
    /// ends it, or to the end.
    fn skip_raw_text(&mut self, name: &str) {
        let mut from = self.pos;
        self.pos = self.src.len();
        if name == "plaintext" {
            return;
        }
        while let Some(i) = self.find_from(from, "</") {
            let end = i + 2 + name.len();
            let same = self
                .src
                .get(i + 2..end)
                .is_some_and(|n| n.eq_ignore_ascii_case(name));
            if same
                && self
                    .byte(end)
                    .is_some_and(|b| is_ws(b) || b == b'/' || b == b'>')
            {
                self.pos = i;
                return;
            }
            from = i + 2;
        }
    }

    /// Reads a tag whose name starts at `start`, through its `>`. `None` at
    /// the end of input inside the tag (HTML drops such a tag).
    fn tag(&mut self, start: usize) -> Option<Tag<'a>> {
        let src = self.src;
        let b = src.as_bytes();
        let stop = |i: usize, extra: u8| {
            b.get(i)
                .is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>' || c == extra)
        };
        let mut i = start;
        while !stop(i, b'>') {
            i += 1;
        }
        let name = src.get(start..i)?;
        let mut tag = Tag {
            name,
            attrs: Vec::new(),
            self_closing: false,
        };
        self.pos = src.len(); // in case the input ends inside the tag
        loop {
            match *b.get(i)? {
                c if is_ws(c) => i += 1,
                b'/' => {
                    i += 1;
                    tag.self_closing = b.get(i) == Some(&b'>');
                }
                b'>' => {
                    self.pos = i + 1;
                    return Some(tag);
                }
                _ => {
                    // The first character may be `=`, as in HTML.
                    let name_start = i;
                    i += 1;
                    while !stop(i, b'=') {
                        i += 1;
                    }
                    let attr = src.get(name_start..i)?;
                    while b.get(i).is_some_and(|&c| is_ws(c)) {
                        i += 1;
                    }
                    let mut value = "";
                    if b.get(i) == Some(&b'=') {
                        i += 1;
                        while b.get(i).is_some_and(|&c| is_ws(c)) {
                            i += 1;
                        }
                        match b.get(i) {
                            Some(&q @ (b'"' | b'\'')) => {
                                let end =
                                    self.find_from(i + 1, if q == b'"' { "\"" } else { "'" })?;
                                value = src.get(i + 1..end)?;
                                i = end + 1;
                            }
                            Some(b'>') | None => {}
                            Some(_) => {
                                let value_start = i;
                                while b.get(i).is_some_and(|&c| !is_ws(c) && c != b'>') {
                                    i += 1;
                                }
                                value = src.get(value_start..i)?;
                            }
                        }
                    }
                    tag.attrs.push((attr, value));
                }
            }
        }
    }
}

// ------------------------------------------------------------- tree builder

struct Builder<'b> {
    base: Option<&'b str>,
    root: Vec<Node>,
    /// Open elements; each is attached to its parent when it closes.
    stack: Vec<Element>,
    nodes: usize,
    /// The node cap was reached: ignore the rest.
    full: bool,
    /// Inside a dropped element: its name and how many are open.
    skip: Option<(&'static str, usize)>,
    /// The open media link, if any (see [`MEDIA_TAGS`]).
    media: Option<Media>,
}

/// A media element being turned into a link.
struct Media {
    /// Its index in the stack of open elements.
    depth: usize,
    /// Its first usable address, once seen.
    href: Option<String>,
}

impl Builder<'_> {
    fn text(&mut self, raw: &str) {
        if self.skip.is_none() {
            self.push_text(decode(raw, false));
        }
    }

    fn raw_text(&mut self, raw: &str) {
        if self.skip.is_none() {
            self.push_text(raw.to_owned());
        }
    }

    fn push_text(&mut self, s: String) {
        if s.is_empty() {
            return;
        }
        let siblings = match self.stack.last_mut() {
            Some(e) => &mut e.children,
            None => &mut self.root,
        };
        // Merge with a preceding text node (text split by dropped markup).
        if let Some(Node::Text(t)) = siblings.last_mut() {
            t.push_str(&s);
        } else if self.nodes < MAX_NODES {
            self.nodes += 1;
            siblings.push(Node::Text(s));
        } else {
            self.full = true;
        }
    }

    fn start(&mut self, t: &Tag) {
        // `<svg/>` and `<math/>` really are empty (foreign elements).
        let empty = t.self_closing
            && (t.name.eq_ignore_ascii_case("svg") || t.name.eq_ignore_ascii_case("math"));
        if let Some((name, open)) = &mut self.skip {
            if !empty && t.name.eq_ignore_ascii_case(name) {
                *open += 1;
            }
            return;
        }
        if find(MEDIA_TAGS, t.name).is_some() {
            self.media_start(t);
            return;
        }
        if t.name.eq_ignore_ascii_case(MEDIA_SOURCE_TAG) {
            self.media_source(t);
            return;
        }
        let Some(tag) = find(ALLOWED_TAGS, t.name) else {
            match find(DROPPED_TAGS, t.name) {
                Some(d) if !empty && !DROPPED_VOID.contains(&d) => self.skip = Some((d, 1)),
                Some(_) => {}
                // Unwrapped: only its effect on an open `p` remains.
                None if find(CLOSES_P, t.name).is_some() => self.close_p(),
                None => {}
            }
            return;
        };
        self.close_implied(tag);
        let Some(attrs) = self.attrs(tag, &t.attrs) else {
            return;
        };
        self.element(tag, attrs);
    }

    fn end(&mut self, name: &str) {
        if let Some((skipped, open)) = &mut self.skip {
            if name.eq_ignore_ascii_case(skipped) {
                *open = open.saturating_sub(1);
                if *open == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        if find(MEDIA_TAGS, name).is_some() {
            self.close_media();
            return;
        }
        // `</br>` is a `<br>` in HTML.
        if name.eq_ignore_ascii_case("br") {
            self.element("br", Vec::new());
            return;
        }
        let Some(tag) = find(ALLOWED_TAGS, name) else {
            return;
        };
        let heading = HEADINGS.contains(&tag);
        let open = self
            .stack
            .iter()
            .rposition(|e| e.tag == tag || (heading && HEADINGS.contains(&e.tag)));
        if let Some(i) = open {
            self.close_to(i);
        }
    }

    /// Adds an element: void ones as leaves, others as the new open element
    /// (or unwrapped when too deep).
    fn element(&mut self, tag: &'static str, attrs: Vec<(&'static str, String)>) {
        let void = VOID_TAGS.contains(&tag);
        if !void && self.stack.len() >= MAX_DEPTH {
            return;
        }
        if self.nodes >= MAX_NODES {
            self.full = true;
            return;
        }
        self.nodes += 1;
        let el = Element {
            tag,
            attrs,
            children: Vec::new(),
        };
        if void {
            self.attach(Node::Element(el));
        } else {
            self.stack.push(el);
        }
    }

    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => self.root.push(node),
        }
    }

    /// Attaches the children of an unwrapped element, merging adjacent text.
    fn attach_all(&mut self, nodes: Vec<Node>) {
        for node in nodes {
            match node {
                Node::Text(text) => {
                    let siblings = match self.stack.last_mut() {
                        Some(e) => &mut e.children,
                        None => &mut self.root,
                    };
                    match siblings.last_mut() {
                        Some(Node::Text(t)) => t.push_str(&text),
                        _ => siblings.push(Node::Text(text)),
                    }
                }
                element => self.attach(element),
            }
        }
    }

    /// A media start tag: closes an open link, opens the media link and
    /// takes the element's own `src` if usable.
    fn media_start(&mut self, t: &Tag) {
        self.close_implied("a");
        let depth = self.stack.len();
        self.element("a", Vec::new());
        if self.stack.len() > depth {
            self.media = Some(Media { depth, href: None });
            self.media_source(t);
        }
    }

    /// A media element or its `source`: the first usable `src` becomes the
    /// open media link's address.
    fn media_source(&mut self, t: &Tag) {
        if self.media.as_ref().is_none_or(|m| m.href.is_some()) {
            return;
        }
        let src = t
            .attrs
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("src"));
        let href = src.and_then(|&(_, value)| self.value(AttrValue::WebUrl, value));
        if let Some(media) = &mut self.media {
            media.href = href;
        }
    }

    /// Closes the open media link, if any, with everything opened inside it.
    fn close_media(&mut self) {
        if let Some(depth) = self.media.as_ref().map(|m| m.depth) {
            self.close_to(depth);
        }
    }

    /// Closes open elements until `len` remain.
    fn close_to(&mut self, len: usize) {
        while self.stack.len() > len {
            let Some(mut el) = self.stack.pop() else {
                return;
            };
            if el.tag == "figure" {
                fill_alt(&mut el);
            }
            let depth = self.stack.len();
            match self.media.take_if(|m| m.depth == depth) {
                None => self.attach(Node::Element(el)),
                // No usable address: unwrapped, the fallback stays.
                Some(Media { href: None, .. }) => self.attach_all(el.children),
                Some(Media {
                    href: Some(href), ..
                }) => {
                    if text_content(&el.children).is_empty() && self.nodes < MAX_NODES {
                        self.nodes += 1;
                        el.children.push(Node::Text(file_name(&href)));
                    }
                    el.attrs.push(("href", href));
                    el.attrs.extend(added_attributes("a"));
                    self.attach(Node::Element(el));
                }
            }
        }
    }

    /// Closes the nearest open element named in `targets`, unless one named
    /// in `bounds` comes first.
    fn close_open(&mut self, targets: &[&str], bounds: &[&str]) {
        let hit = self
            .stack
            .iter()
            .rposition(|e| targets.contains(&e.tag) || bounds.contains(&e.tag));
        if let Some(i) =
            hit.filter(|&i| self.stack.get(i).is_some_and(|e| targets.contains(&e.tag)))
        {
            self.close_to(i);
        }
    }

    fn close_p(&mut self) {
        self.close_open(&["p"], &["td", "th", "table"]);
    }

    /// The implied end tags HTML applies before `tag` opens.
    fn close_implied(&mut self, tag: &'static str) {
        if CLOSES_P.contains(&tag) {
            self.close_p();
        }
        match tag {
            "li" => self.close_open(&["li"], &["ul", "ol", "table", "td", "th"]),
            "td" | "th" => self.close_open(&["td", "th"], &["tr", "table"]),
            "tr" => self.close_open(&["tr"], &["thead", "tbody", "table"]),
            "thead" | "tbody" => self.close_open(&["thead", "tbody"], &["table"]),
            "a" => {
                self.close_media();
                self.close_open(&["a"], &["td", "th", "table"]);
            }
            // A heading closes a heading that is the current element.
            _ if HEADINGS.contains(&tag)
                && self.stack.last().is_some_and(|e| HEADINGS.contains(&e.tag)) =>
            {
                self.close_to(self.stack.len().saturating_sub(1));
            }
            _ => {}
        }
    }

    /// The allowed attributes of `tag`, checked and completed; `None` drops
    /// the element (an `img` without a usable `src`).
    fn attrs(
        &self,
        tag: &'static str,
        raw: &[(&str, &str)],
    ) -> Option<Vec<(&'static str, String)>> {
        let mut seen: Vec<&'static str> = Vec::new();
        let mut out: Vec<(&'static str, String)> = Vec::new();
        for &(name, value) in raw {
            let Some(rule) = ATTRIBUTES
                .iter()
                .find(|r| r.name.eq_ignore_ascii_case(name))
            else {
                continue;
            };
            // The first of duplicate attributes wins, as in HTML.
            if seen.contains(&rule.name) {
                continue;
            }
            seen.push(rule.name);
            if !rule.tags.is_empty() && !rule.tags.contains(&tag) {
                continue;
            }
            if let Some(value) = self.value(rule.value, value) {
                out.push((rule.name, value));
            }
        }
        let has = |n: &str| out.iter().any(|(k, _)| *k == n);
        if tag == "img" {
            if !has("src") {
                return None;
            }
            // Inside a figure, a missing alt comes from its figcaption when the figure closes.
            let in_figure = self.stack.iter().any(|e| e.tag == "figure");
            if !has("alt") && !in_figure {
                out.push(("alt", String::new()));
            }
        }
        out.extend(added_attributes(tag));
        Some(out)
    }

    /// An attribute value checked against its rule; `None` drops it.
    fn value(&self, rule: AttrValue, raw: &str) -> Option<String> {
        match rule {
            AttrValue::LinkUrl => url::resolve_link(self.base, &decode(raw, true)),
            AttrValue::WebUrl => {
                let v = decode(raw, true);
                // An empty address would fetch the base document.
                let blank = v.chars().all(|c| c <= ' ');
                url::resolve_web(self.base, &v).filter(|_| !blank)
            }
            AttrValue::Text => Some(decode(raw, true)),
            AttrValue::Digits(max) => digits(raw, max),
        }
    }
}

/// The [`ADDED_ATTRIBUTES`] of `tag`.
fn added_attributes(tag: &'static str) -> impl Iterator<Item = (&'static str, String)> {
    ADDED_ATTRIBUTES
        .iter()
        .filter(move |(t, _)| *t == tag)
        .flat_map(|(_, attrs)| attrs.iter().map(|&(k, v)| (k, v.to_owned())))
}

/// The text of a media link that has no fallback text: the last non-empty
/// path segment of its URL, percent-decoded when that gives UTF-8
/// (`校歌.mp3`), else the host. It needs no translation and tells the
/// reader what the link leads to.
fn file_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    match path.rsplit('/').find(|segment| !segment.is_empty()) {
        Some(segment) => percent_decode(segment),
        None => authority.rsplit('@').next().unwrap_or(authority).to_owned(),
    }
}

/// Decodes `%XX` escapes; the text unchanged if the bytes are not UTF-8.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |j: usize| b.get(j).and_then(|&h| char::from(h).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// 1 to `max` ASCII digits (surrounding whitespace ignored).
fn digits(value: &str, max: usize) -> Option<String> {
    let v = value.trim_matches(|c: char| c.is_ascii_whitespace());
    let ok = (1..=max).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| v.to_string())
}

/// Gives every `img` in a closing `figure` that has no `alt` the text of the
/// figure's `figcaption` (or `""`). Inner figures have already done theirs.
fn fill_alt(figure: &mut Element) {
    fn caption(nodes: &[Node]) -> Option<String> {
        nodes.iter().find_map(|n| match n {
            Node::Element(e) if e.tag == "figcaption" => Some(text_content(&e.children)),
            Node::Element(e) if e.tag != "figure" => caption(&e.children),
            _ => None,
        })
    }
    fn fill(nodes: &mut [Node], alt: &str) {
        for node in nodes {
            if let Node::Element(e) = node {
                if e.tag == "img" && !e.attrs.iter().any(|(k, _)| *k == "alt") {
                    e.attrs.push(("alt", alt.to_string()));
                }
                fill(&mut e.children, alt);
            }
        }
    }
    let alt = caption(&figure.children).unwrap_or_default();
    fill(&mut figure.children, &alt);
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: Option<&str> = Some("https://news.example.edu/info/1002/12345.htm");

    /// Serializes for compact assertions (attributes in order).
    fn html(nodes: &[Node]) -> String {
        let mut out = String::new();
        for node in nodes {
            match node {
                Node::Text(t) => out.push_str(&t.replace('&', "&amp;").replace('<', "&lt;")),
                Node::Element(e) => {
                    out.push('<');
                    out.push_str(e.tag);
                    for (k, v) in &e.attrs {
                        out.push_str(&format!(" {k}=\"{}\"", v.replace('"', "&quot;")));
                    }
                    out.push('>');
                    if !VOID_TAGS.contains(&e.tag) {
                        out.push_str(&html(&e.children));
                        out.push_str(&format!("</{}>", e.tag));
                    }
                }
            }
        }
        out
    }

    fn s(input: &str) -> String {
        html(&sanitize(input, BASE))
    }

    const A: &str = r#"target="_blank" rel="noopener noreferrer""#;
    const IMG: &str = r#"loading="lazy" decoding="async" referrerpolicy="no-referrer""#;

    fn walk<'n>(nodes: &'n [Node], out: &mut Vec<&'n Element>) {
        for n in nodes {
            if let Node::Element(e) = n {
                out.push(e);
                walk(&e.children, out);
            }
        }
    }

    fn elements(nodes: &[Node]) -> Vec<&Element> {
        let mut out = Vec::new();
        walk(nodes, &mut out);
        out
    }

    fn count(nodes: &[Node]) -> usize {
        nodes
            .iter()
            .map(|n| {
                1 + if let Node::Element(e) = n {
                    count(&e.children)
                } else {
                    0
                }
            })
            .sum()
    }

    fn depth(nodes: &[Node]) -> usize {
        nodes
            .iter()
            .map(|n| {
                if let Node::Element(e) = n {
                    1 + depth(&e.children)
                } else {
                    0
                }
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn policy_tables_agree() {
        let allowed = |t: &&str| ALLOWED_TAGS.contains(t);
        assert!(!DROPPED_TAGS.iter().any(allowed));
        assert!(!MEDIA_TAGS
            .iter()
            .any(|t| allowed(t) || DROPPED_TAGS.contains(t)));
        assert!(VOID_TAGS.iter().all(allowed));
        assert!(ATTRIBUTES.iter().all(|r| r.tags.iter().all(allowed)));
        assert!(ADDED_ATTRIBUTES.iter().all(|(t, _)| allowed(t)));
        assert!(!RAW_TEXT.iter().any(allowed));
        assert!(ESCAPABLE_RAW_TEXT.iter().all(|t| RAW_TEXT.contains(t)));
        assert!(DROPPED_VOID.iter().all(|t| DROPPED_TAGS.contains(t)));
    }

    #[test]
    fn allowlist_keeps_structure() {
        let input = "<p>A <strong>b</strong> <em>c</em> <b>d</b><i>e</i><u>f</u><s>g</s>x<sub>1</sub><sup>2</sup><br>\
                     <span>h</span><code>i</code></p><h2>H2</h2><h3>H3</h3><h4>4</h4><h5>5</h5><h6>6</h6><hr>\
                     <blockquote>q</blockquote><ul><li>1</li></ul><ol><li>2</li></ol><div><pre>p</pre></div>";
        assert_eq!(s(input), input);
    }

    #[test]
    fn table_structure_is_kept() {
        let input = r#"<table><thead><tr><th colspan="2">h</th></tr></thead><tbody><tr><td rowspan="3" width="10">1</td><td>2</td></tr></tbody></table>"#;
        assert_eq!(s(input), input);
    }

    #[test]
    fn figure_with_caption() {
        assert_eq!(
            s(r#"<figure><img src="/a.jpg"><figcaption>Cap <b>tion</b></figcaption></figure>"#),
            format!(
                r#"<figure><img src="https://news.example.edu/a.jpg" {IMG} alt="Cap tion"><figcaption>Cap <b>tion</b></figcaption></figure>"#
            )
        );
    }

    #[test]
    fn each_dropped_element_goes_with_its_content() {
        // SPEC §7's list; `frame` and `embed` are void (see the next test).
        for tag in [
            "script", "style", "template", "iframe", "object", "svg", "math", "noscript",
            "textarea", "select", "form",
        ] {
            let input = format!("<p>a<{tag} x=1><b>hidden</b><img src=/i.png></{tag}>b</p>");
            assert_eq!(s(&input), "<p>ab</p>", "{tag}");
            let upper = input
                .to_uppercase()
                .replace("<P>", "<p>")
                .replace("</P>", "</p>");
            assert_eq!(s(&upper), "<p>AB</p>", "{tag} uppercase");
        }
    }

    #[test]
    fn elements_outside_the_spec_drop_list_keep_their_content() {
        for tag in ["canvas", "applet", "frameset", "bdi", "picture"] {
            let input = format!("<p>a<{tag} x=1><b>kept</b></{tag}>b</p>");
            assert_eq!(s(&input), "<p>a<b>kept</b>b</p>", "{tag}");
        }
    }

    #[test]
    fn raw_text_of_unwrapped_elements_stays_text() {
        // Raw text: markup and references inside are shown as typed.
        for tag in ["xmp", "noembed", "noframes"] {
            let input = format!("a<{tag}><img src=/x onerror=alert(1)> &amp;</{tag}>b");
            assert_eq!(
                sanitize(&input, BASE),
                vec![Node::Text("a<img src=/x onerror=alert(1)> &amp;b".into())],
                "{tag}"
            );
        }
        // `title` is escapable raw text: references are decoded, markup is not.
        assert_eq!(
            sanitize("<title>A &amp; <b>B</b></title><p>x</p>", BASE),
            vec![
                Node::Text("A & <b>B</b>".into()),
                Node::Element(Element {
                    tag: "p",
                    attrs: Vec::new(),
                    children: vec![Node::Text("x".into())],
                }),
            ]
        );
        assert_eq!(s("<p>a<xmp>b</xmp>"), "<p>a</p>b", "xmp closes a paragraph");
    }

    #[test]
    fn plaintext_is_text_to_the_end() {
        assert_eq!(
            s("<p>a</p><plaintext><p>b</p></plaintext>&amp;"),
            "<p>a</p>&lt;p>b&lt;/p>&lt;/plaintext>&amp;amp;"
        );
    }

    #[test]
    fn video_and_audio_become_links_to_their_source() {
        assert_eq!(
            s(
                r#"<video src="../../media/talk.mp4" poster=/p.jpg controls>Watch the <b>talk</b></video>"#
            ),
            format!(
                r#"<a href="https://news.example.edu/media/talk.mp4" {A}>Watch the <b>talk</b></a>"#
            )
        );
        // No fallback text: the file name, decoded, is the link text.
        assert_eq!(
            s("<p><audio controls>\n <source src=javascript:alert(1)><source src=/a/%E6%A0%A1%E6%AD%8C.mp3?v=2 type=audio/mpeg>\n</audio></p>"),
            format!("<p><a href=\"https://news.example.edu/a/%E6%A0%A1%E6%AD%8C.mp3?v=2\" {A}>\n \n校歌.mp3</a></p>")
        );
        assert_eq!(
            s("<VIDEO SRC=https://v.example.edu/></VIDEO>"),
            format!(r#"<a href="https://v.example.edu/" {A}>v.example.edu</a>"#)
        );
        assert_eq!(
            s("<video src=https://v.example.edu/x/>"),
            format!(r#"<a href="https://v.example.edu/x/" {A}>x</a>"#),
            "unclosed, and the last non-empty path segment"
        );
    }

    #[test]
    fn media_without_a_usable_source_leaves_its_fallback() {
        assert_eq!(
            s("<p>a<video src=javascript:alert(1)>no <b>video</b></video>b</p>"),
            "<p>ano <b>video</b>b</p>"
        );
        assert_eq!(s("<audio><source src=data:audio/mp3,x></audio>"), "");
        assert_eq!(
            html(&sanitize("<video src=v.mp4>fallback</video>", None)),
            "fallback",
            "a relative source without a base"
        );
    }

    #[test]
    fn media_fallback_links_and_nested_media_stay_flat() {
        assert_eq!(
            s("<video src=/v.mp4>Get <a href=/v.mp4>the file</a> here</video>!"),
            format!(
                r#"<a href="https://news.example.edu/v.mp4" {A}>Get </a><a href="https://news.example.edu/v.mp4" {A}>the file</a> here!"#
            )
        );
        assert_eq!(
            s("<video src=/1.mp4>one<audio src=/2.mp3>two</audio>three</video>four"),
            format!(
                r#"<a href="https://news.example.edu/1.mp4" {A}>one</a><a href="https://news.example.edu/2.mp3" {A}>two</a>threefour"#
            )
        );
        assert_eq!(s("<source src=/x.mp4><track src=/t.vtt>a</source>"), "a");
    }

    #[test]
    fn void_dropped_elements_leave_nothing() {
        for tag in [
            "embed src=x",
            "frame",
            "base href=//evil",
            "link rel=x",
            "meta charset=x",
            "param",
            "source src=x",
            "track",
            "input value=v",
        ] {
            assert_eq!(s(&format!("<p>a<{tag}>b</p>")), "<p>ab</p>", "{tag}");
        }
    }

    #[test]
    fn unclosed_dropped_element_drops_to_the_end() {
        assert_eq!(s("<p>a</p><svg><p>b</p>"), "<p>a</p>");
        assert_eq!(s("<p>a</p><script>alert(1)"), "<p>a</p>");
        assert_eq!(s("<p>a</p><style>p{}</styl"), "<p>a</p>");
    }

    #[test]
    fn dropped_elements_nest() {
        assert_eq!(
            s("<svg><svg></svg><p>still dropped</p></svg><p>shown</p>"),
            "<p>shown</p>"
        );
        assert_eq!(s("<template><template>x</template>y</template>z"), "z");
        assert_eq!(
            s("<svg/><p>after self-closing svg</p>"),
            "<p>after self-closing svg</p>"
        );
        assert_eq!(s("<svg><svg/><p>x</p></svg>y"), "y");
        assert_eq!(s("<form/><p>x</p></form>y"), "y");
    }

    #[test]
    fn unwrapped_elements_keep_their_text() {
        assert_eq!(
            s("<section><font color=red>Hi</font> <center>there</center></section>"),
            "Hi there"
        );
        assert_eq!(s("<article><p>x</p></article>"), "<p>x</p>");
        assert_eq!(s("<custom-tag onclick=x>y</custom-tag>"), "y");
        assert_eq!(
            s("<html><head></head><body><p>x</p></body></html>"),
            "<p>x</p>"
        );
    }

    #[test]
    fn h1_is_unwrapped_but_closes_a_paragraph() {
        assert_eq!(s("<h1>Title</h1><p>Body</p>"), "Title<p>Body</p>");
        assert_eq!(s("<p>intro<h1>Title</h1>"), "<p>intro</p>Title");
    }

    #[test]
    fn event_handlers_style_and_others_removed() {
        assert_eq!(
            s(r#"<p onclick="x()" style="color:red" class=c id=i data-x=1 ONMOUSEOVER=y>t</p>"#),
            "<p>t</p>"
        );
        assert_eq!(
            s(r#"<img src="/a.png" srcset="/b.png 2x" onerror="alert(1)" usemap=#m>"#),
            format!(r#"<img src="https://news.example.edu/a.png" alt="" {IMG}>"#)
        );
    }

    #[test]
    fn attributes_only_where_allowed() {
        assert_eq!(
            s("<p href=/x src=/y alt=a title=t width=1 colspan=2>x</p>"),
            r#"<p title="t">x</p>"#
        );
        assert_eq!(s("<span href=/x>y</span>"), "<span>y</span>");
        assert_eq!(
            s("<td width=5 height=6 colspan=2 rowspan=3>x</td>"),
            r#"<td width="5" height="6" colspan="2" rowspan="3">x</td>"#
        );
        assert_eq!(
            s("<img src=/i colspan=2>"),
            format!(r#"<img src="https://news.example.edu/i" alt="" {IMG}>"#)
        );
    }

    #[test]
    fn first_duplicate_attribute_wins() {
        assert_eq!(s("<p title=a title=b>x</p>"), r#"<p title="a">x</p>"#);
        // A bad first href is not replaced by a later one.
        assert_eq!(
            s("<a href=javascript:x HREF=/ok>x</a>"),
            format!("<a {A}>x</a>")
        );
    }

    #[test]
    fn script_urls_removed_from_href() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "&#106;avascript:alert(1)",
            "&#106avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#X6a;avascript:alert(1)",
            "&#0000106;avascript:alert(1)",
            "java&#x09;script:alert(1)",
            "java&#9;script:alert(1)",
            "java&Tab;script:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "  javascript:alert(1)",
            "&#1;javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "javascript&colon;alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
        ] {
            let out = s(&format!("<a href=\"{bad}\">x</a>"));
            assert_eq!(out, format!("<a {A}>x</a>"), "{bad:?}");
        }
    }

    #[test]
    fn script_urls_remove_the_image() {
        for bad in [
            "javascript:alert(1)",
            "&#x6A;avascript:x",
            "data:image/png;base64,AAAA",
            " vbscript:x",
            "mailto:a@b",
            "",
            " &#32;\t",
        ] {
            assert_eq!(
                s(&format!("<p><img src=\"{bad}\" alt=a>x</p>")),
                "<p>x</p>",
                "{bad:?}"
            );
        }
        assert_eq!(s("<img alt=no-src>"), "");
    }

    #[test]
    fn relative_urls_resolve_against_base() {
        assert_eq!(
            s(r#"<a href="../1003/9.htm?a=1&amp;b=2#c">x</a>"#),
            format!(r#"<a href="https://news.example.edu/info/1003/9.htm?a=1&b=2#c" {A}>x</a>"#)
        );
        assert_eq!(
            s("<img src=//cdn.example.edu/p.jpg>"),
            format!(r#"<img src="https://cdn.example.edu/p.jpg" alt="" {IMG}>"#)
        );
        assert_eq!(
            s("<a href=#top>x</a>"),
            format!(r#"<a href="https://news.example.edu/info/1002/12345.htm#top" {A}>x</a>"#)
        );
    }

    #[test]
    fn relative_urls_without_base_are_dropped() {
        assert_eq!(
            html(&sanitize("<a href=x>y</a><img src=i.png>", None)),
            format!("<a {A}>y</a>")
        );
        assert_eq!(
            html(&sanitize("<a href=https://x/>y</a>", None)),
            format!(r#"<a href="https://x/" {A}>y</a>"#)
        );
    }

    #[test]
    fn mailto_kept_on_links_only() {
        assert_eq!(
            s("<a href=mailto:a@b.cn>m</a>"),
            format!(r#"<a href="mailto:a@b.cn" {A}>m</a>"#)
        );
        assert_eq!(s("<img src=mailto:a@b.cn>"), "");
    }

    #[test]
    fn links_get_target_and_rel() {
        assert_eq!(
            s(r#"<a href="https://x/" target="_self" rel="opener">x</a>"#),
            format!(r#"<a href="https://x/" {A}>x</a>"#)
        );
        assert_eq!(s("<a name=x>y</a>"), format!("<a {A}>y</a>"));
    }

    #[test]
    fn images_lazy_no_referrer_and_alt() {
        assert_eq!(
            s(r#"<img src="https://x/a.jpg" alt="A &amp; B" title=t>"#),
            format!(r#"<img src="https://x/a.jpg" alt="A & B" title="t" {IMG}>"#)
        );
        assert_eq!(
            s("<img src=https://x/a.jpg alt>"),
            format!(r#"<img src="https://x/a.jpg" alt="" {IMG}>"#)
        );
    }

    #[test]
    fn alt_from_figcaption_only_when_missing() {
        let out = s(
            r#"<figure><div><img src=/1.jpg></div><img src=/2.jpg alt=""><img src=/3.jpg alt=own><figcaption> The   caption </figcaption></figure>"#,
        );
        assert!(out.contains(r#"1.jpg" loading="lazy" decoding="async" referrerpolicy="no-referrer" alt="The caption">"#), "{out}");
        assert!(out.contains(r#"2.jpg" alt="" loading"#), "{out}");
        assert!(out.contains(r#"3.jpg" alt="own" loading"#), "{out}");
    }

    #[test]
    fn alt_from_the_nearest_figure() {
        let out =
            s("<figure><figure><img src=/in.jpg></figure><figcaption>outer</figcaption></figure>");
        assert!(
            out.contains(
                r#"in.jpg" loading="lazy" decoding="async" referrerpolicy="no-referrer" alt="">"#
            ),
            "{out}"
        );
        let out = s("<figure><img src=/a.jpg>");
        assert!(out.contains(r#"alt="""#), "{out}");
    }

    #[test]
    fn width_and_height_validated() {
        let img = |attrs: &str| s(&format!("<img src=/i {attrs}>")).replace(&format!(" {IMG}"), "");
        assert_eq!(
            img("width=640 height=480"),
            r#"<img src="https://news.example.edu/i" width="640" height="480" alt="">"#
        );
        assert_eq!(
            img("width=' 12 '"),
            r#"<img src="https://news.example.edu/i" width="12" alt="">"#
        );
        for bad in [
            "width=12345",
            "width=100%",
            "width=10px",
            "width=-1",
            "width=''",
            "width=1e3",
            "width=１２",
        ] {
            assert_eq!(
                img(bad),
                r#"<img src="https://news.example.edu/i" alt="">"#,
                "{bad}"
            );
        }
        assert_eq!(
            s("<td colspan=1000 rowspan=999>x</td>"),
            r#"<td rowspan="999">x</td>"#
        );
    }

    #[test]
    fn style_content_never_becomes_markup() {
        assert_eq!(s("<style><img src=x onerror=alert(1)></style>ok"), "ok");
        assert_eq!(s("<STYLE>a{}</StYlE >ok"), "ok");
        assert_eq!(s("<style></styles><img src=/x></style>ok"), "ok");
    }

    #[test]
    fn textarea_content_never_becomes_markup() {
        assert_eq!(
            s("<textarea><img src=x onerror=alert(1)></textarea>ok"),
            "ok"
        );
        assert_eq!(
            s("<title></title/><img src=/x>ok"),
            format!(r#"<img src="https://news.example.edu/x" alt="" {IMG}>ok"#)
        );
    }

    #[test]
    fn script_with_end_tag_lookalikes_in_strings() {
        assert_eq!(
            s(r#"<script>var s = "</scr" + "ipt><img src=x>"; </script>ok"#),
            "ok"
        );
        assert_eq!(s("<script>a = '</scriptx>'; b = '<p>'</script>ok"), "ok");
        assert_eq!(s("<script>x</script\t>ok"), "ok");
    }

    #[test]
    fn noscript_attribute_trick_yields_no_handler() {
        let nodes = sanitize(
            r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
            BASE,
        );
        for e in elements(&nodes) {
            assert!(e.attrs.iter().all(|(k, _)| !k.starts_with("on")), "{e:?}");
            assert!(!["script", "noscript", "style"].contains(&e.tag));
        }
        // Without a base the relative src is unusable, so no img at all.
        assert_eq!(
            html(&sanitize(
                r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
                None
            )),
            "\">"
        );
    }

    #[test]
    fn comments_hide_tags() {
        assert_eq!(s("a<!--<img src=x>-->b"), "ab");
        assert_eq!(s("a<!-- <script>x</script> -- still comment --!>b"), "ab");
        assert_eq!(s("a<!--unterminated <img src=/x>"), "a");
        assert_eq!(s("a<!--->b"), "ab");
        assert_eq!(s("a<!---->b"), "ab");
    }

    #[test]
    fn abrupt_empty_comment_ends_at_first_gt() {
        assert_eq!(
            s("<!--> <img src=/i>"),
            format!(r#" <img src="https://news.example.edu/i" alt="" {IMG}>"#)
        );
    }

    #[test]
    fn bogus_comments_doctype_and_cdata() {
        assert_eq!(
            s("<!DOCTYPE html><?xml version='1.0'?><p>x</p>"),
            "<p>x</p>"
        );
        assert_eq!(s("a<![CDATA[<b>]]>c"), "a]]>c");
        assert_eq!(s("a</ x>b</>c</1>d"), "abcd");
    }

    #[test]
    fn lone_lt_is_text() {
        assert_eq!(s("1 < 2 <3 <= 4 <"), "1 &lt; 2 &lt;3 &lt;= 4 &lt;");
        assert_eq!(text_content(&sanitize("a</", None)), "a</");
    }

    #[test]
    fn tag_and_attribute_syntax() {
        assert_eq!(s("<P TITLE='x y'>a</p>"), r#"<p title="x y">a</p>"#);
        assert_eq!(s("<p title=\"a'b\">c</p>"), r#"<p title="a'b">c</p>"#);
        assert_eq!(s("<p\ntitle\n=\nv>c</p>"), r#"<p title="v">c</p>"#);
        assert_eq!(s("<p title>c</p>"), r#"<p title="">c</p>"#);
        assert_eq!(s("<p title=a/>c</p>"), r#"<p title="a/">c</p>"#);
        assert_eq!(s("<br/><hr />x"), "<br><hr>x");
        assert_eq!(s("<p/title=t>c</p>"), r#"<p title="t">c</p>"#);
        assert_eq!(
            s("<p title=\"x\"title=\"y\">c</p>"),
            r#"<p title="x">c</p>"#
        );
    }

    #[test]
    fn input_ending_inside_a_tag_drops_the_tag() {
        assert_eq!(s("a<p title='x"), "a");
        assert_eq!(s("a<img src=/x"), "a");
        assert_eq!(s("a</p"), "a");
    }

    #[test]
    fn unclosed_tags_close_at_the_end() {
        assert_eq!(s("<div><p><b>x"), "<div><p><b>x</b></p></div>");
        assert_eq!(s("<ul><li>a<li>b</ul>"), "<ul><li>a</li><li>b</li></ul>");
    }

    #[test]
    fn stray_end_tags_are_ignored() {
        assert_eq!(s("</div></b>a</p>b</li>"), "ab");
        assert_eq!(s("<p>a</span>b</p>"), "<p>ab</p>");
        assert_eq!(s("<b><i>x</b>y</i>"), "<b><i>x</i></b>y");
    }

    #[test]
    fn end_br_is_a_br() {
        assert_eq!(s("a</br>b"), "a<br>b");
    }

    #[test]
    fn paragraphs_close_on_blocks() {
        assert_eq!(s("<p>a<p>b"), "<p>a</p><p>b</p>");
        assert_eq!(s("<p>a<div>b</div>"), "<p>a</p><div>b</div>");
        assert_eq!(s("<p>a<h3>b</h3>"), "<p>a</p><h3>b</h3>");
        assert_eq!(s("<p>a<hr>b"), "<p>a</p><hr>b");
        assert_eq!(
            s("<p>a<span>b<ul><li>c</ul>"),
            "<p>a<span>b</span></p><ul><li>c</li></ul>"
        );
        assert_eq!(s("<p>a<section>b"), "<p>a</p>b");
        assert_eq!(
            s("<p><table><tr><td><p>x<div>y</div></td></tr></table>"),
            "<p></p><table><tr><td><p>x</p><div>y</div></td></tr></table>"
        );
    }

    #[test]
    fn list_items_close_in_their_own_list() {
        assert_eq!(
            s("<ul><li>a<ul><li>b<li>c</ul><li>d</ul>"),
            "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>"
        );
    }

    #[test]
    fn table_cells_and_rows_close() {
        assert_eq!(
            s("<table><tr><td>1<td>2<tr><th>3</table>"),
            "<table><tr><td>1</td><td>2</td></tr><tr><th>3</th></tr></table>"
        );
        assert_eq!(
            s("<table><thead><tr><th>h<tbody><tr><td>d</table>"),
            "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td></tr></tbody></table>"
        );
    }

    #[test]
    fn headings_and_links_do_not_nest() {
        assert_eq!(s("<h2>a<h3>b</h2>c"), "<h2>a</h2><h3>b</h3>c");
        assert_eq!(
            s("<a href=/1>a<a href=/2>b</a>"),
            format!(
                r#"<a href="https://news.example.edu/1" {A}>a</a><a href="https://news.example.edu/2" {A}>b</a>"#
            )
        );
    }

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let n = 100;
        let input = format!("{}deep{}", "<div>".repeat(n), "</div>".repeat(n));
        let nodes = sanitize(&input, None);
        assert_eq!(depth(&nodes), MAX_DEPTH);
        assert_eq!(text_content(&nodes), "deep");
        let nodes = sanitize(&format!("{}<img src=https://x/i>", "<b>".repeat(50)), None);
        assert_eq!(
            depth(&nodes),
            MAX_DEPTH + 1,
            "void elements still fit at the cap"
        );
    }

    #[test]
    fn hundred_thousand_nested_divs_are_linear() {
        let n = 100_000;
        let input = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        let nodes = sanitize(&input, None);
        assert_eq!(depth(&nodes), MAX_DEPTH);
        assert_eq!(text_content(&nodes), "x");
        let input = format!("{}x", "<p><b><ul><li><table><tr><td><a>".repeat(n / 8));
        assert!(depth(&sanitize(&input, None)) <= MAX_DEPTH);
    }

    #[test]
    fn megabyte_of_text_is_linear() {
        let text = "新闻 & more &amp; text <b>bold</b> ".repeat(30_000);
        assert!(text.len() > 1_000_000);
        let nodes = sanitize(&text, None);
        assert!(count(&nodes) <= MAX_NODES);
        let plain = "word ".repeat(250_000);
        let nodes = sanitize(&plain, None);
        assert_eq!(nodes.len(), 1);
        assert_eq!(decode_entities(&"&amp;".repeat(200_000)).len(), 200_000);
    }

    #[test]
    fn node_count_is_capped() {
        let input = "<b>x</b>".repeat(30_000);
        let nodes = sanitize(&input, None);
        assert_eq!(count(&nodes), MAX_NODES);
        let input = "<br>".repeat(30_000);
        assert_eq!(count(&sanitize(&input, None)), MAX_NODES);
    }

    #[test]
    fn adjacent_text_is_merged() {
        assert_eq!(
            sanitize("a<x>b</x><!--c-->d<script>e</script>f", None),
            vec![Node::Text("abdf".into())]
        );
    }

    #[test]
    fn named_entities() {
        assert_eq!(
            decode_entities(
                "&amp;&lt;&gt;&quot;&apos;&nbsp;&copy;&reg;&trade;&hellip;&mdash;&ndash;"
            ),
            "&<>\"'\u{a0}©®™…—–"
        );
        assert_eq!(
            decode_entities(
                "&lsquo;&rsquo;&ldquo;&rdquo;&laquo;&raquo;&middot;&bull;&times;&divide;&deg;&shy;"
            ),
            "‘’“”«»·•×÷°\u{ad}"
        );
        assert_eq!(
            decode_entities("&ensp;&emsp;&thinsp;&zwj;&zwnj;&AMP;"),
            "\u{2002}\u{2003}\u{2009}\u{200d}\u{200c}&"
        );
        assert_eq!(decode_entities("a&Tab;b&NewLine;c&colon;"), "a\tb\nc:");
    }

    #[test]
    fn unknown_or_malformed_entities_stay_literal() {
        assert_eq!(
            decode_entities("&bogus; &Amp; & &; &#; &#x; &#xg; a&b"),
            "&bogus; &Amp; & &; &#; &#x; &#xg; a&b"
        );
        assert_eq!(
            decode_entities("&hellip"),
            "&hellip",
            "only legacy names work without ;"
        );
    }

    #[test]
    fn numeric_entities() {
        assert_eq!(
            decode_entities("&#65;&#x42;&#X43;&#x1F600;&#20013;"),
            "ABC😀中"
        );
        assert_eq!(decode_entities("&#65&#x42 x"), "AB x", "no semicolon");
        assert_eq!(
            decode_entities("&#0;&#xD800;&#x110000;&#99999999999999999999;"),
            "\u{fffd}".repeat(4)
        );
        assert_eq!(
            decode_entities("&#150;&#x80;&#129;"),
            "–€\u{81}",
            "windows-1252 range"
        );
    }

    #[test]
    fn legacy_entities_without_semicolon() {
        assert_eq!(
            decode_entities("a &amp b &copy 2024 &ampx &lt;"),
            "a & b © 2024 &x <"
        );
        // In attributes, not before an alphanumeric or `=` (query strings).
        assert_eq!(
            decode("?a=1&copy=2&ampx&amp=3&amp;", true),
            "?a=1&copy=2&ampx&amp=3&"
        );
        assert_eq!(decode("&amp x", true), "& x");
    }

    #[test]
    fn entities_in_text_and_attributes() {
        assert_eq!(
            s("<p title='&lt;b&gt;'>&lt;b&gt; &#x26;</p>"),
            r#"<p title="<b>">&lt;b> &amp;</p>"#
        );
        assert_eq!(
            text_content(&sanitize("&lt;script&gt;alert(1)&lt;/script&gt;", None)),
            "<script>alert(1)</script>"
        );
    }

    #[test]
    fn crlf_and_nul_are_normalized() {
        assert_eq!(
            sanitize("a\r\nb\rc\0", None),
            vec![Node::Text("a\nb\nc\u{fffd}".into())]
        );
    }

    #[test]
    fn text_content_collapses_and_separates_blocks() {
        let nodes = sanitize(
            "<p> Hello\n\t<b>wor</b>ld </p><p>Next&nbsp;one</p><ul><li>a</li><li>b</li></ul>x<br>y",
            None,
        );
        assert_eq!(text_content(&nodes), "Hello world Next one a b x y");
        assert_eq!(text_content(&[]), "");
        assert_eq!(text_content(&sanitize("  <p>  </p> ", None)), "");
    }

    #[test]
    fn seed_like_article() {
        let input = "<p>6月5日至7日,党委书记<a href=\"/info/1002/1.htm\">张立群</a>带队……</p>\
                     <h3>深化校地合作,共绘发展蓝图</h3>\
                     <figure><img src=\"../../images/a.jpg\" width=\"600\"><figcaption>调研现场</figcaption></figure>";
        let nodes = sanitize(input, BASE);
        let tags: Vec<&str> = elements(&nodes).iter().map(|e| e.tag).collect();
        assert_eq!(tags, ["p", "a", "h3", "figure", "img", "figcaption"]);
        let out = html(&nodes);
        assert!(
            out.contains(r#"href="https://news.example.edu/info/1002/1.htm""#),
            "{out}"
        );
        assert!(
            out.contains(r#"src="https://news.example.edu/images/a.jpg" width="600""#),
            "{out}"
        );
        assert!(out.contains(r#"alt="调研现场""#), "{out}");
    }

    const NASTY: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<img src=javascript:alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<a href=javascript:alert(1)>x</a>",
        "<a href=' javascript:alert(1)'>x</a>",
        "<a href='jav&#x09;ascript:alert(1)'>x</a>",
        "<a href='jav&#x0A;ascript:alert(1)'>x</a>",
        "<a href='&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)'>x</a>",
        "<a href='&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)'>x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<a href='vbscript:msgbox(1)'>x</a>",
        "<iframe src=javascript:alert(1)></iframe>",
        "<object data=javascript:alert(1)></object>",
        "<embed src=javascript:alert(1)>",
        "<form action=javascript:alert(1)><button>x</button></form>",
        "<body onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<img src=\"/a.png\"/onerror=alert(1)>",
        "<img/src=/a.png/onerror=alert(1)>",
        "<img src=`/a` onerror=`x`>",
        "<p><svg><style><img src=x onerror=alert(1)></style></svg></p>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<textarea></textarea><img src=/x onerror=alert(1)>",
        "<!--<img src=x onerror=alert(1)>-->",
        "<!--><img src=/x onerror=alert(1)>-->",
        "<!--[if]><script>alert(1)</script><![endif]-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<title><img src=x onerror=alert(1)></title>",
        "<xmp><img src=x onerror=alert(1)></xmp>",
        "<a href=\"http://x/\" onmouseover=alert(1)>x</a>",
        "<a href=\"&#104;ttp://ok/\">x</a><a href=mailto:x@y>y</a>",
        "<img src=\"https://x/a.png\" srcset=\"javascript:alert(1) 1x\">",
        "<base href=javascript:/><a href=x>x</a>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=javascript:alert(1)>",
        "<table background=javascript:alert(1)><td background=x>y</table>",
        "<a href=\"\\\\evil.com\\x\">x</a><img src=\"/\\evil.com/i\">",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<a href=\"java\u{0}script:alert(1)\">x</a>",
        "<details open ontoggle=alert(1)>",
        "<select><template shadowrootmode=open><img src=x onerror=alert(1)></template></select>",
        "<isindex action=javascript:alert(1) type=image>",
        "<a \"=\" href='http://x'>q</a><p =x title=a>",
        "<video src=javascript:alert(1) poster=javascript:alert(2)>x</video>",
        "<audio><source src=\"data:audio/mp3,x\" onerror=alert(1)></audio>",
        "<video src=/v.mp4 onplay=alert(1)><track src=javascript:x></video>",
        "<video><source src=\"jav&#x09;ascript:alert(1)\"><source src=/ok.mp4></video>",
        "<xmp></xmp><img src=x onerror=alert(1)></xmp>",
        "<noembed><img src=x onerror=alert(1)></noembed>",
        "<plaintext><script>alert(1)</script>",
    ];

    #[test]
    fn nasty_inputs_keep_the_invariants() {
        for input in NASTY {
            for base in [
                BASE,
                None,
                Some("javascript:alert(1)//"),
                Some("data:text/html,x"),
            ] {
                for e in elements(&sanitize(input, base)) {
                    assert!(ALLOWED_TAGS.contains(&e.tag), "{input}: {}", e.tag);
                    for (k, v) in &e.attrs {
                        let added = ["target", "rel", "loading", "decoding", "referrerpolicy"];
                        let kept = ATTRIBUTES.iter().any(|r| r.name == *k);
                        assert!(kept || added.contains(k), "{input}: {k}");
                        let scheme = url::scheme(v).unwrap_or("");
                        match *k {
                            "href" => assert!(
                                ["http", "https", "mailto"].contains(&scheme),
                                "{input}: {v}"
                            ),
                            "src" => assert!(["http", "https"].contains(&scheme), "{input}: {v}"),
                            _ => {}
                        }
                        assert!(
                            !v.contains('<') || *k == "title" || *k == "alt",
                            "{input}: {v}"
                        );
                    }
                    if e.tag == "img" {
                        assert!(e.attrs.iter().any(|(k, _)| *k == "src"));
                        assert!(e.attrs.iter().any(|(k, _)| *k == "alt"));
                        assert!(e.attrs.contains(&("referrerpolicy", "no-referrer".into())));
                    }
                    if e.tag == "a" {
                        assert!(e.attrs.contains(&("rel", "noopener noreferrer".into())));
                    }
                }
            }
        }
    }

    #[test]
    fn nasty_inputs_truncated_anywhere_do_not_panic() {
        for input in NASTY {
            for (i, _) in input.char_indices() {
                let _ = sanitize(input.get(..i).unwrap_or(""), BASE);
                let _ = sanitize(input.get(i..).unwrap_or(""), BASE);
            }
        }
    }

    #[test]
    fn the_policy_json_carries_every_table_as_the_builder_reads_it() {
        let text = policy_json();
        let policy = crate::json::parse(&text).expect("valid JSON");
        let names = |key: &str| -> Vec<String> {
            policy
                .get(key)
                .and_then(|v| v.as_array())
                .unwrap_or_default()
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        };
        assert_eq!(names("tags"), ALLOWED_TAGS);
        assert_eq!(names("dropped"), DROPPED_TAGS);
        assert_eq!(names("media"), MEDIA_TAGS);
        assert_eq!(names("void"), VOID_TAGS);
        assert_eq!(names("inline"), INLINE);
        assert_eq!(names("link"), ["http:", "https:", "mailto:"]);
        assert_eq!(names("web"), ["http:", "https:"]);
        let rules = policy
            .get("attributes")
            .and_then(|v| v.as_array())
            .unwrap_or_default();
        let read: Vec<(String, String, u64)> = rules
            .iter()
            .filter_map(|rule| {
                let part = |i: usize| rule.as_array()?.get(i);
                Some((
                    part(0)?.as_str()?.to_owned(),
                    part(2)?.as_str()?.to_owned(),
                    part(3)?.as_count()?,
                ))
            })
            .collect();
        let expected: Vec<(String, String, u64)> = ATTRIBUTES
            .iter()
            .map(|rule| {
                let (kind, max) = json_kind(rule.value);
                (rule.name.to_owned(), kind.to_owned(), max as u64)
            })
            .collect();
        assert_eq!(read, expected);
        let count = |key: &str| policy.get(key).and_then(|v| v.as_count());
        assert_eq!(count("maxDepth"), Some(MAX_DEPTH as u64));
        assert_eq!(count("maxNodes"), Some(MAX_NODES as u64));
        assert_eq!(count("maxUrl"), Some(url::MAX_LEN as u64));
        let space = policy
            .get("whitespace")
            .and_then(|v| v.as_str())
            .unwrap_or("");
        assert!(
            space.starts_with("[\\u0009-\\u000d") && space.contains("\\u3000"),
            "{space}"
        );
    }
}
