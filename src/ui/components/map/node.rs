//! One node on the map: the core's glyph (the same drawing as the SVG
//! export), styled by CSS classes, focusable and announced.

use crate::analysis::NodeState;
use crate::editor::DiffMark;
use crate::layout::{handle_centre, HANDLE_RADIUS, NODE_HEIGHT, NODE_WIDTH};
use crate::model::NodeId;
use crate::render::{glyph, hover_text, SceneNode, Tenths};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MapNodeProps {
    pub node: SceneNode,
    pub label_zoom: u8,
    pub lit: bool,
    pub dimmed: bool,
    pub selected: bool,
    /// What a previewed fix does to this node ("changes", "protects").
    pub mark: Option<&'static str>,
    /// Show the connect handle (edit mode, selected).
    pub handle: bool,
    /// While comparing: added or changed since the version compared with.
    pub diff: Option<DiffMark>,
    /// Enter, Space or assistive technology: (node, shift held).
    pub on_activate: Callback<(NodeId, bool)>,
}

fn t(value: f64) -> String {
    Tenths(value).to_string()
}

#[function_component(MapNode)]
pub fn map_node(props: &MapNodeProps) -> Html {
    let node = &props.node;
    let drawn = glyph(node, props.label_zoom);
    // Pointer clicks reach the editor as pointer input on the map; a click
    // without a pointer (detail 0: assistive technology) and the keyboard
    // activate the node here.
    let onclick = {
        let on_activate = props.on_activate.clone();
        let id = node.id.clone();
        Callback::from(move |event: MouseEvent| {
            if event.detail() == 0 {
                on_activate.emit((id.clone(), event.shift_key()));
            }
        })
    };
    let onkeydown = {
        let on_activate = props.on_activate.clone();
        let id = node.id.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                event.stop_propagation();
                on_activate.emit((id.clone(), event.shift_key()));
            }
        })
    };
    let title = hover_text(node);
    let label = &drawn.label;
    let handle = handle_centre(node.centre);
    html! {
        <g class={classes!(
                "node",
                format!("kind-{}", node.kind.as_str()),
                format!("state-{}", node.state.as_str()),
                node.spof.then_some("spof"),
                props.lit.then_some("lit"),
                props.dimmed.then_some("dimmed"),
                props.selected.then_some("selected"),
                props.mark.map(|mark| format!("preview-{mark}")),
                props.diff.map(|mark| format!("diff-{}", mark.as_str())))}
            data-diff={props.diff.map(DiffMark::as_str)}
            data-node-id={node.id.as_str().to_owned()}
            data-state={node.state.as_str()}
            data-spof={node.spof.then_some("true")}
            data-selected={props.selected.then_some("true")}
            data-preview={props.mark}
            tabindex="0" role="button" aria-label={title.clone()}
            {onclick} {onkeydown}>
            <title>{ match props.diff {
                Some(mark) => format!("{title}, {} since the version compared with", mark.as_str()),
                None => title.clone(),
            } }</title>
            if let Some(mark) = props.diff {
                { diff_marker(node.centre, mark, props.label_zoom) }
            }
            if let Some(ring) = &drawn.spof_ring {
                <rect class="spof-ring" x={t(ring.x)} y={t(ring.y)} width={t(ring.width)} height={t(ring.height)} rx={t(ring.radius)} />
            }
            <path class="outline" d={drawn.outline.clone()} />
            <text class="label" x={t(label.x)} y={t(label.y)} text-anchor="middle" font-size={t(label.font_size)}>
                { for label.lines.iter().enumerate().map(|(i, line)| html! {
                    <tspan x={t(label.x)} dy={if i == 0 { "0".to_owned() } else { t(label.line_height) }}>{ line.clone() }</tspan>
                }) }
            </text>
            if let Some(users) = &drawn.users {
                <text class="users" x={t(users.x)} y={t(users.y)} text-anchor="middle">{ users.text.clone() }</text>
            }
            if let Some(badge) = &drawn.badge {
                <g class="badge">
                    <rect x={t(badge.frame.x)} y={t(badge.frame.y)} width={t(badge.frame.width)} height={t(badge.frame.height)} rx={t(badge.frame.radius)} />
                    <text x={t(badge.text.x)} y={t(badge.text.y)} text-anchor="middle">{ badge.text.text.clone() }</text>
                </g>
            }
            if let (Some(cross), NodeState::Failed) = (&drawn.failed_cross, node.state) {
                <path class="failed-cross" d={cross.clone()} />
            }
            if let Some(badge) = &drawn.spof_badge {
                <g class="spof-badge">
                    <circle cx={t(badge.centre.x)} cy={t(badge.centre.y)} r={t(badge.radius)} />
                    <text x={t(badge.text.x)} y={t(badge.text.y)} text-anchor="middle">{ badge.text.text.clone() }</text>
                </g>
            }
            if props.handle {
                <circle class="handle" data-testid="connect-handle" cx={t(handle.x)} cy={t(handle.y)} r={t(HANDLE_RADIUS)}>
                    <title>{ "Drag onto the node this one depends on" }</title>
                </circle>
            }
        </g>
    }
}

/// A comparison's mark: a highlighter band around the node (solid for
/// added, dashed for changed, dotted for removed) and a tag on its bottom
/// edge that says which, so it reads in greyscale and without the legend.
/// Both grow when the map is zoomed out, as labels do (`label_zoom`).
fn diff_marker(centre: crate::layout::Point, mark: DiffMark, label_zoom: u8) -> Html {
    let magnification = f64::from(label_zoom.max(1)) / f64::from(crate::render::FULL_DETAIL);
    // Outside the dashed ring of a single point of failure (5 units out).
    let halo = 12.0;
    let (left, top) = (centre.x - NODE_WIDTH / 2.0, centre.y - NODE_HEIGHT / 2.0);
    let word = mark.as_str();
    let font = 11.0 * magnification;
    let (width, height) = (font * (1.2 + 0.62 * word.len() as f64), font * 1.5);
    let (tag_x, tag_y) = (centre.x - width / 2.0, top + NODE_HEIGHT + halo - height / 2.0);
    html! {
        <g class="diff-marker" aria-hidden="true">
            <rect class="diff-halo" x={t(left - halo)} y={t(top - halo)} width={t(NODE_WIDTH + 2.0 * halo)}
                height={t(NODE_HEIGHT + 2.0 * halo)} rx="16" stroke-width={t(6.0 * magnification)} />
            <rect class="diff-tag-frame" x={t(tag_x)} y={t(tag_y)} width={t(width)} height={t(height)} rx={t(height / 2.0)} />
            <text class="diff-tag-text" x={t(centre.x)} y={t(tag_y + height * 0.72)} text-anchor="middle" font-size={t(font)}>{ word }</text>
        </g>
    }
}
