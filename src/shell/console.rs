//! Messages for the webmaster in the browser console. A leaf module: every
//! other part of the shell may use it, and it uses none of them.

use wasm_bindgen::JsValue;

/// The message of a JS exception, or a generic one.
pub fn js_message(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused a DOM operation".to_owned())
}

pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("news-widget: {message}")));
}
