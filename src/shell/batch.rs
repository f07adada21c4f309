//! Batched DOM building. The shell describes a subtree as a list of
//! instructions (`u32` opcodes and operands) plus the texts it needs, and
//! the loader's `build` function creates the whole subtree in one call:
//! one crossing of the boundary and one string decode per batch of cards,
//! instead of dozens of calls per card.
//!
//! Names (tags, `part`s, classes, attribute names, constant attribute
//! values) are indexes into [`NAMES`]: constant strings never cross the
//! boundary per card. Every element is created with `createElement` from
//! that table and every text becomes a text node, so a batch can only ever
//! produce the markup written here.

use super::dom::DomResult;
use crate::view::Shown;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

macro_rules! names {
    ($($name:ident = $text:literal,)*) => {
        /// A constant string the builder knows by index.
        #[derive(Clone, Copy, PartialEq, Eq)]
        #[repr(u32)]
        pub enum Name { $($name,)* }
        /// Every [`Name`], one per line, in declaration order (the loader
        /// splits it once; a name may contain spaces, as class lists do).
        pub const NAMES: &str = concat!($($text, "\n",)*);

    };
}

names! {
    Li = "li", Img = "img", Div = "div", H3 = "h3", A = "a", P = "p", Span = "span",
    Time = "time", Ul = "ul",
    Part = "part", Class = "class", Href = "href", Src = "src", Alt = "alt", Width = "width",
    Height = "height", Loading = "loading", Decoding = "decoding",
    ReferrerPolicy = "referrerpolicy", AriaHidden = "aria-hidden", DataAction = "data-action",
    DataId = "data-id", Datetime = "datetime", Title = "title",
    Card = "card", CardImage = "card-image", CardTitle = "card-title",
    CardSummary = "card-summary", CardMeta = "card-meta", RelatedItem = "related-item",
    Lazy = "lazy", Async = "async", NoReferrer = "no-referrer", True = "true", Open = "open",
    Empty = "", W640 = "640", H360 = "360", NoImage = "no-image", TagsReserved = "tags reserved",
    Tags = "tags", Lead = "card lead", Current = "card current", LeadCurrent = "card lead current",
    Section = "section", Source = "source", Author = "author", Views = "views",
    // The article, the modal and the related section.
    Article = "article", Nav = "nav", Ol = "ol", Footer = "footer", Button = "button", H2 = "h2",
    AriaLabelledby = "aria-labelledby", AriaLabel = "aria-label", AriaCurrent = "aria-current",
    AriaModal = "aria-modal", Page = "page", Id = "id", Tabindex = "tabindex", MinusOne = "-1",
    Type = "type", Target = "target", Blank = "_blank", Rel = "rel",
    NoOpener = "noopener noreferrer", Role = "role", Status = "status", Dialog = "dialog",
    Breadcrumb = "breadcrumb", ArticleTitle = "article-title", ArticleMeta = "article-meta",
    ArticleBody = "article-body", Credits = "credits", Close = "close", Related = "related",
    Backdrop = "backdrop", DialogClose = "dialog-close",
    // The list's frame, the error and the widget's own boxes.
    ListView = "list-view", Heading = "heading", BoneHeadingReserved = "bone heading reserved",
    EmptyList = "empty", List = "list", MoreRow = "more-row", More = "more",
    TickerControls = "ticker-controls", TickerControlsReserved = "ticker-controls reserved",
    VisuallyHidden = "visually-hidden", Alert = "alert", Error = "error",
    ErrorTitle = "error-title", ErrorDetail = "error-detail", Retry = "retry",
    Widget = "widget", Nw = "nw",
}

/// Opcodes, each followed by its operands.
#[repr(u32)]
enum Op {
    /// `name`: a child element of the current one, which it becomes.
    Open,
    /// `name, text`: an attribute with a text value.
    Attr,
    /// `name, name`: an attribute with a constant value.
    AttrName,
    /// `text`: a text node.
    Text,
    /// Back to the parent element.
    Close,
    /// Hands the current element back to the caller of [`Batch::build`].
    Keep,
    /// `html, base`: feed HTML, parsed by the browser and rebuilt through
    /// the sanitizer policy (`js/build.js`).
    Html,
    /// `html, max`: a text node, the start of feed HTML's text.
    HtmlStart,
    /// `format, value, locale`: a text node, a value the browser formats.
    Formatted,
    /// `name, format, value, locale`: an attribute, a value the browser formats.
    AttrFormatted,
}

/// How the builder formats a value, with the browser's `Intl` in the
/// reader's language and time zone (`format` in js/build.js).
#[derive(Clone, Copy)]
#[repr(u32)]
pub enum Format {
    /// Epoch milliseconds as a medium date.
    Date,
    /// Epoch milliseconds as a medium date and short time.
    DateTime,
    /// A count in the language's number format (2,381).
    Count,
    /// "3 minutes ago".
    MinutesAgo,
    /// "3 hours ago".
    HoursAgo,
    /// "3 days ago".
    DaysAgo,
    /// Epoch milliseconds as ISO 8601, for `<time datetime>`.
    Iso,
}

/// A subtree being described; [`Batch::build`] creates it.
#[derive(Default)]
pub struct Batch {
    ops: Vec<u32>,
    kept: usize,
    /// Length of each text in UTF-16 code units (what JS strings count).
    lengths: Vec<u32>,
    texts: String,
}

impl Batch {
    fn text_index(&mut self, text: &str) -> u32 {
        self.texts.push_str(text);
        self.lengths
            .push(u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX));
        u32::try_from(self.lengths.len() - 1).unwrap_or(u32::MAX)
    }

    /// Opens `<tag>`; [`Batch::close`] ends it.
    pub fn open(&mut self, tag: Name) -> &mut Self {
        self.ops.extend([Op::Open as u32, tag as u32]);
        self
    }

    /// An attribute with a text value.
    pub fn attr(&mut self, name: Name, value: &str) -> &mut Self {
        let value = self.text_index(value);
        self.ops.extend([Op::Attr as u32, name as u32, value]);
        self
    }

    /// An attribute with a constant value.
    pub fn attr_name(&mut self, name: Name, value: Name) -> &mut Self {
        self.ops
            .extend([Op::AttrName as u32, name as u32, value as u32]);
        self
    }

    /// A text node.
    pub fn text(&mut self, text: &str) -> &mut Self {
        let index = self.text_index(text);
        self.ops.extend([Op::Text as u32, index]);
        self
    }

    /// `<tag part=… class=…>text</tag>` in one step (`Name::Empty` skips an attribute).
    pub fn text_el(&mut self, tag: Name, part: Name, class: Name, text: &str) -> &mut Self {
        self.open(tag);
        if !matches!(part, Name::Empty) {
            self.attr_name(Name::Part, part);
        }
        if !matches!(class, Name::Empty) {
            self.attr_name(Name::Class, class);
        }
        self.text(text).close()
    }

    /// `<button type=button part=… data-action=…>label</button>`, the
    /// widget's text buttons (`Name::Empty` sets no `part`); a click on it
    /// reaches the shell's delegated listener as its action.
    pub fn text_button(&mut self, part: Name, action: Name, label: &str) -> &mut Self {
        self.open(Name::Button);
        if !matches!(part, Name::Empty) {
            self.attr_name(Name::Part, part);
        }
        self.attr_name(Name::Type, Name::Button)
            .attr_name(Name::DataAction, action)
            .text(label)
            .close()
    }

    /// Ends the current element.
    pub fn close(&mut self) -> &mut Self {
        self.ops.push(Op::Close as u32);
        self
    }

    /// Hands the current element back from [`Batch::build`]; returns its
    /// place in the list `build` returns.
    pub fn keep(&mut self) -> usize {
        self.ops.push(Op::Keep as u32);
        self.kept += 1;
        self.kept - 1
    }

    /// A text node: `value` (an integer) formatted by the browser.
    pub fn formatted(&mut self, format: Format, value: i64, locale: &str) -> &mut Self {
        let (value, locale) = (self.text_index(&value.to_string()), self.text_index(locale));
        self.ops
            .extend([Op::Formatted as u32, format as u32, value, locale]);
        self
    }

    /// An attribute: `value` (an integer) formatted by the browser.
    pub fn attr_formatted(
        &mut self,
        name: Name,
        format: Format,
        value: i64,
        locale: &str,
    ) -> &mut Self {
        let (value, locale) = (self.text_index(&value.to_string()), self.text_index(locale));
        self.ops.extend([
            Op::AttrFormatted as u32,
            name as u32,
            format as u32,
            value,
            locale,
        ]);
        self
    }

    /// Feed HTML: the builder parses it in an inert document and creates
    /// only what the sanitizer policy allows; relative URLs resolve
    /// against `base`.
    pub fn html(&mut self, html: &str, base: &str) -> &mut Self {
        let (html, base) = (self.text_index(html), self.text_index(base));
        self.ops.extend([Op::Html as u32, html, base]);
        self
    }

    /// A card's text: as written, or the start of the body's text.
    pub fn shown(&mut self, shown: &Shown) -> &mut Self {
        match shown {
            Shown::Text(text) => self.text(text),
            Shown::HtmlStart { html, max } => {
                let html = self.text_index(html);
                let max = u32::try_from(*max).unwrap_or(u32::MAX);
                self.ops.extend([Op::HtmlStart as u32, html, max]);
                self
            }
        }
    }

    /// Creates the described nodes at the end of `parent`, in one call, and
    /// returns the [`Batch::keep`] elements.
    pub fn build(self, parent: &Node) -> DomResult<Vec<Element>> {
        let kept = loader_build(parent, &self.ops, &self.lengths, &self.texts, NAMES)?;
        Ok(kept
            .iter()
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .collect())
    }
}

#[wasm_bindgen]
extern "C" {
    /// The loader's `build(parent, ops, lengths, texts, names)` (js/build.js).
    #[wasm_bindgen(catch, js_name = build)]
    fn loader_build(
        parent: &Node,
        ops: &[u32],
        lengths: &[u32],
        texts: &str,
        names: &str,
    ) -> Result<js_sys::Array, JsValue>;
}

#[cfg(test)]
mod tests {
    use super::NAMES;

    #[test]
    fn names_are_unique() {
        let names: Vec<&str> = NAMES.split('\n').filter(|n| !n.is_empty()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }
}
