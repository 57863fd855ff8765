//! Where you are on a big map: the tier bands of the whole drawing, scaled
//! into a small box in the map's corner, with the visible area outlined.
//! A click or tap on it centres the view there. O(tiers) to draw.

use super::atlas::Atlas;
use crate::editor::Action;
use crate::layout::{minimap, ScreenPoint, View};
use std::rc::Rc;
use yew::prelude::*;

/// The overview's size in CSS pixels.
const WIDTH: f64 = 168.0;
const HEIGHT: f64 = 84.0;

#[derive(Properties)]
pub struct MinimapProps {
    pub atlas: Rc<Atlas>,
    pub view: View,
    pub width: f64,
    pub height: f64,
    pub on_action: Callback<Action>,
}

impl PartialEq for MinimapProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.atlas, &other.atlas) && self.view == other.view && self.width == other.width && self.height == other.height
    }
}

#[function_component(Minimap)]
pub fn minimap_view(props: &MinimapProps) -> Html {
    let visible = props.view.visible_area(props.width, props.height);
    let overview = minimap(&props.atlas.bands, props.atlas.drawing, visible, WIDTH, HEIGHT);
    let onclick = {
        let (on_action, overview) = (props.on_action.clone(), overview.clone());
        Callback::from(move |event: MouseEvent| {
            let at = ScreenPoint { x: f64::from(event.offset_x()), y: f64::from(event.offset_y()) };
            on_action.emit(Action::CentreOn(overview.to_map(at)));
        })
    };
    let shown = overview.viewport;
    html! {
        <svg class="minimap" data-testid="minimap" role="img" aria-label="Where the view is on the whole map"
            width={WIDTH.to_string()} height={HEIGHT.to_string()} {onclick}>
            <MinimapBands atlas={Rc::clone(&props.atlas)} />
            <rect class="minimap-view" x={format!("{:.1}", shown.min.x)} y={format!("{:.1}", shown.min.y)}
                width={format!("{:.1}", shown.width().max(2.0))} height={format!("{:.1}", shown.height().max(2.0))} />
        </svg>
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
    let overview = minimap(&atlas.bands, atlas.drawing, atlas.drawing, WIDTH, HEIGHT);
    let bands = overview.bands.iter().map(|(area, band)| {
        html! {
            <rect class={classes!("minimap-band", (band.marked > 0).then_some("down"))}
                x={format!("{:.1}", area.min.x)} y={format!("{:.1}", area.min.y)}
                width={format!("{:.1}", area.width().max(1.0))} height={format!("{:.1}", area.height().max(1.0))} />
        }
    });
    html! { <g>{ for bands }</g> }
}
