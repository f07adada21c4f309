//! Theme and colours: the classes and custom properties the `data-*`
//! attributes set (SPEC §6), and the contrast check of a custom accent.

use super::console::warn;
use super::dom::DomResult;
use super::widget::Widget;
use crate::config::{self, Config};
use crate::contrast;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Custom properties the `data-*` attributes set on the host (SPEC §6).
pub(super) const HOST_PROPERTIES: [&str; 3] = ["--nw-accent", "--nw-font", "--nw-radius"];
/// Text colour on accent surfaces, chosen for a custom accent.
pub(super) const ON_ACCENT: &str = "--nw-on-accent";

impl Widget {
    /// Theme classes and custom properties; the skeleton while loading.
    pub(super) fn apply_config(&self, config: Config) -> DomResult {
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
    pub(super) fn check_accent(&self, accent: &str, theme: config::Theme) {
        let Some(window) = web_sys::window() else {
            return;
        };
        // The browser resolves any CSS colour syntax to rgb().
        let Some(probe) = self
            .dom
            .el("span")
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
}
