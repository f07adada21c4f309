//! The modal dialog's behaviour: focus kept inside it, and the host page's
//! scrolling locked behind it (and given back on close or `destroy`).

use super::widget::Widget;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};

impl Widget {
    /// Keeps Tab inside an open modal dialog.
    pub(super) fn trap_focus(&self, key: &KeyboardEvent) {
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

    pub(super) fn unlock_scroll(&self) {
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
}
