//! The interactive risk map: the core's scene drawn as SVG, with the
//! editor's view applied as one CSS transform.
//!
//! The map keeps no gesture state: it turns DOM events into
//! [`PointerInput`]s in screen points relative to its corner and sends them
//! to the editor, which hit-tests, runs the interaction and moves the view.
//! What it keeps are DOM measurements (its own size, reported as
//! `MapResized`).
//!
//! SVG keeps every node a real element (`data-node-id`, hover titles,
//! keyboard focus). Panning and zooming change one transform, written
//! straight to the layer: inside a gesture the app does not even render
//! (see `ui/view_feed.rs`).
//!
//! A big map (`atlas.rs`, from 2,000 nodes) keeps as SVG elements only the
//! nodes in the settled view at full detail; a screen-sized canvas under
//! them (`canvas.rs`) draws the edges, the node shapes and far out the
//! overview, and a minimap (`minimap.rs`) shows where the view is. Why, with
//! numbers: `benches/browser/RENDERING.md`.

mod atlas;
mod canvas;
mod guide;
mod layer;
mod minimap;
mod node;
mod zoom_controls;

use crate::editor::{Action, DiffMark, Guide, PointerInput, Revision, Viewport};
use crate::layout::{Detail, ScreenPoint, View};
use atlas::{is_big, Atlas, Geometry, SameScene};
use canvas::MapCanvas;
use minimap::Minimap;
use crate::model::{NodeId, NodeIndex};
use crate::render::Scene;
use crate::render::Tenths;
use crate::ui::view_feed::{translate_scale, use_follow_view, Feed, Transform};
use guide::GuideOverlay;
use layer::MapLayer;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use zoom_controls::ZoomControls;

#[derive(Properties, PartialEq)]
pub struct MapProps {
    pub scene: Rc<Scene>,
    /// The document's revision: scenes of one revision share a layout, so
    /// a big map keeps its spatial index while failures change.
    pub revision: Revision,
    /// `None` until the editor has fitted the map to its size.
    pub view: Option<View>,
    /// The view the map's detail is drawn for: held still while the view
    /// moves (the view when the gesture started), so a zoom moves one layer
    /// instead of re-laying out every label.
    pub settled: View,
    /// The map's size on screen, once measured.
    pub viewport: Option<Viewport>,
    /// A pan or zoom is in progress.
    pub moving: bool,
    pub highlighted: Rc<HashSet<NodeIndex>>,
    /// Nodes a previewed fix marks (`data-preview`): "changes" or "protects".
    pub marks: Rc<HashMap<NodeIndex, &'static str>>,
    /// The focus: which nodes are shown (by index); the rest are dimmed.
    pub shown: Option<Rc<Vec<bool>>>,
    pub selection: Rc<Vec<NodeId>>,
    /// Edit mode: nodes can be dragged and connected.
    pub editing: bool,
    pub guide: Option<Guide>,
    /// The editor's interaction, for `data-interaction` (tests, styling).
    pub interaction: &'static str,
    /// While comparing: the nodes added or changed since the version compared with.
    pub diff_marks: Option<Rc<HashMap<NodeId, DiffMark>>>,
    /// The views a gesture moves to between renders.
    pub views: Feed,
    pub on_action: Callback<Action>,
}

/// Where a pointer event happened, relative to the element's corner.
fn local(element: &web_sys::Element, event: &MouseEvent) -> ScreenPoint {
    let rect = element.get_bounding_client_rect();
    ScreenPoint { x: f64::from(event.client_x()) - rect.left(), y: f64::from(event.client_y()) - rect.top() }
}

#[function_component(Map)]
pub fn map(props: &MapProps) -> Html {
    let surface = use_node_ref();
    let view = props.view.unwrap_or_default();
    let settled = props.settled;
    let geometry = use_memo(props.revision, {
        let scene = Rc::clone(&props.scene);
        move |_| is_big(&scene).then(|| Rc::new(Geometry::of(&scene)))
    });
    let geometry: Option<Rc<Geometry>> = (*geometry).clone();
    let atlas = use_memo(SameScene(Rc::clone(&props.scene)), {
        let geometry = geometry.clone();
        move |scene| geometry.map(|geometry| Rc::new(Atlas::of(geometry, &scene.0)))
    });
    let atlas: Option<Rc<Atlas>> = (*atlas).clone();
    // A big map's SVG nodes: those in the settled view, at full detail only.
    let only = use_memo((props.revision, settled, props.viewport), {
        let geometry = geometry.clone();
        move |(_, settled, viewport)| {
            let geometry = geometry?;
            let shown = match viewport {
                Some(size) if Detail::at(settled.scale) == Detail::Full => {
                    geometry.index.nodes_in(settled.visible_area(size.width, size.height))
                }
                _ => Vec::new(),
            };
            Some(Rc::new(shown))
        }
    });
    let only: Option<Rc<Vec<u32>>> = (*only).clone();
    let layer = use_memo((), |_| Transform::default());
    use_follow_view(&props.views, view, {
        let layer = Rc::clone(&layer);
        move |view: View| layer.set(translate_scale(view.x, view.y, view.scale))
    });

    // Report the map's size now and whenever it changes (panels, window).
    {
        let surface = surface.clone();
        let on_action = props.on_action.clone();
        use_effect_with((), move |_| {
            let report = move |element: &web_sys::Element| {
                let rect = element.get_bounding_client_rect();
                on_action.emit(Action::MapResized { width: rect.width(), height: rect.height() });
            };
            let element = surface.cast::<web_sys::Element>();
            let observer = element.as_ref().and_then(|element| {
                report(element);
                let target = element.clone();
                let callback = Closure::<dyn Fn()>::new(move || report(&target));
                let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
                observer.observe(element);
                Some((observer, callback))
            });
            move || {
                if let Some((observer, _callback)) = observer {
                    observer.disconnect();
                }
            }
        });
    }

    let pointer = |make: fn(&PointerEvent, ScreenPoint) -> Option<PointerInput>| {
        let surface = surface.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |event: PointerEvent| {
            let Some(element) = surface.cast::<web_sys::Element>() else { return };
            if let Some(input) = make(&event, local(&element, &event)) {
                on_action.emit(Action::Pointer(input));
            }
        })
    };
    let on_pointer_down = {
        let surface = surface.clone();
        let on_down = pointer(|event, at| {
            // Primary button or a finger; other buttons open menus.
            (event.button() == 0).then(|| PointerInput::Down { pointer: event.pointer_id(), at, shift: event.shift_key() })
        });
        Callback::from(move |event: PointerEvent| {
            if event.button() == 0 {
                // Moves beyond the map still belong to the gesture.
                if let Some(element) = surface.cast::<web_sys::Element>() {
                    let _ = element.set_pointer_capture(event.pointer_id());
                }
            }
            on_down.emit(event);
        })
    };
    let on_pointer_move = pointer(|event, at| Some(PointerInput::Move { pointer: event.pointer_id(), at }));
    let on_pointer_up = pointer(|event, at| Some(PointerInput::Up { pointer: event.pointer_id(), at }));
    let on_pointer_cancel = pointer(|event, _| Some(PointerInput::Cancel { pointer: event.pointer_id() }));
    let on_wheel = {
        let surface = surface.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |event: WheelEvent| {
            event.prevent_default();
            let Some(element) = surface.cast::<web_sys::Element>() else { return };
            // Lines and pages scroll further than pixels.
            let delta = event.delta_y() * if event.delta_mode() == 0 { 1.0 } else { 16.0 };
            on_action.emit(Action::Pointer(PointerInput::Wheel { at: local(&element, &event), delta }));
        })
    };
    let on_double_click = {
        let surface = surface.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |event: MouseEvent| {
            let Some(element) = surface.cast::<web_sys::Element>() else { return };
            on_action.emit(Action::Pointer(PointerInput::DoubleClick { at: local(&element, &event) }));
        })
    };
    // Enter, Space or assistive technology on a focused node.
    let on_activate = use_callback(props.on_action.clone(), |(node, shift): (NodeId, bool), on_action| {
        on_action.emit(Action::Activate { node, shift })
    });

    html! {
        <div class={classes!("map", props.editing.then_some("editing"))} data-interaction={props.interaction}>
            <div class="map-surface" ref={surface}
                onpointerdown={on_pointer_down}
                onpointermove={on_pointer_move}
                onpointerup={on_pointer_up}
                onpointercancel={on_pointer_cancel}
                onwheel={on_wheel}
                ondblclick={on_double_click}>
                if let (Some(atlas), Some(size), Some(view)) = (&atlas, props.viewport, props.view) {
                    <MapCanvas scene={Rc::clone(&props.scene)} atlas={Rc::clone(atlas)} {settled} {view} views={props.views.clone()}
                        width={size.width} height={size.height} highlighted={Rc::clone(&props.highlighted)} shown={props.shown.clone()} />
                }
                // While a pan or zoom is in progress this layer is its own
                // compositing layer: the browser moves pixels instead of
                // repainting every node.
                <div class={classes!("map-layer", props.moving.then_some("moving"))} ref={layer.node()}>
                    <svg class="map-canvas" width={Tenths(props.scene.width).to_string()} height={Tenths(props.scene.height).to_string()}
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
                            label_zoom={label_zoom(settled.scale)}
                            highlighted={Rc::clone(&props.highlighted)}
                            marks={Rc::clone(&props.marks)}
                            shown={props.shown.clone()}
                            selection={Rc::clone(&props.selection)}
                            editing={props.editing}
                            diff_marks={props.diff_marks.clone()}
                            {on_activate}
                            {only}
                        />
                        <GuideOverlay guide={props.guide} />
                    </svg>
                </div>
            </div>
            <ZoomControls on_action={props.on_action.clone()} />
            if let (Some(atlas), Some(size), Some(view)) = (&atlas, props.viewport, props.view) {
                <Minimap atlas={Rc::clone(atlas)} {view} views={props.views.clone()} width={size.width} height={size.height} on_action={props.on_action.clone()} />
            }
        </div>
    }
}

/// Level of detail: when zoomed out, labels grow in map units (and wrap or
/// are cut shorter) so that on screen they stay about 10 px or larger (at
/// 100 % zoom they are 13 px). Quantised in fifths (see
/// [`crate::render::FULL_DETAIL`]) so that zooming re-renders the nodes
/// only at a few steps.
fn label_zoom(scale: f64) -> u8 {
    let wanted = (10.0 / crate::render::theme::LABEL_SIZE) / scale.max(0.01);
    (wanted.clamp(1.0, 2.6) * 5.0).ceil() as u8
}
