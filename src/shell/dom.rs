//! Small DOM helpers: every node is created with `createElement` and text
//! nodes, never from markup, so feed content can only become the elements
//! and attributes the sanitizer produced.

use crate::sanitize::Node as SafeNode;
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

    /// `<tag part=…>`; an empty `part` sets none.
    pub fn el(&self, tag: &str, part: &str) -> DomResult<Element> {
        let element = self.doc.create_element(tag)?;
        if !part.is_empty() {
            element.set_attribute("part", part)?;
        }
        Ok(element)
    }

    /// `<tag part=…>text</tag>` appended to `parent`.
    pub fn text_el(
        &self,
        parent: &Element,
        tag: &str,
        part: &str,
        text: &str,
    ) -> DomResult<Element> {
        let element = self.el(tag, part)?;
        element.set_text_content(Some(text));
        parent.append_child(&element)?;
        Ok(element)
    }

    /// A child element appended to `parent`.
    pub fn child(&self, parent: &Element, tag: &str, part: &str) -> DomResult<Element> {
        let element = self.el(tag, part)?;
        parent.append_child(&element)?;
        Ok(element)
    }

    pub fn append_text(&self, parent: &Element, text: &str) -> DomResult {
        parent.append_child(&self.doc.create_text_node(text))?;
        Ok(())
    }

    /// Builds the sanitizer's tree under `parent`.
    pub fn append_safe(&self, parent: &Element, nodes: &[SafeNode]) -> DomResult {
        for node in nodes {
            match node {
                SafeNode::Text(text) => self.append_text(parent, text)?,
                SafeNode::Element(element) => {
                    let built = self.doc.create_element(element.tag)?;
                    for (name, value) in &element.attrs {
                        built.set_attribute(name, value)?;
                    }
                    self.append_safe(&built, &element.children)?;
                    parent.append_child(&built)?;
                }
            }
        }
        Ok(())
    }
}

/// Sets several attributes at once.
pub fn set_attrs(element: &Element, attrs: &[(&str, &str)]) -> DomResult {
    for (name, value) in attrs {
        element.set_attribute(name, value)?;
    }
    Ok(())
}

/// A date in the reader's language and time zone; with the time of day when `with_time`.
pub fn format_date(millis: i64, locale: &str, with_time: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(millis as f64));
    let options = js_sys::Object::new();
    let set = |key: &str, value: &str| {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    };
    set("dateStyle", "medium");
    if with_time {
        set("timeStyle", "short");
    }
    String::from(date.to_locale_string(locale, &options))
}

/// "3 hours ago" / "3 小时前" with the browser's `Intl.RelativeTimeFormat`.
pub fn format_relative(count: u32, unit: &str, locale: &str) -> String {
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let format = js_sys::Intl::RelativeTimeFormat::new(&locales, &js_sys::Object::new());
    String::from(format.format(-f64::from(count), unit))
}

/// The instant as ISO 8601, for `<time datetime>`.
pub fn iso_date(millis: i64) -> String {
    String::from(js_sys::Date::new(&JsValue::from_f64(millis as f64)).to_iso_string())
}

/// A count in the language's number format (2,381).
pub fn format_count(count: u64, locale: &str) -> String {
    let number = js_sys::Number::from(count as f64);
    number
        .to_locale_string(locale)
        .as_string()
        .unwrap_or_else(|| count.to_string())
}
