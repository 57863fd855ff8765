//! The big map's canvas, under the SVG nodes: the edges in view at every
//! zoom, the node shapes where labels cannot be read, and far out the
//! overview (tier bands with counts, cells, bundled edges). See
//! [`super::atlas`] for when it is used.
//!
//! It is drawn for the settled view (the view when the gesture started, or
//! the current one when none is in progress), sized to the screen plus half
//! a screen of overscan on each side, never to the map. During a gesture its
//! frame is moved and scaled by a CSS transform (a layer of its own), so a
//! pointer or wheel event costs no drawing and a pan shows pixels already
//! drawn; it is redrawn once the gesture ends. Drawing costs O(what is in
//! view) after an O(n + m) scan of the spatial index's boxes, or O(cells +
//! bundles) for the overview.

use super::atlas::Atlas;
use crate::analysis::NodeState;
use crate::layout::{Detail, Rect, ScreenPoint, View, NODE_HEIGHT, NODE_WIDTH};
use crate::model::{Kind, NodeIndex};
use crate::render::{edge_curve, pieces_inside, Piece, Scene};
use crate::report::format_users;
use crate::ui::view_feed::{translate_scale, use_follow_view, Feed, Transform};
use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, ImageBitmapRenderingContext, OffscreenCanvas, OffscreenCanvasRenderingContext2d, Path2d};
use yew::prelude::*;

#[derive(Properties)]
pub struct MapCanvasProps {
    pub scene: Rc<Scene>,
    pub atlas: Rc<Atlas>,
    /// The view the canvas is drawn for.
    pub settled: View,
    /// The view shown now: the canvas is transformed from `settled` to it.
    pub view: View,
    /// The views a gesture moves to between renders.
    pub views: Feed,
    pub width: f64,
    pub height: f64,
    pub highlighted: Rc<HashSet<NodeIndex>>,
    /// The focus: which nodes are shown (by index); the rest are faded.
    pub shown: Option<Rc<Vec<bool>>>,
}

impl PartialEq for MapCanvasProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scene, &other.scene)
            && Rc::ptr_eq(&self.atlas, &other.atlas)
            && Rc::ptr_eq(&self.highlighted, &other.highlighted)
            && address(&self.shown) == address(&other.shown)
            && self.settled == other.settled
            && self.view == other.view
            && self.views == other.views
            && self.width == other.width
            && self.height == other.height
    }
}

/// What a redraw depends on (never the current view: a gesture only moves
/// the pixels). Scenes and highlights are compared by address.
#[derive(PartialEq)]
struct Drawn {
    scene: usize,
    highlighted: usize,
    shown: usize,
    settled: View,
    width: f64,
    height: f64,
}

#[function_component(MapCanvas)]
pub fn map_canvas(props: &MapCanvasProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let (scene, atlas, highlighted, shown) =
            (Rc::clone(&props.scene), Rc::clone(&props.atlas), Rc::clone(&props.highlighted), props.shown.clone());
        let drawn = Drawn {
            scene: Rc::as_ptr(&props.scene) as usize,
            highlighted: Rc::as_ptr(&props.highlighted) as usize,
            shown: address(&props.shown),
            settled: props.settled,
            width: props.width,
            height: props.height,
        };
        use_effect_with(drawn, move |drawn| {
            if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                crate::ui::derived::timed("blackout:canvas", || {
                    let marks = Marks { highlighted: &highlighted, shown: shown.as_deref().map(Vec::as_slice) };
                    draw(&canvas, &scene, &atlas, &marks, drawn.settled, drawn.width, drawn.height);
                });
            }
        });
    }
    // screen = map · s + t: what was drawn for the settled view shows in
    // the current one moved by t − ratio · t₀ and scaled by ratio about the
    // map's corner. The frame carries that transform, not the canvas: a
    // canvas whose own style changes is painted again at every event.
    let frame = use_memo((), |_| Transform::default());
    let settled = props.settled;
    use_follow_view(&props.views, props.view, {
        let frame = Rc::clone(&frame);
        move |view: View| {
            let ratio = view.scale / settled.scale;
            frame.set(translate_scale(view.x - ratio * settled.x, view.y - ratio * settled.y, ratio));
        }
    });
    html! {
        <div class="map-edges-frame" ref={frame.node()}>
            <canvas ref={canvas} class="map-edges" aria-hidden="true"
                style={format!(
                    "left: {:.0}px; top: {:.0}px; width: {:.0}px; height: {:.0}px",
                    -props.width / 2.0, -props.height / 2.0, 2.0 * props.width, 2.0 * props.height
                )} />
        </div>
    }
}

/// An optional `Rc`'s address, 0 for none: focus sets compare by address.
fn address(shown: &Option<Rc<Vec<bool>>>) -> usize {
    shown.as_ref().map_or(0, |shown| Rc::as_ptr(shown) as usize)
}

/// What the map marks besides states: the lit path and the focus.
struct Marks<'a> {
    highlighted: &'a HashSet<NodeIndex>,
    shown: Option<&'a [bool]>,
}

impl Marks<'_> {
    /// Outside the focus, when there is one.
    fn faded(&self, v: NodeIndex) -> bool {
        self.shown.is_some_and(|shown| !shown.get(v as usize).copied().unwrap_or(false))
    }
}

/// The colours of the map, read from the stylesheet (light or dark).
struct Palette {
    edge: String,
    alert: String,
    focus: String,
    down: String,
    band: String,
    surface: String,
    text: String,
    kinds: Vec<String>,
}

impl Palette {
    fn of(element: &web_sys::Element) -> Palette {
        let style = web_sys::window().and_then(|window| window.get_computed_style(element).ok().flatten());
        let read = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|style| style.get_property_value(name).ok())
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
                .unwrap_or_else(|| fallback.to_owned())
        };
        Palette {
            edge: read("--edge-ink", "#8c959f"),
            alert: read("--alert", "#d55e00"),
            focus: read("--focus", "#0072b2"),
            down: read("--down-fill", "#2d2f33"),
            band: read("--surface-2", "#eef0f3"),
            surface: read("--surface", "#ffffff"),
            text: read("--text-muted", "#57606a"),
            kinds: Kind::ALL.iter().map(|kind| read(&format!("--kind-{}", kind.as_str()), "#8c959f")).collect(),
        }
    }
}

/// The drawing context: an offscreen canvas's. What it draws is handed to
/// the page's canvas as one bitmap (`bitmaprenderer`): a 2D canvas in the
/// page is handed to the compositor again at every frame a gesture moves it
/// (2 ms a wheel step at 2,560 × 1,600 in headless Chromium), a bitmap once.
type Context = OffscreenCanvasRenderingContext2d;

fn draw(canvas: &HtmlCanvasElement, scene: &Scene, atlas: &Atlas, marks: &Marks, view: View, width: f64, height: f64) {
    let ratio = web_sys::window().map_or(1.0, |window| window.device_pixel_ratio());
    let (pixels_wide, pixels_high) = ((2.0 * width * ratio).round().max(1.0) as u32, (2.0 * height * ratio).round().max(1.0) as u32);
    let Ok(offscreen) = OffscreenCanvas::new(pixels_wide, pixels_high) else { return };
    let Some(context) = offscreen.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<Context>().ok()) else {
        return;
    };
    let palette = Palette::of(canvas);
    let scale = ratio * view.scale;
    let (half_width, half_height) = (width / 2.0, height / 2.0);
    let _ = context.set_transform(scale, 0.0, 0.0, scale, ratio * (view.x + half_width), ratio * (view.y + half_height));
    let area = Rect::new(
        view.to_map(ScreenPoint { x: -half_width, y: -half_height }),
        view.to_map(ScreenPoint { x: width + half_width, y: height + half_height }),
    );
    // One CSS pixel in map units: lines and text keep their size on screen.
    let pixel = 1.0 / view.scale;
    match Detail::at(view.scale) {
        Detail::Overview => {
            let screen = Rect::new(view.to_map(ScreenPoint { x: 0.0, y: 0.0 }), view.to_map(ScreenPoint { x: width, y: height }));
            draw_overview(&context, atlas, &palette, view.scale, screen, pixel);
            if marks.shown.is_some() {
                draw_focus(&context, scene, marks, &palette, pixel);
            }
        }
        detail => {
            draw_edges(&context, scene, atlas, marks, &palette, area, pixel);
            if detail == Detail::Shapes {
                draw_shapes(&context, scene, atlas, marks, &palette, area, pixel);
            }
        }
    }
    let Ok(bitmap) = offscreen.transfer_to_image_bitmap() else { return };
    canvas.set_width(pixels_wide);
    canvas.set_height(pixels_high);
    if let Some(shown) = canvas.get_context("bitmaprenderer").ok().flatten().and_then(|c| c.dyn_into::<ImageBitmapRenderingContext>().ok()) {
        shown.transfer_from_image_bitmap(&bitmap);
    }
}

/// The edges in view, in three strokes: working, broken (dashed), lit (and
/// faded, outside a focus). Each stroke is one `Path2D` built by calls that
/// pass only numbers: a `Path2D` an edge, stroked alone, cost seconds at a
/// middle zoom on a big map, and path data written as text cost more to
/// write, hand over and parse than the browser took to draw it. Only the
/// pieces of each curve that reach the drawn area go in
/// ([`pieces_inside`]): whole curves across a zoomed-in map took the
/// browser half a second to rasterise.
fn draw_edges(context: &Context, scene: &Scene, atlas: &Atlas, marks: &Marks, palette: &Palette, area: Rect, pixel: f64) {
    let (Ok(working), Ok(broken), Ok(lit), Ok(faded)) = (Path2d::new(), Path2d::new(), Path2d::new(), Path2d::new()) else { return };
    let highlighted = marks.highlighted;
    let mut pieces = Vec::new();
    for j in atlas.geometry.index.edges_in(area) {
        let edge = &scene.edges[j as usize];
        let (Some(from), Some(to)) = (scene.nodes.get(edge.from as usize), scene.nodes.get(edge.to as usize)) else { continue };
        pieces.clear();
        pieces_inside(&edge_curve(from.centre, to.centre), &area, PIECE_PIXELS * pixel, &mut pieces);
        let group = if marks.faded(edge.from) || marks.faded(edge.to) {
            &faded
        } else if highlighted.contains(&edge.from) && highlighted.contains(&edge.to) {
            &lit
        } else if edge.broken {
            &broken
        } else {
            &working
        };
        add_pieces(group, &pieces);
    }
    let dash = |on: f64, off: f64| js_sys_array(&[on * pixel.max(1.0), off * pixel.max(1.0)]);
    // One CSS pixel at every zoom, not the SVG's 1.4 map units: on a
    // standard screen the browser draws such hairlines about ten times
    // faster, and a view crosses hundreds to thousands of long edges at any
    // zoom (at 1.4 px, 3,000 of them took 0.3 s to rasterise, dashed 1.5 s;
    // at 2.6 px close up a few hundred took 0.25 s).
    context.set_line_width(pixel);
    context.set_stroke_style_str(&palette.edge);
    context.set_global_alpha(FADED);
    context.stroke_with_path(&faded);
    context.set_global_alpha(0.75);
    context.stroke_with_path(&working);
    context.set_stroke_style_str(&palette.alert);
    let _ = context.set_line_dash(&dash(5.0, 4.0));
    context.stroke_with_path(&broken);
    let _ = context.set_line_dash(&dash(0.0, 0.0));
    context.set_global_alpha(1.0);
    context.set_stroke_style_str(&palette.focus);
    context.set_line_width(3.0 * pixel.max(1.0));
    context.stroke_with_path(&lit);
}

/// How far (in CSS pixels) a piece of an edge may reach beyond the drawn
/// area, which is itself half a screen beyond the screen.
const PIECE_PIXELS: f64 = 16.0;

/// Adds the pieces of one curve to `path`, moving where a piece does not
/// start where the last one ended.
fn add_pieces(path: &Path2d, pieces: &[Piece]) {
    let mut end = None;
    for piece in pieces {
        let [start, first, second, last] = piece.curve;
        if end != Some(piece.start) {
            path.move_to(start.x, start.y);
        }
        path.bezier_curve_to(first.x, first.y, second.x, second.y, last.x, last.y);
        end = Some(piece.end);
    }
}

/// The path for `key`, new on first use.
fn path_for<K: Ord>(paths: &mut BTreeMap<K, Path2d>, key: K) -> Option<&Path2d> {
    match paths.entry(key) {
        Entry::Occupied(path) => Some(path.into_mut()),
        Entry::Vacant(place) => Some(place.insert(Path2d::new().ok()?)),
    }
}

/// The nodes in view as boxes in their kind's colour; down ones dark,
/// failed ones in the alert colour.
fn draw_shapes(context: &Context, scene: &Scene, atlas: &Atlas, marks: &Marks, palette: &Palette, area: Rect, pixel: f64) {
    // One path per fill and outline colour: four canvas calls a node cost
    // seconds at a middle zoom over tens of thousands of nodes.
    let mut boxes: BTreeMap<(bool, usize, u8), Path2d> = BTreeMap::new();
    for v in atlas.geometry.index.nodes_in(area) {
        let node = &scene.nodes[v as usize];
        let (x, y) = (node.centre.x - NODE_WIDTH / 2.0, node.centre.y - NODE_HEIGHT / 2.0);
        // 0: the kind's colour, 1: down, 2: failed.
        let fill = match node.state {
            NodeState::Failed => 2,
            state if !state.is_up() => 1,
            _ => 0,
        };
        if let Some(path) = path_for(&mut boxes, (marks.faded(node.index), usize::from(node.kind.tier()), fill)) {
            path.rect(x, y, NODE_WIDTH, NODE_HEIGHT);
        }
    }
    context.set_line_width(pixel);
    for ((faded, tier, fill), path) in &boxes {
        context.set_global_alpha(if *faded { FADED } else { 1.0 });
        let kind = &palette.kinds[*tier];
        context.set_fill_style_str(match fill {
            2 => &palette.alert,
            1 => &palette.down,
            _ => kind,
        });
        context.fill_with_path_2d(path);
        context.set_stroke_style_str(kind);
        context.stroke_with_path(path);
    }
    context.set_global_alpha(1.0);
}

/// Far out: a band per tier with its name and counts, the cells shaded by
/// how many nodes they hold (dark where most are down), and one line per
/// bundle, darker the more edges it carries.
fn draw_overview(context: &Context, atlas: &Atlas, palette: &Palette, scale: f64, screen: Rect, pixel: f64) {
    let pad = 8.0 * pixel;
    context.set_fill_style_str(&palette.band);
    for band in &atlas.bands {
        context.fill_rect(band.area.min.x - pad, band.area.min.y - pad, band.area.width() + 2.0 * pad, band.area.height() + 2.0 * pad);
    }
    // Bundles and cells are drawn in a few batches (by colour and width or
    // shade), one path each: tens of thousands of separate strokes took
    // seconds at 50,000 nodes.
    let cells = atlas.aggregate(scale);
    let mut lines: BTreeMap<(bool, u32), Path2d> = BTreeMap::new();
    for bundle in &cells.bundles {
        let (from, to) = (cells.cells[bundle.from as usize].centre, cells.cells[bundle.to as usize].centre);
        // The shade steps with whole powers of two of the edges carried.
        if let Some(path) = path_for(&mut lines, (bundle.marked * 2 > bundle.edges, bundle.edges.max(1).ilog2())) {
            path.move_to(from.x, from.y);
            path.line_to(to.x, to.y);
        }
    }
    // Hairlines, darker the more edges a bundle carries: wider strokes took
    // 0.7 s to rasterise at 50,000 nodes.
    context.set_line_width(pixel);
    for ((alert, power), path) in &lines {
        context.set_global_alpha((0.25 + 0.12 * f64::from(*power)).min(0.9));
        context.set_stroke_style_str(if *alert { &palette.alert } else { &palette.edge });
        context.stroke_with_path(path);
    }
    let size = cells.cell_size;
    let inset = size * 0.15;
    let mut squares: BTreeMap<(bool, u32), Path2d> = BTreeMap::new();
    let side = size - 2.0 * inset;
    for cell in &cells.cells {
        // The shade: more nodes, darker, in eight steps up to twelve nodes.
        let shade = cell.nodes.min(12) * 8 / 12;
        if let Some(path) = path_for(&mut squares, (cell.marked * 2 > cell.nodes, shade)) {
            path.rect(cell.col as f64 * size + inset, cell.row as f64 * size + inset, side, side);
        }
    }
    for ((down, shade), path) in &squares {
        context.set_global_alpha((0.3 + f64::from(*shade) * 12.0 / 8.0 / 12.0).min(1.0));
        context.set_fill_style_str(if *down { &palette.down } else { &palette.edge });
        context.fill_with_path_2d(path);
    }
    context.set_global_alpha(1.0);
    // Each band's name on a plate of the page's colour (bands can sit
    // closer than a line of text), kept on screen when the band begins
    // left of it.
    context.set_font(&format!("600 {:.3}px system-ui, sans-serif", 13.0 * pixel));
    context.set_text_baseline("middle");
    for band in &atlas.bands {
        let name = Kind::ALL.get(usize::from(band.tier)).map_or("Tier", |kind| kind.display_name());
        let mut text = format!("{name} · {}", format_users(u64::from(band.nodes)));
        if band.marked > 0 {
            text.push_str(&format!(" · {} down", format_users(u64::from(band.marked))));
        }
        let width = context.measure_text(&text).map_or(0.0, |metrics| metrics.width());
        let x = band.area.min.x.max(screen.min.x + 8.0 * pixel);
        let y = (band.area.min.y - pad - 8.0 * pixel).max(screen.min.y + 10.0 * pixel);
        context.set_fill_style_str(&palette.surface);
        context.set_global_alpha(0.85);
        context.fill_rect(x - 4.0 * pixel, y - 9.0 * pixel, width + 8.0 * pixel, 18.0 * pixel);
        context.set_global_alpha(1.0);
        context.set_fill_style_str(&palette.text);
        let _ = context.fill_text(&text, x, y);
    }
}

/// How strongly what lies outside the focus is drawn.
const FADED: f64 = 0.15;

/// Far out, in focus: each node of the focus as a dot in the focus colour
/// over the overview, so that the focus shows at any zoom. O(nodes).
fn draw_focus(context: &Context, scene: &Scene, marks: &Marks, palette: &Palette, pixel: f64) {
    let side = 4.0 * pixel;
    let Ok(dots) = Path2d::new() else { return };
    for node in scene.nodes.iter().filter(|node| !marks.faded(node.index)) {
        dots.rect(node.centre.x - side / 2.0, node.centre.y - side / 2.0, side, side);
    }
    context.set_fill_style_str(&palette.focus);
    context.fill_with_path_2d(&dots);
}

fn js_sys_array(values: &[f64]) -> wasm_bindgen::JsValue {
    let array = js_sys::Array::new();
    for &value in values {
        array.push(&value.into());
    }
    array.into()
}
