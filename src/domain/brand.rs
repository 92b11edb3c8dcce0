//! The agency's brand colour, made safe to read.
//!
//! `agency.brand_color` becomes the portal's accent: the background of its
//! main buttons and of the current page in the navigation. Whatever colour
//! an agency picks, text on it must stay readable (WCAG 2.2 AA: 4.5:1), so
//! the text colour is chosen here, and the colour used for links and lines
//! on the portal's light and dark surfaces is darkened or lightened until it
//! reaches 4.5:1 too.

/// A colour as 8-bit sRGB channels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

include!(concat!(env!("OUT_DIR"), "/srgb.rs"));

/// The portal's own surfaces, which brand-derived text must stand on.
pub const LIGHT_SURFACE: Rgb = Rgb(0xff, 0xff, 0xff);
pub const LIGHT_PAGE: Rgb = Rgb(0xf4, 0xf6, 0xf8);
pub const DARK_SURFACE: Rgb = Rgb(0x23, 0x2c, 0x38);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const INK: Rgb = Rgb(0x11, 0x16, 0x1d);
/// WCAG 2.2 AA for normal text.
pub const AA: f64 = 4.5;

impl Rgb {
    /// `#rgb` or `#rrggbb` (the `#` optional, any case).
    pub fn parse(s: &str) -> Option<Rgb> {
        let h = s.trim();
        let h = h.strip_prefix('#').unwrap_or(h);
        let digit = |i: usize| {
            char::from(*h.as_bytes().get(i)?)
                .to_digit(16)
                .map(|d| d as u8)
        };
        match h.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Rgb(
                digit(0)? * 16 + digit(1)?,
                digit(2)? * 16 + digit(3)?,
                digit(4)? * 16 + digit(5)?,
            )),
            _ => None,
        }
    }

    /// `#rrggbb`.
    pub fn hex(self) -> String {
        const D: &[u8; 16] = b"0123456789abcdef";
        let mut s = String::from("#");
        for c in [self.0, self.1, self.2] {
            s.push(char::from(D[usize::from(c >> 4)]));
            s.push(char::from(D[usize::from(c & 15)]));
        }
        s
    }

    /// Relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let l = |c: u8| f64::from(LINEAR[usize::from(c)]) / 65535.0;
        0.2126 * l(self.0) + 0.7152 * l(self.1) + 0.0722 * l(self.2)
    }

    /// `t` of the way (0..=255) from `self` to `to`.
    fn towards(self, to: Rgb, t: u16) -> Rgb {
        let mix = |a: u8, b: u8| {
            let (a, b) = (u16::from(a), u16::from(b));
            ((a * (255 - t) + b * t + 127) / 255) as u8
        };
        Rgb(mix(self.0, to.0), mix(self.1, to.1), mix(self.2, to.2))
    }
}

/// The contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (x, y) = (a.luminance(), b.luminance());
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    (hi + 0.05) / (lo + 0.05)
}

/// The text colour for a background: white where it reads at 4.5:1, else
/// the portal's near-black ink, else black (white or black always reads:
/// the worse of the two is still 4.58:1).
pub fn text_on(background: Rgb) -> Rgb {
    [WHITE, INK]
        .into_iter()
        .find(|c| contrast(*c, background) >= AA)
        .unwrap_or(Rgb(0, 0, 0))
}

/// `colour` itself if it reads on every one of `surfaces`, else the nearest
/// mix of it towards `end` (black for light surfaces, white for dark) that
/// does.
pub fn readable(colour: Rgb, surfaces: &[Rgb], end: Rgb) -> Rgb {
    (0..=255)
        .step_by(5)
        .map(|t| colour.towards(end, t))
        .find(|c| surfaces.iter().all(|s| contrast(*c, *s) >= AA))
        .unwrap_or(end)
}

/// Everything the stylesheet needs from one brand colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Brand {
    /// Button and current-page background.
    pub accent: Rgb,
    /// Text on `accent`.
    pub accent_text: Rgb,
    /// Links and lines on the light theme's surfaces.
    pub link_light: Rgb,
    /// Links and lines on the dark theme's surfaces.
    pub link_dark: Rgb,
}

impl Brand {
    /// The brand of a feed's `brand_color`; `None` when it is not a colour
    /// (then the portal keeps its own).
    pub fn from_color(raw: &str) -> Option<Brand> {
        let accent = Rgb::parse(raw)?;
        Some(Brand {
            accent,
            accent_text: text_on(accent),
            link_light: readable(accent, &[LIGHT_SURFACE, LIGHT_PAGE], Rgb(0, 0, 0)),
            link_dark: readable(accent, &[DARK_SURFACE], WHITE),
        })
    }

    /// Custom properties for the shadow root's host; the host page's own
    /// `--cp-*` settings still win over these (see README, "Branding").
    pub fn css(&self) -> String {
        let mut s = String::from(":host{--cp-brand:");
        s.push_str(&self.accent.hex());
        s.push_str(";--cp-brand-text:");
        s.push_str(&self.accent_text.hex());
        s.push_str(";--cp-brand-link:");
        s.push_str(&self.link_light.hex());
        s.push_str(";--cp-brand-link-dark:");
        s.push_str(&self.link_dark.hex());
        s.push('}');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_long_hex() {
        assert_eq!(Rgb::parse("#2f5D8a"), Some(Rgb(0x2f, 0x5d, 0x8a)));
        assert_eq!(Rgb::parse("fc0"), Some(Rgb(0xff, 0xcc, 0x00)));
        assert_eq!(Rgb::parse(" #FFF "), Some(Rgb(255, 255, 255)));
        for bad in [
            "", "#", "#12", "#12345", "#gggggg", "red", "#1234567", "#ééé",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb(0x2f, 0x5d, 0x8a).hex(), "#2f5d8a");
    }

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!((contrast(Rgb(0, 0, 0), Rgb(255, 255, 255)) - 21.0).abs() < 0.01);
        assert!((contrast(Rgb(1, 2, 3), Rgb(1, 2, 3)) - 1.0).abs() < 1e-9);
        // #777 on white is the classic near miss: 4.48:1.
        let grey = contrast(Rgb(0x77, 0x77, 0x77), WHITE);
        assert!((grey - 4.48).abs() < 0.01, "{grey}");
    }

    #[test]
    fn text_on_any_brand_colour_reads_at_aa() {
        // Every 6th step of every channel: 43³ colours.
        for r in (0..=255).step_by(6) {
            for g in (0..=255).step_by(6) {
                for b in (0..=255).step_by(6) {
                    let bg = Rgb(r, g, b);
                    let c = contrast(text_on(bg), bg);
                    assert!(c >= AA, "{} gives {c}", bg.hex());
                }
            }
        }
    }

    #[test]
    fn a_pale_brand_gets_dark_text_and_darkened_links() {
        let b = Brand::from_color("#ffd84d").unwrap(); // a sunny yellow
        assert_eq!(b.accent_text, INK);
        assert!(contrast(b.link_light, LIGHT_SURFACE) >= AA);
        assert!(contrast(b.link_light, LIGHT_PAGE) >= AA);
        assert!(contrast(b.link_dark, DARK_SURFACE) >= AA);
        // A dark brand keeps white text and is already a readable link.
        let navy = Brand::from_color("#1f2a5c").unwrap();
        assert_eq!((navy.accent_text, navy.link_light), (WHITE, navy.accent));
        assert!(contrast(navy.link_dark, DARK_SURFACE) >= AA);
        assert_ne!(navy.link_dark, navy.accent);
    }

    #[test]
    fn links_stay_as_close_to_the_brand_as_they_can() {
        let b = Brand::from_color("#4a90e2").unwrap();
        let light = b.link_light;
        assert!(contrast(light, LIGHT_PAGE) >= AA);
        // One step less dark would not be enough.
        let mut step_back = None;
        for t in (0..=255).step_by(5) {
            if b.accent.towards(Rgb(0, 0, 0), t) == light {
                step_back = Some(b.accent.towards(Rgb(0, 0, 0), t.saturating_sub(5)));
            }
        }
        let prev = step_back.expect("the link is a mix of the brand");
        assert!(contrast(prev, LIGHT_PAGE) < AA || prev == light);
    }

    #[test]
    fn css_sets_the_four_brand_properties() {
        let b = Brand::from_color("#ffffff").unwrap();
        assert_eq!(
            b.css(),
            ":host{--cp-brand:#ffffff;--cp-brand-text:#11161d;--cp-brand-link:#6e6e6e;--cp-brand-link-dark:#ffffff}"
        );
        assert_eq!(Brand::from_color("brand blue"), None);
    }
}
