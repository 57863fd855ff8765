//! A self-contained SVG snapshot: styles inline, system fonts, no external
//! references, every piece of user text escaped.

use super::escape::escape_xml;
use super::glyph::{glyph, hover_text, FULL_DETAIL};
use super::scene::{scene, Scene, SceneNode, Tenths as T};
use super::theme::*;
use crate::analysis::{simulate, single_points_of_failure, NodeState};
use crate::layout::layout_document;
use crate::model::{Document, Graph, Kind, NodeIndex};
use crate::report::summary_line;
use std::fmt::Write;

/// Room above the map for the title and the summary line.
const HEADER: f64 = 64.0;
/// Room below the map for the legend.
const FOOTER: f64 = 56.0;

/// Lays out, analyses and draws `document` with `failed` nodes failed.
pub fn svg_snapshot(document: &Document, graph: &Graph, failed: &[NodeIndex]) -> String {
    let outcome = simulate(graph, failed);
    let spofs = single_points_of_failure(graph);
    let layout = layout_document(document, graph);
    let drawn = scene(document, graph, &layout, &outcome, &spofs);
    svg_document(&document.title, &summary_line(graph, &outcome), &drawn)
}

/// Draws a scene with a title, a summary line and a legend.
pub fn svg_document(title: &str, summary: &str, scene: &Scene) -> String {
    let width = scene.width.max(640.0);
    let height = scene.height + HEADER + FOOTER;
    let mut out = String::with_capacity(512 + scene.nodes.len() * 900 + scene.edges.len() * 160);
    let title = if title.is_empty() { "Untitled graph" } else { title };
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{font}" role="img" aria-label="{label}">"#,
        font = escape_xml(FONT_STACK),
        label = escape_xml(&format!("{title}: {summary}")),
    );
    let _ = write!(
        out,
        r#"<title>{}</title><defs><pattern id="bo-failed" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="{DARK_FILL}"/><line x1="0" y1="0" x2="0" y2="8" stroke="{ALERT}" stroke-width="3"/></pattern><marker id="bo-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L8 4L0 8Z" fill="{EDGE}"/></marker></defs>"#,
        escape_xml(title)
    );
    let _ = write!(out, r#"<rect width="100%" height="100%" fill="{PAPER}"/>"#);
    let _ = write!(
        out,
        r#"<text x="24" y="30" font-size="18" font-weight="600" fill="{INK}">{}</text><text x="24" y="52" font-size="{LABEL_SIZE}" fill="{MUTED_INK}" data-testid="summary">{}</text>"#,
        escape_xml(title),
        escape_xml(summary)
    );
    let _ = write!(out, r#"<g transform="translate(0 {HEADER})">"#);
    for edge in &scene.edges {
        let (stroke, dash) = if edge.broken { (ALERT, r#" stroke-dasharray="5 4""#) } else { (EDGE, "") };
        let _ = write!(
            out,
            r#"<path d="{}" fill="none" stroke="{stroke}" stroke-width="1.4"{dash} marker-end="url(#bo-arrow)" opacity="0.8"/>"#,
            scene.path_of(edge)
        );
    }
    for node in &scene.nodes {
        write_node(&mut out, node);
    }
    out.push_str("</g>");
    write_legend(&mut out, scene.height + HEADER + 16.0);
    out.push_str("</svg>\n");
    out
}

fn write_node(out: &mut String, node: &SceneNode) {
    let (fill, ink, stroke) = match node.state {
        NodeState::Up => (kind_tint(node.kind), INK, kind_colour(node.kind)),
        NodeState::Down => (DARK_FILL, DARK_INK, kind_colour(node.kind)),
        NodeState::Failed => ("url(#bo-failed)", WHITE, ALERT),
    };
    let drawn = glyph(node, FULL_DETAIL);
    let _ = write!(
        out,
        r#"<g data-node-id="{}" data-state="{}"{}><title>{}</title>"#,
        escape_xml(node.id.as_str()),
        node.state.as_str(),
        if node.spof { r#" data-spof="true""# } else { "" },
        escape_xml(&hover_text(node)),
    );
    if let Some(ring) = &drawn.spof_ring {
        // A thick dashed ring outside the outline survives greyscale printing.
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="none" stroke="{ALERT}" stroke-width="3" stroke-dasharray="7 4"/>"#,
            T(ring.x), T(ring.y), T(ring.width), T(ring.height), T(ring.radius)
        );
    }
    let _ = write!(out, r#"<path d="{}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"#, drawn.outline);
    let label = &drawn.label;
    let _ = write!(
        out,
        r#"<text x="{}" y="{}" text-anchor="middle" font-size="{}" font-weight="600" fill="{ink}">"#,
        T(label.x), T(label.y), T(label.font_size)
    );
    for (i, line) in label.lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { label.line_height };
        let _ = write!(out, r#"<tspan x="{}" dy="{}">{}</tspan>"#, T(label.x), T(dy), escape_xml(line));
    }
    out.push_str("</text>");
    if let Some(users) = &drawn.users {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="middle" font-size="{SMALL_SIZE}" fill="{ink}">{}</text>"#,
            T(users.x), T(users.y), escape_xml(&users.text)
        );
    }
    if let Some(badge) = &drawn.badge {
        let frame = &badge.frame;
        let _ = write!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{PAPER}" stroke="{}" stroke-width="1.2"/><text x="{}" y="{}" text-anchor="middle" font-size="{SMALL_SIZE}" fill="{INK}">{}</text>"#,
            T(frame.x), T(frame.y), T(frame.width), T(frame.height), T(frame.radius),
            kind_colour(node.kind),
            T(badge.text.x), T(badge.text.y),
            escape_xml(&badge.text.text)
        );
    }
    if let Some(cross) = &drawn.failed_cross {
        // A cross in the corner marks a direct failure without relying on colour.
        let _ = write!(out, r#"<path d="{cross}" stroke="{WHITE}" stroke-width="2.5" stroke-linecap="round"/>"#);
    }
    if let Some(badge) = &drawn.spof_badge {
        let _ = write!(
            out,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{ALERT}" stroke="{PAPER}" stroke-width="1.5"/><text x="{}" y="{}" text-anchor="middle" font-size="{SMALL_SIZE}" font-weight="700" fill="{WHITE}">{}</text>"#,
            T(badge.centre.x), T(badge.centre.y), T(badge.radius), T(badge.text.x), T(badge.text.y), badge.text.text
        );
    }
    out.push_str("</g>");
}

fn write_legend(out: &mut String, top: f64) {
    let mut x = 24.0;
    for kind in Kind::ALL {
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="{top:.1}" width="14" height="14" rx="3" fill="{}" stroke="{}" stroke-width="2"/><text x="{:.1}" y="{:.1}" font-size="{SMALL_SIZE}" fill="{INK}">{}</text>"#,
            kind_tint(kind),
            kind_colour(kind),
            x + 20.0,
            top + 11.5,
            kind.display_name()
        );
        x += 28.0 + 7.0 * kind.display_name().len() as f64;
    }
    let _ = write!(
        out,
        r#"<rect x="{x:.1}" y="{top:.1}" width="14" height="14" fill="{DARK_FILL}"/><text x="{:.1}" y="{:.1}" font-size="{SMALL_SIZE}" fill="{INK}">Down</text>"#,
        x + 20.0,
        top + 11.5
    );
    x += 64.0;
    let _ = write!(
        out,
        r#"<rect x="{x:.1}" y="{top:.1}" width="14" height="14" fill="url(#bo-failed)"/><text x="{:.1}" y="{:.1}" font-size="{SMALL_SIZE}" fill="{INK}">Failed</text>"#,
        x + 20.0,
        top + 11.5
    );
    x += 68.0;
    let _ = write!(
        out,
        r#"<rect x="{x:.1}" y="{top:.1}" width="14" height="14" rx="3" fill="none" stroke="{ALERT}" stroke-width="2.5" stroke-dasharray="4 2"/><text x="{:.1}" y="{:.1}" font-size="{SMALL_SIZE}" fill="{INK}">Single point of failure</text>"#,
        x + 20.0,
        top + 11.5
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::parse;

    fn render(text: &str, failed: &[&str]) -> String {
        let doc = parse(text).unwrap();
        let graph = Graph::build(&doc).unwrap();
        let failed: Vec<NodeIndex> = failed.iter().map(|id| graph.index_of(&(*id).into()).unwrap()).collect();
        svg_snapshot(&doc, &graph, &failed)
    }

    const HOSTILE: &str = r#"{"version": 1, "title": "</title><script>alert(1)</script>", "nodes": [
        {"id": "x\"><img src=x onerror=alert(1)>", "label": "<script>alert(1)</script>", "kind": "feature", "users": 5, "depends_on": ["dc"]},
        {"id": "dc", "label": "A & B 'quoted'", "kind": "datacenter"}
    ]}"#;

    #[test]
    fn escapes_every_piece_of_user_text() {
        let svg = render(HOSTILE, &["dc"]);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<img"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("A &amp; B &#39;quoted&#39;"));
        assert!(svg.contains(r#"data-node-id="x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;""#));
    }

    #[test]
    fn marks_state_and_single_points_of_failure() {
        let svg = render(HOSTILE, &["dc"]);
        assert!(svg.contains(r#"data-node-id="dc" data-state="failed" data-spof="true""#), "{svg}");
        assert!(svg.contains(r#"data-state="down""#));
        assert!(svg.contains("1 of 1 feature dark · 5 people"));
        assert!(!svg.contains("href=\"http"), "no external references");
    }

    #[test]
    fn labels_xml_cannot_carry_still_give_a_readable_picture() {
        let text = r#"{"version": 1, "title": "t\uFFFF", "nodes": [{"id": "a\u0001", "label": "bad \uFFFE \uFFFF \u0007", "kind": "feature", "users": 3}]}"#;
        let svg = render(text, &[]);
        let parsed = roxmltree::Document::parse(&svg).expect("the SVG parses");
        assert!(parsed.descendants().any(|n| n.text() == Some("bad \u{FFFD} \u{FFFD} \u{FFFD}")), "{svg}");
    }

    #[test]
    fn the_export_wraps_labels_like_the_map() {
        let svg = render(include_str!("../../assets/examples/kakao-2022.json"), &[]);
        assert!(!svg.contains("messagi…"), "KakaoTalk messaging is wrapped, not cut");
        assert!(svg.contains(">KakaoTalk</tspan>") && svg.contains(">messaging</tspan>"), "{svg}");
        roxmltree::Document::parse(&svg).expect("the Kakao SVG parses");
    }
}
