//! The keyboard shortcut overlay (`?`), listing the editor's one keymap.

use crate::editor::keymap::SHORTCUTS;
use crate::editor::Action;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_action: Callback<Action>,
}

#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
    let on_close = super::sender(&props.on_action)(Action::CloseDialog);
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
            <div class="dialog">
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <table>
                    { for SHORTCUTS.iter().map(|(keys, what)| html! {
                        <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr>
                    }) }
                </table>
                <button onclick={on_close} aria-label="Close help">{ "Close" }</button>
            </div>
        </div>
    }
}
