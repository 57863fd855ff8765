//! The keyboard shortcut overlay (`?`).

use yew::prelude::*;

/// (keys, what they do): the one list the overlay shows and the app handles.
pub const SHORTCUTS: [(&str, &str); 11] = [
    ("S", "Simulate mode: click a node to fail or restore it"),
    ("E", "Edit mode: click to select, shift-click or shift-drag to select several"),
    ("N", "Add a node (or double-click empty space in edit mode)"),
    ("C", "Connect: the first selected node depends on the second"),
    ("Delete", "Delete the selected nodes"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
    ("R", "Reset all failures"),
    ("F", "Fit the map to the screen"),
    ("Escape", "Cancel a drag, clear the selection, close this help"),
    ("?", "Show or hide this help"),
];

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub on_close: Callback<MouseEvent>,
}

#[function_component(Help)]
pub fn help(props: &HelpProps) -> Html {
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help-overlay">
            <div class="dialog">
                <h2 id="help-title">{ "Keyboard shortcuts" }</h2>
                <table>
                    { for SHORTCUTS.iter().map(|(keys, what)| html! {
                        <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr>
                    }) }
                </table>
                <button onclick={props.on_close.clone()} aria-label="Close help">{ "Close" }</button>
            </div>
        </div>
    }
}
