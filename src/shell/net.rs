//! Fetching: CORS, no credentials, a timeout, cancellation on destroy, and
//! errors sorted into the SPEC §5 kinds with a message a webmaster can act on.
//!
//! The loader's `request` (js/loader.js) does the HTTP mechanics (the early
//! request, the timer, reading the body up to a size limit, UTF-8) and says
//! how the request ended; what that means for the widget (kind, message,
//! whether to retry and when) is decided here, as are the limits it gets.

use crate::feed::MAX_FEED_BYTES;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

pub use crate::error::ErrorKind;

#[wasm_bindgen]
extern "C" {
    /// The loader's `request(url, owner, timeoutMillis, maxBytes)`: resolves
    /// (never rejects) to `[ending, text, status, retryAfter]`, see [`Ending`].
    #[wasm_bindgen(catch)]
    fn request(
        url: &str,
        owner: &AbortController,
        timeout_millis: u32,
        max_bytes: u32,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// How the loader's `request` ended: the first entry of its answer, by
/// number (the index in [`Ending::ALL`]). js/loader.js names the same numbers
/// in one line (`var BODY = 0, ABORTED = 1, …`); a test below holds the two
/// to each other, and tests/e2e/faults.test.mjs meets every ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// The whole body, as text: `[0, text]`.
    Body,
    /// Cancelled through `owner` (destroy, a replaced request).
    Aborted,
    /// No answer, or no end of the body, within the timeout.
    TimedOut,
    /// No answer at all: the network failed, or CORS refused it.
    NoAnswer,
    /// A status other than 2xx: `[4, statusText, status, Retry-After or null]`.
    Status,
    /// Over `maxBytes` (announced by Content-Length, or read so far).
    TooLarge,
    /// The body broke off before its end.
    BrokeOff,
}

impl Ending {
    const ALL: [Ending; 7] = [
        Ending::Body,
        Ending::Aborted,
        Ending::TimedOut,
        Ending::NoAnswer,
        Ending::Status,
        Ending::TooLarge,
        Ending::BrokeOff,
    ];
}

/// Why a request produced no usable body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub kind: ErrorKind,
    pub message: String,
    /// Seconds the server asked us to wait (`Retry-After`, when readable).
    pub retry_after: Option<u32>,
    /// Whether trying again soon may work: a quick failure (no answer, a
    /// reset) or a 5xx/429 answer, but never a timeout (SPEC §3).
    pub transient: bool,
    /// The widget was destroyed, or the request replaced or cancelled: not
    /// a failure, and nothing is shown or reported.
    pub aborted: bool,
}

impl LoadError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> LoadError {
        LoadError {
            kind,
            message: message.into(),
            retry_after: None,
            transient: kind == ErrorKind::Network,
            aborted: false,
        }
    }

    /// A request cancelled on purpose.
    pub fn aborted() -> LoadError {
        LoadError {
            transient: false,
            aborted: true,
            ..LoadError::new(ErrorKind::Network, "aborted")
        }
    }
}

/// GETs `url` as text within `timeout_millis`; `controller` lets the owner cancel it.
pub async fn fetch_text(
    url: &str,
    timeout_millis: u32,
    controller: &AbortController,
) -> Result<String, LoadError> {
    // The loader makes the request (it may have started it before the wasm
    // arrived; the timeout counts from then) and reads it to its end.
    let Ok(started) = request(url, controller, timeout_millis, MAX_FEED_BYTES as u32) else {
        return Err(LoadError::new(
            ErrorKind::Network,
            format!("{url} could not be requested"),
        ));
    };
    // A rejection (which the loader never sends) reads as no answer.
    let answer: js_sys::Array = JsFuture::from(started)
        .await
        .unwrap_or_default()
        .unchecked_into();
    let ending = answer
        .get(0)
        .as_f64()
        .and_then(|code| Ending::ALL.get(code as usize))
        .copied()
        .unwrap_or(Ending::NoAnswer);
    let text = answer.get(1).as_string().unwrap_or_default();
    Err(match ending {
        Ending::Body => return Ok(text),
        Ending::Aborted => LoadError::aborted(),
        // Not transient: the reader has waited the whole budget already.
        Ending::TimedOut => LoadError {
            transient: false,
            ..LoadError::new(
                ErrorKind::Network,
                format!(
                    "{url} did not answer within {} s",
                    timeout_millis.div_ceil(1000)
                ),
            )
        },
        Ending::NoAnswer => LoadError::new(
            ErrorKind::Network,
            format!(
                "{url} could not be fetched: the network failed, or the server does not send \
                 Access-Control-Allow-Origin for this page (CORS)"
            ),
        ),
        Ending::Status => {
            let status = answer.get(2).as_f64().unwrap_or_default() as u32;
            let mut error = LoadError::new(
                ErrorKind::Http,
                format!("{url} answered HTTP {status} {text}"),
            );
            error.transient = status >= 500 || status == 429;
            // Readable cross-origin only when the server exposes it (Access-Control-Expose-Headers).
            error.retry_after = answer
                .get(3)
                .as_string()
                .and_then(|v| v.trim().parse::<u32>().ok());
            error
        }
        Ending::TooLarge => LoadError::new(
            ErrorKind::Feed,
            format!("{url} is larger than {} MB", MAX_FEED_BYTES / (1024 * 1024)),
        ),
        // May be a network blip: worth another try.
        Ending::BrokeOff => LoadError {
            transient: true,
            ..LoadError::new(
                ErrorKind::Feed,
                format!("the answer from {url} broke off before its end"),
            )
        },
    })
}

#[cfg(test)]
mod tests {
    use super::Ending;

    /// `TimedOut` → `TIMED_OUT`.
    fn js_name(ending: Ending) -> String {
        let mut name = String::new();
        for c in format!("{ending:?}").chars() {
            if c.is_uppercase() && !name.is_empty() {
                name.push('_');
            }
            name.push(c.to_ascii_uppercase());
        }
        name
    }

    #[test]
    fn the_loader_numbers_the_endings_as_the_wasm_reads_them() {
        let loader = include_str!("../../js/loader.js");
        let start = loader
            .find("var BODY = ")
            .expect("the endings in js/loader.js");
        let line = &loader[start + "var ".len()..];
        let line = &line[..line.find(';').expect("the end of the line")];
        let named: Vec<(String, usize)> = line
            .split(',')
            .map(|pair| {
                let (name, number) = pair.split_once('=').expect("NAME = number");
                (name.trim().to_owned(), number.trim().parse().expect(number))
            })
            .collect();
        let expected: Vec<(String, usize)> = Ending::ALL
            .iter()
            .map(|&ending| (js_name(ending), ending as usize))
            .collect();
        assert_eq!(named, expected);
        for (index, ending) in Ending::ALL.iter().enumerate() {
            assert_eq!(*ending as usize, index, "{ending:?} is read by its index");
        }
    }
}
