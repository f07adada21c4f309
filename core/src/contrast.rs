//! WCAG 2 contrast between colours, so a webmaster hears about an accent
//! colour readers cannot read, and accent surfaces get a readable text colour.
//!
//! The shell asks the browser for the computed colour (any CSS colour syntax
//! becomes `rgb(r, g, b)`), and passes `Math.pow`: with it no float library
//! code lands in the wasm.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// Backgrounds of the light and dark themes (see widget.css).
pub const LIGHT_BACKGROUND: Rgb = Rgb(0xff, 0xff, 0xff);
/// The dark theme's background (`--nw-bg`).
pub const DARK_BACKGROUND: Rgb = Rgb(0x15, 0x18, 0x1d);
/// WCAG AA for normal text.
pub const AA: f64 = 4.5;

/// Parses a computed colour: `rgb(r, g, b)` or `rgba(r, g, b, a)` (alpha ignored), or `#rrggbb`.
pub fn parse_computed(text: &str) -> Option<Rgb> {
    let text = text.trim();
    if let Some(hex) = text.strip_prefix('#').filter(|h| h.len() == 6) {
        let channel = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|c| u8::from_str_radix(c, 16).ok())
        };
        return Some(Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    let inner = text
        .strip_prefix("rgba(")
        .or_else(|| text.strip_prefix("rgb("))?
        .strip_suffix(')')?;
    let mut parts = inner.split([',', ' ', '/']).filter(|p| !p.is_empty());
    let mut channel = || -> Option<u8> {
        let part = parts.next()?;
        let whole = part.split('.').next()?;
        whole
            .parse::<u16>()
            .ok()
            .map(|v| u8::try_from(v.min(255)).unwrap_or(255))
    };
    Some(Rgb(channel()?, channel()?, channel()?))
}

/// WCAG relative luminance; `pow` is `f64::powf` natively and `Math.pow` in the browser.
fn luminance(color: Rgb, pow: &dyn Fn(f64, f64) -> f64) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            pow((c + 0.055) / 1.055, 2.4)
        }
    };
    0.2126 * linear(color.0) + 0.7152 * linear(color.1) + 0.0722 * linear(color.2)
}

/// The contrast ratio of two colours, from 1 to 21.
pub fn ratio(a: Rgb, b: Rgb, pow: &dyn Fn(f64, f64) -> f64) -> f64 {
    let (la, lb) = (luminance(a, pow), luminance(b, pow));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// Black or white, whichever reads better on `background`.
pub fn readable_text_on(background: Rgb, pow: &dyn Fn(f64, f64) -> f64) -> &'static str {
    let black = Rgb(0, 0, 0);
    let white = Rgb(255, 255, 255);
    if ratio(black, background, pow) >= ratio(white, background, pow) {
        "#000000"
    } else {
        "#ffffff"
    }
}

/// A ratio as text with one decimal ("2.1:1"), without float formatting code.
pub fn ratio_text(ratio: f64) -> String {
    let tenths = (ratio * 10.0) as u32;
    format!("{}.{}:1", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pow(base: f64, exponent: f64) -> f64 {
        base.powf(exponent)
    }

    #[test]
    fn reads_computed_colours() {
        assert_eq!(parse_computed("rgb(10, 88, 168)"), Some(Rgb(10, 88, 168)));
        assert_eq!(parse_computed("rgba(255, 0, 0, 0.5)"), Some(Rgb(255, 0, 0)));
        assert_eq!(parse_computed("rgb(1 2 3 / 50%)"), Some(Rgb(1, 2, 3)));
        assert_eq!(parse_computed("#0A58a8"), Some(Rgb(10, 88, 168)));
        assert_eq!(parse_computed("rgb(300, 12.7, 0)"), Some(Rgb(255, 12, 0)));
        assert_eq!(parse_computed("color(srgb 1 0 0)"), None);
        assert_eq!(parse_computed("rgb(1, 2)"), None);
    }

    #[test]
    fn known_ratios() {
        let black = Rgb(0, 0, 0);
        assert_eq!(ratio_text(ratio(black, LIGHT_BACKGROUND, &pow)), "21.0:1");
        assert_eq!(
            ratio_text(ratio(LIGHT_BACKGROUND, LIGHT_BACKGROUND, &pow)),
            "1.0:1"
        );
        // #777 on white is the classic just-below-AA grey (4.48:1).
        assert!(ratio(Rgb(0x77, 0x77, 0x77), LIGHT_BACKGROUND, &pow) < AA);
        assert!(ratio(Rgb(0x76, 0x76, 0x76), LIGHT_BACKGROUND, &pow) >= AA);
    }

    #[test]
    fn the_theme_accents_pass_aa_on_their_backgrounds() {
        assert!(ratio(Rgb(0x0a, 0x58, 0xa8), LIGHT_BACKGROUND, &pow) >= AA);
        assert!(ratio(Rgb(0x7c, 0xb8, 0xff), DARK_BACKGROUND, &pow) >= AA);
    }

    #[test]
    fn text_on_accent_surfaces_is_black_or_white_whichever_reads() {
        assert_eq!(readable_text_on(Rgb(0x0a, 0x58, 0xa8), &pow), "#ffffff");
        assert_eq!(readable_text_on(Rgb(0xff, 0xd7, 0x00), &pow), "#000000");
    }
}
