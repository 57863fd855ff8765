//! The line drawn while connecting and the box drawn while box-selecting.

use crate::editor::Guide;
use crate::render::Tenths;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GuideOverlayProps {
    pub guide: Option<Guide>,
}

#[function_component(GuideOverlay)]
pub fn guide_overlay(props: &GuideOverlayProps) -> Html {
    let t = |v: f64| Tenths(v).to_string();
    match props.guide {
        None => html! {},
        Some(Guide::Line { from, to }) => html! {
            <line class="guide" x1={t(from.x)} y1={t(from.y)} x2={t(to.x)} y2={t(to.y)} marker-end="url(#arrow)" />
        },
        Some(Guide::Rect { from, to }) => html! {
            <rect class="guide" x={t(from.x.min(to.x))} y={t(from.y.min(to.y))} width={t((from.x - to.x).abs())} height={t((from.y - to.y).abs())} />
        },
    }
}
