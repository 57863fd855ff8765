//! Colours, type and legend text shared by the SVG renderer and the app.
//!
//! One hue per node kind from the Okabe–Ito colour-blind-safe palette;
//! vermillion is kept for what is wrong (single points of failure, failures).
//! State is never shown by hue alone: failed nodes carry a cross, dark nodes
//! are filled dark, single points of failure get a thick dashed ring and a
//! "!" badge, so a greyscale print still reads.

use crate::model::Kind;

/// The system UI font stack: no web fonts to fetch, in the app or in an SVG.
pub const FONT_STACK: &str =
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

/// Okabe–Ito hue of each kind.
pub fn kind_colour(kind: Kind) -> &'static str {
    match kind {
        Kind::Feature => "#0072B2",
        Kind::Service => "#009E73",
        Kind::Datastore => "#E69F00",
        Kind::Datacenter => "#CC79A7",
        Kind::Provider => "#56B4E9",
    }
}

/// A pale tint of the kind's hue for the fill of a node that is up.
pub fn kind_tint(kind: Kind) -> &'static str {
    match kind {
        Kind::Feature => "#E3EFF8",
        Kind::Service => "#E0F3EE",
        Kind::Datastore => "#FCF1DC",
        Kind::Datacenter => "#F8EAF2",
        Kind::Provider => "#E6F4FC",
    }
}

/// Vermillion: single points of failure and direct failures.
pub const ALERT: &str = "#D55E00";
pub const INK: &str = "#1F2328";
pub const MUTED_INK: &str = "#57606A";
pub const PAPER: &str = "#FFFFFF";
pub const WHITE: &str = "#FFFFFF";
/// A dark node is really dark, with its label still readable.
pub const DARK_FILL: &str = "#2D2F33";
pub const DARK_INK: &str = "#E6E6E6";
pub const EDGE: &str = "#8C959F";

/// The app's map in dark mode (exports and the report are always light).
/// A dark node is darker than the background (black), bounded by a light
/// grey outline and labelled in light grey; a node that is up keeps its
/// kind's coloured outline over a stronger tint of that colour and a white
/// label. So the two differ in fill, outline and label at once, and the
/// dark node's outline stands out from the background (checked in the
/// tests below with WCAG contrast ratios).
pub const NIGHT_BACKGROUND: &str = "#0F1115";
pub const NIGHT_INK: &str = "#E6EDF3";
pub const NIGHT_DOWN_FILL: &str = "#000000";
pub const NIGHT_DOWN_STROKE: &str = "#8B949E";
pub const NIGHT_DOWN_INK: &str = "#C9D1D9";
/// How much of the kind's colour tints a node that is up.
pub const NIGHT_TINT_OPACITY: f64 = 0.35;

/// Label font sizes in px (never below 11 at 100 % zoom).
pub const LABEL_SIZE: f64 = 13.0;
pub const SMALL_SIZE: f64 = 11.0;

/// The palette as CSS custom properties, so the app's stylesheet uses the
/// very colours the SVG renderer writes (defined once, here).
pub fn css_variables() -> String {
    let mut css = String::from(":root{");
    for kind in Kind::ALL {
        css.push_str(&format!(
            "--kind-{k}:{};--tint-{k}:{};",
            kind_colour(kind),
            kind_tint(kind),
            k = kind.as_str()
        ));
    }
    css.push_str(&format!(
        "--alert:{ALERT};--ink:{INK};--muted-ink:{MUTED_INK};--paper:{PAPER};--dark-fill:{DARK_FILL};--dark-ink:{DARK_INK};--edge:{EDGE};--font:{FONT_STACK};\
         --night-bg:{NIGHT_BACKGROUND};--night-ink:{NIGHT_INK};--night-down-fill:{NIGHT_DOWN_FILL};--night-down-stroke:{NIGHT_DOWN_STROKE};\
         --night-down-ink:{NIGHT_DOWN_INK};--night-tint-opacity:{NIGHT_TINT_OPACITY};}}"
    ));
    css
}

/// The WCAG 2 contrast ratio of two `#RRGGBB` colours (1 to 21).
pub fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn channels(colour: &str) -> [f64; 3] {
    let hex = colour.trim_start_matches('#');
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).map_or(0.0, f64::from);
    [channel(0), channel(2), channel(4)]
}

/// Relative luminance (WCAG 2).
fn luminance(colour: &str) -> f64 {
    let linear = |c: f64| {
        let c = c / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    let [r, g, b] = channels(colour);
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// `colour` at `opacity` over `background`, as `#RRGGBB`.
pub fn over(colour: &str, background: &str, opacity: f64) -> String {
    let (top, bottom) = (channels(colour), channels(background));
    let mixed: Vec<String> = (0..3).map(|i| format!("{:02X}", (top[i] * opacity + bottom[i] * (1.0 - opacity)).round() as u8)).collect();
    format!("#{}", mixed.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast("#000000", "#FFFFFF") - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#777777") - 1.0).abs() < 1e-9);
        // A published pair: #767676 on white is just above 4.5.
        assert!((contrast("#767676", "#FFFFFF") - 4.54).abs() < 0.01);
        assert_eq!(over("#0072B2", "#0F1115", 0.35), "#0A334C");
    }

    /// In dark mode a dark node stands out from the background (its outline,
    /// at least 3:1, the WCAG level for shapes) and from a node that is up
    /// (darker fill, grey outline instead of the kind's colour), and both
    /// labels read (at least 4.5:1). Light mode, for comparison, has the dark
    /// fill itself far from the background.
    #[test]
    fn dark_nodes_stand_out_in_both_themes() {
        assert!(contrast(NIGHT_DOWN_STROKE, NIGHT_BACKGROUND) >= 3.0);
        assert!(contrast(NIGHT_DOWN_INK, NIGHT_DOWN_FILL) >= 4.5);
        for kind in Kind::ALL {
            let up_fill = over(kind_colour(kind), NIGHT_BACKGROUND, NIGHT_TINT_OPACITY);
            assert!(contrast(NIGHT_DOWN_FILL, &up_fill) >= 1.5, "{kind:?}: the fills differ");
            assert!(contrast(NIGHT_INK, &up_fill) >= 4.5, "{kind:?}: the label of a node that is up reads");
            assert!(contrast(kind_colour(kind), NIGHT_BACKGROUND) >= 3.0, "{kind:?}: its outline shows");
            assert!(contrast(DARK_FILL, kind_tint(kind)) >= 7.0, "{kind:?}: light mode");
        }
        assert!(contrast(DARK_INK, DARK_FILL) >= 4.5);
    }
}
