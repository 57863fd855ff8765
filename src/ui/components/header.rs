//! The slim top bar: title, mode, undo/redo, examples, export.

use super::super::examples::EXAMPLES;
use crate::editor::Mode;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub title: String,
    pub mode: Mode,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_simulate: Callback<MouseEvent>,
    pub on_edit: Callback<MouseEvent>,
    pub on_undo: Callback<MouseEvent>,
    pub on_redo: Callback<MouseEvent>,
    pub on_example: Callback<usize>,
    pub on_export_svg: Callback<MouseEvent>,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let on_example = {
        let on_example = props.on_example.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(index) = select.value().parse::<usize>() {
                on_example.emit(index);
            }
            select.set_value("");
        })
    };
    let title = if props.title.is_empty() { "Untitled graph" } else { &props.title };
    html! {
        <header class="top-bar">
            <div class="brand" aria-label="Blackout">
                <svg class="logo" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10" /><path d="M12 2a10 10 0 0 0 0 20z" /></svg>
                <span class="product">{ "Blackout" }</span>
            </div>
            <h1 class="graph-title" title={title.to_owned()}>{ title }</h1>
            <div class="segmented" role="group" aria-label="Mode">
                <button data-testid="mode-simulate" aria-pressed={(props.mode == Mode::Simulate).to_string()}
                    title="Click nodes to fail them" onclick={props.on_simulate.clone()}>{ "Simulate" }</button>
                <button data-testid="mode-edit" aria-pressed={(props.mode == Mode::Edit).to_string()}
                    title="Click nodes to select them" onclick={props.on_edit.clone()}>{ "Edit" }</button>
            </div>
            <div class="actions">
                <button data-testid="undo" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!props.can_undo} onclick={props.on_undo.clone()}>{ "↶" }</button>
                <button data-testid="redo" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!props.can_redo} onclick={props.on_redo.clone()}>{ "↷" }</button>
                <select class="examples" aria-label="Open a built-in example" onchange={on_example}>
                    <option value="" selected=true>{ "Examples…" }</option>
                    { for EXAMPLES.iter().enumerate().map(|(i, e)| html! { <option value={i.to_string()}>{ e.name }</option> }) }
                </select>
                <button data-testid="export-svg" title="Download the map as SVG" onclick={props.on_export_svg.clone()}>{ "Export SVG" }</button>
            </div>
        </header>
    }
}
