//! The interactive risk map: the core's scene drawn as SVG, with pan (drag),
//! zoom (wheel, pinch, buttons), fit to screen and, in edit mode, dragging
//! nodes, connecting them from a handle, box select and double-click to add.
//!
//! SVG keeps every node a real element (`data-node-id`, hover titles, clicks,
//! keyboard focus). Panning and zooming change one transform; the nodes live
//! in a child component whose props do not change on pan, so Yew re-renders
//! nothing else.

use crate::analysis::NodeState;
use crate::editor::View;
use crate::layout::{Point, NODE_HEIGHT, NODE_WIDTH};
use crate::model::{NodeId, NodeIndex};
use crate::render::theme::LABEL_SIZE;
use crate::render::{hover_text, node_outline, wrap_label, Scene, SceneNode, Tenths};
use crate::report::format_users;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the map may do to the document in edit mode.
#[derive(Clone, PartialEq)]
pub struct MapEditing {
    /// Click on a node: (node, shift held).
    pub on_select: Callback<(NodeId, bool)>,
    /// A drag step: the new centres of the dragged nodes.
    pub on_drag: Callback<Vec<(NodeId, Point)>>,
    pub on_drag_end: Callback<()>,
    /// Dragged from the first node's handle onto the second: it depends on it.
    pub on_connect: Callback<(NodeId, NodeId)>,
    pub on_box_select: Callback<Vec<NodeId>>,
    /// Double-click on empty space, in map coordinates.
    pub on_add_at: Callback<Point>,
}

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub scene: Rc<Scene>,
    /// `None`: fit the whole map once the container is measured.
    pub view: Option<View>,
    pub highlighted: Rc<HashSet<NodeIndex>>,
    pub selection: Rc<Vec<NodeId>>,
    /// Simulate mode: a click fails or restores a node.
    pub on_node_click: Callback<NodeId>,
    pub on_view: Callback<View>,
    /// Present in edit mode only.
    pub editing: Option<MapEditing>,
}

/// The pointer gesture in progress.
#[derive(Default)]
enum Drag {
    #[default]
    Idle,
    Pan { start_view: View },
    Nodes { start: Vec<(NodeId, Point)> },
    Connect { from: NodeId },
    Box,
}

#[derive(Default)]
struct Gesture {
    pointers: HashMap<i32, (f64, f64)>,
    drag: Drag,
    start: (f64, f64),
    /// Distance and midpoint between two pointers when a pinch began, and the view then.
    pinch: Option<(f64, (f64, f64), View)>,
    /// The pointer travelled further than a click allows.
    moved: bool,
}

/// Drawn over the map while connecting or box-selecting (map coordinates).
#[derive(Clone, Copy, PartialEq)]
enum Guide {
    Line(Point, Point),
    Rect(Point, Point),
}

const CLICK_SLOP: f64 = 4.0;

/// The props the long-lived node callbacks need, as of the last render.
struct Latest {
    editing: Option<MapEditing>,
    on_node_click: Callback<NodeId>,
    scene: Rc<Scene>,
    selection: Rc<Vec<NodeId>>,
}

impl Latest {
    fn of(props: &MapProps) -> Self {
        Latest {
            editing: props.editing.clone(),
            on_node_click: props.on_node_click.clone(),
            scene: Rc::clone(&props.scene),
            selection: Rc::clone(&props.selection),
        }
    }
}

/// A node was clicked or activated from the keyboard.
struct Activation {
    node: NodeId,
    shift: bool,
    by_pointer: bool,
}

#[function_component(Map)]
pub fn map(props: &MapProps) -> Html {
    let container = use_node_ref();
    let gesture = use_mut_ref(Gesture::default);
    let guide = use_state_eq(|| None::<Guide>);
    let moving = use_state_eq(|| false);
    let view = props.view.unwrap_or_default();
    // Ends a wheel zoom once the wheel has been still for a moment.
    let settle = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    // Labels keep their level of detail during a gesture and catch up after,
    // so a zoom moves one layer instead of re-laying out every label.
    let detail = use_mut_ref(|| label_zoom(view.scale));
    if !*moving {
        *detail.borrow_mut() = label_zoom(view.scale);
    }
    let detail = *detail.borrow();
    // The node callbacks read the current props from here, so they can be
    // created once: equal callbacks keep the node layer's props equal, and a
    // pan then re-renders one transform instead of every node.
    let latest = use_mut_ref(|| Latest::of(props));
    *latest.borrow_mut() = Latest::of(props);

    let measure = {
        let container = container.clone();
        move || {
            container.cast::<web_sys::Element>().map(|e| {
                let rect = e.get_bounding_client_rect();
                (rect.left(), rect.top(), rect.width(), rect.height())
            })
        }
    };
    let fit = {
        let measure = measure.clone();
        let on_view = props.on_view.clone();
        let scene = Rc::clone(&props.scene);
        move || {
            if let Some((_, _, width, height)) = measure() {
                on_view.emit(View::fit(scene.width, scene.height, width, height));
            }
        }
    };
    {
        let fit = fit.clone();
        use_effect_with(props.view.is_none(), move |&needs_fit| {
            if needs_fit {
                fit();
            }
        });
    }
    // Screen point relative to the map's corner.
    let local = {
        let measure = measure.clone();
        move |event: &MouseEvent| {
            let (left, top, _, _) = measure().unwrap_or_default();
            (event.client_x() as f64 - left, event.client_y() as f64 - top)
        }
    };
    let to_map = move |(x, y): (f64, f64)| Point { x: (x - view.x) / view.scale, y: (y - view.y) / view.scale };

    let on_wheel = {
        let on_view = props.on_view.clone();
        let local = local.clone();
        let moving = moving.clone();
        let settle = settle.clone();
        Callback::from(move |event: WheelEvent| {
            event.prevent_default();
            moving.set(true);
            let moving = moving.clone();
            *settle.borrow_mut() = Some(gloo::timers::callback::Timeout::new(200, move || moving.set(false)));
            let at = local(&event);
            // Lines and pages scroll further than pixels.
            let delta = event.delta_y() * if event.delta_mode() == 0 { 1.0 } else { 16.0 };
            on_view.emit(view.zoomed((-delta * 0.0015).exp(), at.0, at.1));
        })
    };
    let on_pointer_down = {
        let gesture = gesture.clone();
        let local = local.clone();
        let editing = props.editing.is_some();
        Callback::from(move |event: PointerEvent| {
            let point = local(&event);
            let mut g = gesture.borrow_mut();
            g.pointers.insert(event.pointer_id(), point);
            g.start = point;
            g.moved = false;
            g.pinch = pinch_of(&g.pointers).map(|(d, mid)| (d, mid, view));
            g.drag = if editing && event.shift_key() { Drag::Box } else { Drag::Pan { start_view: view } };
        })
    };
    // A node or its handle was pressed: in edit mode it starts a drag of the node(s) or a connection.
    let on_node_down = {
        let gesture = gesture.clone();
        let local = local.clone();
        let latest = latest.clone();
        use_callback((), move |(id, from_handle, event): (NodeId, bool, PointerEvent), _| {
            let latest = latest.borrow();
            if latest.editing.is_none() || event.shift_key() && !from_handle {
                return; // Simulate mode pans from anywhere; shift-drag box-selects.
            }
            event.stop_propagation();
            let point = local(&event);
            let mut g = gesture.borrow_mut();
            g.pointers.insert(event.pointer_id(), point);
            g.start = point;
            g.moved = false;
            g.pinch = None;
            g.drag = if from_handle {
                Drag::Connect { from: id }
            } else {
                let selection = &latest.selection;
                let moving: Vec<&NodeId> =
                    if selection.contains(&id) { selection.iter().collect() } else { vec![&id] };
                Drag::Nodes {
                    start: latest.scene.nodes.iter().filter(|n| moving.contains(&&n.id)).map(|n| (n.id.clone(), n.centre)).collect(),
                }
            };
        })
    };
    let on_pointer_move = {
        let gesture = gesture.clone();
        let moving = moving.clone();
        let on_view = props.on_view.clone();
        let editing = props.editing.clone();
        let guide = guide.clone();
        let local = local.clone();
        Callback::from(move |event: PointerEvent| {
            let mut g = gesture.borrow_mut();
            if !g.pointers.contains_key(&event.pointer_id()) {
                return;
            }
            let point = local(&event);
            g.pointers.insert(event.pointer_id(), point);
            if let (Some((start_distance, start_mid, start_view)), Some((distance, mid))) = (g.pinch, pinch_of(&g.pointers)) {
                g.moved = true;
                let zoomed = start_view.zoomed(distance / start_distance, start_mid.0, start_mid.1);
                on_view.emit(View { x: zoomed.x + mid.0 - start_mid.0, y: zoomed.y + mid.1 - start_mid.1, ..zoomed });
                return;
            }
            let (dx, dy) = (point.0 - g.start.0, point.1 - g.start.1);
            if !g.moved && dx.hypot(dy) <= CLICK_SLOP {
                return;
            }
            g.moved = true;
            match &g.drag {
                Drag::Idle => {}
                Drag::Pan { start_view } => {
                    if !*moving {
                        moving.set(true);
                    }
                    on_view.emit(View { x: start_view.x + dx, y: start_view.y + dy, ..*start_view })
                }
                Drag::Nodes { start } => {
                    if let Some(editing) = &editing {
                        let moved = start
                            .iter()
                            .map(|(id, at)| (id.clone(), Point { x: at.x + dx / view.scale, y: at.y + dy / view.scale }))
                            .collect();
                        editing.on_drag.emit(moved);
                    }
                }
                Drag::Connect { .. } => guide.set(Some(Guide::Line(to_map(g.start), to_map(point)))),
                Drag::Box => guide.set(Some(Guide::Rect(to_map(g.start), to_map(point)))),
            }
        })
    };
    let on_pointer_up = {
        let gesture = gesture.clone();
        let moving = moving.clone();
        let editing = props.editing.clone();
        let guide = guide.clone();
        let scene = Rc::clone(&props.scene);
        let local = local.clone();
        Callback::from(move |event: PointerEvent| {
            let mut g = gesture.borrow_mut();
            if g.pointers.remove(&event.pointer_id()).is_none() {
                return;
            }
            g.pinch = None;
            let drag = std::mem::take(&mut g.drag);
            guide.set(None);
            moving.set(false);
            if let Some((_, &point)) = g.pointers.iter().next() {
                // One finger left after a pinch: continue as a pan from here.
                g.start = point;
                g.drag = Drag::Pan { start_view: view };
                return;
            }
            let (Some(editing), true) = (&editing, g.moved) else { return };
            match drag {
                Drag::Nodes { .. } => editing.on_drag_end.emit(()),
                Drag::Connect { from } => {
                    if let Some(to) = node_at(event.client_x(), event.client_y()) {
                        if to != from {
                            editing.on_connect.emit((from, to));
                        }
                    }
                }
                Drag::Box => {
                    let (a, b) = (to_map(g.start), to_map(local(&event)));
                    let (left, right) = (a.x.min(b.x), a.x.max(b.x));
                    let (top, bottom) = (a.y.min(b.y), a.y.max(b.y));
                    let inside = scene
                        .nodes
                        .iter()
                        .filter(|n| (left..=right).contains(&n.centre.x) && (top..=bottom).contains(&n.centre.y))
                        .map(|n| n.id.clone())
                        .collect();
                    editing.on_box_select.emit(inside);
                }
                Drag::Idle | Drag::Pan { .. } => {}
            }
        })
    };
    let on_double_click = {
        let editing = props.editing.clone();
        let local = local.clone();
        Callback::from(move |event: MouseEvent| {
            let on_node = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| e.closest("[data-node-id], button").ok().flatten())
                .is_some();
            if let (Some(editing), false) = (&editing, on_node) {
                editing.on_add_at.emit(to_map(local(&event)));
            }
        })
    };
    // A drag that ends on a node must not also fail or select it; the
    // keyboard (Enter, Space) always acts.
    let on_node_click = {
        let gesture = gesture.clone();
        let latest = latest.clone();
        use_callback((), move |activation: Activation, _| {
            if activation.by_pointer && gesture.borrow().moved {
                return;
            }
            let latest = latest.borrow();
            match &latest.editing {
                Some(editing) => editing.on_select.emit((activation.node, activation.shift)),
                None => latest.on_node_click.emit(activation.node),
            }
        })
    };

    let zoom_by = |factor: f64| {
        let on_view = props.on_view.clone();
        let measure = measure.clone();
        Callback::from(move |_: MouseEvent| {
            let (_, _, w, h) = measure().unwrap_or_default();
            on_view.emit(view.zoomed(factor, w / 2.0, h / 2.0));
        })
    };
    let zoom_in = zoom_by(1.25);
    let zoom_out = zoom_by(0.8);
    let on_fit = Callback::from(move |_: MouseEvent| fit());

    html! {
        <div class={classes!("map", props.editing.is_some().then_some("editing"))} ref={container}
            onwheel={on_wheel}
            onpointerdown={on_pointer_down}
            onpointermove={on_pointer_move}
            onpointerup={on_pointer_up.clone()}
            onpointercancel={on_pointer_up.clone()}
            onpointerleave={on_pointer_up}
            ondblclick={on_double_click}>
            // Pan and zoom move this layer with a CSS transform: while a pan or
            // zoom is in progress it is its own compositing layer, so the
            // browser moves pixels instead of repainting every node.
            <div class={classes!("map-layer", (*moving).then_some("moving"))}
                style={format!("transform: translate({:.2}px, {:.2}px) scale({:.4})", view.x, view.y, view.scale)}>
            <svg class="map-canvas" width={fmt(props.scene.width)} height={fmt(props.scene.height)}
                viewBox={format!("0 0 {:.1} {:.1}", props.scene.width, props.scene.height)}
                role="img" aria-label="Dependency map">
                <defs>
                    <pattern id="failed-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                        <rect width="8" height="8" class="hatch-bg" />
                        <line x1="0" y1="0" x2="0" y2="8" class="hatch-line" />
                    </pattern>
                    <marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0L8 4L0 8Z" class="arrow-head" />
                    </marker>
                </defs>
                <MapLayer
                    scene={Rc::clone(&props.scene)}
                    label_zoom={detail}
                    highlighted={Rc::clone(&props.highlighted)}
                    selection={Rc::clone(&props.selection)}
                    editing={props.editing.is_some()}
                    on_click={on_node_click}
                    on_down={on_node_down}
                />
                { guide_view(*guide) }
            </svg>
            </div>
            <div class="zoom-controls" role="group" aria-label="Zoom">
                <button aria-label="Zoom in" title="Zoom in" onclick={zoom_in}>{ "+" }</button>
                <button aria-label="Zoom out" title="Zoom out" onclick={zoom_out}>{ "−" }</button>
                <button aria-label="Fit to screen" title="Fit to screen (F)" data-testid="fit" onclick={on_fit}>{ "⤢" }</button>
            </div>
        </div>
    }
}

fn guide_view(guide: Option<Guide>) -> Html {
    match guide {
        None => html! {},
        Some(Guide::Line(a, b)) => html! {
            <line class="guide" x1={fmt(a.x)} y1={fmt(a.y)} x2={fmt(b.x)} y2={fmt(b.y)} marker-end="url(#arrow)" />
        },
        Some(Guide::Rect(a, b)) => html! {
            <rect class="guide" x={fmt(a.x.min(b.x))} y={fmt(a.y.min(b.y))} width={fmt((a.x - b.x).abs())} height={fmt((a.y - b.y).abs())} />
        },
    }
}

/// The node under a screen point, if any.
fn node_at(client_x: i32, client_y: i32) -> Option<NodeId> {
    let element = gloo::utils::document().element_from_point(client_x as f32, client_y as f32)?;
    let node = element.closest("[data-node-id]").ok()??;
    node.get_attribute("data-node-id").map(NodeId)
}

/// Level of detail: when zoomed out, labels grow in map units (and wrap or
/// are cut shorter) so that on screen they stay about 10 px or larger (at
/// 100 % zoom they are 13 px). Quantised so that zooming re-renders the
/// nodes only at a few steps.
fn label_zoom(scale: f64) -> u8 {
    let wanted = (10.0 / LABEL_SIZE) / scale.max(0.01);
    (wanted.clamp(1.0, 2.6) * 5.0).ceil() as u8
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
    /// Label magnification in fifths (5 = 100 %), see [`label_zoom`].
    label_zoom: u8,
    highlighted: Rc<HashSet<NodeIndex>>,
    selection: Rc<Vec<NodeId>>,
    editing: bool,
    on_click: Callback<Activation>,
    on_down: Callback<(NodeId, bool, PointerEvent)>,
}

/// Edges and nodes: re-rendered only when the scene, the selection or the
/// level of detail changes, never on a pan.
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
        let selected = props.selection.contains(&node.id);
        html! {
            <MapNode key={node.id.as_str()}
                node={node.clone()}
                label_zoom={props.label_zoom}
                lit={highlighted.contains(&node.index)}
                dimmed={!highlighted.is_empty() && !highlighted.contains(&node.index)}
                {selected}
                handle={props.editing && selected}
                on_click={props.on_click.clone()}
                on_down={props.on_down.clone()} />
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
    label_zoom: u8,
    lit: bool,
    dimmed: bool,
    selected: bool,
    /// Show the connect handle (edit mode, selected).
    handle: bool,
    on_click: Callback<Activation>,
    on_down: Callback<(NodeId, bool, PointerEvent)>,
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
            on_click.emit(Activation { node: id.clone(), shift: event.shift_key(), by_pointer: true });
        })
    };
    let onkeydown = {
        let on_click = props.on_click.clone();
        let id = node.id.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" || event.key() == " " {
                event.prevent_default();
                event.stop_propagation();
                on_click.emit(Activation { node: id.clone(), shift: event.shift_key(), by_pointer: false });
            }
        })
    };
    let down = |from_handle: bool| {
        let on_down = props.on_down.clone();
        let id = node.id.clone();
        Callback::from(move |event: PointerEvent| on_down.emit((id.clone(), from_handle, event)))
    };
    let title = hover_text(node);
    let magnification = f64::from(props.label_zoom) / 5.0;
    // Zoomed out, only the label is drawn: larger, on up to two lines.
    let detailed = magnification <= 1.0;
    let font_size = LABEL_SIZE * magnification;
    let lines = if detailed {
        vec![node.short_label.clone()]
    } else {
        // Bold system fonts average a little under 0.6 em per character.
        let per_line = ((NODE_WIDTH - 14.0) / (font_size * 0.56)).floor().max(4.0) as usize;
        let max_lines = if font_size * 2.05 <= NODE_HEIGHT + 2.0 { 2 } else { 1 };
        wrap_label(&node.label, per_line, max_lines)
    };
    let line_height = font_size * 1.05;
    let first_line_y = if detailed && node.users > 0 {
        y - 2.0
    } else {
        y + font_size * 0.35 - (lines.len().saturating_sub(1)) as f64 * line_height / 2.0
    };
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
            {onclick} {onkeydown} onpointerdown={down(false)}>
            <title>{ title }</title>
            if node.spof {
                <rect class="spof-ring" x={fmt(x - NODE_WIDTH / 2.0 - 5.0)} y={fmt(y - NODE_HEIGHT / 2.0 - 5.0)}
                    width={fmt(NODE_WIDTH + 10.0)} height={fmt(NODE_HEIGHT + 10.0)} rx="12" />
            }
            <path class="outline" d={node_outline(node.kind, node.centre)} />
            <text class="label" x={fmt(x)} y={fmt(first_line_y)} text-anchor="middle" font-size={fmt(font_size)}>
                { for lines.iter().enumerate().map(|(i, line)| html! {
                    <tspan x={fmt(x)} dy={if i == 0 { "0".to_owned() } else { fmt(line_height) }}>{ line.clone() }</tspan>
                }) }
            </text>
            if detailed && node.users > 0 {
                <text class="users" x={fmt(x)} y={fmt(y + 13.0)} text-anchor="middle">{ format!("{} users", format_users(node.users)) }</text>
            }
            if let Some(badge) = node.badge.as_ref().filter(|_| detailed) {
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
            if props.handle {
                <circle class="handle" data-testid="connect-handle" cx={fmt(x)} cy={fmt(y + NODE_HEIGHT / 2.0 + 2.0)} r="7"
                    onpointerdown={down(true)}>
                    <title>{ "Drag onto the node this one depends on" }</title>
                </circle>
            }
        </g>
    }
}

fn fmt(value: f64) -> String {
    Tenths(value).to_string()
}

fn cross(cx: f64, cy: f64) -> String {
    format!("M{:.1} {:.1}L{:.1} {:.1}M{:.1} {:.1}L{:.1} {:.1}", cx - 5.0, cy - 5.0, cx + 5.0, cy + 5.0, cx + 5.0, cy - 5.0, cx - 5.0, cy + 5.0)
}
