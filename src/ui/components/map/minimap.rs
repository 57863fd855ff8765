//! Where you are on a big map: the tier bands of the whole drawing, scaled
//! into a small box in the map's corner, with the visible area outlined.
//! A click or tap on it centres the view there. O(tiers) to draw once per
//! atlas; O(1) per view.

use super::atlas::Atlas;
use crate::editor::Action;
use crate::layout::{minimap, Rect, ScreenPoint, View};
use crate::ui::view_feed::{use_follow_view, Feed, Transform};
use std::rc::Rc;
use yew::prelude::*;

/// The overview's size in CSS pixels.
const WIDTH: f64 = 168.0;
const HEIGHT: f64 = 84.0;
/// The outline's smallest side, so that a view deep inside stays visible.
const SMALLEST: f64 = 2.0;
/// The outline's line width, in CSS pixels.
const STROKE: f64 = 1.5;

#[derive(Properties)]
pub struct MinimapProps {
    pub atlas: Rc<Atlas>,
    pub view: View,
    /// The views a gesture moves to between renders.
    pub views: Feed,
    pub width: f64,
    pub height: f64,
    pub on_action: Callback<Action>,
}

impl PartialEq for MinimapProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.atlas, &other.atlas)
            && self.view == other.view
            && self.views == other.views
            && self.width == other.width
            && self.height == other.height
    }
}

/// The view's outline: a tinted area and its four sides, each an element
/// moved and stretched by a CSS transform (a layer the compositor draws as
/// a plain colour), so that following a gesture paints nothing.
#[derive(Default)]
struct Outline {
    area: Transform,
    top: Transform,
    bottom: Transform,
    left: Transform,
    right: Transform,
}

impl Outline {
    fn show(&self, shown: Rect) {
        let (x, y) = (shown.min.x, shown.min.y);
        let (w, h) = (shown.width().max(SMALLEST), shown.height().max(SMALLEST));
        let place = |part: &Transform, x: f64, y: f64, sx: f64, sy: f64| {
            part.set(format!("translate({x:.1}px, {y:.1}px) scale({sx:.1}, {sy:.1})"));
        };
        place(&self.area, x, y, w, h);
        place(&self.top, x, y, w, STROKE);
        place(&self.bottom, x, y + h - STROKE, w, STROKE);
        place(&self.left, x, y, STROKE, h);
        place(&self.right, x + w - STROKE, y, STROKE, h);
    }
}

#[function_component(Minimap)]
pub fn minimap_view(props: &MinimapProps) -> Html {
    let bands = use_node_ref();
    let outline = use_memo((), |_| Outline::default());
    use_follow_view(&props.views, props.view, {
        let (outline, atlas, width, height) = (Rc::clone(&outline), Rc::clone(&props.atlas), props.width, props.height);
        move |view: View| outline.show(minimap(&[], atlas.geometry.drawing, view.visible_area(width, height), WIDTH, HEIGHT).viewport)
    });
    let onclick = {
        let (on_action, atlas, bands) = (props.on_action.clone(), Rc::clone(&props.atlas), bands.clone());
        Callback::from(move |event: MouseEvent| {
            let Some(bands) = bands.cast::<web_sys::Element>() else { return };
            let corner = bands.get_bounding_client_rect();
            let at = ScreenPoint { x: f64::from(event.client_x()) - corner.left(), y: f64::from(event.client_y()) - corner.top() };
            let overview = minimap(&[], atlas.geometry.drawing, atlas.geometry.drawing, WIDTH, HEIGHT);
            on_action.emit(Action::CentreOn(overview.to_map(at)));
        })
    };
    html! {
        <div class="minimap" data-testid="minimap" role="img" aria-label="Where the view is on the whole map" {onclick}>
            <svg ref={bands} width={WIDTH.to_string()} height={HEIGHT.to_string()}>
                <MinimapBands atlas={Rc::clone(&props.atlas)} />
            </svg>
            <div class="minimap-view" ref={outline.area.node()} />
            <div class="minimap-edge" ref={outline.top.node()} />
            <div class="minimap-edge" ref={outline.bottom.node()} />
            <div class="minimap-edge" ref={outline.left.node()} />
            <div class="minimap-edge" ref={outline.right.node()} />
        </div>
    }
}

#[derive(Properties)]
struct BandsProps {
    atlas: Rc<Atlas>,
}

impl PartialEq for BandsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.atlas, &other.atlas)
    }
}

/// The tier bands: drawn again only for a new atlas, not at every step of
/// a gesture (which moves only the view's outline).
#[function_component(MinimapBands)]
fn minimap_bands(props: &BandsProps) -> Html {
    let atlas = &props.atlas;
    let overview = minimap(&atlas.bands, atlas.geometry.drawing, atlas.geometry.drawing, WIDTH, HEIGHT);
    let bands = overview.bands.iter().map(|(area, band)| {
        html! {
            <rect class={classes!("minimap-band", (band.marked > 0).then_some("down"))}
                x={format!("{:.1}", area.min.x)} y={format!("{:.1}", area.min.y)}
                width={format!("{:.1}", area.width().max(1.0))} height={format!("{:.1}", area.height().max(1.0))} />
        }
    });
    html! { <g>{ for bands }</g> }
}
