//! Loading: the first load with its retries, background refreshes, the
//! requests the open article makes, and "load more" with `next_url`.

use super::console::{js_message, warn};
use super::feeds;
use super::net::{self, ErrorKind, LoadError};
use super::widget::Widget;
use crate::feed::Feed;
use crate::view;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::AbortController;

/// Waits before the retries of a failed first load (transient failures only).
const RETRY_BACKOFF_MILLIS: [i32; 2] = [1000, 2000];
/// A retry is worth starting only with at least this much of the budget left.
const MIN_ATTEMPT_MILLIS: u32 = 1000;

impl Widget {
    /// Loads the feed: the first time it renders the list; later (refresh) it
    /// merges quietly and keeps what is shown when anything fails.
    ///
    /// The first load retries quick transient failures (a reset, 5xx, 429)
    /// with backoff, but only within its `data-timeout` budget, so the error
    /// state shows within that time plus a second (SPEC §3); a timeout is not
    /// retried. A refresh just tries again next time. `token` is the
    /// generation that asked for the load: a widget destroyed or restarted
    /// before the task first runs asks for nothing.
    pub(super) async fn load(self: Rc<Self>, url: String, token: u32) {
        if !self.is_current(token) {
            return;
        }
        let budget = self
            .config()
            .map_or(10_000, |c| c.timeout.saturating_mul(1000));
        let deadline = js_sys::Date::now() + f64::from(budget);
        let remaining = || (deadline - js_sys::Date::now()).max(0.0) as u32;
        let shown = self.state.borrow().feed.is_some();
        let mut result = feeds::load(&url, budget, shown, self.id).await;
        for (attempt, backoff) in RETRY_BACKOFF_MILLIS.iter().enumerate() {
            let Err(error) = &result else { break };
            if !error.transient || shown || !self.is_current(token) {
                break;
            }
            let wait = error
                .retry_after
                .filter(|s| *s <= 10)
                .map_or(*backoff, |s| s as i32 * 1000);
            // Give up now rather than retry into the budget's last moments.
            if (wait as u32).saturating_add(MIN_ATTEMPT_MILLIS) > remaining() {
                break;
            }
            warn(&format!(
                "{} (retry {} of {} in {} ms)",
                error.message,
                attempt + 1,
                RETRY_BACKOFF_MILLIS.len(),
                wait
            ));
            self.sleep(wait).await;
            if !self.is_current(token) {
                return;
            }
            result = feeds::load(&url, remaining(), false, self.id).await;
        }
        if !self.is_current(token) {
            return;
        }
        let old = self.state.borrow().feed.clone();
        match (result, old) {
            (Err(error), _) if error.aborted => {}
            (Err(error), Some(_)) => {
                warn(&format!(
                    "refresh failed, keeping the shown news: {}",
                    error.message
                ));
                // A quiet notice for screen-reader users; nothing moves on screen.
                self.announce(self.lang().strings().refresh_failed);
            }
            (Err(error), None) => self.fail(&error),
            (Ok(loaded), None) => {
                let rendered = self.first_render(loaded.feed).await;
                if loaded.from_session && rendered {
                    // Shown at once from the session copy; now check for news.
                    self.refresh();
                }
            }
            (Ok(loaded), Some(old)) => self.refreshed(&old, Feed::clone(&loaded.feed)).await,
        }
    }

    /// Shows the first list; returns whether it is on screen (not
    /// superseded by a restart, a newer render or `destroy`).
    pub(super) async fn first_render(self: &Rc<Self>, feed: Rc<Feed>) -> bool {
        self.state.borrow_mut().feed = Some(feed);
        match self.render_list(None, "").await {
            Ok(Some(count)) => {
                self.shown(count);
                self.schedule();
                super::open_linked_article();
                true
            }
            Ok(None) => false,
            Err(e) => {
                self.fail(&LoadError::new(ErrorKind::Feed, js_message(&e)));
                false
            }
        }
    }

    /// A background refresh arrived: re-render only when something changed,
    /// and announce how many articles are new.
    pub(super) async fn refreshed(self: &Rc<Self>, old: &Feed, fresh: Feed) {
        let (merged, new_count) = view::merge_refresh(old, fresh);
        if merged == *old {
            return;
        }
        self.state.borrow_mut().feed = Some(Rc::new(merged));
        let notice = if new_count > 0 {
            self.lang().strings().new_articles_notice(new_count)
        } else {
            String::new()
        };
        if let Err(e) = self.render_list(None, &notice).await {
            warn(&js_message(&e));
        }
    }

    /// Says `text` to screen-reader users through the widget's live region.
    pub(super) fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    /// Fetches with this widget's cancellation (`destroy`, restarts).
    pub(super) async fn fetch(&self, url: &str, timeout: u32) -> Result<String, LoadError> {
        Self::fetch_in(&self.requests, url, timeout).await
    }

    /// Fetches for the open article: cancelled also when it closes.
    pub(super) async fn fetch_for_article(
        &self,
        url: &str,
        timeout: u32,
    ) -> Result<String, LoadError> {
        Self::fetch_in(&self.article_requests, url, timeout).await
    }

    pub(super) async fn fetch_in(
        registry: &RefCell<Vec<AbortController>>,
        url: &str,
        timeout: u32,
    ) -> Result<String, LoadError> {
        let controller = AbortController::new()
            .map_err(|e| LoadError::new(ErrorKind::Network, js_message(&e)))?;
        registry.borrow_mut().push(controller.clone());
        let result = net::fetch_text(url, timeout.saturating_mul(1000), &controller).await;
        registry.borrow_mut().retain(|c| c != &controller);
        result
    }

    /// Cancels what the open article still waits for.
    pub(super) fn abort_article_requests(&self) {
        for controller in self.article_requests.take() {
            controller.abort();
        }
    }

    /// Shows `limit` more items, fetching `next_url` when the loaded ones run out.
    pub(super) fn load_more(self: &Rc<Self>) {
        let (first_new, next_page) = {
            let mut state = self.state.borrow_mut();
            if state.loading_more {
                return;
            }
            let limit = state.config.as_ref().map_or(6, |c| c.limit as usize);
            let first_new = state.visible;
            state.visible += limit;
            let available = match (&state.feed, &state.config) {
                (Some(feed), Some(config)) => view::filtered(feed, config).len(),
                _ => 0,
            };
            let next = state
                .feed
                .as_ref()
                .and_then(|f| f.next_url.clone())
                .filter(|_| available < state.visible);
            state.loading_more = next.is_some();
            (first_new, next)
        };
        let Some(url) = next_page else {
            let me = self.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(e) = me.render_list(Some(first_new), "").await {
                    warn(&js_message(&e));
                }
            });
            return;
        };
        self.mark_more_busy();
        let me = self.clone();
        let token = self.generation();
        wasm_bindgen_futures::spawn_local(async move {
            let timeout = me.config().map_or(10, |c| c.timeout);
            let page = match me.fetch(&url, timeout).await {
                Ok(text) => feeds::parse_in_slices(&text, &url).await,
                Err(error) => Err(error),
            };
            // A restart, a refresh's render or `destroy` during the fetch or
            // the parse: this page belongs to a list that is gone.
            if !me.is_current(token) {
                me.state.borrow_mut().loading_more = false;
                return;
            }
            let updated = {
                let mut state = me.state.borrow_mut();
                state.loading_more = false;
                match (page, state.feed.as_ref()) {
                    (Ok(page), Some(feed)) => {
                        let mut feed = Feed::clone(feed);
                        view::append_page(&mut feed, page.feed);
                        state.feed = Some(Rc::new(feed));
                        Ok(())
                    }
                    (Err(error), _) => Err(error),
                    (Ok(_), None) => Ok(()),
                }
            };
            if let Err(error) = &updated {
                if error.aborted {
                    return;
                }
                warn(&format!("load more: {}", error.message));
            }
            if let Err(e) = me.render_list(Some(first_new), "").await {
                warn(&js_message(&e));
            }
        });
    }
}
