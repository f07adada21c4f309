//! The ticker layout: one headline at a time, rotated by a timer unless
//! paused, focused, hidden or the reader prefers reduced motion.

use super::widget::Widget;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Milliseconds between ticker headlines.
pub(super) const TICKER_MILLIS: i32 = 5000;

impl Widget {
    pub(super) fn ticker_auto_step(self: &Rc<Self>) {
        let paused = self.state.borrow().ticker_paused;
        let focused = self.root.active_element().is_some();
        let hidden = self.dom.doc.hidden();
        if !paused && !focused && !hidden {
            self.ticker_step(1);
        }
    }

    /// Moves the ticker by `delta` headlines; returns whether it is a ticker.
    pub(super) fn ticker_step(&self, delta: isize) -> bool {
        let Some(list_view) = self.state.borrow().list_view.clone() else {
            return false;
        };
        let Ok(items) = list_view.query_selector_all(".ticker [part=card]") else {
            return false;
        };
        let count = items.length() as usize;
        if count == 0 {
            return false;
        }
        let current = {
            let mut state = self.state.borrow_mut();
            let next = (state.ticker as isize + delta).rem_euclid(count as isize) as usize;
            state.ticker = next;
            next
        };
        for index in 0..count {
            if let Some(item) = items
                .item(index as u32)
                .and_then(|n| n.dyn_into::<Element>().ok())
            {
                let _ = item
                    .class_list()
                    .toggle_with_force("current", index == current);
            }
        }
        true
    }

    pub(super) fn toggle_ticker(&self) -> bool {
        let paused = {
            let mut state = self.state.borrow_mut();
            state.ticker_paused = !state.ticker_paused;
            state.ticker_paused
        };
        self.update_ticker_button(paused);
        true
    }
}

pub(super) fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}
