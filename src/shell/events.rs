//! Events: the SPEC §5 events the widget dispatches, and the listeners it
//! keeps (delegated click and keydown on the shadow root, popstate, the
//! attribute observer). Every listener is removed by `destroy`.

use super::dom::DomResult;
use super::widget::Widget;
use crate::config;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CustomEvent, CustomEventInit, Element, Event, EventTarget, KeyboardEvent, MutationObserver,
    MutationObserverInit,
};

impl Widget {
    /// Dispatches a SPEC §5 event on the host (bubbles, composed). No borrow is held here.
    pub(super) fn emit(&self, name: &str, detail: &[(&str, JsValue)]) {
        let object = js_sys::Object::new();
        for (key, value) in detail {
            let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
        }
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(&object);
        if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
            let _ = self.host.dispatch_event(&event);
        }
    }

    /// Delegated click and keydown listeners on the shadow root, popstate on the window.
    pub(super) fn listen(self: &Rc<Self>) -> DomResult {
        let root: EventTarget = self.root.clone().into();
        self.add_listener(&root, "click", |widget, event| widget.on_click(event))?;
        self.add_listener(&root, "keydown", |widget, event| widget.on_key(event))?;
        if let Some(window) = web_sys::window() {
            self.add_listener(&window.into(), "popstate", |widget, event| {
                widget.on_popstate(event)
            })?;
        }
        Ok(())
    }

    pub(super) fn add_listener(
        self: &Rc<Self>,
        target: &EventTarget,
        kind: &'static str,
        handle: fn(&Rc<Widget>, &Event),
    ) -> DomResult {
        let weak = Rc::downgrade(self);
        let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            if let Some(widget) = weak.upgrade() {
                handle(&widget, &event);
            }
        });
        target.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref())?;
        self.listeners
            .borrow_mut()
            .push((target.clone(), kind, listener));
        Ok(())
    }

    /// Changing a `data-*` attribute of SPEC §3 re-renders the widget.
    pub(super) fn observe_attributes(self: &Rc<Self>) -> DomResult {
        let weak = Rc::downgrade(self);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(widget) = weak.upgrade() {
                widget.start();
            }
        });
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
        let names = js_sys::Array::new();
        for name in config::ATTRIBUTES {
            names.push(&JsValue::from_str(&format!("data-{name}")));
        }
        let init = MutationObserverInit::new();
        init.set_attribute_filter(&names);
        observer.observe_with_options(&self.host, &init)?;
        self.observer.replace(Some((observer, callback)));
        Ok(())
    }

    pub(super) fn on_click(self: &Rc<Self>, event: &Event) {
        let Some(actor) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-action]").ok().flatten())
        else {
            return;
        };
        let action = actor.get_attribute("data-action").unwrap_or_default();
        let handled = match action.as_str() {
            "open" => actor.get_attribute("data-id").is_some_and(|id| {
                self.open_article(&id, true);
                true
            }),
            "close" => self.close_article(),
            "more" => {
                self.load_more();
                true
            }
            "previous" => self.ticker_step(-1),
            "next" => self.ticker_step(1),
            "pause" => self.toggle_ticker(),
            "retry" => {
                self.start();
                true
            }
            _ => false,
        };
        if handled {
            event.prevent_default();
        }
    }

    pub(super) fn on_key(self: &Rc<Self>, event: &Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        match key.key().as_str() {
            "Escape" if self.close_article() => event.prevent_default(),
            "Tab" => self.trap_focus(key),
            _ => {}
        }
    }
}
