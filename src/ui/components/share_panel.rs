//! The share link and the embed snippet, with Copy buttons.

use super::super::location;
use crate::editor::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub link: String,
    pub on_action: Callback<Action>,
}

#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let send = super::sender(&props.on_action);
    let snippet = location::embed_snippet(&props.link);
    html! {
        <div class="share-panel" role="dialog" aria-label="Share link" data-testid="share-panel">
            <p>{ "Anyone with this link sees this map, its failures and this view. Nothing is stored on a server: the map travels inside the link." }</p>
            <a class="share-url" data-testid="share-url" href={props.link.clone()} target="_blank" rel="noopener">{ props.link.clone() }</a>
            <button data-testid="copy-link" onclick={send(Action::Copy(props.link.clone()))}>{ "Copy link" }</button>
            <p>{ "Embed it in a wiki or a design doc:" }</p>
            <code class="snippet" data-testid="embed-snippet">{ snippet.clone() }</code>
            <button data-testid="copy-snippet" onclick={send(Action::Copy(snippet))}>{ "Copy snippet" }</button>
            <button onclick={send(Action::CloseDialog)} aria-label="Close the share panel">{ "Close" }</button>
        </div>
    }
}
