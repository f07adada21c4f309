//! One mounted widget: lifecycle, state, loading, events and navigation
//! (open/close articles, history, modal, load more, ticker, refresh).
//! Rendering lives in `render.rs`.
//!
//! Borrow discipline: `state` is borrowed only for short, synchronous
//! stretches and never while dispatching an event or awaiting, because a
//! host-page listener may call back into the API (destroy, refresh) at once.

use super::dom::{self, Dom, DomResult};
use super::net::{self, ErrorKind, LoadError};
use crate::config::{self, Config, Env, LangChoice, Layout, OpenMode};
use crate::contrast;
use crate::feed::{Feed, Item};
use crate::i18n::Lang;
use crate::view;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortController, CustomEvent, CustomEventInit, Element, Event, EventTarget, HtmlElement,
    KeyboardEvent, MutationObserver, MutationObserverInit, ShadowRoot,
};

/// Custom properties the `data-*` attributes set on the host (SPEC §6).
const HOST_PROPERTIES: [&str; 3] = ["--nw-accent", "--nw-font", "--nw-radius"];
/// Text colour on accent surfaces, chosen for a custom accent.
const ON_ACCENT: &str = "--nw-on-accent";
/// Waits before the retries of a failed first load (transient failures only).
const RETRY_BACKOFF_MILLIS: [i32; 2] = [1000, 2000];
/// Milliseconds between ticker headlines.
const TICKER_MILLIS: i32 = 5000;

type Listener = (EventTarget, &'static str, Closure<dyn FnMut(Event)>);
type Callback = Closure<dyn FnMut()>;

pub struct Widget {
    pub host: HtmlElement,
    pub promise: js_sys::Promise,
    pub(super) dom: Dom,
    pub(super) root: ShadowRoot,
    pub(super) frame: Element,
    live: Element,
    options: JsValue,
    settle: RefCell<Option<(js_sys::Function, js_sys::Function)>>,
    pub(super) state: RefCell<State>,
    listeners: RefCell<Vec<Listener>>,
    observer: RefCell<Option<(MutationObserver, Callback)>>,
    /// Interval ids with the callbacks they run.
    timers: RefCell<Vec<(i32, Callback)>>,
    requests: RefCell<Vec<AbortController>>,
    /// The open article's requests (views, related): aborted when it closes
    /// or another article replaces it.
    article_requests: RefCell<Vec<AbortController>>,
    pub(super) destroyed: Cell<bool>,
    /// Tags this widget's history entries, so Back/Forward only move its own articles.
    history_key: u32,
    /// Counts starts (mount, attribute change, retry): a load begun before the
    /// latest start is stale and must not render.
    starts: Cell<u32>,
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
    /// Bumped by each list render; an older chunked render stops when it changes.
    pub render_generation: u32,
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
        if let Some(sheet) = super::loader().map(|l| l.sheet).filter(JsValue::is_truthy) {
            js_sys::Reflect::set(
                &root,
                &JsValue::from_str("adoptedStyleSheets"),
                &js_sys::Array::of1(&sheet),
            )?;
        }
        let frame = dom.el("div", "widget")?;
        frame.set_class_name("nw");
        root.append_child(&frame)?;
        // One live region for the widget's life: screen readers announce text
        // put into a region that already exists, not a region created with it.
        let live = dom.el("p", "status")?;
        live.set_attribute("role", "status")?;
        live.set_class_name("visually-hidden");
        root.append_child(&live)?;
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
            destroyed: Cell::new(false),
            history_key: next_id(),
            starts: Cell::new(0),
        });
        widget.listen()?;
        widget.observe_attributes()?;
        widget.start();
        Ok(widget)
    }

    /// Reads the configuration and loads the feed; on attribute change, from scratch.
    pub fn start(self: &Rc<Self>) {
        self.starts.set(self.starts.get().wrapping_add(1));
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
                wasm_bindgen_futures::spawn_local(async move { me.load(url).await });
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
                wasm_bindgen_futures::spawn_local(async move { me.load(url).await });
            }
            None => self.start(),
        }
    }

    /// Removes everything the widget added: content, state, listeners, timers, requests.
    pub fn destroy(&self) {
        self.destroyed.set(true);
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
        self.settle_with(Err(LoadError::new(
            ErrorKind::Aborted,
            "the widget was destroyed before it loaded",
        )));
    }

    /// Aborts requests, clears timers and gives the host page its scrolling back.
    fn stop_activity(&self) {
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
        }
        self.unlock_scroll();
    }

    /// `name` from the mount options, else from the `data-` attribute.
    fn attribute(&self, name: &str) -> Option<String> {
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
            page_url: self.dom.doc.base_uri().ok().flatten().unwrap_or_default(),
            limit_max: if limit_from_options {
                config::OPTION_LIMIT_MAX
            } else {
                config::ATTRIBUTE_LIMIT_MAX
            },
        }
    }

    /// Theme classes and custom properties; the skeleton while loading.
    fn apply_config(&self, config: Config) -> DomResult {
        let style = self.host.style();
        let values = [&config.accent, &config.font, &config.radius];
        for (property, value) in HOST_PROPERTIES.iter().zip(values) {
            match value {
                Some(value) => style.set_property(property, value)?,
                None => style.remove_property(property).map(drop)?,
            }
        }
        match &config.accent {
            Some(accent) => self.check_accent(accent, config.theme),
            None => style.remove_property(ON_ACCENT).map(drop)?,
        }
        let theme = match config.theme {
            config::Theme::Light => "light",
            config::Theme::Dark => "dark",
            config::Theme::Auto => "auto",
        };
        let density = match config.density {
            config::Density::Comfortable => "",
            config::Density::Compact => " compact",
        };
        self.frame.set_class_name(&format!("nw {theme}{density}"));
        let visible = config.limit as usize;
        self.state.borrow_mut().config = Some(config);
        self.state.borrow_mut().visible = visible;
        let strings = self.lang().strings();
        self.frame.set_attribute("lang", strings.locale)?;
        self.render_skeleton(strings)?;
        self.set_state("loading");
        Ok(())
    }

    /// Warns when a custom accent is hard to read on the theme's background
    /// (WCAG AA), and picks black or white text for accent surfaces.
    fn check_accent(&self, accent: &str, theme: config::Theme) {
        let Some(window) = web_sys::window() else {
            return;
        };
        // The browser resolves any CSS colour syntax to rgb().
        let Some(probe) = self
            .dom
            .el("span", "")
            .ok()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        let _ = probe.style().set_property("color", accent);
        let _ = self.root.append_child(&probe);
        let computed = window
            .get_computed_style(&probe)
            .ok()
            .flatten()
            .and_then(|s| s.get_property_value("color").ok());
        probe.remove();
        let Some(color) = computed.as_deref().and_then(contrast::parse_computed) else {
            return;
        };
        let pow = |base: f64, exponent: f64| js_sys::Math::pow(base, exponent);
        let backgrounds: &[(&str, contrast::Rgb)] = match theme {
            config::Theme::Light => &[("light", contrast::LIGHT_BACKGROUND)],
            config::Theme::Dark => &[("dark", contrast::DARK_BACKGROUND)],
            config::Theme::Auto => &[
                ("light", contrast::LIGHT_BACKGROUND),
                ("dark", contrast::DARK_BACKGROUND),
            ],
        };
        for (name, background) in backgrounds {
            let ratio = contrast::ratio(color, *background, &pow);
            if ratio < contrast::AA {
                warn(&format!(
                    "data-accent=\"{accent}\" has a contrast of {} with the {name} theme's background; WCAG AA needs 4.5:1 for text",
                    contrast::ratio_text(ratio)
                ));
            }
        }
        let _ = self
            .host
            .style()
            .set_property(ON_ACCENT, contrast::readable_text_on(color, &pow));
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
    fn set_state(&self, state: &str) {
        if self.host.get_attribute("data-state").as_deref() != Some(state) {
            let _ = self.host.set_attribute("data-state", state);
        }
    }

    /// Loads the feed: the first time it renders the list; later (refresh) it
    /// merges quietly and keeps what is shown when anything fails.
    async fn load(self: Rc<Self>, url: String) {
        let timeout = self.config().map_or(10, |c| c.timeout);
        let shown = self.state.borrow().feed.is_some();
        let start = self.starts.get();
        let stale = || self.destroyed.get() || self.starts.get() != start;
        let mut result = super::feeds::load(&url, timeout, shown).await;
        // The first load retries transient failures (no answer, 5xx, 429)
        // with backoff before the error state; a refresh just tries next time.
        for (attempt, backoff) in RETRY_BACKOFF_MILLIS.iter().enumerate() {
            match &result {
                Err(error) if error.transient && !shown && !stale() => {
                    let wait = error
                        .retry_after
                        .filter(|s| *s <= 10)
                        .map_or(*backoff, |s| s as i32 * 1000);
                    warn(&format!(
                        "{} (retry {} of {} in {} ms)",
                        error.message,
                        attempt + 1,
                        RETRY_BACKOFF_MILLIS.len(),
                        wait
                    ));
                    dom::sleep(wait).await;
                    if stale() {
                        return;
                    }
                    result = super::feeds::load(&url, timeout, false).await;
                }
                _ => break,
            }
        }
        if stale() {
            return;
        }
        let old = self.state.borrow().feed.clone();
        match (result, old) {
            (Err(error), _) if error.kind == ErrorKind::Aborted => {}
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
                self.first_render(loaded.feed).await;
                if loaded.from_session && !stale() {
                    // Shown at once from the session copy; now check for news.
                    self.refresh();
                }
            }
            (Ok(loaded), Some(old)) => self.refreshed(&old, Feed::clone(&loaded.feed)).await,
        }
    }

    async fn first_render(self: &Rc<Self>, feed: Rc<Feed>) {
        self.state.borrow_mut().feed = Some(feed);
        match self.render_list(None, "").await {
            Ok(count) => {
                self.shown(count);
                self.schedule();
                super::open_linked_article();
            }
            Err(e) => self.fail(&LoadError::new(ErrorKind::Feed, js_message(&e))),
        }
    }

    /// A background refresh arrived: re-render only when something changed,
    /// and announce how many articles are new.
    async fn refreshed(self: &Rc<Self>, old: &Feed, fresh: Feed) {
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

    async fn fetch_in(
        registry: &RefCell<Vec<AbortController>>,
        url: &str,
        timeout: u32,
    ) -> Result<String, LoadError> {
        let controller = AbortController::new()
            .map_err(|e| LoadError::new(ErrorKind::Network, js_message(&e)))?;
        registry.borrow_mut().push(controller.clone());
        let result = net::fetch_text(url, timeout, &controller).await;
        registry.borrow_mut().retain(|c| c != &controller);
        result
    }

    /// Cancels what the open article still waits for.
    pub(super) fn abort_article_requests(&self) {
        for controller in self.article_requests.take() {
            controller.abort();
        }
    }

    /// The first list (or empty state) is on screen: resolve mount, fire `ready` once.
    fn shown(&self, count: usize) {
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
    fn fail(&self, error: &LoadError) {
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

    fn settle_with(&self, outcome: Result<(), LoadError>) {
        let Some((resolve, reject)) = self.settle.take() else {
            return;
        };
        let _ = match outcome {
            Ok(()) => resolve.call1(&JsValue::UNDEFINED, &self.host),
            Err(error) => {
                let js_error = js_sys::Error::new(&error.message);
                let _ = js_sys::Reflect::set(&js_error, &"kind".into(), &error.kind.name().into());
                reject.call1(&JsValue::UNDEFINED, &js_error)
            }
        };
    }

    /// Dispatches a SPEC §5 event on the host (bubbles, composed). No borrow is held here.
    fn emit(&self, name: &str, detail: &[(&str, JsValue)]) {
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
    fn listen(self: &Rc<Self>) -> DomResult {
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

    fn add_listener(
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
    fn observe_attributes(self: &Rc<Self>) -> DomResult {
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

    /// Runs `tick` every `millis` until the widget restarts or is destroyed.
    fn every(self: &Rc<Self>, millis: i32, tick: fn(&Rc<Widget>)) {
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
    fn schedule(self: &Rc<Self>) {
        let Some(config) = self.config() else { return };
        if config.refresh > 0 {
            let millis = i32::try_from(config.refresh.saturating_mul(1000)).unwrap_or(i32::MAX);
            self.every(millis, |widget| widget.refresh());
        }
        if config.layout == Layout::Ticker && !prefers_reduced_motion() {
            self.every(TICKER_MILLIS, |widget| widget.ticker_auto_step());
        }
    }

    fn on_click(self: &Rc<Self>, event: &Event) {
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

    fn on_key(self: &Rc<Self>, event: &Event) {
        let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        match key.key().as_str() {
            "Escape" if self.close_article() => event.prevent_default(),
            "Tab" => self.trap_focus(key),
            _ => {}
        }
    }

    /// Finds an item of the feed or of a related feed.
    fn find_item(&self, id: &str) -> Option<(Item, Rc<Feed>)> {
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
            let _ = js_sys::Reflect::set(&entry, &"newsWidget".into(), &self.history_key.into());
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

    /// Closes the open article from the widget (close button, Escape, backdrop).
    /// With a history entry of ours, goes Back and lets `popstate` close it.
    /// Returns whether an article was open.
    pub fn close_article(self: &Rc<Self>) -> bool {
        let (open, pushed) = {
            let state = self.state.borrow();
            (!state.stack.is_empty(), state.pushed)
        };
        if !open {
            return false;
        }
        let history = web_sys::window().and_then(|w| w.history().ok());
        match history {
            Some(history) if pushed > 0 && history.back().is_ok() => {}
            _ => {
                self.close_one();
                if self.state.borrow().stack.is_empty() {
                    clear_fragment();
                }
            }
        }
        true
    }

    /// Closes the innermost article: back to the previous one, or to the list
    /// with focus on the card that was opened.
    fn close_one(self: &Rc<Self>) {
        let (closed, previous, first) = {
            let mut state = self.state.borrow_mut();
            let first = state.stack.first().cloned();
            let closed = state.stack.pop();
            (closed, state.stack.last().cloned(), first)
        };
        let Some(closed) = closed else { return };
        match previous.and_then(|id| self.find_item(&id)) {
            Some((item, feed)) => {
                if let Err(e) = self.show_article(&item, &feed) {
                    warn(&js_message(&e));
                }
            }
            None => self.back_to_list(first.as_deref().unwrap_or(&closed)),
        }
        self.emit("news-widget:close", &[("id", closed.as_str().into())]);
    }

    /// Back/Forward: close articles the history entry no longer names; open
    /// the one it names, when the entry is this widget's.
    fn on_popstate(self: &Rc<Self>, event: &Event) {
        let state = js_sys::Reflect::get(event, &"state".into()).unwrap_or_default();
        let field = |name: &str| {
            js_sys::Reflect::get(&state, &name.into())
                .ok()
                .filter(|_| state.is_object())
        };
        let mine =
            field("newsWidget").and_then(|key| key.as_f64()) == Some(f64::from(self.history_key));
        let named = field("id").and_then(|id| id.as_string()).filter(|_| mine);
        loop {
            let top = self.state.borrow().stack.last().cloned();
            match top {
                Some(top) if Some(&top) != named.as_ref() => {
                    {
                        let mut state = self.state.borrow_mut();
                        state.pushed = state.pushed.saturating_sub(1);
                    }
                    self.close_one();
                }
                _ => break,
            }
        }
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

    fn back_to_list(&self, card_id: &str) {
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

    /// Keeps Tab inside an open modal dialog.
    fn trap_focus(&self, key: &KeyboardEvent) {
        let Some(dialog) = self.root.query_selector("[role=dialog]").ok().flatten() else {
            return;
        };
        let Ok(focusable) = dialog.query_selector_all("a[href], button, [tabindex='0']") else {
            return;
        };
        let items: Vec<HtmlElement> = (0..focusable.length())
            .filter_map(|i| focusable.item(i)?.dyn_into().ok())
            .collect();
        let (Some(first), Some(last)) = (items.first(), items.last()) else {
            return;
        };
        // Wrap only at the ends; in between (the title has tabindex=-1) the
        // browser's own order is right.
        let active = self
            .root
            .active_element()
            .filter(|a| dialog.contains(Some(a)));
        let relation = |item: &HtmlElement, bit: u16| {
            active
                .as_ref()
                .is_some_and(|a| a.compare_document_position(item) & bit != 0)
        };
        let target = match &active {
            None if key.shift_key() => Some(last),
            None => Some(first),
            Some(_) if key.shift_key() => (!items
                .iter()
                .any(|i| relation(i, web_sys::Node::DOCUMENT_POSITION_PRECEDING)))
            .then_some(last),
            Some(_) => (!items
                .iter()
                .any(|i| relation(i, web_sys::Node::DOCUMENT_POSITION_FOLLOWING)))
            .then_some(first),
        };
        if let Some(target) = target {
            key.prevent_default();
            let _ = target.focus();
        }
    }

    /// Stops the host page from scrolling behind a modal.
    pub(super) fn lock_scroll(&self) {
        let Some(html) = self
            .dom
            .doc
            .document_element()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        let mut state = self.state.borrow_mut();
        if state.saved_overflow.is_none() {
            let style = html.style();
            state.saved_overflow = Some(style.get_property_value("overflow").unwrap_or_default());
            let _ = style.set_property("overflow", "hidden");
        }
    }

    fn unlock_scroll(&self) {
        let Some(saved) = self.state.borrow_mut().saved_overflow.take() else {
            return;
        };
        if let Some(html) = self
            .dom
            .doc
            .document_element()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = html.style().set_property("overflow", &saved);
        }
    }

    /// Shows `limit` more items, fetching `next_url` when the loaded ones run out.
    fn load_more(self: &Rc<Self>) {
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
        wasm_bindgen_futures::spawn_local(async move {
            let timeout = me.config().map_or(10, |c| c.timeout);
            let page = match me.fetch(&url, timeout).await {
                Ok(text) => super::feeds::parse_in_slices(&text, &url).await,
                Err(error) => Err(error),
            };
            if me.destroyed.get() {
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
                if error.kind == ErrorKind::Aborted {
                    return;
                }
                warn(&format!("load more: {}", error.message));
            }
            if let Err(e) = me.render_list(Some(first_new), "").await {
                warn(&js_message(&e));
            }
        });
    }

    fn ticker_auto_step(self: &Rc<Self>) {
        let paused = self.state.borrow().ticker_paused;
        let focused = self.root.active_element().is_some();
        let hidden = self.dom.doc.hidden();
        if !paused && !focused && !hidden {
            self.ticker_step(1);
        }
    }

    /// Moves the ticker by `delta` headlines; returns whether it is a ticker.
    fn ticker_step(&self, delta: isize) -> bool {
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

    fn toggle_ticker(&self) -> bool {
        let paused = {
            let mut state = self.state.borrow_mut();
            state.ticker_paused = !state.ticker_paused;
            state.ticker_paused
        };
        self.update_ticker_button(paused);
        true
    }
}

/// The article id named by the page URL's fragment, if any.
pub(super) fn current_fragment_id() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    view::id_from_fragment(&hash)
}

/// Removes a `#news-…` fragment from the page URL without a new history entry.
fn clear_fragment() {
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

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
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
    page_url: String,
    limit_max: u32,
}

impl EnvOwned {
    fn as_env(&self) -> Env<'_> {
        Env {
            page_url: &self.page_url,
            limit_max: self.limit_max,
            is_css_value: &is_css_value,
        }
    }
}

fn is_css_value(property: &str, value: &str) -> bool {
    web_sys::css::supports_with_value(property, value).unwrap_or(false)
}

/// A page-unique number for element ids (`aria-labelledby`).
pub(super) fn next_id() -> u32 {
    thread_local!(static NEXT: Cell<u32> = const { Cell::new(0) });
    NEXT.with(|next| {
        let id = next.get().wrapping_add(1);
        next.set(id);
        id
    })
}

/// The message of a JS exception, or a generic one.
pub fn js_message(error: &JsValue) -> String {
    js_sys::Reflect::get(error, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "the browser refused a DOM operation".to_owned())
}

pub fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("news-widget: {message}")));
}
