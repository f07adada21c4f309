//! The source's bytes as UTF-8 text, before feed-rs sees them.
//!
//! Why here and not in feed-rs: its XML reader (quick-xml) switches decoders
//! when it meets an XML declaration, and panics when that declaration ends
//! after the document's first 64 bytes (a long declaration, or a second one
//! further down; found by `fuzz/feed_convert`). So the tool decodes the
//! document itself, with the encoding its byte-order mark or declaration
//! names (as `encoding_rs`, the browsers' decoder, reads labels), and drops
//! every XML declaration: feed-rs then reads plain UTF-8.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// A document as UTF-8, and a note when some of its bytes were not valid in
/// its encoding (they become U+FFFD, as in a browser).
#[derive(Debug)]
pub struct Decoded {
    /// The document, without XML declarations.
    pub text: String,
    /// Why some characters show as U+FFFD.
    pub note: Option<String>,
}

/// Decodes `bytes` with the encoding of their BOM, else of their XML
/// declaration, else UTF-8.
pub fn to_utf8(bytes: &[u8]) -> Decoded {
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => (encoding, bytes.get(bom..).unwrap_or_default()),
        None if bytes.starts_with(b"<\0?\0") => (UTF_16LE, bytes),
        None if bytes.starts_with(b"\0<\0?") => (UTF_16BE, bytes),
        // A label read in ASCII cannot truly be UTF-16: the browsers' rule.
        None => match declared(bytes) {
            Some(encoding) if encoding != UTF_16LE && encoding != UTF_16BE => (encoding, bytes),
            _ => (UTF_8, bytes),
        },
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    Decoded {
        text: without_declarations(&text),
        note: had_errors.then(|| {
            format!(
                "the source is not valid {}, the encoding it names: its bad bytes show as \u{fffd} (fix the encoding of the source)",
                encoding.name()
            )
        }),
    }
}

/// The encoding named by the XML declaration at the start, if known.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(bytes.get(..1024).unwrap_or(bytes));
    let declaration = head.trim_start().strip_prefix("<?xml")?;
    let declaration = declaration.get(..declaration.find("?>")?)?;
    let value = declaration
        .get(declaration.find("encoding")? + "encoding".len()..)?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let label = value.get(1..)?.split(quote).next()?;
    Encoding::for_label(label.trim().as_bytes())
}

/// `text` without its XML declarations (`<?xml …?>`), wherever they are.
/// Also inside CDATA sections and comments: where those begin is for the XML
/// reader to decide, and guessing differently let a declaration through
/// (found by `fuzz/feed_convert`); a declaration quoted in an article's
/// CDATA is the price.
fn without_declarations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<?") {
        let from = rest.get(at..).unwrap_or_default();
        if is_declaration(from) {
            out.push_str(rest.get(..at).unwrap_or_default());
            let end = from.find("?>").map_or(from.len(), |e| e + 2);
            rest = from.get(end..).unwrap_or_default();
        } else {
            out.push_str(rest.get(..at + 2).unwrap_or_default());
            rest = from.get(2..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

fn is_declaration(from: &str) -> bool {
    from.get(..5)
        .is_some_and(|start| start.eq_ignore_ascii_case("<?xml"))
        && from
            .get(5..)
            .and_then(|after| after.chars().next())
            .is_some_and(|c| c == '?' || c.is_whitespace())
}
