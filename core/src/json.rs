//! A small, strict JSON reader for untrusted feeds.
//!
//! Why not serde_json: the widget only needs a value tree, and a hand-sized
//! parser keeps float parsing and formatting code out of the wasm (numbers are
//! kept as their source text), bounds nesting depth explicitly instead of
//! relying on the stack, can stop and resume (a 10 MB feed is parsed in
//! slices between which the page stays responsive), and reports errors with
//! line and column so a feed publisher can find them. It accepts exactly what `JSON.parse` accepts, plus
//! a leading byte-order mark; lone UTF-16 surrogate escapes become U+FFFD.

use std::borrow::Cow;
use std::fmt;

/// Deepest nesting of arrays and objects accepted. Real feeds need about 5.
pub const MAX_DEPTH: usize = 64;

/// A parsed JSON value. Numbers keep their source text (see module docs).
/// Texts borrow from the document unless they had escapes: a feed's
/// thousands of member names and most of its strings cost no allocation.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as its text (no float code in the wasm).
    Num(&'a str),
    /// A string.
    Str(Cow<'a, str>),
    /// An array.
    Arr(Vec<Json<'a>>),
    /// Members in document order; lookups see the last duplicate, as `JSON.parse` does.
    Obj(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// The member `key` of an object, or `None` for absent keys and non-objects.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Obj(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// [`Json::get`], to change the member in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json<'a>> {
        match self {
            Json::Obj(members) => members
                .iter_mut()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Moves the member `key` out of an object (the last duplicate, as `get`
    /// sees it), leaving `null` in its place.
    pub fn take(&mut self, key: &str) -> Option<Json<'a>> {
        match self {
            Json::Obj(members) => members
                .iter_mut()
                .rev()
                .find(|(k, _)| k == key)
                .map(|(_, v)| std::mem::replace(v, Json::Null)),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    /// A non-negative whole number (`12`, `12.0`), as used for counts.
    pub fn as_count(&self) -> Option<u64> {
        let Json::Num(text) = self else { return None };
        let whole = text.strip_suffix(".0").unwrap_or(text);
        whole.parse().ok()
    }

    /// A short name of the value's type for messages ("a string", "an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }
}

/// Why a text is not JSON, with the 1-based line and column of the problem.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError {
    /// What is wrong.
    pub message: &'static str,
    /// Line of the error, from 1.
    pub line: usize,
    /// Column of the error, in characters from 1.
    pub column: usize,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {}, column {}",
            self.message, self.line, self.column
        )
    }
}

/// Parses a complete JSON document.
pub fn parse(text: &str) -> Result<Json<'_>, JsonError> {
    let mut parse = Parse::new(text);
    loop {
        if let Some(outcome) = parse.run(usize::MAX) {
            return outcome;
        }
    }
}

/// A parse that stops and resumes, so that a big document never holds the
/// page for long: containers being read are kept on an explicit stack
/// (which also bounds the depth without using the call stack).
pub struct Parse<'a> {
    parser: Parser<'a>,
    open: Vec<Open<'a>>,
}

/// An array or object being read, with what it holds so far.
enum Open<'a> {
    Arr(Vec<Json<'a>>),
    /// The members so far, and the name of the member whose value comes next.
    Obj(Vec<(Cow<'a, str>, Json<'a>)>, Cow<'a, str>),
}

impl<'a> Parse<'a> {
    /// A parse of `text`, not started yet.
    pub fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut parser = Parser {
            text,
            src: text.as_bytes(),
            pos: 0,
        };
        parser.skip_ws();
        Parse {
            parser,
            open: Vec::new(),
        }
    }

    /// Parses on for about `budget` more bytes: `Some` with the outcome once
    /// the document ends or fails, `None` to be called again.
    pub fn run(&mut self, budget: usize) -> Option<Result<Json<'a>, JsonError>> {
        let stop = self.parser.pos.saturating_add(budget);
        loop {
            match self.step() {
                Err(error) => return Some(Err(error)),
                Ok(Some(document)) => return Some(self.end(document)),
                Ok(None) if self.parser.pos >= stop => return None,
                Ok(None) => {}
            }
        }
    }

    fn end(&mut self, document: Json<'a>) -> Result<Json<'a>, JsonError> {
        self.parser.skip_ws();
        if self.parser.pos < self.parser.src.len() {
            return Err(self
                .parser
                .error("unexpected text after the end of the document"));
        }
        Ok(document)
    }

    /// Reads one value, or the start of a container, and closes the
    /// containers it completes: `Some` once the whole document is read.
    fn step(&mut self) -> Result<Option<Json<'a>>, JsonError> {
        let (p, open) = (&mut self.parser, &mut self.open);
        let mut value = match p.peek() {
            None => return Err(p.error("unexpected end of the document")),
            Some(bracket @ (b'{' | b'[')) => {
                if open.len() >= MAX_DEPTH {
                    return Err(p.error("nesting is deeper than 64 levels"));
                }
                p.pos += 1;
                p.skip_ws();
                let object = bracket == b'{';
                if p.peek() == Some(if object { b'}' } else { b']' }) {
                    p.pos += 1;
                    if object {
                        Json::Obj(Vec::new())
                    } else {
                        Json::Arr(Vec::new())
                    }
                } else {
                    open.push(if object {
                        Open::Obj(Vec::new(), p.member_name()?)
                    } else {
                        Open::Arr(Vec::new())
                    });
                    return Ok(None);
                }
            }
            Some(b'"') => Json::Str(p.string()?),
            Some(b't') => p.expect_word(b"true", Json::Bool(true))?,
            Some(b'f') => p.expect_word(b"false", Json::Bool(false))?,
            Some(b'n') => p.expect_word(b"null", Json::Null)?,
            Some(b'-' | b'0'..=b'9') => p.number()?,
            Some(_) => return Err(p.error("unexpected character")),
        };
        // Put the value into its container; close the containers it completes.
        loop {
            let Some(mut container) = open.pop() else {
                return Ok(Some(value));
            };
            let close = match &mut container {
                Open::Arr(items) => {
                    items.push(value);
                    b']'
                }
                Open::Obj(members, name) => {
                    members.push((std::mem::take(name), value));
                    b'}'
                }
            };
            if p.separator(close)? {
                if let Open::Obj(_, name) = &mut container {
                    *name = p.member_name()?;
                }
                open.push(container);
                return Ok(None);
            }
            value = match container {
                Open::Arr(items) => Json::Arr(items),
                Open::Obj(members, _) => Json::Obj(members),
            };
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    src: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &'static str) -> JsonError {
        let before = self.src.get(..self.pos).unwrap_or(self.src);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column_bytes = before.get(line_start..).unwrap_or_default();
        // Count characters, not bytes, so CJK text gives the column an editor shows.
        let column = 1 + column_bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        JsonError {
            message,
            line,
            column,
        }
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, word: &[u8], value: Json<'a>) -> Result<Json<'a>, JsonError> {
        if self.src.get(self.pos..self.pos + word.len()) == Some(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    /// After a member or element: `true` when the container continues.
    fn separator(&mut self, close: u8) -> Result<bool, JsonError> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.skip_ws();
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                Ok(false)
            }
            None => Err(self.error("unexpected end of the document")),
            Some(_) => Err(self.error("expected a comma or a closing bracket")),
        }
    }

    /// A member name and its colon.
    fn member_name(&mut self) -> Result<Cow<'a, str>, JsonError> {
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a member name in double quotes"));
        }
        let name = self.string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return Err(self.error("expected a colon after the member name"));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(name)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json<'a>, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let leading_zero = self.peek() == Some(b'0');
        let int_digits = self.digits();
        if int_digits == 0 || (leading_zero && int_digits > 1) {
            return Err(self.error("malformed number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("malformed number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("malformed number"));
            }
        }
        // Only ASCII digits and signs were consumed: a whole-char slice.
        Ok(Json::Num(
            self.text.get(start..self.pos).unwrap_or_default(),
        ))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self.peek().and_then(|b| (b as char).to_digit(16));
            let Some(digit) = digit else {
                return Err(self.error("malformed \\u escape"));
            };
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    /// A `\uXXXX` escape (the `\u` already read), joining surrogate pairs.
    fn unicode_escape(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.src.get(self.pos..self.pos + 2) == Some(b"\\u")
        {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            self.pos = save; // a lone high surrogate; the next escape stands alone
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }

    fn string(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.pos += 1; // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            let rest = self.src.get(run_start..).unwrap_or_default();
            self.pos += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            // The run starts and stops at ASCII bytes: whole UTF-8, no check needed.
            let run = self.text.get(run_start..self.pos).unwrap_or_default();
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                // No escape before the closing quote: the text itself.
                Some(b'"') if out.is_empty() => {
                    self.pos += 1;
                    return Ok(Cow::Borrowed(run));
                }
                Some(b'"') => {
                    self.pos += 1;
                    out.push_str(run);
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    out.push_str(run);
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape in a string")),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(_) => return Err(self.error("control character inside a string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj<'a>(members: &[(&'a str, Json<'a>)]) -> Json<'a> {
        Json::Obj(
            members
                .iter()
                .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn parses_every_kind_of_value() {
        let doc = r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00", "c": {}} "#;
        let expected = obj(&[
            (
                "a",
                Json::Arr(vec![
                    Json::Num("1"),
                    Json::Num("-2.5e3"),
                    Json::Bool(true),
                    Json::Bool(false),
                    Json::Null,
                ]),
            ),
            ("b", Json::Str("x\"\\/\né😀".into())),
            ("c", Json::Obj(vec![])),
        ]);
        assert_eq!(parse(doc), Ok(expected));
    }

    #[test]
    fn keeps_unicode_text_and_skips_a_byte_order_mark() {
        assert_eq!(
            parse("\u{feff}\"交大新闻网\""),
            Ok(Json::Str("交大新闻网".into()))
        );
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(
            parse(r#""\ud800x\udc00""#),
            Ok(Json::Str("\u{fffd}x\u{fffd}".into()))
        );
        assert_eq!(
            parse(r#""\ud800\u0041""#),
            Ok(Json::Str("\u{fffd}A".into()))
        );
    }

    #[test]
    fn last_duplicate_key_wins_like_json_parse() {
        let doc = parse(r#"{"k": 1, "k": 2}"#).unwrap();
        assert_eq!(doc.get("k"), Some(&Json::Num("2")));
    }

    #[test]
    fn a_parse_resumed_in_small_steps_gives_the_same_outcome() {
        for text in [
            r#" {"a": [1, {"b": "c\u00e9"}, [], {}], "d": [[true, false, null]], "e": -1.5e3} "#,
            r#"[1, 2, {"a": [3, 4}]"#,
            "[[[[[]]]]] x",
        ] {
            let mut resumable = Parse::new(text);
            let mut runs = 0;
            let stepped = loop {
                runs += 1;
                if let Some(outcome) = resumable.run(3) {
                    break outcome;
                }
            };
            assert_eq!(stepped, parse(text), "{text}");
            assert!(runs > 1, "{text}: it stopped and resumed");
        }
    }

    #[test]
    fn take_moves_the_member_get_sees_out() {
        let mut value = parse(r#"{"a": 1, "a": [2], "b": 3}"#).unwrap();
        assert_eq!(value.take("a"), Some(Json::Arr(vec![Json::Num("2")])));
        assert_eq!(value.get("a"), Some(&Json::Null));
        assert_eq!(value.take("missing"), None);
        assert_eq!(Json::Arr(vec![]).take("a"), None);
    }

    #[test]
    fn reports_line_and_column_of_errors() {
        let err = parse("{\n  \"标题\": tru\n}").unwrap_err();
        assert_eq!((err.line, err.column), (2, 9));
        assert_eq!(err.to_string(), "unexpected character at line 2, column 9");
    }

    #[test]
    fn rejects_what_json_parse_rejects() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            ".5",
            "+1",
            "1e",
            "'a'",
            "\"a\nb\"",
            "\"\\x\"",
            "\"\\u12\"",
            "[1 2]",
            "{\"a\" 1}",
            "{a:1}",
            "nul",
            "1 2",
            "\"abc",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn bounds_nesting_depth() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert_eq!(
            parse(&deep).unwrap_err().message,
            "nesting is deeper than 64 levels"
        );
    }

    #[test]
    fn counts_are_whole_non_negative_numbers() {
        assert_eq!(Json::Num("1024").as_count(), Some(1024));
        assert_eq!(Json::Num("7.0").as_count(), Some(7));
        assert_eq!(Json::Num("-1").as_count(), None);
        assert_eq!(Json::Num("1.5").as_count(), None);
        assert_eq!(Json::Str("3".into()).as_count(), None);
    }

    /// Differential check against serde_json on documents it accepts.
    #[test]
    fn agrees_with_serde_json() {
        fn convert(v: &serde_json::Value) -> Json<'static> {
            match v {
                serde_json::Value::Null => Json::Null,
                serde_json::Value::Bool(b) => Json::Bool(*b),
                // A number borrows its text; this test's few are kept for the run.
                serde_json::Value::Number(n) => {
                    Json::Num(Box::leak(n.to_string().into_boxed_str()))
                }
                serde_json::Value::String(s) => Json::Str(Cow::Owned(s.clone())),
                serde_json::Value::Array(a) => Json::Arr(a.iter().map(convert).collect()),
                serde_json::Value::Object(o) => Json::Obj(
                    o.iter()
                        .map(|(k, v)| (Cow::Owned(k.clone()), convert(v)))
                        .collect(),
                ),
            }
        }
        fn sorted(v: Json) -> Json {
            match v {
                Json::Arr(a) => Json::Arr(a.into_iter().map(sorted).collect()),
                Json::Obj(mut o) => {
                    o.sort_by(|a, b| a.0.cmp(&b.0));
                    Json::Obj(o.into_iter().map(|(k, v)| (k, sorted(v))).collect())
                }
                other => other,
            }
        }
        let docs = [
            r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"标题 \u4e2d"}]}"#,
            r#"[[], {}, [{}], "\t\\", 0, -7, 123456789]"#,
            r#"{"nested":{"a":{"b":{"c":[null,true,false]}}}}"#,
        ];
        for doc in docs {
            let theirs: serde_json::Value = serde_json::from_str(doc).unwrap();
            assert_eq!(sorted(parse(doc).unwrap()), convert(&theirs), "{doc}");
        }
    }
}
