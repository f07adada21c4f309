//! Timers: the background refresh and the ticker's rotation, as
//! configured, and the waits between retries. Every interval and wait is
//! cleared by a restart or `destroy`.

use super::ticker::{prefers_reduced_motion, TICKER_MILLIS};
use super::widget::Widget;
use crate::config::Layout;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

impl Widget {
    /// Resumes after `millis`, or at once when the widget restarts or is
    /// destroyed (the caller then finds its generation stale): no timer
    /// outlives the widget.
    pub(super) async fn sleep(&self, millis: i32) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let mut timer = None;
        let wake = js_sys::Promise::new(&mut |resolve, _reject| {
            let id = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis)
                .ok();
            timer = id.map(|id| (id, resolve));
        });
        let Some((id, resolve)) = timer else { return };
        self.sleeps.borrow_mut().push((id, resolve));
        let _ = wasm_bindgen_futures::JsFuture::from(wake).await;
        self.sleeps
            .borrow_mut()
            .retain(|(pending, _)| *pending != id);
    }

    /// Runs `tick` every `millis` until the widget restarts or is destroyed.
    pub(super) fn every(self: &Rc<Self>, millis: i32, tick: fn(&Rc<Widget>)) {
        let weak = Rc::downgrade(self);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(widget) = weak.upgrade() {
                tick(&widget);
            }
        });
        let id = web_sys::window().and_then(|w| {
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                millis,
            )
            .ok()
        });
        if let Some(id) = id {
            self.timers.borrow_mut().push((id, callback));
        }
    }

    /// Background refresh and the ticker's rotation, as configured.
    pub(super) fn schedule(self: &Rc<Self>) {
        let Some(config) = self.config() else { return };
        if config.refresh > 0 {
            let millis = i32::try_from(config.refresh.saturating_mul(1000)).unwrap_or(i32::MAX);
            self.every(millis, |widget| widget.refresh());
        }
        if config.layout == Layout::Ticker && !prefers_reduced_motion() {
            self.every(TICKER_MILLIS, |widget| widget.ticker_auto_step());
        }
    }
}
