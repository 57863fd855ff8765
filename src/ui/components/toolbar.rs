//! The edit-mode toolbar over the map.

use crate::editor::{Action, Edit};
use crate::model::Kind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub selected: usize,
    /// The kind the next added node gets.
    pub kind: Kind,
    pub on_action: Callback<Action>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let send = super::sender(&props.on_action);
    let on_kind = {
        let on_action = props.on_action.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(kind) = Kind::ALL.iter().find(|k| k.as_str() == value) {
                on_action.emit(Action::SetNewNodeKind(*kind));
            }
        })
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label="Edit">
            <select aria-label="Kind of the new node" data-testid="add-kind" onchange={on_kind}>
                { for Kind::ALL.iter().map(|k| html! { <option value={k.as_str()} selected={*k == props.kind}>{ k.display_name() }</option> }) }
            </select>
            <button data-testid="add-node" title="Add a node (N)" onclick={send(Action::AddNode(None))}>{ "Add node" }</button>
            <button data-testid="connect" title="The first selected node depends on the second (C)"
                disabled={props.selected != 2} onclick={send(Action::ConnectSelection)}>{ "Connect" }</button>
            <button data-testid="delete-selection" title="Delete the selection (Delete)"
                disabled={props.selected == 0} onclick={send(Action::DeleteSelection)}>{ "Delete" }</button>
            <button data-testid="auto-layout" title="Lay out the nodes you have not placed"
                onclick={send(Action::Edit(Edit::AutoLayout { everything: false }))}>{ "Auto-layout" }</button>
            <button data-testid="relayout-all" title="Forget every position and lay out afresh"
                onclick={send(Action::Edit(Edit::AutoLayout { everything: true }))}>{ "Re-lay all" }</button>
        </div>
    }
}
