//! Feeds shared by all widgets of a page: widgets with the same feed URL
//! share one request while it is in flight and its parsed copy for a short
//! time after, so twenty widgets of one feed cost one download, one parse
//! and one copy in memory. Failures are not kept: the next load tries again.
//!
//! Small feeds are also kept in `sessionStorage` (bounded), so a reader
//! returning to the page sees the news at once while the widget
//! revalidates in the background (stale-while-revalidate).

use super::address::BrowserBase;
use super::console::warn;
use super::dom;
use super::net::{self, ErrorKind, LoadError};
use crate::feed::{self, Feed};
use crate::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// How long a loaded feed is reused by widgets mounted later, in ms.
const FRESH_MILLIS: f64 = 30_000.0;
/// Items validated between two looks at the clock (a few ms for big items).
const ITEMS_PER_STEP: usize = 50;
/// JSON parsed between two looks at the clock (a few ms).
const JSON_BYTES_PER_STEP: usize = 256 * 1024;
/// Feeds larger than this are not kept in the session.
const SESSION_MAX_BYTES: usize = 256 * 1024;
/// At most this many feeds are kept in the session (the oldest go first).
const SESSION_MAX_FEEDS: usize = 4;
const SESSION_PREFIX: &str = "news-widget:feed:";
const SESSION_INDEX: &str = "news-widget:feeds";

type Outcome = Result<Rc<Feed>, LoadError>;

/// A loaded feed, and whether it came from the session (so it should be revalidated).
pub struct Loaded {
    pub feed: Rc<Feed>,
    pub from_session: bool,
}

struct Entry {
    url: String,
    started: f64,
    /// Resolves when `outcome` is set.
    pending: Option<js_sys::Promise>,
    /// Cancels the request in flight.
    controller: Option<AbortController>,
    /// The widgets waiting for it: when the last one is destroyed, the
    /// request is cancelled.
    waiting: Vec<u32>,
    outcome: Option<Outcome>,
}

thread_local! {
    static FEEDS: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// The parsed feed at `url`, for the widget `user`: shared if another widget
/// is loading it or has just loaded it, or from the session copy; `refresh`
/// asks the network. A new request gives up after `timeout_millis`.
pub async fn load(
    url: &str,
    timeout_millis: u32,
    refresh: bool,
    user: u32,
) -> Result<Loaded, LoadError> {
    let now = js_sys::Date::now();
    let known = FEEDS.with(|feeds| {
        let mut feeds = feeds.borrow_mut();
        feeds.retain(|e| e.pending.is_some() || now - e.started < FRESH_MILLIS);
        feeds.iter_mut().find(|e| e.url == url).map(|e| {
            if e.pending.is_some() {
                e.waiting.push(user);
            }
            (e.pending.clone(), e.outcome.clone())
        })
    });
    let fetched = |outcome: Outcome| {
        outcome.map(|feed| Loaded {
            feed,
            from_session: false,
        })
    };
    match known {
        Some((Some(pending), _)) => {
            let _ = JsFuture::from(pending).await;
            return fetched(outcome_of(url));
        }
        Some((None, Some(Ok(feed)))) if !refresh => return fetched(Ok(feed)),
        None if !refresh => {
            if let Some(parsed) = session_get(url)
                .and_then(|text| feed::parse_with(&text, Box::new(BrowserBase::new(url))).ok())
            {
                return Ok(Loaded {
                    feed: Rc::new(parsed.feed),
                    from_session: true,
                });
            }
        }
        _ => {}
    }
    let controller = AbortController::new().ok();
    let pending = start(url, timeout_millis, controller.clone());
    let waited = pending.clone();
    FEEDS.with(|feeds| {
        let mut feeds = feeds.borrow_mut();
        feeds.retain(|e| e.url != url);
        feeds.push(Entry {
            url: url.to_owned(),
            started: now,
            pending: Some(pending),
            controller,
            waiting: vec![user],
            outcome: None,
        });
    });
    let _ = JsFuture::from(waited).await;
    fetched(outcome_of(url))
}

/// Parses a fetched feed in slices (the JSON a few hundred KB at a time,
/// then the items), so a big feed never holds the page for long; its
/// warnings go to the console.
pub async fn parse_in_slices(text: &str, url: &str) -> Result<feed::Parsed, LoadError> {
    let failed = |message| LoadError::new(ErrorKind::Feed, message);
    feed::check_size(text).map_err(failed)?;
    let mut slice = dom::Slice::begin();
    // A big text was just copied into wasm memory (UTF-16 → UTF-8, ~5 ms a
    // MB) in this task: the first JSON slice gets a task of its own.
    if text.len() > JSON_BYTES_PER_STEP {
        slice.next().await;
    }
    let mut parse = json::Parse::new(text);
    let root = loop {
        let start = dom::now();
        let outcome = parse.run(JSON_BYTES_PER_STEP);
        dom::measure("parse", start);
        pace(&mut slice, outcome.is_some()).await;
        if let Some(outcome) = outcome {
            break outcome.map_err(|e| failed(feed::not_json(e)))?;
        }
    };
    let mut reading = feed::from_json(root, Box::new(BrowserBase::new(url))).map_err(failed)?;
    loop {
        let start = dom::now();
        let done = reading.step(ITEMS_PER_STEP);
        dom::measure("validate", start);
        pace(&mut slice, done).await;
        if done {
            break;
        }
    }
    let parsed = reading.finish();
    for warning in &parsed.warnings {
        warn(warning);
    }
    Ok(parsed)
}

/// Yields when the slice is used up, and at the end when it is half used
/// (the caller renders next, in slices of its own).
async fn pace(slice: &mut dom::Slice, done: bool) {
    let used = slice.used();
    if used > 1.0 || (done && used > 0.5) {
        slice.next().await;
    }
}

/// The widget `user` waits for no feed any more (it was destroyed): a
/// request that no other widget waits for is cancelled.
pub fn release(user: u32) {
    let orphans: Vec<AbortController> = FEEDS.with(|feeds| {
        let mut feeds = feeds.borrow_mut();
        feeds
            .iter_mut()
            .filter(|e| e.pending.is_some())
            .filter_map(|e| {
                let before = e.waiting.len();
                e.waiting.retain(|waiting| *waiting != user);
                let orphaned = e.waiting.is_empty() && before > 0;
                e.controller.clone().filter(|_| orphaned)
            })
            .collect()
    });
    for controller in orphans {
        controller.abort();
    }
}

/// Starts the request; the promise settles once the outcome is stored.
fn start(url: &str, timeout_millis: u32, controller: Option<AbortController>) -> js_sys::Promise {
    let url = url.to_owned();
    wasm_bindgen_futures::future_to_promise(async move {
        let fetched = match controller {
            Some(controller) => net::fetch_text(&url, timeout_millis, &controller).await,
            None => Err(LoadError::new(
                ErrorKind::Network,
                "the browser cannot make requests",
            )),
        };
        let outcome = match fetched {
            Ok(text) => parse_in_slices(&text, &url).await.map(|parsed| {
                session_put(&url, &text);
                Rc::new(parsed.feed)
            }),
            Err(error) => Err(error),
        };
        FEEDS.with(|feeds| {
            if let Some(entry) = feeds
                .borrow_mut()
                .iter_mut()
                .find(|e| e.url == url && e.pending.is_some())
            {
                entry.pending = None;
                entry.controller = None;
                entry.waiting.clear();
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

/// The page's session storage, when the browser allows it (not in some sandboxed frames).
fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn session_get(url: &str) -> Option<String> {
    session()?
        .get_item(&format!("{SESSION_PREFIX}{url}"))
        .ok()
        .flatten()
}

/// Keeps `text` for `url`, most recent first, within the size and count bounds.
fn session_put(url: &str, text: &str) {
    let Some(storage) = session() else { return };
    if text.len() > SESSION_MAX_BYTES {
        return;
    }
    let index = storage
        .get_item(SESSION_INDEX)
        .ok()
        .flatten()
        .unwrap_or_default();
    let mut urls: Vec<&str> = index
        .lines()
        .filter(|u| *u != url && !u.is_empty())
        .collect();
    urls.insert(0, url);
    for evicted in urls.iter().skip(SESSION_MAX_FEEDS) {
        let _ = storage.remove_item(&format!("{SESSION_PREFIX}{evicted}"));
    }
    urls.truncate(SESSION_MAX_FEEDS);
    // A full storage (quota) just means no session copy this time.
    if storage
        .set_item(&format!("{SESSION_PREFIX}{url}"), text)
        .is_ok()
    {
        let _ = storage.set_item(
            SESSION_INDEX,
            &crate::text::join(urls.iter().copied(), "\n"),
        );
    }
}
