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
        "--alert:{ALERT};--ink:{INK};--muted-ink:{MUTED_INK};--paper:{PAPER};--dark-fill:{DARK_FILL};--dark-ink:{DARK_INK};--edge:{EDGE};--font:{FONT_STACK};}}"
    ));
    css
}
