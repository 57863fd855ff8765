//! Zoom in, zoom out and fit, over the map's corner.

use crate::editor::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ZoomControlsProps {
    pub on_action: Callback<Action>,
}

#[function_component(ZoomControls)]
pub fn zoom_controls(props: &ZoomControlsProps) -> Html {
    let send = super::super::sender(&props.on_action);
    html! {
        <div class="zoom-controls" role="group" aria-label="Zoom">
            <button aria-label="Zoom in" title="Zoom in" onclick={send(Action::ZoomBy(1.25))}>{ "+" }</button>
            <button aria-label="Zoom out" title="Zoom out" onclick={send(Action::ZoomBy(0.8))}>{ "−" }</button>
            <button aria-label="Fit to screen" title="Fit to screen (F)" data-testid="fit" onclick={send(Action::Fit)}>{ "⤢" }</button>
        </div>
    }
}
