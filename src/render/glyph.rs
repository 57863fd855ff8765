//! How one node is drawn, defined once: its outline by kind, the dashed
//! ring and "!" badge of a single point of failure, the requirement badge
//! ("any", "2 of 3"), the cross of a direct failure, and its label wrapped to
//! fit the box. The SVG export and the app's live map both draw a [`Glyph`],
//! each with its own styling (inline colours in the export, CSS classes in
//! the app), so they cannot drift apart. O(label length) per node.

use super::label::wrap_label;
use super::scene::{SceneNode, Tenths};
use super::theme::{LABEL_SIZE, SMALL_SIZE};
use crate::analysis::NodeState;
use crate::layout::{Point, NODE_HEIGHT, NODE_WIDTH};
use crate::model::Kind;
use crate::report::format_users;
use std::fmt::Write;

/// Label magnification in fifths: 5 is 100 %, the level of the SVG export.
/// Zoomed out, the map draws labels larger (in map units) so that they stay
/// readable on screen, and leaves out the small print.
pub const FULL_DETAIL: u8 = 5;

/// A rectangle, for rings and badges.
#[derive(Clone, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub radius: f64,
}

/// One line of text, anchored at its middle.
#[derive(Clone, Debug, PartialEq)]
pub struct TextLine {
    pub x: f64,
    /// Baseline.
    pub y: f64,
    pub text: String,
}

/// The label: one or more lines centred on the node.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelLines {
    pub x: f64,
    /// Baseline of the first line.
    pub y: f64,
    pub line_height: f64,
    pub font_size: f64,
    pub lines: Vec<String>,
}

/// The requirement badge on the top-left corner ("any", "2 of 3").
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub frame: Rect,
    pub text: TextLine,
}

/// The "!" disc on the top-right corner of a single point of failure.
#[derive(Clone, Debug, PartialEq)]
pub struct SpofBadge {
    pub centre: Point,
    pub radius: f64,
    pub text: TextLine,
}

/// Everything drawn for one node, in drawing order.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub spof_ring: Option<Rect>,
    /// SVG path data of the outline (see [`node_outline`]).
    pub outline: String,
    pub label: LabelLines,
    /// "47 M users" under the label of a feature (full detail only).
    pub users: Option<TextLine>,
    pub badge: Option<Badge>,
    /// SVG path data of the cross on a node that failed directly.
    pub failed_cross: Option<String>,
    pub spof_badge: Option<SpofBadge>,
}

/// Average advance of a bold system-font character, in ems: a little
/// under 0.6, so that a wrapped line rarely overflows the box.
const CHAR_WIDTH_EM: f64 = 0.56;

/// The glyph of `node` at `label_zoom` (see [`FULL_DETAIL`]).
pub fn glyph(node: &SceneNode, label_zoom: u8) -> Glyph {
    let Point { x, y } = node.centre;
    let (left, top) = (x - NODE_WIDTH / 2.0, y - NODE_HEIGHT / 2.0);
    let magnification = f64::from(label_zoom.max(1)) / f64::from(FULL_DETAIL);
    let detailed = magnification <= 1.0;
    let font_size = LABEL_SIZE * magnification;
    let show_users = detailed && node.users > 0;
    let per_line = ((NODE_WIDTH - 14.0) / (font_size * CHAR_WIDTH_EM)).floor().max(4.0) as usize;
    let max_lines = if font_size * 2.2 <= NODE_HEIGHT + 2.0 { 2 } else { 1 };
    let lines = wrap_label(&node.label, per_line, max_lines);
    let line_height = font_size * 1.1;
    let users_height = if show_users { SMALL_SIZE + 2.0 } else { 0.0 };
    let block = lines.len().max(1) as f64 * line_height + users_height;
    let block_top = y - block / 2.0;
    let first_baseline = block_top + font_size * 0.85;
    let users = show_users.then(|| TextLine {
        x,
        y: block_top + lines.len() as f64 * line_height + SMALL_SIZE * 0.85 + 2.0,
        text: format!("{} users", format_users(node.users)),
    });
    let badge = node.badge.as_ref().filter(|_| detailed).map(|text| {
        let width = 8.0 + 6.5 * text.chars().count() as f64;
        let frame = Rect { x: left + 6.0, y: top - 9.0, width, height: 16.0, radius: 8.0 };
        Badge {
            text: TextLine { x: frame.x + width / 2.0, y: frame.y + 12.0, text: text.clone() },
            frame,
        }
    });
    let failed_cross = (node.state == NodeState::Failed).then(|| cross(x + NODE_WIDTH / 2.0 - 12.0, top + 11.0));
    let spof_badge = node.spof.then(|| SpofBadge {
        centre: Point { x: left + NODE_WIDTH, y: top },
        radius: 9.0,
        text: TextLine { x: left + NODE_WIDTH, y: top + 4.0, text: "!".to_owned() },
    });
    Glyph {
        spof_ring: node.spof.then_some(Rect {
            x: left - 5.0,
            y: top - 5.0,
            width: NODE_WIDTH + 10.0,
            height: NODE_HEIGHT + 10.0,
            radius: 12.0,
        }),
        outline: node_outline(node.kind, node.centre),
        label: LabelLines { x, y: first_baseline, line_height, font_size, lines },
        users,
        badge,
        failed_cross,
        spof_badge,
    }
}

/// Full label, kind and state: the hover text and accessible name of a node.
pub fn hover_text(node: &SceneNode) -> String {
    let mut text = format!("{} ({})", node.label, node.kind.display_name());
    if node.users > 0 {
        let _ = write!(text, ", {} users", format_users(node.users));
    }
    match node.state {
        NodeState::Up => {}
        NodeState::Down => text.push_str(", down"),
        NodeState::Failed => text.push_str(", failed"),
    }
    if node.spof {
        text.push_str(", single point of failure");
    }
    text
}

/// Two strokes crossing at (cx, cy), 10 units wide.
fn cross(cx: f64, cy: f64) -> String {
    use Tenths as T;
    format!(
        "M{} {}L{} {}M{} {}L{} {}",
        T(cx - 5.0), T(cy - 5.0), T(cx + 5.0), T(cy + 5.0), T(cx + 5.0), T(cy - 5.0), T(cx - 5.0), T(cy + 5.0)
    )
}

/// The outline of a node of `kind` centred on `centre`, as SVG path data:
/// features are pills, services rounded boxes, data stores cylinders, data
/// centres square buildings and providers chamfered plates, so kind reads
/// from shape as well as colour.
pub fn node_outline(kind: Kind, centre: Point) -> String {
    use Tenths as T;
    let (w, h) = (NODE_WIDTH, NODE_HEIGHT);
    let (l, t) = (centre.x - w / 2.0, centre.y - h / 2.0);
    let (r, b) = (l + w, t + h);
    let rounded = |c: f64| {
        format!(
            "M{} {}H{}A{c} {c} 0 0 1 {} {}V{}A{c} {c} 0 0 1 {} {}H{}A{c} {c} 0 0 1 {} {}V{}A{c} {c} 0 0 1 {} {}Z",
            T(l + c), T(t), T(r - c), T(r), T(t + c), T(b - c), T(r - c), T(b), T(l + c), T(l), T(b - c), T(t + c), T(l + c), T(t)
        )
    };
    match kind {
        Kind::Feature => rounded(h / 2.0),
        Kind::Service => rounded(8.0),
        Kind::Datastore => {
            let (ry, rx) = (6.0, w / 2.0);
            format!(
                "M{} {}A{rx} {ry} 0 0 1 {} {}V{}A{rx} {ry} 0 0 1 {} {}Z M{} {}A{rx} {ry} 0 0 0 {} {}",
                T(l), T(t + ry), T(r), T(t + ry), T(b - ry), T(l), T(b - ry), T(l), T(t + ry), T(r), T(t + ry)
            )
        }
        Kind::Datacenter => format!("M{} {}H{}V{}H{}Z", T(l), T(t), T(r), T(b), T(l)),
        Kind::Provider => {
            let c = 10.0;
            format!(
                "M{} {}H{}L{} {}V{}L{} {}H{}L{} {}V{}Z",
                T(l + c), T(t), T(r - c), T(r), T(t + c), T(b - c), T(r - c), T(b), T(l + c), T(l), T(b - c), T(t + c)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeId;

    fn node(label: &str, users: u64, state: NodeState, spof: bool) -> SceneNode {
        SceneNode {
            index: 0,
            id: NodeId::from("n"),
            label: label.to_owned(),
            kind: Kind::Feature,
            state,
            spof,
            badge: Some("2 of 3".to_owned()),
            users,
            centre: Point { x: 100.0, y: 100.0 },
        }
    }

    #[test]
    fn every_kind_has_a_closed_outline() {
        for kind in Kind::ALL {
            let d = node_outline(kind, Point { x: 0.0, y: 0.0 });
            assert!(d.starts_with('M') && d.contains('Z'), "{kind}: {d}");
        }
    }

    #[test]
    fn long_labels_wrap_instead_of_being_cut() {
        let g = glyph(&node("KakaoTalk messaging", 47_000_000, NodeState::Up, false), FULL_DETAIL);
        assert_eq!(g.label.lines, ["KakaoTalk", "messaging"]);
        assert_eq!(g.users.as_ref().map(|u| u.text.as_str()), Some("47 M users"));
        // Every line of text stays inside the box.
        let bottom = g.users.as_ref().unwrap().y;
        assert!(g.label.y - g.label.font_size > 100.0 - NODE_HEIGHT / 2.0, "{g:?}");
        assert!(bottom < 100.0 + NODE_HEIGHT / 2.0, "{g:?}");
        let short = glyph(&node("Kakao Pay", 0, NodeState::Up, false), FULL_DETAIL);
        assert_eq!(short.label.lines, ["Kakao Pay"]);
        assert!((short.label.y - 104.0).abs() < 1.0, "one line sits on the middle: {}", short.label.y);
    }

    #[test]
    fn marks_follow_state_and_detail() {
        let failed = glyph(&node("A", 5, NodeState::Failed, true), FULL_DETAIL);
        assert!(failed.failed_cross.is_some() && failed.spof_ring.is_some() && failed.spof_badge.is_some());
        assert!(failed.badge.is_some());
        let far = glyph(&node("A", 5, NodeState::Down, false), 13);
        assert!(far.failed_cross.is_none() && far.badge.is_none() && far.users.is_none(), "zoomed out: label only");
        assert!(far.label.font_size > LABEL_SIZE * 2.0);
    }

    #[test]
    fn hover_text_says_everything() {
        assert_eq!(hover_text(&node("Pay", 1_500_000, NodeState::Failed, true)), "Pay (Feature), 1.5 M users, failed, single point of failure");
    }
}
