//! Feeds shared by all widgets of a page: widgets with the same feed URL
//! share one request while it is in flight and its parsed copy for a short
//! time after, so twenty widgets of one feed cost one download, one parse
//! and one copy in memory. Failures are not kept: the next load tries again.

use super::net::{self, ErrorKind, LoadError};
use super::widget::warn;
use crate::feed::{self, Feed};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// How long a loaded feed is reused by widgets mounted later, in ms.
const FRESH_MILLIS: f64 = 30_000.0;

type Outcome = Result<Rc<Feed>, LoadError>;

struct Entry {
    url: String,
    started: f64,
    /// Resolves when `outcome` is set.
    pending: Option<js_sys::Promise>,
    outcome: Option<Outcome>,
}

thread_local! {
    static FEEDS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// The parsed feed at `url`: shared if another widget is loading it or has
/// just loaded it (unless `refresh` asks for a new copy).
pub async fn load(url: &str, timeout: u32, refresh: bool) -> Outcome {
    let now = js_sys::Date::now();
    let known = FEEDS.with(|feeds| {
        let mut feeds = feeds.borrow_mut();
        feeds.retain(|e| e.pending.is_some() || now - e.started < FRESH_MILLIS);
        feeds
            .iter()
            .find(|e| e.url == url)
            .map(|e| (e.pending.clone(), e.outcome.clone()))
    });
    match known {
        Some((Some(pending), _)) => {
            let _ = JsFuture::from(pending).await;
            return outcome_of(url);
        }
        Some((None, Some(Ok(feed)))) if !refresh => return Ok(feed),
        _ => {}
    }
    let pending = start(url, timeout);
    FEEDS.with(|feeds| {
        let mut feeds = feeds.borrow_mut();
        feeds.retain(|e| e.url != url);
        feeds.push(Entry {
            url: url.to_owned(),
            started: now,
            pending: Some(pending.clone()),
            outcome: None,
        });
    });
    let _ = JsFuture::from(pending).await;
    outcome_of(url)
}

/// Starts the request; the promise settles once the outcome is stored.
fn start(url: &str, timeout: u32) -> js_sys::Promise {
    let url = url.to_owned();
    wasm_bindgen_futures::future_to_promise(async move {
        let outcome = match AbortController::new() {
            Ok(controller) => net::fetch_text(&url, timeout, &controller).await,
            Err(_) => Err(LoadError::new(
                ErrorKind::Network,
                "the browser cannot make requests",
            )),
        }
        .and_then(|text| {
            let parsed =
                feed::parse(&text, &url).map_err(|m| LoadError::new(ErrorKind::Feed, m))?;
            for warning in &parsed.warnings {
                warn(warning);
            }
            Ok(Rc::new(parsed.feed))
        });
        FEEDS.with(|feeds| {
            if let Some(entry) = feeds
                .borrow_mut()
                .iter_mut()
                .find(|e| e.url == url && e.pending.is_some())
            {
                entry.pending = None;
                entry.outcome = Some(outcome);
            }
        });
        Ok(JsValue::UNDEFINED)
    })
}

fn outcome_of(url: &str) -> Outcome {
    FEEDS
        .with(|feeds| {
            feeds
                .borrow()
                .iter()
                .find(|e| e.url == url)
                .and_then(|e| e.outcome.clone())
        })
        .unwrap_or_else(|| {
            Err(LoadError::new(
                ErrorKind::Network,
                format!("{url} could not be loaded"),
            ))
        })
}
