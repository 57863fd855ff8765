//! The app shell: header, summary line, map and side panel, wired to the store.

use super::components::{Header, Legend, Map, SidePanel};
use super::derived::{highlight, Situation, Structure};
use super::download::download_text;
use super::examples::{self, EXAMPLES};
use super::store::Store;
use crate::editor::{Action, EditorState, Mode, View};
use crate::model::NodeId;
use crate::render::{svg_document, theme};
use crate::report::summary_line;
use std::rc::Rc;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer(|| Store(EditorState::new(Rc::new(examples::kakao()))));
    let state = &store.0;
    let document = Rc::clone(&state.document);

    let structure = use_memo(state.revision, {
        let document = Rc::clone(&document);
        move |_| Structure::of(&document)
    });
    let situation = use_memo((state.revision, state.failed.clone()), {
        let document = Rc::clone(&document);
        let structure = Rc::clone(&structure);
        move |(_, failed)| Situation::of(&document, &structure, failed)
    });
    let highlighted = use_memo((state.revision, state.failed.clone(), state.selected.clone()), {
        let structure = Rc::clone(&structure);
        let situation = Rc::clone(&situation);
        move |(_, _, selected)| highlight(&structure, &situation, selected.as_ref())
    });
    let summary = summary_line(&structure.graph, &situation.outcome);

    {
        let title = if document.title.is_empty() { "Blackout".to_owned() } else { format!("{} · Blackout", document.title) };
        use_effect_with(title, |title| gloo::utils::document().set_title(title));
    }

    let dispatch = |make: fn(Mode) -> Action, mode| {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(make(mode)))
    };
    let on_simulate = dispatch(Action::SetMode, Mode::Simulate);
    let on_edit = dispatch(Action::SetMode, Mode::Edit);
    let on_undo = { let store = store.clone(); Callback::from(move |_| store.dispatch(Action::Undo)) };
    let on_redo = { let store = store.clone(); Callback::from(move |_| store.dispatch(Action::Redo)) };
    let on_reset = { let store = store.clone(); Callback::from(move |_| store.dispatch(Action::ResetFailures)) };
    let on_example = {
        let store = store.clone();
        Callback::from(move |index: usize| {
            if let Some(example) = EXAMPLES.get(index) {
                store.dispatch(Action::Load(Rc::new(examples::load(example))));
            }
        })
    };
    let on_scenario = {
        let store = store.clone();
        let document = Rc::clone(&document);
        Callback::from(move |index: usize| {
            if let Some(scenario) = document.scenarios.get(index) {
                store.dispatch(Action::SetFailures(scenario.fail.clone()));
            }
        })
    };
    let on_select = { let store = store.clone(); Callback::from(move |id: Option<NodeId>| store.dispatch(Action::Select(id))) };
    let on_node_click = {
        let store = store.clone();
        let mode = state.mode;
        use_callback(mode, move |id: NodeId, mode| match mode {
            Mode::Simulate => store.dispatch(Action::ToggleFailure(id)),
            Mode::Edit => store.dispatch(Action::Select(Some(id))),
        })
    };
    let on_view = { let store = store.clone(); Callback::from(move |view: View| store.dispatch(Action::SetView(view))) };
    let on_export_svg = {
        let store = store.clone();
        let document = Rc::clone(&document);
        let situation = Rc::clone(&situation);
        let summary = summary.clone();
        Callback::from(move |_| {
            let svg = svg_document(&document.title, &summary, &situation.scene);
            if let Err(message) = download_text(&file_stem(&document.title, "svg"), "image/svg+xml", &svg) {
                store.dispatch(Action::ShowError(message));
            }
        })
    };
    let on_dismiss = { let store = store.clone(); Callback::from(move |_| store.dispatch(Action::DismissError)) };

    let feature_count = structure.graph.features().count();
    html! {
        <div class={classes!("app", (state.mode == Mode::Simulate).then_some("mode-simulate"))}>
            <style>{ theme::css_variables() }</style>
            <Header
                title={document.title.clone()}
                mode={state.mode}
                can_undo={state.can_undo()}
                can_redo={state.can_redo()}
                {on_simulate} {on_edit} {on_undo} {on_redo} {on_example} {on_export_svg}
            />
            if let Some(message) = &state.error {
                <div class="error" role="alert" data-testid="error">
                    <span>{ message.clone() }</span>
                    <button class="icon" aria-label="Dismiss message" onclick={on_dismiss}>{ "×" }</button>
                </div>
            }
            <main class="workspace">
                <section class="map-area" aria-label="Risk map">
                    <p class={classes!("summary", (!state.failed.is_empty()).then_some("has-failures"))} data-testid="summary" aria-live="polite">{ summary }</p>
                    if feature_count == 0 {
                        <div class="empty-state">
                            <h2>{ "No user-facing features yet" }</h2>
                            <p>{ "Blackout asks which features go dark when something fails. Add a node of kind feature, or open one of the examples from the menu above." }</p>
                        </div>
                    }
                    <Map
                        scene={Rc::clone(&situation.scene)}
                        view={state.view}
                        revision={state.revision}
                        highlighted={Rc::clone(&highlighted)}
                        selected={state.selected.clone()}
                        {on_node_click}
                        {on_view}
                    />
                    <Legend />
                </section>
                <SidePanel
                    document={Rc::clone(&document)}
                    structure={Rc::clone(&structure)}
                    situation={Rc::clone(&situation)}
                    selected={state.selected.clone()}
                    failures={state.failed.len()}
                    {on_select} {on_reset} {on_scenario}
                />
            </main>
        </div>
    }
}

/// A file name from the graph's title: "kakao-october-2022.svg".
fn file_stem(title: &str, extension: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let stem = stem.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-");
    format!("{}.{extension}", if stem.is_empty() { "blackout" } else { &stem })
}
