//! Rendering: the skeleton, the list in each layout, cards, the error state,
//! the article view and its related list. Only builds nodes; what to show
//! is decided by `crate::view`.

use super::batch::{Batch, Format, Name};
use super::console::{js_message, warn};
use super::dom::next_id;
use super::dom::{self, set_attrs, DomResult};
use super::widget::Widget;
use crate::config::{Config, Layout, OpenMode, Show, Title};
use crate::date::{self, Age};
use crate::feed::{self, Content, Feed, Item};
use crate::i18n::Strings;
use crate::view::{self, Related};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

#[wasm_bindgen]
extern "C" {
    /// The loader's `paintSkeleton(frame, layout, cards, parts)`: the
    /// skeleton it drew before the wasm ran, drawn again from the validated
    /// configuration (one skeleton, whoever draws it).
    #[wasm_bindgen(catch, js_name = paintSkeleton)]
    fn paint_skeleton(
        frame: &Element,
        layout: &str,
        cards: u32,
        parts: &str,
    ) -> Result<(), JsValue>;
}

/// Cards described per call to the loader's builder (a few ms of work).
const CARDS_PER_BATCH: usize = 25;

fn layout_class(layout: Layout) -> &'static str {
    match layout {
        Layout::Cards => "cards",
        Layout::List => "list",
        Layout::Magazine => "magazine",
        Layout::Ticker => "ticker",
    }
}

/// What the skeleton's cards show, for the loader's `paintSkeleton` ("image summary tags ").
fn card_parts(config: &Config) -> String {
    [
        (Show::IMAGE, "image "),
        (Show::SUMMARY, "summary "),
        (Show::TAGS, "tags "),
    ]
    .iter()
    .filter(|(show, _)| config.show.contains(*show))
    .map(|(_, part)| *part)
    .collect()
}

/// Space kept for a box of the skeleton that the list has nothing to show in:
/// a `<div class="… reserved">`, invisible, and hidden from assistive technology.
fn reserved(batch: &mut Batch, class: Name) {
    batch
        .open(Name::Div)
        .attr_name(Name::Class, class)
        .attr_name(Name::AriaHidden, Name::True)
        .close();
}

/// A `<time>` for a date, its exact instant in `datetime`: relative for the
/// last week ("3 小时前", with the full date and time as its tooltip), else
/// the full date.
fn time_element(batch: &mut Batch, millis: i64, strings: &Strings) {
    let locale = strings.locale;
    batch
        .open(Name::Time)
        .attr_formatted(Name::Datetime, Format::Iso, millis, locale);
    let ago = match date::age(js_sys::Date::now() as i64, millis) {
        Age::Absolute => {
            batch.formatted(Format::Date, millis, locale).close();
            return;
        }
        Age::JustNow => None,
        Age::Minutes(n) => Some((Format::MinutesAgo, n)),
        Age::Hours(n) => Some((Format::HoursAgo, n)),
        Age::Days(n) => Some((Format::DaysAgo, n)),
    };
    batch.attr_formatted(Name::Title, Format::DateTime, millis, locale);
    match ago {
        Some((format, n)) => batch.formatted(format, i64::from(n), locale),
        None => batch.text(strings.just_now),
    };
    batch.close();
}

impl Widget {
    /// The heading, a live status line, the items in the configured layout
    /// (or the empty message) and "load more". `focus_from` moves focus to
    /// the first newly shown card; `notice` is announced ("3 new articles").
    ///
    /// Cards are appended in chunks, yielding to the browser in between, so
    /// a 2,000-item archive never blocks the page in one long task. A newer
    /// render, a restart or `destroy` stops an older one between chunks; it
    /// then returns `None`, else the number of items shown.
    pub(super) async fn render_list(
        self: &Rc<Self>,
        focus_from: Option<usize>,
        notice: &str,
    ) -> DomResult<Option<usize>> {
        let (Some(config), Some(feed)) = (self.config(), self.state.borrow().feed.clone()) else {
            return Ok(Some(0));
        };
        let generation = self.next_generation();
        let (visible, ticker_index, ticker_paused) = {
            let state = self.state.borrow();
            (state.visible, state.ticker, state.ticker_paused)
        };
        let strings = self.lang().strings();
        self.frame.set_attribute("lang", strings.locale)?;
        let plan = view::list_plan(&feed, &config, visible, ticker_index);
        let shown = &plan.items;
        // The frame of the list in one batch: heading, status, the list, and
        // the row under it. Cards follow in batches of their own.
        let mut batch = Batch::default();
        batch.open(Name::Div).attr_name(Name::Class, Name::ListView);
        let list_view = batch.keep();
        match view::heading(&config.title, &feed) {
            Some(title) => {
                batch.text_el(Name::H2, Name::Heading, Name::Empty, &title);
            }
            // The skeleton reserved a heading: an untitled feed keeps its space.
            None if config.title != Title::Hidden => {
                reserved(&mut batch, Name::BoneHeadingReserved)
            }
            None => {}
        }
        if !notice.is_empty() {
            self.announce(notice);
        }
        // The empty message lies over the reserved cards (see widget.css).
        if shown.is_empty() {
            batch.text_el(Name::P, Name::Status, Name::EmptyList, strings.empty);
        }
        batch
            .open(Name::Ul)
            .attr_name(Name::Part, Name::List)
            .attr(Name::Class, layout_class(config.layout));
        let list = batch.keep();
        batch.close();
        // The rows under the list are always there, as in the skeleton; built
        // first, so they are in place while the list is shown half built.
        if config.layout != Layout::Ticker {
            batch.open(Name::Div).attr_name(Name::Class, Name::MoreRow);
            if plan.more {
                batch.text_button(Name::More, Name::More, strings.load_more);
            }
            batch.close();
        } else if shown.is_empty() {
            reserved(&mut batch, Name::TickerControlsReserved);
        } else {
            ticker_controls(&mut batch, strings, ticker_paused);
        }
        batch.close();
        let kept = batch.build(&self.dom.doc.create_document_fragment())?;
        let (Some(list_view), Some(list)) = (kept.get(list_view), kept.get(list)) else {
            return Err(JsValue::from_str("the list was not built"));
        };
        let focused_card = self
            .root
            .active_element()
            .filter(|e| e.get_attribute("data-action").as_deref() == Some("open"))
            .and_then(|e| e.get_attribute("data-id"));
        // The list replaces what is shown (skeleton, old list) only once its
        // first slice of cards is built, so the page never sees it half empty.
        // At least as many cards as the skeleton had come in the first slice.
        // It stays detached for a second slice: a list built within two
        // slices is laid out once, not once half built and again whole (a
        // first layout with its fonts and images is the costliest frame).
        let first_slice = view::skeleton_cards(&config) as usize;
        let mut slices_used = 0;
        let mut slice = dom::Slice::begin();
        let mut built = 0;
        while built < shown.len() {
            if built >= first_slice && slice.used() > 1.0 {
                slices_used += 1;
                if slices_used == 2 {
                    self.attach_list_view(list_view, &config)?;
                }
                slice.next().await;
                if !self.is_current(generation) {
                    return Ok(None);
                }
            }
            // One batch: the skeleton's cards at first, then a few at a time,
            // so a slice still ends within its time.
            let count = CARDS_PER_BATCH.max(first_slice.saturating_sub(built));
            let start = dom::now();
            let mut batch = Batch::default();
            for (index, item) in shown.iter().enumerate().skip(built).take(count) {
                let class = match (plan.lead == Some(index), plan.current == Some(index)) {
                    (true, true) => Name::LeadCurrent,
                    (true, false) => Name::Lead,
                    (false, true) => Name::Current,
                    (false, false) => Name::Card,
                };
                Self::card(&mut batch, item, &feed, &config, strings, class);
            }
            batch.build(list)?;
            dom::measure("build", start);
            built += count;
        }
        self.reserve_cards(list, &config, shown.len())?;
        if slices_used < 2 {
            self.attach_list_view(list_view, &config)?;
        }
        // Keep the reader's place: focus the first new card after "load more",
        // or the card that had focus before a refresh re-rendered the list.
        let wanted = match focus_from {
            Some(first_new) => shown.get(first_new).map(|item| item.id.as_str()),
            None => focused_card.as_deref(),
        };
        if wanted.is_some() {
            if let Some(link) = self.card_link(list_view, |id| Some(id) == wanted) {
                link.focus()?;
            }
        }
        Ok(Some(shown.len()))
    }

    /// Keeps the skeleton's height when fewer than its cards are `shown`:
    /// its remaining cards (painted by the loader, so the same boxes) stay at
    /// the end of the list, invisible and aria-hidden. An empty list is
    /// hidden from assistive technology as a whole.
    fn reserve_cards(&self, list: &Element, config: &Config, shown: usize) -> DomResult {
        let slots = view::skeleton_cards(config);
        if shown >= slots as usize {
            return Ok(());
        }
        let skeleton = self.dom.el("div")?;
        paint_skeleton(
            &skeleton,
            layout_class(config.layout),
            slots,
            &card_parts(config),
        )?;
        let cards = skeleton.query_selector_all(".card")?;
        for index in shown as u32..cards.length() {
            if let Some(card) = cards
                .get(index)
                .and_then(|node| node.dyn_into::<Element>().ok())
            {
                card.class_list().add_1("reserved")?;
                card.set_attribute("aria-hidden", "true")?;
                list.append_child(&card)?;
            }
        }
        if shown == 0 {
            list.set_attribute("aria-hidden", "true")?;
        }
        Ok(())
    }

    /// Puts a new list view in place of the old one (hidden or inert while an article is open).
    fn attach_list_view(&self, list_view: &Element, config: &Config) -> DomResult {
        let article = {
            let mut state = self.state.borrow_mut();
            if let Some(old) = state.list_view.replace(list_view.clone()) {
                old.remove();
            }
            state.article.clone()
        };
        let modal = config.open == OpenMode::Modal;
        if article.is_some() {
            list_view.set_attribute(if modal { "inert" } else { "hidden" }, "")?;
        }
        self.frame.set_text_content(None);
        self.frame.append_child(list_view)?;
        if let Some(article) = article.filter(|_| !modal) {
            self.frame.append_child(&article)?;
        }
        Ok(())
    }

    /// Reflects the ticker's paused state on its pause button.
    pub(super) fn update_ticker_button(&self, paused: bool) {
        let strings = self.lang().strings();
        if let Ok(Some(button)) = self.root.query_selector("[data-action=pause]") {
            let _ = button.set_attribute(
                "aria-label",
                if paused { strings.play } else { strings.pause },
            );
            if let Ok(Some(symbol)) = button.query_selector("span") {
                symbol.set_text_content(Some(if paused { "▶" } else { "❚❚" }));
            }
        }
    }

    /// Shows that "load more" is fetching the next page.
    pub(super) fn mark_more_busy(&self) {
        if let Ok(Some(button)) = self.root.query_selector("[part=more]") {
            let _ = set_attrs(&button, &[("aria-busy", "true"), ("disabled", "")]);
        }
    }

    /// Describes one card into `batch`: the same elements for every card
    /// of a configuration, so every card has the skeleton's height.
    fn card(
        batch: &mut Batch,
        item: &Item,
        feed: &Feed,
        config: &Config,
        strings: &Strings,
        class: Name,
    ) {
        batch
            .open(Name::Li)
            .attr_name(Name::Part, Name::Card)
            .attr_name(Name::Class, class);
        if config.show.contains(Show::IMAGE) {
            match &item.image {
                // `src` last, once `loading=lazy` is set (see dom::append_safe).
                Some(src) => batch
                    .open(Name::Img)
                    .attr_name(Name::Part, Name::CardImage)
                    .attr_name(Name::Loading, Name::Lazy)
                    .attr_name(Name::Decoding, Name::Async)
                    .attr_name(Name::ReferrerPolicy, Name::NoReferrer)
                    .attr_name(Name::Alt, Name::Empty)
                    .attr_name(Name::Width, Name::W640)
                    .attr_name(Name::Height, Name::H360)
                    .attr(Name::Src, src)
                    .close(),
                None => batch
                    .open(Name::Div)
                    .attr_name(Name::Part, Name::CardImage)
                    .attr_name(Name::Class, Name::NoImage)
                    .attr_name(Name::AriaHidden, Name::True)
                    .text(view::source(item, feed).unwrap_or(""))
                    .close(),
            };
        }
        batch
            .open(Name::H3)
            .attr_name(Name::Part, Name::CardTitle)
            .open(Name::A);
        match (config.open, &item.url) {
            (OpenMode::Link, Some(url)) => batch.attr(Name::Href, url),
            _ => batch
                .attr(Name::Href, &format!("#{}", view::fragment(&item.id)))
                .attr_name(Name::DataAction, Name::Open)
                .attr(Name::DataId, &item.id),
        };
        batch.shown(&view::title(item)).close().close();
        if config.show.contains(Show::SUMMARY) {
            batch.open(Name::P).attr_name(Name::Part, Name::CardSummary);
            if let Some(summary) = view::summary(item) {
                batch.shown(&summary);
            }
            batch.close();
        }
        batch.open(Name::P).attr_name(Name::Part, Name::CardMeta);
        if config.show.contains(Show::SECTION) {
            if let Some(section) = view::section(item, feed) {
                batch.text_el(Name::Span, Name::Empty, Name::Section, section);
            }
        }
        if config.show.contains(Show::SOURCE) {
            if let Some(source) = view::source(item, feed) {
                batch.text_el(Name::Span, Name::Empty, Name::Source, source);
            }
        }
        if config.show.contains(Show::AUTHOR) && !item.authors.is_empty() {
            let names = view::names_list(&item.authors, strings);
            batch.text_el(Name::Span, Name::Empty, Name::Author, &names);
        }
        if config.show.contains(Show::DATE) {
            if let Some(millis) = item.published {
                time_element(batch, millis, strings);
            }
        }
        if config.show.contains(Show::VIEWS) {
            if let Some(views) = item.views {
                batch
                    .open(Name::Span)
                    .attr_name(Name::Class, Name::Views)
                    .text(&format!("{}{}", strings.views, strings.label_separator))
                    .formatted(Format::Count, views_value(views), strings.locale)
                    .close();
            }
        }
        batch.close();
        if config.show.contains(Show::TAGS) {
            if item.tags.is_empty() {
                // The tag row keeps its height, so every card has the skeleton's.
                batch
                    .open(Name::Div)
                    .attr_name(Name::Class, Name::TagsReserved)
                    .attr_name(Name::AriaHidden, Name::True)
                    .close();
            } else {
                batch.open(Name::Ul).attr_name(Name::Class, Name::Tags);
                for tag in &item.tags {
                    batch.text_el(Name::Li, Name::Empty, Name::Empty, tag);
                }
                batch.close();
            }
        }
        batch.close();
    }

    /// Placeholder boxes in the shape of the configured layout, so the host
    /// page does not move when the news arrives. The loader draws them (it
    /// drew the first ones before the wasm ran); this gives it the validated
    /// configuration.
    pub(super) fn render_skeleton(&self, strings: &Strings) -> DomResult {
        let Some(config) = self.config() else {
            return Ok(());
        };
        self.frame.set_text_content(None);
        let mut batch = Batch::default();
        batch
            .open(Name::P)
            .attr_name(Name::Part, Name::Status)
            .attr_name(Name::Role, Name::Status)
            .attr_name(Name::Class, Name::VisuallyHidden)
            .text(strings.loading_news)
            .close();
        batch.build(&self.frame)?;
        let heading = if config.title == Title::Hidden {
            ""
        } else {
            "heading "
        };
        let parts = format!("{heading}{}", card_parts(&config));
        paint_skeleton(
            &self.frame,
            layout_class(config.layout),
            view::skeleton_cards(&config),
            &parts,
        )
    }

    pub(super) fn render_error(&self, strings: &Strings, message: &str) -> DomResult {
        self.state.borrow_mut().list_view = None;
        self.frame.set_text_content(None);
        let mut batch = Batch::default();
        batch
            .open(Name::Div)
            .attr_name(Name::Part, Name::Status)
            .attr_name(Name::Role, Name::Alert)
            .attr_name(Name::Class, Name::Error)
            .text_el(Name::P, Name::Empty, Name::ErrorTitle, strings.error_title)
            .text_el(Name::P, Name::Empty, Name::ErrorDetail, message)
            .text_button(Name::Empty, Name::Retry, strings.retry)
            .close();
        batch.build(&self.frame).map(drop)
    }

    /// Builds the article view (inline in place of the list, or in a modal
    /// dialog), in one batch, focuses its title and starts what it waits
    /// for (views, related).
    pub(super) fn show_article(self: &Rc<Self>, item: &Item, feed: &Feed) -> DomResult {
        let Some(config) = self.config() else {
            return Ok(());
        };
        // What the article shown until now still waited for is not needed.
        self.abort_article_requests();
        let strings = self.lang().strings();
        let title_id = format!("nw-title-{}", next_id());
        let modal = config.open == OpenMode::Modal;
        let mut batch = Batch::default();
        if modal {
            self.modal_start(&mut batch, &title_id, strings);
        }
        batch
            .open(Name::Article)
            .attr_name(Name::Part, Name::Article)
            .attr_name(Name::Class, Name::Article)
            .attr(Name::AriaLabelledby, &title_id);
        let article = batch.keep();
        if !item.breadcrumb.is_empty() {
            batch
                .open(Name::Nav)
                .attr_name(Name::Part, Name::Breadcrumb)
                .attr(Name::AriaLabel, strings.breadcrumb)
                .open(Name::Ol);
            for crumb in &item.breadcrumb {
                batch.open(Name::Li);
                match &crumb.url {
                    Some(url) => batch
                        .open(Name::A)
                        .attr(Name::Href, url)
                        .attr_name(Name::Target, Name::Blank)
                        .attr_name(Name::Rel, Name::NoOpener)
                        .text(&crumb.title)
                        .close(),
                    None => batch.text(&crumb.title),
                };
                batch.close();
            }
            batch
                .open(Name::Li)
                .attr_name(Name::AriaCurrent, Name::Page)
                .text(strings.article_crumb)
                .close()
                .close()
                .close();
        }
        if let Some(section) = view::section(item, feed) {
            batch.text_el(Name::P, Name::Empty, Name::Section, section);
        }
        batch
            .open(Name::H2)
            .attr_name(Name::Part, Name::ArticleTitle)
            .attr(Name::Id, &title_id)
            .attr_name(Name::Tabindex, Name::MinusOne);
        let title = batch.keep();
        batch.shown(&view::title(item)).close();

        batch.open(Name::P).attr_name(Name::Part, Name::ArticleMeta);
        let labelled = |label: &str| format!("{label}{}", strings.label_separator);
        if let Some(source) = view::source(item, feed) {
            batch
                .open(Name::Span)
                .text(&labelled(strings.source))
                .text(source)
                .close();
        }
        if let Some(millis) = item.published {
            batch
                .open(Name::Span)
                .text(&labelled(strings.date))
                .open(Name::Time)
                .attr_formatted(Name::Datetime, Format::Iso, millis, strings.locale)
                .formatted(Format::DateTime, millis, strings.locale)
                .close()
                .close();
        }
        let views = if item.views.is_some() || item.views_url.is_some() {
            batch
                .open(Name::Span)
                .text(&labelled(strings.views))
                .open(Name::Span)
                .attr_name(Name::Class, Name::Views);
            let count = batch.keep();
            if let Some(views) = item.views {
                batch.formatted(Format::Count, views_value(views), strings.locale);
            }
            batch.close().close();
            Some(count)
        } else {
            None
        };
        batch.close();

        batch
            .open(Name::Div)
            .attr_name(Name::Part, Name::ArticleBody);
        match &item.content {
            Content::Html(html) => {
                batch.html(html, item.url.as_deref().unwrap_or(&config.feed));
            }
            Content::Text(text) => {
                for paragraph in view::text_paragraphs(text) {
                    batch.text_el(Name::P, Name::Empty, Name::Empty, paragraph);
                }
            }
            Content::None => {
                if let Some(summary) = &item.summary {
                    batch.text_el(Name::P, Name::Empty, Name::Empty, summary);
                }
            }
        }
        batch.close();

        if !item.credits.is_empty() {
            batch
                .open(Name::Footer)
                .attr_name(Name::Part, Name::Credits);
            let lines = [
                (strings.credit_text, &item.credits.text),
                (strings.credit_photo, &item.credits.photo),
                (strings.credit_editor, &item.credits.editor),
            ];
            for (label, names) in lines {
                if let Some(line) = view::credits_line(label, names, strings) {
                    batch.text_el(Name::P, Name::Empty, Name::Empty, &line);
                }
            }
            batch.close();
        }
        batch.text_button(Name::Close, Name::Close, strings.close);
        let related = self.related_section(&mut batch, item, feed, &config, strings);
        batch.close();
        if modal {
            batch.close().close();
        }

        let scratch = self.dom.doc.create_document_fragment();
        let kept = batch.build(&scratch)?;
        let element = |index: usize| {
            kept.get(index)
                .cloned()
                .ok_or_else(|| JsValue::from_str("the article was not built"))
        };
        // In a modal, the wrapper was kept first (see `modal_start`).
        let outer = element(0)?;
        let (article, title) = (element(article)?, element(title)?);
        let list_view = {
            let mut state = self.state.borrow_mut();
            if let Some(old) = state.article.replace(outer.clone()) {
                old.remove();
            }
            state.list_view.clone()
        };
        if let Some(list_view) = list_view {
            list_view.set_attribute(if modal { "inert" } else { "hidden" }, "")?;
        }
        if modal {
            // Outside the frame: the frame is a size container, and containment
            // would make `position: fixed` relative to it instead of the viewport.
            self.root.append_child(&outer)?;
            self.lock_scroll();
        } else {
            self.frame.append_child(&article)?;
        }
        if let Ok(title) = title.dyn_into::<HtmlElement>() {
            let _ = title.focus();
        }
        if let (Some(count), Some(url)) = (views, item.views_url.clone()) {
            self.spawn_views(element(count)?, url, config.timeout);
        }
        if let Some((list, status, url)) = related {
            self.spawn_related(
                element(list)?,
                element(status)?,
                url,
                item.id.clone(),
                &config,
            );
        }
        Ok(())
    }

    /// Opens the modal dialog around the article that follows in `batch`: a
    /// backdrop that closes it on click and `role=dialog` labelled by the
    /// headline (focus is trapped in `modal.rs`). Keeps the wrapper first.
    fn modal_start(&self, batch: &mut Batch, title_id: &str, strings: &Strings) {
        // The frame's theme classes, so the dialog gets the same colours.
        batch
            .open(Name::Div)
            .attr(Name::Class, &format!("{} modal", self.frame.class_name()));
        batch.keep();
        batch
            .open(Name::Div)
            .attr_name(Name::Class, Name::Backdrop)
            .attr_name(Name::DataAction, Name::Close)
            .attr(Name::Title, strings.close)
            .close()
            .open(Name::Div)
            .attr_name(Name::Class, Name::Dialog)
            .attr_name(Name::Role, Name::Dialog)
            .attr_name(Name::AriaModal, Name::True)
            .attr(Name::AriaLabelledby, title_id)
            // A close button that stays at hand in a long article (the one
            // at its end mirrors the seed page).
            .open(Name::Button)
            .attr_name(Name::Type, Name::Button)
            .attr_name(Name::Class, Name::DialogClose)
            .attr_name(Name::DataAction, Name::Close)
            .attr(Name::AriaLabel, strings.close)
            .open(Name::Span)
            .attr_name(Name::AriaHidden, Name::True)
            .text("×")
            .close()
            .close();
    }

    /// The related section, described into `batch`; `Some` (the kept list
    /// and status line, and the URL) when its items must be fetched first.
    fn related_section(
        &self,
        batch: &mut Batch,
        item: &Item,
        feed: &Feed,
        config: &Config,
        strings: &Strings,
    ) -> Option<(usize, usize, String)> {
        let plan = view::related(item, feed, config.related as usize);
        if matches!(&plan, Related::Items(items) if items.is_empty()) {
            return None;
        }
        let heading_id = format!("nw-related-{}", next_id());
        batch
            .open(Name::Section)
            .attr_name(Name::Part, Name::Related)
            .attr(Name::AriaLabelledby, &heading_id)
            .open(Name::H3)
            .attr(Name::Id, &heading_id)
            .text(strings.related)
            .close()
            .open(Name::Ul);
        let list = batch.keep();
        let fetch = match plan {
            Related::Items(items) => {
                related_items(batch, &items, strings);
                None
            }
            Related::Fetch(url) => Some(url.to_owned()),
        };
        batch.close();
        let fetch = fetch.map(|url| {
            batch
                .open(Name::P)
                .attr_name(Name::Part, Name::Status)
                .attr_name(Name::Role, Name::Status);
            let status = batch.keep();
            batch.text(strings.loading).close();
            (list, status, url)
        });
        batch.close();
        fetch
    }

    fn fill_related(&self, list: &Element, items: &[&Item], strings: &Strings) -> DomResult {
        let mut batch = Batch::default();
        related_items(&mut batch, items, strings);
        batch.build(list).map(drop)
    }

    fn spawn_views(self: &Rc<Self>, count: Element, url: String, timeout: u32) {
        let me = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match me.fetch_for_article(&url, timeout).await {
                Ok(text) => match feed::parse_views(&text) {
                    Some(views) => {
                        let mut batch = Batch::default();
                        batch.formatted(
                            Format::Count,
                            views_value(views),
                            me.lang().strings().locale,
                        );
                        count.set_text_content(None);
                        if let Err(error) = batch.build(&count) {
                            warn(&js_message(&error));
                        }
                    }
                    None => warn(&format!("{url} did not answer {{\"views\": N}}")),
                },
                Err(error) if !error.aborted => warn(&error.message),
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
            let result = strong.fetch_for_article(&url, timeout).await;
            drop(strong);
            // Closing the article aborts its requests; a list the reader
            // no longer sees (article replaced, widget restarted) is left alone.
            let Some(me) = me.upgrade().filter(|_| list.is_connected()) else {
                return;
            };
            let parsed = match result {
                Ok(text) => super::feeds::parse_in_slices(&text, &url).await,
                Err(error) => Err(error),
            };
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
                    if !error.aborted {
                        warn(&format!("related articles: {}", error.message));
                    }
                    remove_section(&list);
                }
            }
        });
    }
}

/// Previous / pause / next buttons of the ticker (WCAG 2.2.2: moving content can be paused).
fn ticker_controls(batch: &mut Batch, strings: &Strings, paused: bool) {
    batch
        .open(Name::Div)
        .attr_name(Name::Class, Name::TickerControls);
    for (action, label, symbol) in [
        ("previous", strings.previous, "‹"),
        (
            "pause",
            if paused { strings.play } else { strings.pause },
            if paused { "▶" } else { "❚❚" },
        ),
        ("next", strings.next, "›"),
    ] {
        // The symbol is decoration; the label names the button.
        batch
            .open(Name::Button)
            .attr_name(Name::Type, Name::Button)
            .attr(Name::DataAction, action)
            .attr(Name::AriaLabel, label)
            .open(Name::Span)
            .attr_name(Name::AriaHidden, Name::True)
            .text(symbol)
            .close()
            .close();
    }
    batch.close();
}

/// The entries of a related list.
fn related_items(batch: &mut Batch, items: &[&Item], strings: &Strings) {
    for item in items {
        batch
            .open(Name::Li)
            .attr_name(Name::Part, Name::RelatedItem)
            .open(Name::A)
            .attr(Name::Href, &format!("#{}", view::fragment(&item.id)))
            .attr_name(Name::DataAction, Name::Open)
            .attr(Name::DataId, &item.id)
            .shown(&view::title(item))
            .close();
        if let Some(millis) = item.published {
            time_element(batch, millis, strings);
        }
        batch.close();
    }
}

/// Removes the related section around `list` (it has nothing to show).
fn remove_section(list: &Element) {
    if let Some(section) = list.parent_element() {
        section.remove();
    }
}

/// A count as the builder's integer (counts beyond `i64` do not occur).
fn views_value(views: u64) -> i64 {
    i64::try_from(views).unwrap_or(i64::MAX)
}
