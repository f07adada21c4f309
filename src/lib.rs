//! News widget: a JSON Feed rendered as headline cards and full articles,
//! inside partner pages, from one `<script>` tag.
//!
//! Every decision lives in the pure core crate `news_core` (re-exported
//! here: no browser types, tested natively); this crate adds the thin
//! browser [`shell`] that builds the DOM, fetches, and exposes the
//! JavaScript API. See ARCHITECTURE.md for the data flow.

pub use news_core::{config, contrast, date, error, feed, i18n, json, sanitize, text, url, view};

pub mod shell;

/// talc instead of std's dlmalloc: 1.7 KB less wasm for every reader, with
/// the same speed and memory in `make bench`.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
