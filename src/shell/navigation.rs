//! Navigation between the list and articles: opening, closing, the
//! browser's history (Back/Forward) and `#news-<id>` fragments.

use super::console::{js_message, warn};
use super::widget::Widget;
use crate::config::OpenMode;
use crate::feed::{Feed, Item};
use crate::view;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement};

impl Widget {
    /// Finds an item of the feed or of a related feed.
    pub(super) fn find_item(&self, id: &str) -> Option<(Item, Rc<Feed>)> {
        let state = self.state.borrow();
        let feed = state.feed.clone()?;
        let item = feed
            .items
            .iter()
            .chain(state.extra.iter())
            .find(|item| item.id == id)?
            .clone();
        Some((item, feed))
    }

    /// Opens an article (pushing a history entry when `push`, so Back closes it).
    pub fn open_article(self: &Rc<Self>, id: &str, push: bool) {
        if self.config().is_some_and(|c| c.open == OpenMode::Link) {
            return;
        }
        let Some((item, feed)) = self.find_item(id) else {
            return;
        };
        self.state.borrow_mut().stack.push(item.id.clone());
        if let Err(e) = self.show_article(&item, &feed) {
            warn(&js_message(&e));
            return;
        }
        if push {
            let entry = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&entry, &"newsWidget".into(), &self.id.into());
            let _ = js_sys::Reflect::set(&entry, &"id".into(), &item.id.as_str().into());
            let fragment = format!("#{}", view::fragment(&item.id));
            let pushed = web_sys::window()
                .and_then(|w| w.history().ok())
                .is_some_and(|h| h.push_state_with_url(&entry, "", Some(&fragment)).is_ok());
            if pushed {
                self.state.borrow_mut().pushed += 1;
            }
        }
        let url = item.url.as_deref().map_or(JsValue::NULL, JsValue::from_str);
        self.emit(
            "news-widget:open",
            &[("id", item.id.as_str().into()), ("url", url)],
        );
    }

    /// Closes the open article from the widget (close button, Escape,
    /// backdrop): back to the list, however many related articles were
    /// followed, with focus on the card that opened the first (SPEC §3).
    /// With history entries of ours, goes back past all of them and lets
    /// `popstate` close. Returns whether an article was open.
    pub fn close_article(self: &Rc<Self>) -> bool {
        let (open, pushed) = {
            let state = self.state.borrow();
            (!state.stack.is_empty(), state.pushed)
        };
        if !open {
            return false;
        }
        let history = web_sys::window().and_then(|w| w.history().ok());
        let steps = i32::try_from(pushed).unwrap_or(i32::MAX);
        match history {
            Some(history) if steps > 0 && history.go_with_delta(-steps).is_ok() => {}
            _ => self.close_to(0),
        }
        true
    }

    /// Closes the open articles above the first `keep` of the stack, then
    /// shows the one below them, or the list with focus on the card that
    /// opened the first article. One `close` event per closed article,
    /// innermost first.
    fn close_to(self: &Rc<Self>, keep: usize) {
        let (closed, top, first) = {
            let mut state = self.state.borrow_mut();
            let first = state.stack.first().cloned();
            let keep = keep.min(state.stack.len());
            let closed = state.stack.split_off(keep);
            state.pushed = state.pushed.saturating_sub(closed.len());
            (closed, state.stack.last().cloned(), first)
        };
        if closed.is_empty() {
            return;
        }
        match top.and_then(|id| self.find_item(&id)) {
            Some((item, feed)) => {
                if let Err(e) = self.show_article(&item, &feed) {
                    warn(&js_message(&e));
                }
            }
            None => {
                self.back_to_list(first.as_deref().unwrap_or_default());
                clear_fragment();
            }
        }
        for id in closed.iter().rev() {
            self.emit("news-widget:close", &[("id", id.as_str().into())]);
        }
    }

    /// Back/Forward: close the articles the history entry no longer names
    /// (Back steps back one article at a time); open the one it names, when
    /// the entry is this widget's.
    pub(super) fn on_popstate(self: &Rc<Self>, event: &Event) {
        let state = js_sys::Reflect::get(event, &"state".into()).unwrap_or_default();
        let field = |name: &str| {
            js_sys::Reflect::get(&state, &name.into())
                .ok()
                .filter(|_| state.is_object())
        };
        let mine = field("newsWidget").and_then(|key| key.as_f64()) == Some(f64::from(self.id));
        let named = field("id").and_then(|id| id.as_string()).filter(|_| mine);
        let keep = {
            let state = self.state.borrow();
            named
                .as_ref()
                .and_then(|id| state.stack.iter().position(|open| open == id))
                .map_or(0, |index| index + 1)
        };
        self.close_to(keep);
        if let Some(id) = named {
            let open = self.state.borrow().stack.last() == Some(&id);
            if !open && self.find_item(&id).is_some() {
                self.open_article(&id, false);
                self.state.borrow_mut().pushed += 1;
            }
        }
    }

    /// Whether this widget is still waiting for its feed.
    pub(super) fn is_loading(&self) -> bool {
        self.host.get_attribute("data-state").as_deref() == Some("loading")
    }

    /// Whether an article with this id can open here.
    pub(super) fn has_item(&self, id: &str) -> bool {
        self.find_item(id).is_some()
    }

    pub(super) fn back_to_list(&self, card_id: &str) {
        self.abort_article_requests();
        let (article, list_view) = {
            let mut state = self.state.borrow_mut();
            state.stack.clear();
            (state.article.take(), state.list_view.clone())
        };
        if let Some(article) = article {
            article.remove();
        }
        self.unlock_scroll();
        let Some(list_view) = list_view else { return };
        let _ = list_view.remove_attribute("hidden");
        let _ = list_view.remove_attribute("inert");
        if let Some(link) = self.card_link(&list_view, |id| id == card_id) {
            let _ = link.focus();
        }
    }

    /// The first card link under `list_view` whose id satisfies `wanted`.
    pub(super) fn card_link(
        &self,
        list_view: &Element,
        wanted: impl Fn(&str) -> bool,
    ) -> Option<HtmlElement> {
        let links = list_view.query_selector_all("[data-action=open]").ok()?;
        (0..links.length())
            .filter_map(|i| links.item(i)?.dyn_into::<HtmlElement>().ok())
            .find(|link| link.get_attribute("data-id").is_some_and(|id| wanted(&id)))
    }
}

/// The article id named by the page URL's fragment, if any.
pub(super) fn current_fragment_id() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    view::id_from_fragment(&hash)
}

/// Removes a `#news-…` fragment from the page URL without a new history entry.
pub(super) fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if current_fragment_id().is_none() {
        return;
    }
    let location = window.location();
    let url = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}
