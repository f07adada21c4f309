//! The browser shell: the JavaScript API (`mount`, `scan`, `refresh`,
//! `destroy`, `version`), the registry of mounted widgets and what the
//! loader hands over (stylesheet, skeleton painter). Everything here is thin; decisions live in the pure core.
//!
//! No export throws: failures become a widget's error state, and the loader
//! (js/loader.js) additionally guards every call.

mod address;
mod batch;
mod console;
mod dom;
mod events;
mod feeds;
mod loading;
mod modal;
mod navigation;
mod net;
mod render;
mod theme;
mod ticker;
mod timers;
mod widget;

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use widget::Widget;

thread_local! {
    static WIDGETS: RefCell<Vec<Rc<Widget>>> = const { RefCell::new(Vec::new()) };
    /// The widget's CSS as one constructable stylesheet (or null), from the loader.
    static SHEET: RefCell<JsValue> = const { RefCell::new(JsValue::NULL) };
}

/// Called once by the loader when the wasm is ready, with what it owns
/// because it is needed before the wasm runs: the stylesheet.
///
/// The loader's functions that the wasm calls (`build`, `paintSkeleton`,
/// `request`, `resolveUrl`) are imported by name: the build inlines this
/// crate's glue into the loader's own scope, where they are defined (the
/// wasm tests define them on the window). An import that is missing fails
/// as a caught error, never a trap.
#[wasm_bindgen(js_name = connectLoader)]
pub fn connect_loader(sheet: JsValue) {
    SHEET.with(|current| current.replace(sheet));
}

fn sheet() -> JsValue {
    SHEET.with(|sheet| sheet.borrow().clone())
}

fn find(element: &Element) -> Option<Rc<Widget>> {
    WIDGETS.with(|w| {
        w.borrow()
            .iter()
            .find(|widget| widget.host.is_same_node(Some(element)))
            .cloned()
    })
}

/// Mounts a widget on `element` (options override its `data-*` attributes).
/// Resolves with the element once the list or the empty state shows; rejects
/// with an `Error` carrying `kind` when it ends in the error state. A second
/// mount of the same element returns the first promise.
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> js_sys::Promise {
    let Some(host) = element.dyn_ref::<HtmlElement>() else {
        return rejected("config", "NewsWidget.mount needs an HTML element");
    };
    if let Some(existing) = find(host) {
        return existing.promise.clone();
    }
    match Widget::mount(host.clone(), options) {
        Ok(widget) => {
            let promise = widget.promise.clone();
            WIDGETS.with(|w| w.borrow_mut().push(widget));
            promise
        }
        Err(error) => rejected("config", &console::js_message(&error)),
    }
}

/// Mounts each of `hosts` (the loader's `[data-news-widget]` elements
/// under the root it scans) that is not mounted yet, and returns those.
#[wasm_bindgen(js_name = scanHosts)]
pub fn scan_hosts(hosts: js_sys::Array) -> js_sys::Array {
    let mounted = js_sys::Array::new();
    for host in hosts.iter() {
        let Ok(element) = host.dyn_into::<HtmlElement>() else {
            continue;
        };
        if find(&element).is_none() {
            let _ = mount(element.clone().into(), JsValue::UNDEFINED);
            mounted.push(&element);
        }
    }
    mounted
}

/// The widgets `element` names: that one, or all when it is null/undefined.
fn targets(element: &JsValue) -> Vec<Rc<Widget>> {
    WIDGETS.with(|w| {
        let widgets = w.borrow();
        match element.dyn_ref::<Element>() {
            Some(element) => widgets
                .iter()
                .filter(|x| x.host.is_same_node(Some(element)))
                .cloned()
                .collect(),
            None if element.is_null() || element.is_undefined() => widgets.clone(),
            None => Vec::new(),
        }
    })
}

/// A link to the host page with `#news-<id>` opens that article directly, in
/// the first widget in document order that has it: once per page, as soon as
/// every widget before that one has loaded.
fn open_linked_article() {
    thread_local!(static OPENED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if OPENED.with(|o| o.get()) {
        return;
    }
    let Some(id) = navigation::current_fragment_id() else {
        return;
    };
    let widgets = WIDGETS.with(|w| w.borrow().clone());
    let precedes = |a: &Widget, b: &Widget| {
        b.host.compare_document_position(&a.host) & web_sys::Node::DOCUMENT_POSITION_PRECEDING != 0
    };
    let chosen =
        widgets
            .iter()
            .filter(|w| w.has_item(&id))
            .fold(None, |best: Option<&Rc<Widget>>, w| match best {
                Some(best) if precedes(best, w) => Some(best),
                _ => Some(w),
            });
    let Some(chosen) = chosen else { return };
    if widgets
        .iter()
        .any(|w| w.is_loading() && precedes(w, chosen))
    {
        return;
    }
    OPENED.with(|o| o.set(true));
    chosen.open_article(&id, false);
}

/// Re-fetches one widget's feed, or every widget's.
#[wasm_bindgen]
pub fn refresh(element: JsValue) {
    for widget in targets(&element) {
        widget.refresh();
    }
}

/// Removes one widget, or all: shadow content, `data-state`, listeners, pending fetches.
#[wasm_bindgen]
pub fn destroy(element: JsValue) {
    let doomed = targets(&element);
    WIDGETS.with(|w| {
        w.borrow_mut()
            .retain(|x| !doomed.iter().any(|d| Rc::ptr_eq(d, x)))
    });
    for widget in doomed {
        widget.destroy();
    }
}

/// Checks a feed text with the widget's own parser, for the configurator:
/// `{ok, error, items, warnings}` (`error` when it is not a usable JSON Feed).
#[wasm_bindgen(js_name = checkFeed)]
pub fn check_feed(text: &str, url: &str) -> JsValue {
    let result = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&result, &JsValue::from_str(key), value);
    };
    let warnings = js_sys::Array::new();
    match crate::feed::parse_with(text, Box::new(address::BrowserBase::new(url))) {
        Ok(parsed) => {
            set("ok", &JsValue::TRUE);
            set("error", &JsValue::NULL);
            set("items", &JsValue::from(parsed.feed.items.len() as u32));
            for warning in &parsed.warnings {
                warnings.push(&JsValue::from_str(warning));
            }
        }
        Err(message) => {
            set("ok", &JsValue::FALSE);
            set("error", &JsValue::from_str(&message));
            set("items", &JsValue::from(0));
        }
    }
    set("warnings", &warnings);
    result.into()
}

/// The crate version, for `NewsWidget.version`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

fn rejected(kind: &str, message: &str) -> js_sys::Promise {
    let error = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&error, &"kind".into(), &kind.into());
    js_sys::Promise::reject(&error)
}
