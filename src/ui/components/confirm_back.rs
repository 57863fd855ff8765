//! "Discard your changes to this shared map?" before going back to one's own work.

use crate::editor::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmBackProps {
    pub on_action: Callback<Action>,
}

#[function_component(ConfirmBack)]
pub fn confirm_back(props: &ConfirmBackProps) -> Html {
    let send = super::sender(&props.on_action);
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="confirm-title" data-testid="confirm-back">
            <div class="dialog">
                <h2 id="confirm-title">{ "Discard your changes to this shared map?" }</h2>
                <p>{ "You changed the map someone shared with you. Going back to your own work drops those changes; keep the map as your work instead to store them." }</p>
                <div class="dialog-actions">
                    <button data-testid="confirm-discard" class="danger" onclick={send(Action::ConfirmBackToOwn)}>{ "Discard my changes" }</button>
                    <button data-testid="confirm-keep" onclick={send(Action::KeepShared)}>{ "Keep this map as my work" }</button>
                    <button data-testid="confirm-cancel" onclick={send(Action::CloseDialog)}>{ "Cancel" }</button>
                </div>
            </div>
        </div>
    }
}
