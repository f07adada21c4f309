//! URLs resolved by the browser's own parser (the loader's `resolveUrl`):
//! exactly what the browser will load, and no URL parser in the wasm. Which
//! schemes and lengths are allowed stays in the core (`url::Resolve`).

use crate::url::Resolve;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The loader's `resolveUrl(base, reference)`: `new URL(reference,
    /// base).href`, or `undefined` when that throws.
    #[wasm_bindgen(catch, js_name = resolveUrl)]
    fn resolve_url(base: &str, reference: &str) -> Result<Option<String>, JsValue>;
}

/// A base URL whose references the browser resolves.
pub struct BrowserBase {
    base: String,
    /// The last few answers: feeds repeat links (breadcrumbs, sections) in
    /// every item, and a lookup here is cheaper than a call into JS.
    recent: RefCell<Vec<(String, Option<String>)>>,
}

/// How many answers [`BrowserBase`] keeps.
const RECENT: usize = 8;

impl BrowserBase {
    /// References will resolve against `base`.
    pub fn new(base: &str) -> Self {
        BrowserBase {
            base: base.to_owned(),
            recent: RefCell::new(Vec::with_capacity(RECENT)),
        }
    }
}

impl Resolve for BrowserBase {
    fn resolve(&self, reference: &str) -> Option<String> {
        let mut recent = self.recent.borrow_mut();
        if let Some((_, known)) = recent.iter().find(|(r, _)| r == reference) {
            return known.clone();
        }
        let answer = resolve_url(&self.base, reference).ok().flatten();
        if recent.len() == RECENT {
            recent.remove(0);
        }
        recent.push((reference.to_owned(), answer.clone()));
        answer
    }
}
