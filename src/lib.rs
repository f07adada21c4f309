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
