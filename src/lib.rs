//! News widget: a JSON Feed rendered as headline cards and full articles,
//! inside partner pages, from one `<script>` tag.
//!
//! The crate is a pure core (everything but [`shell`]: no browser types,
//! tested natively) and a thin browser shell that builds the DOM, fetches,
//! and exposes the JavaScript API. See ARCHITECTURE.md for the data flow.

pub mod config;
pub mod contrast;
pub mod date;
pub mod feed;
pub mod i18n;
pub mod json;
pub mod sanitize;
pub mod url;
pub mod view;

pub mod shell;

/// talc instead of std's dlmalloc: 1.7 KB less wasm for every reader, with
/// the same speed and memory in `make bench`.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
