//! The slim top bar: title, mode, search, undo/redo, files, examples,
//! report, share and export. At phone width the actions fold into a menu
//! (a native popover: it opens over the map, closes on Escape, on a tap
//! outside, or when one of its buttons is picked).

use super::super::examples::{self, EXAMPLES};
use super::super::files;
use crate::editor::{Action, ExportFormat, Mode, Panel, Source};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The exports for other tools, in the "More…" menu (the option's value is
/// its position here).
const OTHER_EXPORTS: [(ExportFormat, &str); 3] = [
    (ExportFormat::Dot, "Graphviz DOT"),
    (ExportFormat::Csv, "CSV spreadsheet"),
    (ExportFormat::Mef, "Open-PSA MEF fault tree"),
];

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// Embedded in another page: the title only, no controls.
    pub embed: bool,
    pub title: String,
    pub mode: Mode,
    pub can_undo: bool,
    pub can_redo: bool,
    pub on_action: Callback<Action>,
    /// Files picked to open (several of one format make one model).
    pub on_files: Callback<Vec<web_sys::File>>,
}

#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    let send = super::sender(&props.on_action);
    let on_example = {
        let on_action = props.on_action.clone();
        super::on_pick(&Callback::from(move |index: usize| {
            if let Some(example) = EXAMPLES.get(index) {
                on_action.emit(Action::Load { document: examples::load(example), source: Source::Example(example.name.to_owned()) });
            }
        }))
    };
    let on_file = super::on_pick_files(&props.on_files);
    let on_export = {
        let on_action = props.on_action.clone();
        super::on_pick(&Callback::from(move |index: usize| {
            if let Some((format, _)) = OTHER_EXPORTS.get(index) {
                on_action.emit(Action::Export(*format));
            }
        }))
    };
    let title = if props.title.is_empty() { "Untitled graph" } else { &props.title };
    let menu = use_node_ref();
    let on_menu_click = {
        let menu = menu.clone();
        Callback::from(move |event: MouseEvent| {
            // A button picked closes the menu (a tap between buttons does not).
            let picked = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|element| element.closest("button").ok().flatten().is_some());
            let Some(menu) = menu.cast::<web_sys::HtmlElement>() else { return };
            if picked && menu.matches(":popover-open").unwrap_or(false) {
                let _ = menu.hide_popover();
            }
        })
    };
    html! {
        <header class="top-bar">
            <div class="brand" aria-label="Blackout">
                <svg class="logo" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10" /><path d="M12 2a10 10 0 0 0 0 20z" /></svg>
                <span class="product">{ "Blackout" }</span>
            </div>
            <h1 class="graph-title" title={title.to_owned()}>{ title }</h1>
            if !props.embed {
            <div class="segmented" role="group" aria-label="Mode">
                <button data-testid="mode-simulate" aria-pressed={(props.mode == Mode::Simulate).to_string()}
                    title="Click nodes to fail them (S)" onclick={send(Action::SetMode(Mode::Simulate))}>{ "Simulate" }</button>
                <button data-testid="mode-edit" aria-pressed={(props.mode == Mode::Edit).to_string()}
                    title="Click nodes to select them (E)" onclick={send(Action::SetMode(Mode::Edit))}>{ "Edit" }</button>
            </div>
            <button class="search-button" data-testid="open-search" aria-label="Search for a node" title="Search for a node (/ or Ctrl+K)"
                onclick={send(Action::OpenSearch)}>
                <svg viewBox="0 0 24 24" aria-hidden="true"><circle cx="10.5" cy="10.5" r="6.5" /><path d="M15.5 15.5L21 21" /></svg>
                <span class="button-text">{ "Search" }</span>
            </button>
            <button class="menu-button" data-testid="menu" popovertarget="header-actions" aria-label="More actions" title="More actions">
                <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 7h16M4 12h16M4 17h16" /></svg>
            </button>
            <div class="actions" id="header-actions" popover="auto" ref={menu} onclick={on_menu_click}>
                <button class="report-button" data-testid="report" title="The one-page report for the failures on the map: print it or save it"
                    onclick={send(Action::OpenReport(None))}>{ "Report" }</button>
                <button data-testid="undo" aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!props.can_undo} onclick={send(Action::Undo)}>{ "↶" }</button>
                <button data-testid="redo" aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!props.can_redo} onclick={send(Action::Redo)}>{ "↷" }</button>
                <button data-testid="new" title="Start an empty graph (undoable)" onclick={send(Action::New)}>{ "New" }</button>
                <label class="button" title="Open a graph: Blackout JSON, a Backstage catalog (YAML), Jaeger or OpenTelemetry links, DOT, CSV or Open-PSA MEF; several files of one format make one map (or drop them on the page)">
                    { "Open" }
                    <input type="file" class="visually-hidden" accept={files::ACCEPT} multiple=true data-testid="open-file" onchange={on_file} />
                </label>
                <button data-testid="save" title="Download the graph as JSON" onclick={send(Action::Export(ExportFormat::Json))}>{ "Save" }</button>
                <select class="examples" aria-label="Open a built-in example" onchange={on_example}>
                    <option value="" selected=true>{ "Examples…" }</option>
                    { for EXAMPLES.iter().enumerate().map(|(i, e)| html! { <option value={i.to_string()}>{ e.name }</option> }) }
                </select>
                <span class="group" role="group" aria-label="Share and export">
                    <button data-testid="share-link" title="Make a link that carries this map" onclick={send(Action::Share)}>{ "Share link" }</button>
                    <button data-testid="export-svg" title="Download the map as SVG" onclick={send(Action::Export(ExportFormat::Svg))}>{ "SVG" }</button>
                    <button data-testid="export-png" title="Download the map as PNG (2×)" onclick={send(Action::Export(ExportFormat::Png))}>{ "PNG" }</button>
                    <button data-testid="export-mermaid" title="Download the map as a Mermaid flowchart for Markdown" onclick={send(Action::Export(ExportFormat::Mermaid))}>{ "Mermaid" }</button>
                    <select class="export-formats" data-testid="export-format" aria-label="Export the graph for other tools"
                        title="The graph for other tools; Open reads each back" onchange={on_export}>
                        <option value="" selected=true>{ "More…" }</option>
                        { for OTHER_EXPORTS.iter().enumerate().map(|(i, (_, name))| html! { <option value={i.to_string()}>{ *name }</option> }) }
                    </select>
                </span>
                <button data-testid="compare" title="Compare this map with a file or the last saved version" onclick={send(Action::ShowPanel(Panel::Compare))}>{ "Compare…" }</button>
                <button data-testid="help" aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onclick={send(Action::ToggleHelp)}>{ "?" }</button>
            </div>
            }
        </header>
    }
}
