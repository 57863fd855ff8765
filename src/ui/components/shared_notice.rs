//! The notice over a shared map: keep it as your work, or go back to yours.

use crate::editor::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharedNoticeProps {
    /// The shared map was edited (going back asks first).
    pub changed: bool,
    pub on_action: Callback<Action>,
}

#[function_component(SharedNotice)]
pub fn shared_notice(props: &SharedNoticeProps) -> Html {
    let send = super::sender(&props.on_action);
    let text = if props.changed {
        "You changed this shared map. Your changes are not stored anywhere until you keep it as your work; your own work is kept and untouched."
    } else {
        "You are viewing a shared map. Your own work is kept and untouched until you choose."
    };
    html! {
        <div class="notice" role="status" data-testid="shared-notice">
            <span>{ text }</span>
            <button data-testid="keep-shared" onclick={send(Action::KeepShared)}>{ "Keep this map as my work" }</button>
            <button data-testid="back-to-own" onclick={send(Action::BackToOwn)}>{ "Back to my work" }</button>
        </div>
    }
}
