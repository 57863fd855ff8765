//! What colours, shapes and marks mean.

use crate::model::Kind;
use yew::prelude::*;

#[function_component(Legend)]
pub fn legend() -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            { for Kind::ALL.iter().map(|kind| html! {
                <li><span class={classes!("swatch", format!("kind-{}", kind.as_str()))}></span>{ kind.display_name() }</li>
            }) }
            <li><span class="swatch down"></span>{ "Down" }</li>
            <li><span class="swatch failed"></span>{ "Failed" }</li>
            <li><span class="swatch spof"></span>{ "Single point of failure" }</li>
        </ul>
    }
}
