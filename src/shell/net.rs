//! Fetching: CORS, no credentials, a timeout, cancellation on destroy, and
//! errors sorted into the SPEC §5 kinds with a message a webmaster can act on.

use crate::feed::MAX_FEED_BYTES;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Response};

pub use crate::error::ErrorKind;

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
    let window =
        web_sys::window().ok_or_else(|| LoadError::new(ErrorKind::Network, "no window"))?;
    let Some(loader) = super::loader() else {
        return Err(LoadError::new(
            ErrorKind::Network,
            "news-widget.js did not connect the wasm (load the widget through news-widget.js)",
        ));
    };

    let timed_out = Rc::new(Cell::new(false));
    let on_timeout = {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        Closure::<dyn FnMut()>::new(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    // The loader makes the request (it may have started it before the wasm
    // arrived); everything else about it is decided here.
    let started = loader
        .request
        .call2(
            &JsValue::NULL,
            &JsValue::from_str(url),
            &controller.signal(),
        )
        .map(js_sys::Promise::from);
    // An early request has run since `started`: the timeout counts from there.
    let running = started
        .as_ref()
        .ok()
        .and_then(|p| js_sys::Reflect::get(p, &"started".into()).ok())
        .and_then(|t| t.as_f64())
        .map_or(0.0, |t| (js_sys::Date::now() - t).max(0.0));
    let millis = i32::try_from(timeout_millis.saturating_sub(running as u32)).unwrap_or(i32::MAX);
    let timer = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            millis,
        )
        .unwrap_or(0);
    let result = match started {
        Ok(started) => request(started, url, &timed_out, timeout_millis).await,
        Err(_) => Err(LoadError::new(
            ErrorKind::Network,
            format!("{url} could not be requested"),
        )),
    };
    if result.is_err() {
        // Nothing more is wanted from this answer (e.g. refused as too large).
        controller.abort();
    }
    window.clear_timeout_with_handle(timer);
    drop(on_timeout);
    result
}

async fn request(
    started: js_sys::Promise,
    url: &str,
    timed_out: &Cell<bool>,
    timeout_millis: u32,
) -> Result<String, LoadError> {
    let failed = |stage: &str| {
        if timed_out.get() {
            // Not transient: the reader has waited the whole budget already.
            LoadError {
                transient: false,
                ..LoadError::new(
                    ErrorKind::Network,
                    format!(
                        "{url} did not answer within {} s",
                        timeout_millis.div_ceil(1000)
                    ),
                )
            }
        } else {
            LoadError::new(
                ErrorKind::Network,
                format!(
                    "{url} could not be {stage}: the network failed, or the server does not send \
                 Access-Control-Allow-Origin for this page (CORS)"
                ),
            )
        }
    };
    let response: Response = JsFuture::from(started)
        .await
        .map_err(|e| {
            if is_abort(&e) && !timed_out.get() {
                LoadError::aborted()
            } else {
                failed("fetched")
            }
        })?
        .dyn_into()
        .map_err(|_| failed("fetched"))?;
    if !response.ok() {
        let status = response.status();
        let mut error = LoadError::new(
            ErrorKind::Http,
            format!("{url} answered HTTP {status} {}", response.status_text()),
        );
        error.transient = status >= 500 || status == 429;
        // Readable cross-origin only when the server exposes it (Access-Control-Expose-Headers).
        error.retry_after = response
            .headers()
            .get("retry-after")
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse::<u32>().ok());
        return Err(error);
    }
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|length| length > MAX_FEED_BYTES) {
        return Err(too_large(url));
    }
    // Read the body in chunks, stopping at the size limit: a huge or endless
    // answer never has to fit in memory (or in one JS string).
    let broke_off = || {
        if timed_out.get() {
            failed("read")
        } else {
            let mut error = LoadError::new(
                ErrorKind::Feed,
                format!("the answer from {url} broke off before its end"),
            );
            error.transient = true;
            error
        }
    };
    let reader: web_sys::ReadableStreamDefaultReader = response
        .body()
        .ok_or_else(broke_off)?
        .get_reader()
        .dyn_into()
        .map_err(|_| broke_off())?;
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| {
            if is_abort(&e) && !timed_out.get() {
                LoadError::aborted()
            } else {
                broke_off()
            }
        })?;
        let done =
            js_sys::Reflect::get(&chunk, &JsValue::from_str("done")).is_ok_and(|d| d.is_truthy());
        if done {
            break;
        }
        let value =
            js_sys::Reflect::get(&chunk, &JsValue::from_str("value")).map_err(|_| broke_off())?;
        let part = js_sys::Uint8Array::new(&value);
        if bytes.len() + part.length() as usize > MAX_FEED_BYTES {
            let _ = reader.cancel();
            return Err(too_large(url));
        }
        bytes.extend_from_slice(&part.to_vec());
    }
    // JSON is UTF-8; stray bytes become U+FFFD rather than failing the feed.
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn too_large(url: &str) -> LoadError {
    LoadError::new(
        ErrorKind::Feed,
        format!("{url} is larger than {} MB", MAX_FEED_BYTES / (1024 * 1024)),
    )
}

fn is_abort(error: &JsValue) -> bool {
    js_sys::Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string())
        .is_some_and(|name| name == "AbortError")
}
