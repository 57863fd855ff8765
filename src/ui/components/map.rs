//! The interactive risk map: the core's scene drawn as SVG, with pan (drag),
//! zoom (wheel, pinch, buttons) and fit to screen.
//!
//! SVG keeps every node a real element (`data-node-id`, hover titles, clicks,
//! accessibility). Panning and zooming change one transform; the nodes live in
//! a child component whose props do not change on pan, so Yew re-renders
//! nothing else.

use crate::analysis::NodeState;
use crate::editor::View;
use crate::model::{NodeId, NodeIndex};
use crate::render::{hover_text, node_outline, Scene, SceneNode};
use crate::layout::{NODE_HEIGHT, NODE_WIDTH};
use crate::report::format_users;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub scene: Rc<Scene>,
    pub view: View,
    /// The document revision: a new document is fitted to the screen.
    pub revision: u64,
    pub highlighted: Rc<HashSet<NodeIndex>>,
    pub selected: Option<NodeId>,
    pub on_node_click: Callback<NodeId>,
    pub on_view: Callback<View>,
}

/// A pointer gesture in progress.
#[derive(Default)]
struct Gesture {
    pointers: HashMap<i32, (f64, f64)>,
    start_view: View,
    start: (f64, f64),
    /// Distance and midpoint between two pointers when a pinch began.
    pinch: Option<(f64, (f64, f64))>,
    moved: bool,
}

const CLICK_SLOP: f64 = 4.0;

#[function_component(Map)]
pub fn map(props: &MapProps) -> Html {
    let container = use_node_ref();
    let gesture = use_mut_ref(Gesture::default);
    let view = props.view;

    let fit = {
        let container = container.clone();
        let on_view = props.on_view.clone();
        let scene = Rc::clone(&props.scene);
        move || {
            if let Some(element) = container.cast::<web_sys::Element>() {
                let rect = element.get_bounding_client_rect();
                on_view.emit(View::fit(scene.width, scene.height, rect.width(), rect.height()));
            }
        }
    };
    {
        let fit = fit.clone();
        use_effect_with(props.revision, move |_| fit());
    }

    let local = {
        let container = container.clone();
        move |client_x: f64, client_y: f64| match container.cast::<web_sys::Element>() {
            Some(element) => {
                let rect = element.get_bounding_client_rect();
                (client_x - rect.left(), client_y - rect.top())
            }
            None => (client_x, client_y),
        }
    };

    let on_wheel = {
        let on_view = props.on_view.clone();
        let local = local.clone();
        Callback::from(move |event: WheelEvent| {
            event.prevent_default();
            let (x, y) = local(event.client_x() as f64, event.client_y() as f64);
            // Lines and pages scroll further than pixels.
            let delta = event.delta_y() * if event.delta_mode() == 0 { 1.0 } else { 16.0 };
            on_view.emit(view.zoomed((-delta * 0.0015).exp(), x, y));
        })
    };
    let on_pointer_down = {
        let gesture = gesture.clone();
        let local = local.clone();
        Callback::from(move |event: PointerEvent| {
            let point = local(event.client_x() as f64, event.client_y() as f64);
            let mut g = gesture.borrow_mut();
            g.pointers.insert(event.pointer_id(), point);
            g.start_view = view;
            g.start = point;
            g.moved = false;
            g.pinch = pinch_of(&g.pointers);
        })
    };
    let on_pointer_move = {
        let gesture = gesture.clone();
        let on_view = props.on_view.clone();
        let local = local.clone();
        Callback::from(move |event: PointerEvent| {
            let mut g = gesture.borrow_mut();
            if !g.pointers.contains_key(&event.pointer_id()) {
                return;
            }
            let point = local(event.client_x() as f64, event.client_y() as f64);
            g.pointers.insert(event.pointer_id(), point);
            if let (Some((start_distance, start_mid)), Some((distance, mid))) = (g.pinch, pinch_of(&g.pointers)) {
                g.moved = true;
                let zoomed = g.start_view.zoomed(distance / start_distance, start_mid.0, start_mid.1);
                on_view.emit(View { x: zoomed.x + mid.0 - start_mid.0, y: zoomed.y + mid.1 - start_mid.1, ..zoomed });
                return;
            }
            let (dx, dy) = (point.0 - g.start.0, point.1 - g.start.1);
            if g.moved || dx.hypot(dy) > CLICK_SLOP {
                g.moved = true;
                on_view.emit(View { x: g.start_view.x + dx, y: g.start_view.y + dy, ..g.start_view });
            }
        })
    };
    let on_pointer_up = {
        let gesture = gesture.clone();
        Callback::from(move |event: PointerEvent| {
            let mut g = gesture.borrow_mut();
            g.pointers.remove(&event.pointer_id());
            g.pinch = None;
            if let Some((_, &point)) = g.pointers.iter().next() {
                // One finger left after a pinch: continue as a pan from here.
                g.start = point;
                g.start_view = view;
            }
        })
    };
    // A drag that ends on a node must not also fail or select it.
    let on_node_click = {
        let gesture = gesture.clone();
        let on_node_click = props.on_node_click.clone();
        use_callback(on_node_click, move |id: NodeId, on_node_click| {
            if !gesture.borrow().moved {
                on_node_click.emit(id);
            }
        })
    };

    let zoom_by = |factor: f64| {
        let on_view = props.on_view.clone();
        let container = container.clone();
        Callback::from(move |_: MouseEvent| {
            let (w, h) = container
                .cast::<web_sys::Element>()
                .map(|e| {
                    let r = e.get_bounding_client_rect();
                    (r.width(), r.height())
                })
                .unwrap_or((0.0, 0.0));
            on_view.emit(view.zoomed(factor, w / 2.0, h / 2.0));
        })
    };
    let on_fit = Callback::from(move |_: MouseEvent| fit());
    let zoom_in = zoom_by(1.25);
    let zoom_out = zoom_by(0.8);

    html! {
        <div class="map" ref={container}
            onwheel={on_wheel}
            onpointerdown={on_pointer_down}
            onpointermove={on_pointer_move}
            onpointerup={on_pointer_up.clone()}
            onpointercancel={on_pointer_up.clone()}
            onpointerleave={on_pointer_up}>
            <svg class="map-canvas" width="100%" height="100%" role="img" aria-label="Dependency map">
                <defs>
                    <pattern id="failed-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="8" height="8" class="hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="8" class="hatch-line" />
                    </pattern>
                    <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0L8 4L0 8Z" class="arrow-head" />
                    </marker>
                </defs>
                <g transform={format!("translate({:.2} {:.2}) scale({:.4})", view.x, view.y, view.scale)}>
                    <MapLayer
                        scene={Rc::clone(&props.scene)}
                        highlighted={Rc::clone(&props.highlighted)}
                        selected={props.selected.clone()}
                        on_node_click={on_node_click}
                    />
                </g>
            </svg>
            <div class="zoom-controls" role="group" aria-label="Zoom">
                <button aria-label="Zoom in" title="Zoom in" onclick={zoom_in}>{ "+" }</button>
                <button aria-label="Zoom out" title="Zoom out" onclick={zoom_out}>{ "−" }</button>
                <button aria-label="Fit to screen" title="Fit to screen" data-testid="fit" onclick={on_fit}>{ "⤢" }</button>
            </div>
        </div>
    }
}

fn pinch_of(pointers: &HashMap<i32, (f64, f64)>) -> Option<(f64, (f64, f64))> {
    let mut points = pointers.values();
    let (a, b) = (points.next()?, points.next()?);
    let distance = (a.0 - b.0).hypot(a.1 - b.1).max(1.0);
    Some((distance, ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)))
}

#[derive(Properties, PartialEq)]
struct MapLayerProps {
    scene: Rc<Scene>,
    highlighted: Rc<HashSet<NodeIndex>>,
    selected: Option<NodeId>,
    on_node_click: Callback<NodeId>,
}

/// Edges and nodes: re-rendered only when the scene or the selection changes.
#[function_component(MapLayer)]
fn map_layer(props: &MapLayerProps) -> Html {
    let highlighted = &props.highlighted;
    let edges = props.scene.edges.iter().map(|edge| {
        let lit = highlighted.contains(&edge.from) && highlighted.contains(&edge.to);
        html! {
            <path d={edge.path.clone()} marker-end="url(#arrow)"
                class={classes!("edge", edge.broken.then_some("broken"), lit.then_some("lit"))} />
        }
    });
    let nodes = props.scene.nodes.iter().map(|node| {
        html! {
            <MapNode key={node.id.as_str()}
                node={node.clone()}
                lit={highlighted.contains(&node.index)}
                dimmed={!highlighted.is_empty() && !highlighted.contains(&node.index)}
                selected={props.selected.as_ref() == Some(&node.id)}
                on_click={props.on_node_click.clone()} />
        }
    });
    html! {
        <>
            <g class="edges">{ for edges }</g>
            <g class="nodes">{ for nodes }</g>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct MapNodeProps {
    node: SceneNode,
    lit: bool,
    dimmed: bool,
    selected: bool,
    on_click: Callback<NodeId>,
}

#[function_component(MapNode)]
fn map_node(props: &MapNodeProps) -> Html {
    let node = &props.node;
    let (x, y) = (node.centre.x, node.centre.y);
    let onclick = {
        let on_click = props.on_click.clone();
        let id = node.id.clone();
        Callback::from(move |event: MouseEvent| {
            event.stop_propagation();
            on_click.emit(id.clone());
        })
    };
    let onkeydown = {
        let on_click = props.on_click.clone();
        let id = node.id.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                on_click.emit(id.clone());
            }
        })
    };
    let title = hover_text(node);
    let label_y = if node.users > 0 { y - 2.0 } else { y + 4.5 };
    html! {
        <g class={classes!(
                "node",
                format!("kind-{}", node.kind.as_str()),
                format!("state-{}", node.state.as_str()),
                node.spof.then_some("spof"),
                props.lit.then_some("lit"),
                props.dimmed.then_some("dimmed"),
                props.selected.then_some("selected"))}
            data-node-id={node.id.as_str().to_owned()}
            data-state={node.state.as_str()}
            data-spof={node.spof.then_some("true")}
            tabindex="0" role="button" aria-label={title.clone()}
            {onclick} {onkeydown}>
            <title>{ title }</title>
            if node.spof {
                <rect class="spof-ring" x={fmt(x - NODE_WIDTH / 2.0 - 5.0)} y={fmt(y - NODE_HEIGHT / 2.0 - 5.0)}
                    width={fmt(NODE_WIDTH + 10.0)} height={fmt(NODE_HEIGHT + 10.0)} rx="12" />
            }
            <path class="outline" d={node_outline(node.kind, node.centre)} />
            <text class="label" x={fmt(x)} y={fmt(label_y)} text-anchor="middle">{ node.short_label.clone() }</text>
            if node.users > 0 {
                <text class="users" x={fmt(x)} y={fmt(y + 13.0)} text-anchor="middle">{ format!("{} users", format_users(node.users)) }</text>
            }
            if let Some(badge) = &node.badge {
                <g class="badge">
                    <rect x={fmt(x - NODE_WIDTH / 2.0 + 6.0)} y={fmt(y - NODE_HEIGHT / 2.0 - 9.0)}
                        width={fmt(8.0 + 6.5 * badge.chars().count() as f64)} height="16" rx="8" />
                    <text x={fmt(x - NODE_WIDTH / 2.0 + 10.0 + 3.25 * badge.chars().count() as f64)} y={fmt(y - NODE_HEIGHT / 2.0 + 3.0)} text-anchor="middle">{ badge.clone() }</text>
                </g>
            }
            if node.state == NodeState::Failed {
                <path class="failed-cross" d={cross(x + NODE_WIDTH / 2.0 - 12.0, y - NODE_HEIGHT / 2.0 + 11.0)} />
            }
            if node.spof {
                <g class="spof-badge">
                    <circle cx={fmt(x + NODE_WIDTH / 2.0)} cy={fmt(y - NODE_HEIGHT / 2.0)} r="9" />
                    <text x={fmt(x + NODE_WIDTH / 2.0)} y={fmt(y - NODE_HEIGHT / 2.0 + 4.0)} text-anchor="middle">{ "!" }</text>
                </g>
            }
        </g>
    }
}

fn fmt(value: f64) -> String {
    format!("{value:.1}")
}

fn cross(cx: f64, cy: f64) -> String {
    format!("M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}", cx - 5.0, cy - 5.0, cx + 5.0, cy + 5.0, cx + 5.0, cy - 5.0, cx - 5.0, cy + 5.0)
}
