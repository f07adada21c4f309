//! One mounted widget: its shadow root, state, rendering and event handling.
//!
//! Borrow discipline: `state` is borrowed only for short, synchronous
//! stretches and never while dispatching an event or awaiting, because a
//! host-page listener may call back into the API (destroy, refresh) at once.

use super::dom::{self, set_attrs, Dom, DomResult};
use super::net::{self, ErrorKind, LoadError};
use crate::config::{self, Config, Env, LangChoice, OpenMode, Show};
use crate::feed::{self, Content, Feed, Item};
use crate::i18n::{Lang, Strings};
use crate::sanitize;
use crate::view::{self, Related};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AbortController, CustomEvent, CustomEventInit, Element, Event, EventTarget, HtmlElement,
    KeyboardEvent, ShadowRoot,
};

/// Skeleton cards shown while loading, at most (enough to reserve the visible space).
const MAX_SKELETON_CARDS: u32 = 12;
/// Custom properties the `data-*` attributes set on the host (SPEC §6).
const HOST_PROPERTIES: [&str; 3] = ["--nw-accent", "--nw-font", "--nw-radius"];

type Listener = (EventTarget, &'static str, Closure<dyn FnMut(Event)>);

pub struct Widget {
    pub host: HtmlElement,
    pub promise: js_sys::Promise,
    dom: Dom,
    root: ShadowRoot,
    frame: Element,
    options: JsValue,
    settle: RefCell<Option<(js_sys::Function, js_sys::Function)>>,
    state: RefCell<State>,
    listeners: RefCell<Vec<Listener>>,
    requests: RefCell<Vec<AbortController>>,
    destroyed: Cell<bool>,
}

#[derive(Default)]
struct State {
    config: Option<Config>,
    feed: Option<Rc<Feed>>,
    /// Items met in related feeds, so they open like the feed's own.
    extra: Vec<Item>,
    /// Open articles, innermost last; close goes back one step.
    stack: Vec<String>,
    list_view: Option<Element>,
    article: Option<Element>,
    ready_sent: bool,
}

impl Widget {
    /// Attaches the shadow root and starts loading. Errors end in the error state, never in a throw.
    pub fn mount(host: HtmlElement, options: JsValue, sheet: &JsValue) -> DomResult<Rc<Widget>> {
        let dom = Dom::new()?;
        let root = match host.shadow_root() {
            Some(root) => root,
            None => {
                host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))?
            }
        };
        root.set_text_content(None);
        js_sys::Reflect::set(
            &root,
            &JsValue::from_str("adoptedStyleSheets"),
            &js_sys::Array::of1(sheet),
        )?;
        let frame = dom.el("div", "widget")?;
        frame.set_class_name("nw");
        root.append_child(&frame)?;
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
            options,
            settle,
            state: RefCell::new(State::default()),
            listeners: RefCell::new(Vec::new()),
            requests: RefCell::new(Vec::new()),
            destroyed: Cell::new(false),
        });
        widget.listen()?;
        widget.start();
        Ok(widget)
    }

    /// Reads the configuration and loads the feed (again, on refresh or attribute change).
    pub fn start(self: &Rc<Self>) {
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

    /// Re-fetches the feed, keeping what is shown until the new copy arrives.
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

    /// Removes everything the widget added; pending requests are aborted.
    pub fn destroy(&self) {
        self.destroyed.set(true);
        for controller in self.requests.take() {
            controller.abort();
        }
        for (target, kind, listener) in self.listeners.take() {
            let _ =
                target.remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        self.state.replace(State::default());
        self.root.set_text_content(None);
        let _ = self.host.remove_attribute("data-state");
        let style = self.host.style();
        for property in HOST_PROPERTIES {
            let _ = style.remove_property(property);
        }
        self.settle_with(Err(LoadError::new(
            ErrorKind::Aborted,
            "the widget was destroyed before it loaded",
        )));
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

    fn env_limit_max(&self) -> u32 {
        let from_options = self.options.is_object()
            && js_sys::Reflect::get(&self.options, &JsValue::from_str("limit"))
                .is_ok_and(|v| !v.is_undefined());
        if from_options {
            config::OPTION_LIMIT_MAX
        } else {
            config::ATTRIBUTE_LIMIT_MAX
        }
    }

    fn env(&self) -> EnvOwned {
        EnvOwned {
            page_url: self.dom.doc.base_uri().ok().flatten().unwrap_or_default(),
            limit_max: self.env_limit_max(),
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
        let show_skeleton = self.state.borrow().feed.is_none();
        let skeleton_cards = config.limit.min(MAX_SKELETON_CARDS);
        let show = config.show;
        self.state.borrow_mut().config = Some(config);
        let lang = self.lang();
        self.frame.set_attribute("lang", lang.strings().locale)?;
        if show_skeleton {
            self.render_skeleton(skeleton_cards, show, lang.strings())?;
            self.set_state("loading");
        }
        Ok(())
    }

    /// The language: `data-lang`, else feed, page and browser language.
    fn lang(&self) -> Lang {
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

    fn set_state(&self, state: &str) {
        let _ = self.host.set_attribute("data-state", state);
    }

    async fn load(self: Rc<Self>, url: String) {
        let timeout = self
            .state
            .borrow()
            .config
            .as_ref()
            .map_or(10, |c| c.timeout);
        let result = self.fetch(&url, timeout).await.and_then(|text| {
            feed::parse(&text, &url).map_err(|message| LoadError::new(ErrorKind::Feed, message))
        });
        if self.destroyed.get() {
            return;
        }
        match result {
            Ok(parsed) => {
                for warning in &parsed.warnings {
                    warn(warning);
                }
                self.state.borrow_mut().feed = Some(Rc::new(parsed.feed));
                match self.render_list() {
                    Ok(count) => self.shown(count),
                    Err(e) => self.fail(&LoadError::new(ErrorKind::Feed, js_message(&e))),
                }
            }
            Err(error) if error.kind == ErrorKind::Aborted => {}
            Err(error) => self.fail(&error),
        }
    }

    /// Fetches with this widget's cancellation.
    async fn fetch(&self, url: &str, timeout: u32) -> Result<String, LoadError> {
        let controller = AbortController::new()
            .map_err(|e| LoadError::new(ErrorKind::Network, js_message(&e)))?;
        self.requests.borrow_mut().push(controller.clone());
        let result = net::fetch_text(url, timeout, &controller).await;
        self.requests.borrow_mut().retain(|c| c != &controller);
        result
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
        let message = format!(
            "news-widget: {} ({}: {})",
            error.message,
            error.kind.name(),
            self.feed_attribute()
        );
        web_sys::console::error_1(&JsValue::from_str(&message));
        let strings = self.lang().strings();
        let shown = self.render_error(strings, &error.message);
        if shown.is_err() {
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

    fn feed_attribute(&self) -> String {
        self.attribute("feed").unwrap_or_default()
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

    /// One delegated click and one keydown listener on the shadow root.
    fn listen(self: &Rc<Self>) -> DomResult {
        let weak = Rc::downgrade(self);
        let on_click = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            if let Some(widget) = weak.upgrade() {
                widget.on_click(&event);
            }
        });
        let weak = Rc::downgrade(self);
        let on_key = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
            let escape = event
                .dyn_ref::<KeyboardEvent>()
                .is_some_and(|k| k.key() == "Escape");
            if let Some(widget) = weak.upgrade().filter(|_| escape) {
                if widget.close_article() {
                    event.prevent_default();
                }
            }
        });
        let target: EventTarget = self.root.clone().into();
        target.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
        target.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref())?;
        let mut listeners = self.listeners.borrow_mut();
        listeners.push((target.clone(), "click", on_click));
        listeners.push((target, "keydown", on_key));
        Ok(())
    }

    fn on_click(self: &Rc<Self>, event: &Event) {
        let Some(actor) = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-action]").ok().flatten())
        else {
            return;
        };
        match actor.get_attribute("data-action").as_deref() {
            Some("open") => {
                if let Some(id) = actor.get_attribute("data-id") {
                    event.prevent_default();
                    self.open_article(&id);
                }
            }
            Some("close") => {
                event.prevent_default();
                self.close_article();
            }
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

    pub fn open_article(self: &Rc<Self>, id: &str) {
        let Some((item, feed)) = self.find_item(id) else {
            return;
        };
        self.state.borrow_mut().stack.push(item.id.clone());
        if let Err(e) = self.show_article(&item, &feed) {
            warn(&js_message(&e));
            return;
        }
        let url = item.url.as_deref().map_or(JsValue::NULL, JsValue::from_str);
        self.emit(
            "news-widget:open",
            &[("id", item.id.as_str().into()), ("url", url)],
        );
    }

    /// Closes the open article: back to the previous one, or to the list with
    /// focus on the card that was opened. Returns whether anything was open.
    pub fn close_article(self: &Rc<Self>) -> bool {
        let (closed, previous, first) = {
            let mut state = self.state.borrow_mut();
            let first = state.stack.first().cloned();
            let closed = state.stack.pop();
            (closed, state.stack.last().cloned(), first)
        };
        let Some(closed) = closed else { return false };
        match previous.and_then(|id| self.find_item(&id)) {
            Some((item, feed)) => {
                if let Err(e) = self.show_article(&item, &feed) {
                    warn(&js_message(&e));
                }
            }
            None => self.back_to_list(first.as_deref().unwrap_or(&closed)),
        }
        self.emit("news-widget:close", &[("id", closed.as_str().into())]);
        true
    }

    fn back_to_list(&self, card_id: &str) {
        let (article, list_view) = {
            let mut state = self.state.borrow_mut();
            state.stack.clear();
            (state.article.take(), state.list_view.clone())
        };
        if let Some(article) = article {
            article.remove();
        }
        let Some(list_view) = list_view else { return };
        let _ = list_view.remove_attribute("hidden");
        let card_link = list_view
            .query_selector_all("[data-action=open]")
            .ok()
            .and_then(|links| {
                (0..links.length())
                    .filter_map(|i| links.item(i)?.dyn_into::<HtmlElement>().ok())
                    .find(|link| link.get_attribute("data-id").as_deref() == Some(card_id))
            });
        if let Some(link) = card_link {
            let _ = link.focus();
        }
    }

    fn config(&self) -> Option<Config> {
        self.state.borrow().config.clone()
    }

    /// The heading, an empty status line and the list of cards (or the empty message).
    fn render_list(&self) -> DomResult<usize> {
        let Some(config) = self.config() else {
            return Ok(0);
        };
        let Some(feed) = self.state.borrow().feed.clone() else {
            return Ok(0);
        };
        let strings = self.lang().strings();
        self.frame.set_attribute("lang", strings.locale)?;
        let items = view::filtered(&feed, &config);
        let shown: Vec<&Item> = items.iter().copied().take(config.limit as usize).collect();
        let list_view = self.dom.el("div", "")?;
        list_view.set_class_name("list-view");
        if let Some(title) = view::heading(&config.title, &feed) {
            self.dom.text_el(&list_view, "h2", "heading", &title)?;
        }
        if shown.is_empty() {
            let status = self.dom.text_el(&list_view, "p", "status", strings.empty)?;
            set_attrs(&status, &[("role", "status"), ("class", "empty")])?;
        } else {
            let list = self.dom.child(&list_view, "ul", "list")?;
            list.set_class_name("cards");
            for item in &shown {
                let card = self.card(item, &feed, &config, strings)?;
                list.append_child(&card)?;
            }
        }
        let article_open = {
            let mut state = self.state.borrow_mut();
            if let Some(old) = state.list_view.replace(list_view.clone()) {
                old.remove();
            }
            state.article.is_some()
        };
        if article_open {
            list_view.set_attribute("hidden", "")?;
        }
        self.frame.set_text_content(None);
        self.frame.append_child(&list_view)?;
        if let Some(article) = self.state.borrow().article.clone() {
            self.frame.append_child(&article)?;
        }
        Ok(shown.len())
    }

    fn card(
        &self,
        item: &Item,
        feed: &Feed,
        config: &Config,
        strings: &Strings,
    ) -> DomResult<Element> {
        let dom = &self.dom;
        let card = dom.el("li", "card")?;
        card.set_class_name("card");
        if config.show.contains(Show::IMAGE) {
            match &item.image {
                Some(src) => {
                    let image = dom.child(&card, "img", "card-image")?;
                    set_attrs(
                        &image,
                        &[
                            ("src", src),
                            ("alt", ""),
                            ("width", "640"),
                            ("height", "360"),
                            ("loading", "lazy"),
                            ("decoding", "async"),
                            ("referrerpolicy", "no-referrer"),
                        ],
                    )?;
                }
                None => {
                    let placeholder = dom.child(&card, "div", "card-image")?;
                    set_attrs(
                        &placeholder,
                        &[("class", "no-image"), ("aria-hidden", "true")],
                    )?;
                    self.dom
                        .append_text(&placeholder, view::source(item, feed).unwrap_or(""))?;
                }
            }
        }
        let heading = dom.child(&card, "h3", "card-title")?;
        let link = dom.text_el(&heading, "a", "", &view::title(item))?;
        match (config.open, &item.url) {
            (OpenMode::Link, Some(url)) => link.set_attribute("href", url)?,
            _ => set_attrs(
                &link,
                &[
                    ("href", &format!("#{}", view::fragment(&item.id))),
                    ("data-action", "open"),
                    ("data-id", &item.id),
                ],
            )?,
        }
        if config.show.contains(Show::SUMMARY) {
            let summary = view::summary(item).unwrap_or_default();
            dom.text_el(&card, "p", "card-summary", &summary)?;
        }
        let meta = dom.child(&card, "p", "card-meta")?;
        let mut parts: Vec<(&str, String)> = Vec::new();
        if config.show.contains(Show::SECTION) {
            parts.extend(view::section(item, feed).map(|s| ("section", s.to_owned())));
        }
        if config.show.contains(Show::SOURCE) {
            parts.extend(view::source(item, feed).map(|s| ("source", s.to_owned())));
        }
        if config.show.contains(Show::AUTHOR) && !item.authors.is_empty() {
            parts.push(("author", item.authors.join(strings.list_separator)));
        }
        for (class, text) in parts {
            dom.text_el(&meta, "span", "", &text)?.set_class_name(class);
        }
        if config.show.contains(Show::DATE) {
            if let Some(millis) = item.published {
                let time = dom.text_el(
                    &meta,
                    "time",
                    "",
                    &dom::format_date(millis, strings.locale, false),
                )?;
                time.set_attribute("datetime", &dom::iso_date(millis))?;
            }
        }
        if config.show.contains(Show::VIEWS) {
            if let Some(views) = item.views {
                let text = format!(
                    "{}{}{}",
                    strings.views,
                    strings.label_separator,
                    dom::format_count(views, strings.locale)
                );
                dom.text_el(&meta, "span", "", &text)?
                    .set_class_name("views");
            }
        }
        if config.show.contains(Show::TAGS) && !item.tags.is_empty() {
            let tags = dom.child(&card, "ul", "")?;
            tags.set_class_name("tags");
            for tag in &item.tags {
                dom.text_el(&tags, "li", "", tag)?;
            }
        }
        Ok(card)
    }

    fn render_skeleton(&self, cards: u32, show: Show, strings: &Strings) -> DomResult {
        self.frame.set_text_content(None);
        let status = self
            .dom
            .text_el(&self.frame, "p", "status", strings.loading_news)?;
        set_attrs(&status, &[("role", "status"), ("class", "visually-hidden")])?;
        let list = self.dom.child(&self.frame, "ul", "list")?;
        set_attrs(
            &list,
            &[("class", "cards skeleton"), ("aria-hidden", "true")],
        )?;
        for _ in 0..cards {
            let card = self.dom.child(&list, "li", "")?;
            card.set_class_name("card");
            if show.contains(Show::IMAGE) {
                self.dom
                    .child(&card, "div", "")?
                    .set_class_name("card-image bone");
            }
            self.dom
                .child(&card, "div", "")?
                .set_class_name("bone title");
            if show.contains(Show::SUMMARY) {
                self.dom
                    .child(&card, "div", "")?
                    .set_class_name("bone summary");
            }
            self.dom
                .child(&card, "div", "")?
                .set_class_name("bone meta");
        }
        Ok(())
    }

    fn render_error(&self, strings: &Strings, message: &str) -> DomResult {
        self.state.borrow_mut().list_view = None;
        self.frame.set_text_content(None);
        let status = self.dom.child(&self.frame, "div", "status")?;
        set_attrs(&status, &[("role", "alert"), ("class", "error")])?;
        self.dom
            .text_el(&status, "p", "", strings.error_title)?
            .set_class_name("error-title");
        self.dom
            .text_el(&status, "p", "", message)?
            .set_class_name("error-detail");
        Ok(())
    }

    /// Builds the article view in place of the list and moves focus to its title.
    fn show_article(self: &Rc<Self>, item: &Item, feed: &Feed) -> DomResult {
        let Some(config) = self.config() else {
            return Ok(());
        };
        let strings = self.lang().strings();
        let dom = &self.dom;
        let article = dom.el("article", "article")?;
        article.set_class_name("article");
        let title_id = format!("nw-title-{}", next_id());
        article.set_attribute("aria-labelledby", &title_id)?;

        if !item.breadcrumb.is_empty() {
            let nav = dom.child(&article, "nav", "breadcrumb")?;
            nav.set_attribute("aria-label", strings.breadcrumb)?;
            let trail = dom.child(&nav, "ol", "")?;
            for crumb in &item.breadcrumb {
                let entry = dom.child(&trail, "li", "")?;
                match &crumb.url {
                    Some(url) => {
                        let link = dom.text_el(&entry, "a", "", &crumb.title)?;
                        set_attrs(
                            &link,
                            &[
                                ("href", url),
                                ("target", "_blank"),
                                ("rel", "noopener noreferrer"),
                            ],
                        )?;
                    }
                    None => self.dom.append_text(&entry, &crumb.title)?,
                }
            }
            dom.text_el(&trail, "li", "", strings.article_crumb)?
                .set_attribute("aria-current", "page")?;
        }
        if let Some(section) = view::section(item, feed) {
            dom.text_el(&article, "p", "", section)?
                .set_class_name("section");
        }
        let title = dom.text_el(&article, "h2", "article-title", &view::title(item))?;
        set_attrs(&title, &[("id", &title_id), ("tabindex", "-1")])?;

        let meta = dom.child(&article, "p", "article-meta")?;
        let labelled = |label: &str| format!("{label}{}", strings.label_separator);
        if let Some(source) = view::source(item, feed) {
            let span = dom.text_el(&meta, "span", "", &labelled(strings.source))?;
            dom.append_text(&span, source)?;
        }
        if let Some(millis) = item.published {
            let span = dom.text_el(&meta, "span", "", &labelled(strings.date))?;
            let time = dom.text_el(
                &span,
                "time",
                "",
                &dom::format_date(millis, strings.locale, true),
            )?;
            time.set_attribute("datetime", &dom::iso_date(millis))?;
        }
        let views = if item.views.is_some() || item.views_url.is_some() {
            let span = dom.text_el(&meta, "span", "", &labelled(strings.views))?;
            let count = dom.child(&span, "span", "")?;
            count.set_class_name("views");
            if let Some(views) = item.views {
                count.set_text_content(Some(&dom::format_count(views, strings.locale)));
            }
            Some(count)
        } else {
            None
        };

        let body = dom.child(&article, "div", "article-body")?;
        match &item.content {
            Content::Html(html) => {
                let base = item.url.as_deref().or(Some(config.feed.as_str()));
                dom.append_safe(&body, &sanitize::sanitize(html, base))?;
            }
            Content::Text(text) => {
                for paragraph in view::text_paragraphs(text) {
                    dom.text_el(&body, "p", "", paragraph)?;
                }
            }
            Content::None => {
                if let Some(summary) = &item.summary {
                    dom.text_el(&body, "p", "", summary)?;
                }
            }
        }

        if !item.credits.is_empty() {
            let credits = dom.child(&article, "footer", "credits")?;
            let lines = [
                (strings.credit_text, &item.credits.text),
                (strings.credit_photo, &item.credits.photo),
                (strings.credit_editor, &item.credits.editor),
            ];
            for (label, names) in lines {
                if let Some(line) = view::credits_line(label, names, strings) {
                    dom.text_el(&credits, "p", "", &line)?;
                }
            }
        }
        let close = dom.text_el(&article, "button", "close", strings.close)?;
        set_attrs(&close, &[("type", "button"), ("data-action", "close")])?;

        let related = self.related_section(&article, item, feed, &config, strings)?;

        let list_view = {
            let mut state = self.state.borrow_mut();
            if let Some(old) = state.article.replace(article.clone()) {
                old.remove();
            }
            state.list_view.clone()
        };
        if let Some(list_view) = list_view {
            list_view.set_attribute("hidden", "")?;
        }
        self.frame.append_child(&article)?;
        if let Ok(title) = title.dyn_into::<HtmlElement>() {
            let _ = title.focus();
        }
        if let (Some(count), Some(url)) = (views, item.views_url.clone()) {
            self.spawn_views(count, url, config.timeout);
        }
        if let Some((list, status, url)) = related {
            self.spawn_related(list, status, url, item.id.clone(), &config);
        }
        Ok(())
    }

    /// The related section; `Some` when its items must be fetched first.
    fn related_section(
        &self,
        article: &Element,
        item: &Item,
        feed: &Feed,
        config: &Config,
        strings: &Strings,
    ) -> DomResult<Option<(Element, Element, String)>> {
        let plan = view::related(item, feed, config.related as usize);
        if matches!(&plan, Related::Items(items) if items.is_empty()) {
            return Ok(None);
        }
        let dom = &self.dom;
        let section = dom.child(article, "section", "related")?;
        let heading_id = format!("nw-related-{}", next_id());
        section.set_attribute("aria-labelledby", &heading_id)?;
        dom.text_el(&section, "h3", "", strings.related)?
            .set_attribute("id", &heading_id)?;
        let list = dom.child(&section, "ul", "")?;
        match plan {
            Related::Items(items) => {
                self.fill_related(&list, &items, strings)?;
                Ok(None)
            }
            Related::Fetch(url) => {
                let status = dom.text_el(&section, "p", "status", strings.loading)?;
                status.set_attribute("role", "status")?;
                Ok(Some((list, status, url.to_owned())))
            }
        }
    }

    fn fill_related(&self, list: &Element, items: &[&Item], strings: &Strings) -> DomResult {
        for item in items {
            let entry = self.dom.child(list, "li", "related-item")?;
            let link = self.dom.text_el(&entry, "a", "", &view::title(item))?;
            set_attrs(
                &link,
                &[
                    ("href", &format!("#{}", view::fragment(&item.id))),
                    ("data-action", "open"),
                    ("data-id", &item.id),
                ],
            )?;
            if let Some(millis) = item.published {
                let time = self.dom.text_el(
                    &entry,
                    "time",
                    "",
                    &dom::format_date(millis, strings.locale, false),
                )?;
                time.set_attribute("datetime", &dom::iso_date(millis))?;
            }
        }
        Ok(())
    }

    fn spawn_views(self: &Rc<Self>, count: Element, url: String, timeout: u32) {
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match me.fetch(&url, timeout).await {
                Ok(text) => match feed::parse_views(&text) {
                    Some(views) => {
                        let locale = me.lang().strings().locale;
                        count.set_text_content(Some(&dom::format_count(views, locale)));
                    }
                    None => warn(&format!("{url} did not answer {{\"views\": N}}")),
                },
                Err(error) if error.kind != ErrorKind::Aborted => warn(&error.message),
                Err(_) => {}
            }
        });
    }

    fn spawn_related(
        self: &Rc<Self>,
        list: Element,
        status: Element,
        url: String,
        id: String,
        config: &Config,
    ) {
        let (max, timeout) = (config.related as usize, config.timeout);
        let me: Weak<Widget> = Rc::downgrade(self);
        let strong = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = strong.fetch(&url, timeout).await;
            drop(strong);
            let Some(me) = me.upgrade().filter(|w| !w.destroyed.get()) else {
                return;
            };
            let parsed = result.and_then(|text| {
                feed::parse(&text, &url).map_err(|m| LoadError::new(ErrorKind::Feed, m))
            });
            status.remove();
            match parsed {
                Ok(parsed) => {
                    let items = view::related_from(&parsed.feed, &id, max);
                    let strings = me.lang().strings();
                    if items.is_empty() || me.fill_related(&list, &items, strings).is_err() {
                        remove_section(&list);
                    }
                    let mut state = me.state.borrow_mut();
                    for item in items {
                        if !state.extra.iter().any(|known| known.id == item.id) {
                            state.extra.push(item.clone());
                        }
                    }
                }
                Err(error) => {
                    if error.kind != ErrorKind::Aborted {
                        warn(&format!("related articles: {}", error.message));
                    }
                    remove_section(&list);
                }
            }
        });
    }
}

/// Removes the related section around `list` (it has nothing to show).
fn remove_section(list: &Element) {
    if let Some(section) = list.parent_element() {
        section.remove();
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

fn next_id() -> u32 {
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
