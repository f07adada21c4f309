//! The news widget's pure core, shared by the wasm widget (`news-widget`)
//! and the publisher's tool (`news-feed`): every rule about feeds,
//! configuration and what a reader sees lives here, once.
//!
//! It has no browser types and no dependencies, so it is tested natively
//! and the same code decides in the browser and on the command line.

pub mod config;
pub mod contrast;
pub mod date;
pub mod error;
pub mod feed;
pub mod i18n;
pub mod json;
pub mod sanitize;
pub mod text;
pub mod url;
pub mod view;
