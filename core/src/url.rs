//! URL resolution and scheme policy for URLs taken from untrusted feeds.
//!
//! Why hand-written: the `url` crate would add its IDNA tables to the wasm,
//! while the widget only needs RFC 3986 §5 reference resolution plus the
//! input cleanup browsers apply (WHATWG URL) before they look at a scheme.
//! That cleanup is what decides safety: `java\tscript:` or ` \x01javascript:`
//! are `javascript:` to a browser, so they must be to us too. Anything this
//! module cannot read confidently is refused (`None`) rather than guessed.

use std::borrow::Cow;

/// Longest base or reference accepted, in bytes; bounds the work per URL.
pub const MAX_LEN: usize = 8192;

/// Resolves `reference` against `base` (RFC 3986 §5, with WHATWG input
/// cleanup). `None` when the result would not be an absolute URL, when an
/// `http(s)` URL would have no host, or when an input exceeds [`MAX_LEN`].
pub fn resolve(base: Option<&str>, reference: &str) -> Option<String> {
    Base::new(base).resolve(reference)
}

/// Resolves references against one base URL. The core's [`Base`] does it
/// natively (`news-feed`, tests); the widget passes the browser's `URL`,
/// which is what the browser will load and costs the wasm no resolver. The
/// policy stays here either way: [`Resolve::resolve_web`].
pub trait Resolve {
    /// The absolute URL of `reference`, or `None` when there is none.
    fn resolve(&self, reference: &str) -> Option<String>;

    /// Only `http(s)` results, and only of references within [`MAX_LEN`]:
    /// images, feeds, `views_url`, links of items.
    fn resolve_web(&self, reference: &str) -> Option<String> {
        if reference.len() > MAX_LEN {
            return None;
        }
        self.resolve(reference).filter(|u| is_web_url(u))
    }
}

/// A base URL cleaned and resolved once, for the many references of one
/// feed (resolving the base again for each of them was half the work).
pub struct Base(Option<String>);

impl Base {
    /// The base goes through the same cleanup as references; an unusable
    /// base counts as none.
    pub fn new(base: Option<&str>) -> Base {
        Base(base.and_then(|b| resolve_against(None, b)))
    }
}

impl Resolve for Base {
    /// [`resolve`] against this base.
    fn resolve(&self, reference: &str) -> Option<String> {
        resolve_against(self.0.as_deref().map(parse), reference)
    }
}

fn resolve_against(base: Option<Parts>, reference: &str) -> Option<String> {
    if reference.len() > MAX_LEN {
        return None;
    }
    let mut text = clean(reference);
    let ref_scheme = scheme(&text).map(str::to_ascii_lowercase);
    let special = match (&ref_scheme, &base) {
        (Some(s), _) => is_special(s),
        (None, Some(b)) => b.scheme.is_some_and(is_special),
        (None, None) => false,
    };
    if special && text.contains('\\') {
        text = Cow::Owned(backslashes_to_slashes(&text));
    }
    let mut r = parse(&text);
    // `http:g` against an `http:` base is relative, as in browsers (RFC 3986
    // §5.2.2 "backward compatibility" option).
    if special
        && r.authority.is_none()
        && base.as_ref().and_then(|b| b.scheme) == ref_scheme.as_deref()
    {
        r.scheme = None;
    }

    let (scheme, authority, path, query) = match r.scheme {
        Some(s) => (
            s.to_ascii_lowercase(),
            r.authority,
            remove_dot_segments(r.path),
            r.query,
        ),
        None => {
            let b = base?;
            let b_scheme = b.scheme?.to_string();
            // Opaque bases (`mailto:x`) have no path to resolve against.
            if b.authority.is_none() && !b.path.starts_with('/') {
                return None;
            }
            if r.authority.is_some() {
                (b_scheme, r.authority, remove_dot_segments(r.path), r.query)
            } else if r.path.is_empty() {
                (
                    b_scheme,
                    b.authority,
                    b.path.to_string(),
                    r.query.or(b.query),
                )
            } else if r.path.starts_with('/') {
                (b_scheme, b.authority, remove_dot_segments(r.path), r.query)
            } else {
                let dir = b
                    .path
                    .rfind('/')
                    .and_then(|i| b.path.get(..=i))
                    .unwrap_or("/");
                let merged = [dir, r.path].concat();
                (b_scheme, b.authority, remove_dot_segments(&merged), r.query)
            }
        }
    };

    let special = is_special(&scheme);
    let mut out = scheme;
    out.push(':');
    match authority {
        Some(a) => {
            out.push_str("//");
            out.push_str(&authority_of(a, special)?);
        }
        None if special => return None,
        // Keep `//x` in a path from reading back as an authority.
        None if path.starts_with("//") => out.push_str("/."),
        None => {}
    }
    if special && path.is_empty() {
        out.push('/');
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = r.fragment {
        out.push('#');
        out.push_str(f);
    }
    Some(encode_unsafe(out))
}

/// The scheme of an absolute URL (the text before the first `:`, if it is a
/// valid scheme). Case is kept; [`resolve`] output is lowercase.
pub fn scheme(url: &str) -> Option<&str> {
    let (s, _) = url.split_once(':')?;
    let mut bytes = s.bytes();
    let first = bytes.next()?;
    let valid = first.is_ascii_alphabetic()
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    valid.then_some(s)
}

/// The schemes of web addresses: images, feeds, `views_url`, media links.
pub const WEB_SCHEMES: &[&str] = &["http", "https"];
/// The schemes a link (`<a href>`) may have.
pub const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Whether `url` is an `http:` or `https:` URL.
pub fn is_web_url(url: &str) -> bool {
    scheme(url).is_some_and(is_special)
}

/// Resolves and keeps only `http(s)` URLs: images, feeds, `views_url`, …
pub fn resolve_web(base: Option<&str>, reference: &str) -> Option<String> {
    Base::new(base).resolve_web(reference)
}

/// Resolves and keeps `http(s)` and `mailto:` URLs, for `<a href>`.
pub fn resolve_link(base: Option<&str>, reference: &str) -> Option<String> {
    resolve(base, reference).filter(|u| scheme(u).is_some_and(|s| one_of(LINK_SCHEMES, s)))
}

fn is_special(scheme: &str) -> bool {
    one_of(WEB_SCHEMES, scheme)
}

fn one_of(schemes: &[&str], scheme: &str) -> bool {
    schemes.iter().any(|s| s.eq_ignore_ascii_case(scheme))
}

/// WHATWG cleanup: trim C0 controls and spaces, drop tab/CR/LF anywhere.
fn clean(input: &str) -> Cow<'_, str> {
    // Bytes, not chars: every byte of a non-ASCII char is above b' '.
    let bytes = input.as_bytes();
    let start = bytes.iter().position(|&b| b > b' ').unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|&b| b > b' ')
        .map_or(start, |i| i + 1);
    let trimmed = input.get(start..end).unwrap_or_default();
    if trimmed.contains(['\t', '\n', '\r']) {
        Cow::Owned(trimmed.replace(['\t', '\n', '\r'], ""))
    } else {
        Cow::Borrowed(trimmed)
    }
}

/// For http(s), `\` is `/` before the query and fragment.
fn backslashes_to_slashes(s: &str) -> String {
    let mut in_path = true;
    s.chars()
        .map(|c| {
            in_path &= c != '?' && c != '#';
            if in_path && c == '\\' {
                '/'
            } else {
                c
            }
        })
        .collect()
}

struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

/// Splits a URL reference into its five parts (RFC 3986 appendix B).
fn parse(s: &str) -> Parts<'_> {
    let (s, fragment) = s.split_once('#').map_or((s, None), |(a, f)| (a, Some(f)));
    let (s, query) = s.split_once('?').map_or((s, None), |(a, q)| (a, Some(q)));
    let scheme = scheme(s);
    let rest = match scheme {
        Some(sc) => s.get(sc.len() + 1..).unwrap_or(""),
        None => s,
    };
    let (authority, path) = match rest.strip_prefix("//") {
        Some(r) => {
            let end = r.find('/').unwrap_or(r.len());
            (r.get(..end), r.get(end..).unwrap_or(""))
        }
        None => (None, rest),
    };
    Parts {
        scheme,
        authority,
        path,
        query,
        fragment,
    }
}

/// RFC 3986 §5.2.4, segment by segment (linear time).
fn remove_dot_segments(path: &str) -> String {
    if !path.starts_with('.') && !path.contains("/.") {
        return path.to_string();
    }
    let (root, body) = match path.strip_prefix('/') {
        Some(body) => ("/", body),
        None if path.is_empty() => return String::new(),
        None => ("", path),
    };
    let mut out: Vec<&str> = Vec::new();
    let mut ends_in_dir = false;
    for seg in body.split('/') {
        ends_in_dir = seg == "." || seg == "..";
        match seg {
            "." => {}
            ".." => {
                out.pop();
            }
            _ => out.push(seg),
        }
    }
    if ends_in_dir {
        out.push("");
    }
    [root, &out.join("/")].concat()
}

/// Checks the authority; for http(s) the host must be non-empty and is
/// lowercased, and the port must be digits.
fn authority_of(auth: &str, special: bool) -> Option<String> {
    if !special {
        return Some(auth.to_string());
    }
    let (user, host_port) = auth.rsplit_once('@').map_or(("", auth), |(u, h)| (u, h));
    let v6_end = host_port.rfind(']').map_or(0, |i| i + 1);
    let colon = host_port.get(v6_end..)?.find(':').map(|i| i + v6_end);
    let (host, port) = match colon {
        Some(c) => (host_port.get(..c)?, host_port.get(c..)?),
        None => (host_port, ""),
    };
    if host.is_empty() || !port.bytes().skip(1).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut out = String::with_capacity(auth.len());
    if auth.contains('@') {
        out.push_str(user);
        out.push('@');
    }
    out.push_str(&host.to_ascii_lowercase());
    out.push_str(port);
    Some(out)
}

/// Percent-encodes controls (C0 and C1), whitespace (also Unicode's, such as
/// U+3000), `"`, `<`, `>` and `` ` `` so a resolved URL is always one
/// printable token. Other non-ASCII is left to the browser.
fn encode_unsafe(s: String) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    // Most URLs are printable ASCII already: keep them as they are.
    if s.bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'`'))
    {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || c.is_whitespace() || matches!(c, '"' | '<' | '>' | '`') {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                out.push('%');
                for nibble in [b >> 4, b & 0xF] {
                    out.push(HEX.get(usize::from(nibble)).map_or('0', |&h| char::from(h)));
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "http://a/b/c/d;p?q";

    fn r(reference: &str) -> Option<String> {
        resolve(Some(BASE), reference)
    }

    #[test]
    fn rfc3986_normal_examples() {
        let cases = [
            ("g:h", "g:h"),
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            // RFC says "http://g"; like browsers we give http(s) an empty path "/".
            ("//g", "http://g/"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("g#s", "http://a/b/c/g#s"),
            ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"),
            ("g;x", "http://a/b/c/g;x"),
            ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("./", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../", "http://a/"),
            ("../../g", "http://a/g"),
        ];
        for (reference, want) in cases {
            assert_eq!(r(reference).as_deref(), Some(want), "{reference}");
        }
    }

    #[test]
    fn rfc3986_abnormal_examples() {
        let cases = [
            ("../../../g", "http://a/g"),
            ("../../../../g", "http://a/g"),
            ("/./g", "http://a/g"),
            ("/../g", "http://a/g"),
            ("g.", "http://a/b/c/g."),
            (".g", "http://a/b/c/.g"),
            ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"),
            ("./../g", "http://a/b/g"),
            ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"),
            ("g/../h", "http://a/b/c/h"),
            ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"),
            ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("g?y/../x", "http://a/b/c/g?y/../x"),
            ("g#s/./x", "http://a/b/c/g#s/./x"),
            ("g#s/../x", "http://a/b/c/g#s/../x"),
            // The "backward compatibility" reading, which browsers use.
            ("http:g", "http://a/b/c/g"),
        ];
        for (reference, want) in cases {
            assert_eq!(r(reference).as_deref(), Some(want), "{reference}");
        }
    }

    #[test]
    fn script_schemes_are_not_links() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\r\nscript:alert(1)",
            " \x01javascript:alert(1)",
            "\x00\x1f javascript:alert(1) \x1f",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/png;base64,AAAA",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "blob:https://a/uuid",
            "about:blank",
        ] {
            assert_eq!(resolve_link(Some(BASE), bad), None, "{bad:?}");
            assert_eq!(resolve_web(Some(BASE), bad), None, "{bad:?}");
        }
    }

    #[test]
    fn scheme_is_lowercased_and_case_insensitive() {
        assert_eq!(
            resolve(None, "HTTPS://Example.COM/A/B").as_deref(),
            Some("https://example.com/A/B")
        );
        assert_eq!(
            resolve_link(None, "MailTo:Someone@Example.com").as_deref(),
            Some("mailto:Someone@Example.com")
        );
        assert!(is_web_url("HTTP://x/"));
        assert_eq!(scheme("https://x"), Some("https"));
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("1a:b"), None);
        assert_eq!(scheme("no-colon"), None);
    }

    #[test]
    fn host_lowercased_but_not_userinfo_or_path() {
        assert_eq!(
            resolve(None, "http://User:Pw@WWW.Example.COM:8080/P?Q#F").as_deref(),
            Some("http://User:Pw@www.example.com:8080/P?Q#F")
        );
        assert_eq!(
            resolve(None, "http://[::1]:80/").as_deref(),
            Some("http://[::1]:80/")
        );
    }

    #[test]
    fn http_needs_a_host() {
        assert_eq!(resolve(None, "http:/x"), None);
        assert_eq!(resolve(None, "http:x"), None);
        assert_eq!(resolve(None, "http://"), None);
        assert_eq!(resolve(None, "https:///x"), None);
        assert_eq!(resolve(None, "http://user@/x"), None);
        assert_eq!(resolve(None, "http://a:8o/"), None);
        assert_eq!(resolve(None, "http://a:/").as_deref(), Some("http://a:/"));
    }

    #[test]
    fn fragment_and_query_only() {
        assert_eq!(r("#").as_deref(), Some("http://a/b/c/d;p?q#"));
        assert_eq!(r("#top").as_deref(), Some("http://a/b/c/d;p?q#top"));
        assert_eq!(r("?").as_deref(), Some("http://a/b/c/d;p?"));
        assert_eq!(r("?a=1&b=2").as_deref(), Some("http://a/b/c/d;p?a=1&b=2"));
    }

    #[test]
    fn empty_reference_is_base_without_fragment() {
        assert_eq!(
            resolve(Some("https://x/y?z#frag"), "").as_deref(),
            Some("https://x/y?z")
        );
        assert_eq!(
            resolve(Some("https://x/y#frag"), "  \t ").as_deref(),
            Some("https://x/y")
        );
    }

    #[test]
    fn relative_without_usable_base_is_none() {
        assert_eq!(resolve(None, "g"), None);
        assert_eq!(resolve(None, "/g"), None);
        assert_eq!(resolve(None, "//g"), None);
        assert_eq!(resolve(None, "#x"), None);
        assert_eq!(resolve(None, ""), None);
        assert_eq!(resolve(Some("not a url"), "g"), None);
        assert_eq!(resolve(Some("http://"), "g"), None);
        assert_eq!(resolve(Some("mailto:a@b"), "g"), None);
    }

    #[test]
    fn scheme_relative_takes_the_base_scheme() {
        assert_eq!(
            resolve_web(Some("https://a/b"), "//cdn.x/i.png").as_deref(),
            Some("https://cdn.x/i.png")
        );
        assert_eq!(
            resolve_web(Some("http://a/b"), "//CDN.x").as_deref(),
            Some("http://cdn.x/")
        );
    }

    #[test]
    fn backslash_is_slash_for_http() {
        assert_eq!(
            resolve(None, "http:\\\\a\\b\\c").as_deref(),
            Some("http://a/b/c")
        );
        assert_eq!(
            resolve(Some(BASE), "\\\\evil\\x").as_deref(),
            Some("http://evil/x")
        );
        assert_eq!(
            resolve(Some(BASE), "..\\g").as_deref(),
            Some("http://a/b/g")
        );
        // Not in the query or fragment, and not for other schemes.
        assert_eq!(
            resolve(Some(BASE), "g?a\\b#c\\d").as_deref(),
            Some("http://a/b/c/g?a\\b#c\\d")
        );
        assert_eq!(resolve(None, "foo:a\\b").as_deref(), Some("foo:a\\b"));
    }

    #[test]
    fn whitespace_and_controls_are_cleaned() {
        assert_eq!(r("  \x01 g \x1f ").as_deref(), Some("http://a/b/c/g"));
        assert_eq!(r("\tg\n/\rh").as_deref(), Some("http://a/b/c/g/h"));
        assert_eq!(resolve(None, "ht\ttp://a/").as_deref(), Some("http://a/"));
    }

    #[test]
    fn unsafe_characters_are_percent_encoded() {
        assert_eq!(
            r("a b\"<>`c").as_deref(),
            Some("http://a/b/c/a%20b%22%3C%3E%60c")
        );
        assert_eq!(r("x\x7fy\x01z").as_deref(), Some("http://a/b/c/x%7Fy%01z"));
        assert_eq!(
            r("新闻.htm?q=中").as_deref(),
            Some("http://a/b/c/新闻.htm?q=中")
        );
        assert_eq!(r("%41").as_deref(), Some("http://a/b/c/%41"));
        // Found by fuzzing: C1 controls and Unicode spaces are encoded too.
        assert_eq!(
            r("\u{87}9\u{3000}x").as_deref(),
            Some("http://a/b/c/%C2%879%E3%80%80x")
        );
    }

    #[test]
    fn mailto_is_absolute_and_allowed_for_links_only() {
        let base = Some("https://news.example.edu/info/1.htm");
        assert_eq!(
            resolve_link(base, "mailto:a@b.cn?subject=Hi there").as_deref(),
            Some("mailto:a@b.cn?subject=Hi%20there")
        );
        assert_eq!(resolve_web(base, "mailto:a@b.cn"), None);
        assert_eq!(resolve_link(base, "tel:123"), None);
    }

    #[test]
    fn web_and_link_resolution() {
        let base = Some("https://news.example.edu/info/1002/12345.htm");
        assert_eq!(
            resolve_web(base, "../../images/a.jpg").as_deref(),
            Some("https://news.example.edu/images/a.jpg")
        );
        assert_eq!(
            resolve_link(base, "/zyxw.htm").as_deref(),
            Some("https://news.example.edu/zyxw.htm")
        );
        assert_eq!(
            resolve_web(None, "https://x/y").as_deref(),
            Some("https://x/y")
        );
        assert_eq!(resolve_web(base, "ftp://x/y"), None);
        assert_eq!(resolve_web(Some("ftp://x/a/b"), "c"), None);
        assert_eq!(
            resolve(Some("ftp://x/a/b"), "c").as_deref(),
            Some("ftp://x/a/c")
        );
    }

    #[test]
    fn base_is_cleaned_too() {
        assert_eq!(
            resolve(Some("  HTTP://A.example/x/y  "), "z").as_deref(),
            Some("http://a.example/x/z")
        );
        assert_eq!(
            resolve(Some("https://a"), "b").as_deref(),
            Some("https://a/b")
        );
    }

    #[test]
    fn a_base_resolved_once_serves_many_references() {
        let base = Base::new(Some(" HTTPS://News.example/a/\tb/feed.json "));
        let cases = [
            ("x.jpg", Some("https://news.example/a/b/x.jpg")),
            ("../y", Some("https://news.example/a/y")),
            ("mailto:a@b.cn", Some("mailto:a@b.cn")),
            ("javascript:alert(1)", Some("javascript:alert(1)")),
        ];
        for (reference, want) in cases {
            assert_eq!(base.resolve(reference).as_deref(), want, "{reference}");
        }
        assert_eq!(base.resolve_web("mailto:a@b.cn"), None);
        assert_eq!(Base::new(Some("not a url")).resolve("x"), None);
    }

    #[test]
    fn same_scheme_without_slashes_is_relative() {
        assert_eq!(
            resolve(Some("https://a/b/c"), "https:d").as_deref(),
            Some("https://a/b/d")
        );
        assert_eq!(resolve(Some("https://a/b/c"), "http:d"), None);
    }

    #[test]
    fn overlong_input_is_refused() {
        let long = "a".repeat(MAX_LEN);
        assert!(resolve(Some(BASE), &long).is_some());
        assert_eq!(resolve(Some(BASE), &[&long, "b"].concat()), None);
        assert_eq!(resolve(Some(&["http://a/", &long].concat()), "b"), None);
    }

    #[test]
    fn paths_that_look_like_authorities_stay_paths() {
        assert_eq!(resolve(None, "foo:/.//x").as_deref(), Some("foo:/.//x"));
        assert_eq!(resolve(None, "foo:/a/..//x").as_deref(), Some("foo:/.//x"));
    }
}
