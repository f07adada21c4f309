//! Small DOM helpers: every node is created with `createElement` and text
//! nodes, never from markup (the bulk of the widget's DOM comes from
//! `batch.rs`, which keeps the same rule), and the browser services the
//! shell uses: time slices, performance measures (dates and counts are
//! formatted by the builder, with the browser's `Intl`).

use std::cell::Cell;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element};

pub type DomResult<T = ()> = Result<T, JsValue>;

/// Element builder bound to one document.
#[derive(Clone)]
pub struct Dom {
    pub doc: Document,
}

impl Dom {
    pub fn new() -> DomResult<Dom> {
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        Ok(Dom { doc })
    }

    /// A new `<tag>`, not yet in the document.
    pub fn el(&self, tag: &str) -> DomResult<Element> {
        self.doc.create_element(tag)
    }
}

/// Longest stretch of work (card building, feed reading) before yielding to
/// the browser, in ms (a long task is 50 ms; the browser needs the rest for
/// style and layout).
const SLICE_MILLIS: f64 = 25.0;

/// The clock of work done in time slices: one place decides when a slice is
/// used up, for every sliced loop (feed reading, list rendering).
pub struct Slice {
    start: f64,
}

impl Slice {
    pub fn begin() -> Self {
        Slice {
            start: js_sys::Date::now(),
        }
    }

    /// The share of the slice used so far: above 1.0, it is time to yield.
    pub fn used(&self) -> f64 {
        (js_sys::Date::now() - self.start) / SLICE_MILLIS
    }

    /// Lets the browser run, then starts a fresh slice.
    pub async fn next(&mut self) {
        yield_to_browser().await;
        self.start = js_sys::Date::now();
    }
}

/// Lets the browser run (input, paint) before the caller continues.
pub async fn yield_to_browser() {
    sleep(0).await;
}

/// Resumes after `millis` (a timer; the browser runs meanwhile).
pub async fn sleep(millis: i32) {
    let tick = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
}

/// Sets several attributes at once.
pub fn set_attrs(element: &Element, attrs: &[(&str, &str)]) -> DomResult {
    for (name, value) in attrs {
        element.set_attribute(name, value)?;
    }
    Ok(())
}

/// A page-unique number for element ids (`aria-labelledby`) and history keys.
pub fn next_id() -> u32 {
    thread_local!(static NEXT: Cell<u32> = const { Cell::new(0) });
    NEXT.with(|next| {
        let id = next.get().wrapping_add(1);
        next.set(id);
        id
    })
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`, for [`measure`].
    #[wasm_bindgen(js_namespace = performance)]
    pub fn now() -> f64;

    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn performance_measure(name: &str, options: &js_sys::Object) -> Result<JsValue, JsValue>;
}

/// Records `news-widget:<phase>` from `start` ([`now`]) until now in the
/// page's performance timeline: `make bench` adds these up per phase (parse,
/// validate, build). Nothing else reads them.
pub fn measure(phase: &str, start: f64) {
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &JsValue::from_f64(start));
    let _ = performance_measure(&format!("news-widget:{phase}"), &options);
}
