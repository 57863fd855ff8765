//! The edit-mode toolbar over the map.

use crate::model::Kind;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub selected: usize,
    pub on_add: Callback<Kind>,
    pub on_connect: Callback<MouseEvent>,
    pub on_delete: Callback<MouseEvent>,
    pub on_auto_layout: Callback<bool>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let kind = use_state(|| Kind::Service);
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(k) = Kind::ALL.iter().find(|k| k.as_str() == value) {
                kind.set(*k);
            }
        })
    };
    let on_add = {
        let on_add = props.on_add.clone();
        let kind = *kind;
        Callback::from(move |_: MouseEvent| on_add.emit(kind))
    };
    let layout = |everything: bool| {
        let on_auto_layout = props.on_auto_layout.clone();
        Callback::from(move |_: MouseEvent| on_auto_layout.emit(everything))
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label="Edit">
            <select aria-label="Kind of the new node" data-testid="add-kind" onchange={on_kind}>
                { for Kind::ALL.iter().map(|k| html! { <option value={k.as_str()} selected={*k == *kind}>{ k.display_name() }</option> }) }
            </select>
            <button data-testid="add-node" title="Add a node (N)" onclick={on_add}>{ "Add node" }</button>
            <button data-testid="connect" title="The first selected node depends on the second (C)"
                disabled={props.selected != 2} onclick={props.on_connect.clone()}>{ "Connect" }</button>
            <button data-testid="delete-selection" title="Delete the selection (Delete)"
                disabled={props.selected == 0} onclick={props.on_delete.clone()}>{ "Delete" }</button>
            <button data-testid="auto-layout" title="Lay out the nodes you have not placed" onclick={layout(false)}>{ "Auto-layout" }</button>
            <button data-testid="relayout-all" title="Forget every position and lay out afresh" onclick={layout(true)}>{ "Re-lay all" }</button>
        </div>
    }
}
