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
use crate::sanitize::Node as SafeNode;
use wasm_bindgen::{JsCast, JsValue};
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

        impl Name {
            const ALL: &'static [Name] = &[$(Name::$name,)*];

            /// The name spelled `text`, if the builder knows it (the
            /// sanitizer's tags and attributes all are).
            pub fn of(text: &str) -> Option<Name> {
                let index = NAMES.split('\n').position(|name| name == text)?;
                Name::ALL.get(index).copied()
            }
        }
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
    // The rest of the sanitizer's allowlist (core/src/sanitize.rs).
    H4 = "h4", H5 = "h5", H6 = "h6", Strong = "strong", Em = "em", B = "b", I = "i", U = "u",
    S = "s", Sub = "sub", Sup = "sup", Br = "br", Hr = "hr", Blockquote = "blockquote",
    Figure = "figure", Figcaption = "figcaption", Table = "table", Thead = "thead",
    Tbody = "tbody", Tr = "tr", Th = "th", Td = "td", Pre = "pre", Code = "code",
    Colspan = "colspan", Rowspan = "rowspan",
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

    /// The sanitizer's tree: its tags and attributes are all [`Name`]s (an
    /// unknown one, which the allowlist cannot produce, is unwrapped).
    pub fn safe(&mut self, nodes: &[SafeNode]) -> &mut Self {
        for node in nodes {
            match node {
                SafeNode::Text(text) => {
                    self.text(text);
                }
                SafeNode::Element(element) => match Name::of(element.tag) {
                    Some(tag) => {
                        self.open(tag);
                        // `src` last: an image starts loading when `src` is
                        // set, even detached, so `loading=lazy` must be there.
                        let (sources, others): (Vec<_>, Vec<_>) =
                            element.attrs.iter().partition(|(name, _)| *name == "src");
                        for (name, value) in others.into_iter().chain(sources) {
                            if let Some(name) = Name::of(name) {
                                self.attr(name, value);
                            }
                        }
                        self.safe(&element.children).close();
                    }
                    None => {
                        self.safe(&element.children);
                    }
                },
            }
        }
        self
    }

    /// Creates the described nodes at the end of `parent`, in one call, and
    /// returns the [`Batch::keep`] elements.
    pub fn build(self, parent: &Node) -> DomResult<Vec<Element>> {
        let Some(loader) = super::loader() else {
            return Err(JsValue::from_str("news-widget.js did not connect the wasm"));
        };
        let arguments = js_sys::Array::of5(
            parent,
            &js_sys::Uint32Array::from(self.ops.as_slice()),
            &js_sys::Uint32Array::from(self.lengths.as_slice()),
            &JsValue::from_str(&self.texts),
            &JsValue::from_str(NAMES),
        );
        let kept = loader.build.apply(&JsValue::NULL, &arguments)?;
        Ok(js_sys::Array::from(&kept)
            .iter()
            .filter_map(|node| node.dyn_into::<Element>().ok())
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::{Name, NAMES};
    use crate::sanitize::{ADDED_ATTRIBUTES, ALLOWED_TAGS, ATTRIBUTES};

    #[test]
    fn every_name_the_sanitizer_can_output_is_a_builder_name() {
        let attributes = ATTRIBUTES.iter().map(|rule| rule.name);
        let added = ADDED_ATTRIBUTES
            .iter()
            .flat_map(|(_, attrs)| attrs.iter().flat_map(|(name, value)| [*name, *value]));
        for name in ALLOWED_TAGS.iter().copied().chain(attributes).chain(added) {
            let found = Name::of(name).map(|n| NAMES.split('\n').nth(n as usize));
            assert_eq!(found, Some(Some(name)), "{name}");
        }
    }

    #[test]
    fn names_are_unique() {
        let names: Vec<&str> = NAMES.split('\n').filter(|n| !n.is_empty()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }
}
