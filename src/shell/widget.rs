//! One mounted widget: its state and lifecycle (mount, start, refresh,
//! destroy) and how it settles (ready, empty, error). Each other concern has
//! its own module: `theme`, `loading`, `events`, `timers`, `navigation`,
//! `modal`, `ticker`, and `render` for building nodes.
//!
//! Borrow discipline: `state` is borrowed only for short, synchronous
//! stretches and never while dispatching an event or awaiting, because a
//! host-page listener may call back into the API (destroy, refresh) at once.

use super::address::BrowserBase;
use super::batch::{Batch, Name};
use super::console::{js_message, warn};
use super::dom::{next_id, Dom, DomResult};
use super::navigation::clear_fragment;
use super::net::{ErrorKind, LoadError};
use super::theme::{HOST_PROPERTIES, ON_ACCENT};
use crate::config::{self, Config, Env, LangChoice};
use crate::feed::{Feed, Item};
use crate::i18n::Lang;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{
    AbortController, Element, Event, EventTarget, HtmlElement, MutationObserver, ShadowRoot,
};

pub(super) type Listener = (EventTarget, &'static str, Closure<dyn FnMut(Event)>);
pub(super) type Callback = Closure<dyn FnMut()>;

pub struct Widget {
    pub host: HtmlElement,
    pub promise: js_sys::Promise,
    pub(super) dom: Dom,
    pub(super) root: ShadowRoot,
    pub(super) frame: Element,
    pub(super) live: Element,
    pub(super) options: JsValue,
    pub(super) settle: RefCell<Option<(js_sys::Function, js_sys::Function)>>,
    pub(super) state: RefCell<State>,
    pub(super) listeners: RefCell<Vec<Listener>>,
    pub(super) observer: RefCell<Option<(MutationObserver, Callback)>>,
    /// Interval ids with the callbacks they run.
    pub(super) timers: RefCell<Vec<(i32, Callback)>>,
    pub(super) requests: RefCell<Vec<AbortController>>,
    /// The open article's requests (views, related): aborted when it closes
    /// or another article replaces it.
    pub(super) article_requests: RefCell<Vec<AbortController>>,
    /// Pending waits (retry backoff): timer ids with the resolve functions
    /// that end them early when the widget restarts or is destroyed.
    pub(super) sleeps: RefCell<Vec<(i32, js_sys::Function)>>,
    /// A page-unique id: tags this widget's history entries (so Back/Forward
    /// only move its own articles) and its share of feed requests.
    pub(super) id: u32,
    /// The generation token: bumped by every start, list render and
    /// `destroy`. Async work captures it when it begins and stops after any
    /// await where it has changed (see [`Widget::is_current`]).
    generation: Cell<u32>,
}

#[derive(Default)]
pub(super) struct State {
    pub config: Option<Config>,
    pub feed: Option<Rc<Feed>>,
    /// Items met in related feeds, so they open like the feed's own.
    pub extra: Vec<Item>,
    /// How many items the list shows ("load more" adds `limit`).
    pub visible: usize,
    /// Open articles, innermost last; close goes back one step.
    pub stack: Vec<String>,
    /// History entries pushed for open articles (Back closes them).
    pub pushed: usize,
    pub list_view: Option<Element>,
    /// The article view, or the modal wrapping it.
    pub article: Option<Element>,
    /// The host page's `overflow` while a modal locks its scrolling.
    pub saved_overflow: Option<String>,
    pub ticker: usize,
    pub ticker_paused: bool,
    pub loading_more: bool,
    pub ready_sent: bool,
}

impl Widget {
    /// Attaches the shadow root and starts loading. Errors end in the error state, never in a throw.
    pub fn mount(host: HtmlElement, options: JsValue) -> DomResult<Rc<Widget>> {
        let dom = Dom::new()?;
        let root = match host.shadow_root() {
            Some(root) => root,
            None => {
                host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?
            }
        };
        // Replaces the loader's early skeleton in the same task: no frame shows
        // the root empty.
        root.set_text_content(None);
        if let Some(sheet) = Some(super::sheet()).filter(JsValue::is_truthy) {
            js_sys::Reflect::set(
                &root,
                &JsValue::from_str("adoptedStyleSheets"),
                &js_sys::Array::of1(&sheet),
            )?;
        }
        // The frame, and one live region for the widget's life: screen
        // readers announce text put into a region that already exists, not
        // a region created with it.
        let mut batch = Batch::default();
        batch
            .open(Name::Div)
            .attr_name(Name::Part, Name::Widget)
            .attr_name(Name::Class, Name::Nw);
        batch.keep();
        batch
            .close()
            .open(Name::P)
            .attr_name(Name::Part, Name::Status)
            .attr_name(Name::Role, Name::Status)
            .attr_name(Name::Class, Name::VisuallyHidden);
        batch.keep();
        batch.close();
        let Ok([frame, live]) = <[Element; 2]>::try_from(batch.build(&root)?) else {
            return Err(JsValue::from_str("the widget's frame was not built"));
        };
        let settle = RefCell::new(None);
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            settle.replace(Some((resolve, reject)));
        });
        let widget = Rc::new(Widget {
            host,
            promise,
            dom,
            root,
            frame,
            live,
            options,
            settle,
            state: RefCell::new(State::default()),
            listeners: RefCell::new(Vec::new()),
            observer: RefCell::new(None),
            timers: RefCell::new(Vec::new()),
            requests: RefCell::new(Vec::new()),
            article_requests: RefCell::new(Vec::new()),
            sleeps: RefCell::new(Vec::new()),
            id: next_id(),
            generation: Cell::new(0),
        });
        widget.listen()?;
        widget.observe_attributes()?;
        widget.start();
        Ok(widget)
    }

    /// Reads the configuration and loads the feed; on attribute change, from scratch.
    pub fn start(self: &Rc<Self>) {
        self.next_generation();
        self.stop_activity();
        {
            let mut state = self.state.borrow_mut();
            let ready_sent = state.ready_sent;
            *state = State {
                ready_sent,
                ..State::default()
            };
        }
        let env = self.env();
        let parsed = config::parse(&|name| self.attribute(name), &env.as_env());
        for warning in &parsed.warnings {
            warn(warning);
        }
        match parsed.config {
            Ok(config) => {
                let url = config.feed.clone();
                if let Err(e) = self.apply_config(config) {
                    self.fail(&LoadError::new(ErrorKind::Config, js_message(&e)));
                    return;
                }
                let me = self.clone();
                let token = self.generation();
                wasm_bindgen_futures::spawn_local(async move { me.load(url, token).await });
            }
            Err(message) => self.fail(&LoadError::new(ErrorKind::Config, message)),
        }
    }

    /// Re-fetches the feed in the background, keeping what is shown.
    pub fn refresh(self: &Rc<Self>) {
        let url = self.state.borrow().config.as_ref().map(|c| c.feed.clone());
        match url {
            Some(url) => {
                let me = self.clone();
                let token = self.generation();
                wasm_bindgen_futures::spawn_local(async move { me.load(url, token).await });
            }
            None => self.start(),
        }
    }

    /// Removes everything the widget added: content, state, listeners, timers, requests.
    pub fn destroy(&self) {
        self.next_generation();
        // A shared feed request nobody else waits for is cancelled.
        super::feeds::release(self.id);
        if !self.state.borrow().stack.is_empty() {
            clear_fragment();
        }
        self.stop_activity();
        for (target, kind, listener) in self.listeners.take() {
            let _ =
                target.remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        if let Some((observer, _callback)) = self.observer.take() {
            observer.disconnect();
        }
        self.state.replace(State::default());
        self.root.set_text_content(None);
        let _ = self.host.remove_attribute("data-state");
        let style = self.host.style();
        for property in HOST_PROPERTIES.iter().chain([&ON_ACCENT]) {
            let _ = style.remove_property(property);
        }
        self.settle_with(Err(LoadError {
            message: "the widget was destroyed before it loaded".to_owned(),
            ..LoadError::aborted()
        }));
    }

    /// Starts a new generation: work of older ones stops at its next check.
    pub(super) fn next_generation(&self) -> u32 {
        let next = self.generation.get().wrapping_add(1);
        self.generation.set(next);
        next
    }

    /// The current generation, for async work to capture as it begins.
    pub(super) fn generation(&self) -> u32 {
        self.generation.get()
    }

    /// Whether work that captured `token` may still show its result: no
    /// restart, newer render or `destroy` happened since.
    pub(super) fn is_current(&self, token: u32) -> bool {
        self.generation.get() == token
    }

    /// Aborts requests, clears timers and gives the host page its scrolling back.
    pub(super) fn stop_activity(&self) {
        let article = self.state.borrow_mut().article.take();
        if let Some(article) = article {
            article.remove();
        }
        for controller in self.requests.take() {
            controller.abort();
        }
        self.abort_article_requests();
        if let Some(window) = web_sys::window() {
            for (id, _tick) in self.timers.take() {
                window.clear_interval_with_handle(id);
            }
            // Waiting work resumes now, finds its generation stale and ends.
            for (id, resolve) in self.sleeps.take() {
                window.clear_timeout_with_handle(id);
                let _ = resolve.call0(&JsValue::NULL);
            }
        }
        self.unlock_scroll();
    }

    /// `name` from the mount options, else from the `data-` attribute.
    pub(super) fn attribute(&self, name: &str) -> Option<String> {
        if self.options.is_object() {
            if let Ok(value) = js_sys::Reflect::get(&self.options, &JsValue::from_str(name)) {
                if let Some(text) = option_text(&value) {
                    return Some(text);
                }
            }
        }
        self.host.get_attribute(&format!("data-{name}"))
    }

    fn env(&self) -> EnvOwned {
        let limit_from_options = self.options.is_object()
            && js_sys::Reflect::get(&self.options, &JsValue::from_str("limit"))
                .is_ok_and(|v| !v.is_undefined());
        EnvOwned {
            page: BrowserBase::new(&self.dom.doc.base_uri().ok().flatten().unwrap_or_default()),
            limit_max: if limit_from_options {
                config::OPTION_LIMIT_MAX
            } else {
                config::ATTRIBUTE_LIMIT_MAX
            },
        }
    }

    /// The language: `data-lang`, else feed, page and browser language.
    pub(super) fn lang(&self) -> Lang {
        let state = self.state.borrow();
        if let Some(LangChoice::Fixed(lang)) = state.config.as_ref().map(|c| c.lang) {
            return lang;
        }
        let page = self
            .dom
            .doc
            .document_element()
            .and_then(|e| e.get_attribute("lang"));
        let browser = web_sys::window().and_then(|w| w.navigator().language());
        let feed = state.feed.as_ref().and_then(|f| f.language.clone());
        Lang::first_supported([feed.as_deref(), page.as_deref(), browser.as_deref()])
    }

    pub(super) fn config(&self) -> Option<Config> {
        self.state.borrow().config.clone()
    }

    /// Sets `data-state`, without a mutation when it is already that (the
    /// loader marks hosts `loading` before the wasm mounts them).
    pub(super) fn set_state(&self, state: &str) {
        if self.host.get_attribute("data-state").as_deref() != Some(state) {
            let _ = self.host.set_attribute("data-state", state);
        }
    }

    /// The first list (or empty state) is on screen: resolve mount, fire `ready` once.
    pub(super) fn shown(&self, count: usize) {
        self.set_state(if count == 0 { "empty" } else { "ready" });
        let first = !std::mem::replace(&mut self.state.borrow_mut().ready_sent, true);
        self.settle_with(Ok(()));
        if first {
            self.emit(
                "news-widget:ready",
                &[("count", JsValue::from(count as u32))],
            );
        }
    }

    /// The error state: message in the widget and the console, `error` event, mount rejected.
    pub(super) fn fail(&self, error: &LoadError) {
        let feed = self.attribute("feed").unwrap_or_default();
        let message = format!(
            "news-widget: {} ({}: {feed})",
            error.message,
            error.kind.name()
        );
        web_sys::console::error_1(&JsValue::from_str(&message));
        let strings = self.lang().strings();
        if self.render_error(strings, &error.message).is_err() {
            self.frame.set_text_content(Some(&error.message));
        }
        self.set_state("error");
        self.settle_with(Err(error.clone()));
        self.emit(
            "news-widget:error",
            &[
                ("kind", error.kind.name().into()),
                ("message", error.message.as_str().into()),
            ],
        );
    }

    pub(super) fn settle_with(&self, outcome: Result<(), LoadError>) {
        let Some((resolve, reject)) = self.settle.take() else {
            return;
        };
        let _ = match outcome {
            Ok(()) => resolve.call1(&JsValue::UNDEFINED, &self.host),
            Err(error) => {
                let js_error = js_sys::Error::new(&error.message);
                if error.aborted {
                    // Not an error state: the standard name for work called off.
                    js_error.set_name("AbortError");
                } else {
                    let _ =
                        js_sys::Reflect::set(&js_error, &"kind".into(), &error.kind.name().into());
                }
                reject.call1(&JsValue::UNDEFINED, &js_error)
            }
        };
    }
}

/// A mount option as attribute text: strings as they are, numbers in decimal, lists comma-joined.
fn option_text(value: &JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(text) = value.as_string() {
        return Some(text);
    }
    if js_sys::Array::is_array(value) {
        return Some(String::from(js_sys::Array::from(value).join(",")));
    }
    if value.as_f64().is_some() {
        return js_sys::Number::from(value.clone())
            .to_string_with_radix(10)
            .ok()
            .map(String::from);
    }
    None
}

/// Owned parts of [`Env`], so the config parser can borrow them.
struct EnvOwned {
    page: BrowserBase,
    limit_max: u32,
}

impl EnvOwned {
    fn as_env(&self) -> Env<'_> {
        Env {
            page: &self.page,
            limit_max: self.limit_max,
            is_css_value: &is_css_value,
        }
    }
}

fn is_css_value(property: &str, value: &str) -> bool {
    web_sys::css::supports_with_value(property, value).unwrap_or(false)
}
