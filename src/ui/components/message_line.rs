//! The message line: a problem (`data-testid="error"`), or what an edit
//! changed besides the node it was made on (`data-testid="edit-notice"`).

use crate::editor::{Action, Message};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MessageLineProps {
    pub message: Message,
    pub on_action: Callback<Action>,
}

#[function_component(MessageLine)]
pub fn message_line(props: &MessageLineProps) -> Html {
    let on_dismiss = super::sender(&props.on_action)(Action::DismissMessage);
    let (class, role, testid) = match props.message {
        Message::Problem(_) => ("error", "alert", "error"),
        Message::RequirementsChanged(_) => ("edit-notice", "status", "edit-notice"),
    };
    html! {
        <div {class} {role} data-testid={testid}>
            <span>{ props.message.to_string() }</span>
            <button class="icon" aria-label="Dismiss message" onclick={on_dismiss}>{ "×" }</button>
        </div>
    }
}
