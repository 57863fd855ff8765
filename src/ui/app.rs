//! The app shell: header, summary line, map and side panel, wired to the
//! store. Storage, downloads and keyboard shortcuts happen in effects here,
//! never in the reducer.

use super::components::{Header, Help, Legend, Map, MapEditing, Properties, SidePanel, Toolbar};
use super::derived::{highlight, layout_of, Situation, Structure};
use super::download::{download_png, download_text};
use super::examples::{self, EXAMPLES};
use super::store::Store;
use super::{files, location, storage};
use crate::editor::{Action, Edit, EditorState, Mode, NodePatch, View};
use crate::export::{self, Shared};
use crate::format;
use crate::layout::Point;
use crate::model::{Document, Kind, NodeId};
use crate::render::{layout_fingerprint, svg_document, theme};
use crate::report::summary_line;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the page was opened with.
struct Startup {
    /// `?embed`: map, legend and summary only; nothing is stored.
    embed: bool,
    /// A share link in the fragment, decoded (or why it could not be).
    shared: Option<Result<Shared, String>>,
}

/// The state the app starts in: a shared map, else the autosaved work, else
/// the Kakao example; with a message when a link or the autosave could not
/// be read (the user's own work is then what opens).
fn initial_state(startup: &Startup) -> Store {
    if let Some(Ok(shared)) = &startup.shared {
        let mut state = EditorState::new(Rc::new(shared.document.clone()));
        state.failed = shared.failed.iter().cloned().collect();
        state.view = shared.view;
        return Store(state);
    }
    let mut state = match storage::restore() {
        Ok(Some(restored)) if !startup.embed => {
            let mut state = EditorState::new(Rc::new(restored.document));
            state.failed = restored.failed.into_iter().collect();
            state.view = restored.view;
            state
        }
        Ok(_) => EditorState::new(Rc::new(examples::kakao())),
        Err(message) => {
            let mut state = EditorState::new(Rc::new(examples::kakao()));
            state.error = Some(message);
            state
        }
    };
    if let Some(Err(message)) = &startup.shared {
        state.error = Some(message.clone());
    }
    Store(state)
}

#[function_component(App)]
pub fn app() -> Html {
    let startup = use_memo((), |_| Startup { embed: location::embed_mode(), shared: location::shared() });
    let store = {
        let startup = Rc::clone(&startup);
        use_reducer(move || initial_state(&startup))
    };
    let state = &store.0;
    let embed = startup.embed;
    // A shared map is shown without overwriting the user's autosave until they keep it.
    let viewing_shared = use_state(|| matches!(startup.shared, Some(Ok(_))));
    let share_url = use_state(|| None::<String>);
    let document = Rc::clone(&state.document);
    // Set when the latest document and failures are not yet in storage.
    let unsaved = use_mut_ref(|| Cell::new(false));

    let structure = use_memo(state.revision, {
        let document = Rc::clone(&document);
        move |_| Structure::of(&document)
    });
    // Labels, requirements and users do not move anything: keep the layout.
    let layout = use_memo(layout_fingerprint(&document), {
        let document = Rc::clone(&document);
        let structure = Rc::clone(&structure);
        move |_| layout_of(&document, &structure)
    });
    let situation = use_memo((state.revision, state.failed.clone()), {
        let document = Rc::clone(&document);
        let structure = Rc::clone(&structure);
        let layout = Rc::clone(&layout);
        move |(_, failed)| Situation::of(&document, &structure, &layout, failed)
    });
    let selected = state.selected().cloned();
    let highlighted = use_memo((state.revision, state.failed.clone(), selected.clone()), {
        let structure = Rc::clone(&structure);
        let situation = Rc::clone(&situation);
        move |(_, _, selected)| highlight(&structure, &situation, selected.as_ref())
    });
    let selection = use_memo(state.selection.clone(), |selection| selection.clone());
    let summary = summary_line(&structure.graph, &situation.outcome);

    {
        let title = if document.title.is_empty() { "Blackout".to_owned() } else { format!("{} · Blackout", document.title) };
        use_effect_with(title, |title| gloo::utils::document().set_title(title));
    }
    // Autosave: the document and failures on every change, the view separately
    // (it changes at every frame of a pan and is small).
    let storing = !embed && !*viewing_shared;
    {
        let unsaved = unsaved.clone();
        use_effect_with((Rc::clone(&document), state.failed.clone(), storing), move |(document, failed, storing)| {
            if *storing {
                let failed: Vec<NodeId> = failed.iter().cloned().collect();
                unsaved.borrow().set(!storage::save(document, &failed));
            }
        });
    }
    use_effect_with((state.view, storing), |(view, storing)| {
        if let (Some(view), true) = (view, storing) {
            storage::save_view(*view);
        }
    });
    // Warn before closing only when the latest work is not in storage.
    {
        let unsaved = unsaved.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "beforeunload", move |event| {
                if unsaved.borrow().get() {
                    if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                        event.prevent_default();
                        event.set_return_value("Your latest changes are not saved.");
                    }
                }
            });
            move || drop(listener)
        });
    }
    // A share link pasted into the address bar of an open app changes only the
    // fragment; start afresh so it is read like any link.
    use_effect_with((), |_| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", |_| {
            let _ = gloo::utils::window().location().reload();
        });
        move || drop(listener)
    });
    // Keyboard shortcuts (not while typing in a field).
    {
        let store = store.clone();
        use_effect_with((), move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if let Some(action) = shortcut(event) {
                    event.prevent_default();
                    store.dispatch(action);
                }
            });
            move || drop(listener)
        });
    }

    let dispatcher = |action: Action| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(action.clone()))
    };
    let on_loaded = {
        let store = store.clone();
        Callback::from(move |result: Result<Document, String>| match result {
            Ok(document) => store.dispatch(Action::Load(Rc::new(document))),
            Err(message) => store.dispatch(Action::ShowError(message)),
        })
    };
    let on_open = {
        let on_loaded = on_loaded.clone();
        Callback::from(move |file: web_sys::File| files::open(file, on_loaded.clone()))
    };
    let on_example = {
        let store = store.clone();
        Callback::from(move |index: usize| {
            if let Some(example) = EXAMPLES.get(index) {
                store.dispatch(Action::Load(Rc::new(examples::load(example))));
            }
        })
    };
    let on_new = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let empty = Document { title: "Untitled graph".to_owned(), ..Document::default() };
            store.dispatch(Action::Load(Rc::new(empty)));
            store.dispatch(Action::SetMode(Mode::Edit));
        })
    };
    let report_failure = {
        let store = store.clone();
        move |result: Result<(), String>| {
            if let Err(message) = result {
                store.dispatch(Action::ShowError(message));
            }
        }
    };
    let on_save = {
        let document = Rc::clone(&document);
        let report_failure = report_failure.clone();
        Callback::from(move |_: MouseEvent| {
            report_failure(download_text(&file_name(&document.title, "json"), "application/json", &format::to_json(&document)))
        })
    };
    let on_export_svg = {
        let document = Rc::clone(&document);
        let situation = Rc::clone(&situation);
        let summary = summary.clone();
        let report_failure = report_failure.clone();
        Callback::from(move |_: MouseEvent| {
            let svg = svg_document(&document.title, &summary, &situation.scene);
            report_failure(download_text(&file_name(&document.title, "svg"), "image/svg+xml", &svg))
        })
    };
    let on_export_png = {
        let document = Rc::clone(&document);
        let situation = Rc::clone(&situation);
        let summary = summary.clone();
        let report_failure = report_failure.clone();
        let on_error = { let store = store.clone(); Callback::from(move |message: String| store.dispatch(Action::ShowError(message))) };
        Callback::from(move |_: MouseEvent| {
            let svg = svg_document(&document.title, &summary, &situation.scene);
            // 2× for slides and chat on high-density screens.
            report_failure(download_png(&file_name(&document.title, "png"), &svg, 2.0, on_error.clone()))
        })
    };
    let on_export_mermaid = {
        let document = Rc::clone(&document);
        let structure = Rc::clone(&structure);
        let situation = Rc::clone(&situation);
        let report_failure = report_failure.clone();
        Callback::from(move |_: MouseEvent| {
            let text = export::mermaid(&document, &structure.graph, &situation.outcome, &structure.spofs);
            report_failure(download_text(&file_name(&document.title, "mmd"), "text/plain", &text))
        })
    };
    let on_share = {
        let document = Rc::clone(&document);
        let failed: Vec<NodeId> = state.failed.iter().cloned().collect();
        let view = state.view;
        let share_url = share_url.clone();
        Callback::from(move |_: MouseEvent| {
            let shared = Shared { document: (*document).clone(), failed: failed.clone(), view };
            share_url.set(Some(location::share_url(&shared)));
        })
    };
    let on_close_share = { let share_url = share_url.clone(); Callback::from(move |_: MouseEvent| share_url.set(None)) };
    let on_keep_shared = {
        let viewing_shared = viewing_shared.clone();
        Callback::from(move |_: MouseEvent| {
            location::clear_fragment();
            viewing_shared.set(false);
        })
    };
    let on_back_to_own = {
        let viewing_shared = viewing_shared.clone();
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            location::clear_fragment();
            let own = match storage::restore() {
                Ok(Some(restored)) => restored.document,
                _ => examples::kakao(),
            };
            store.dispatch(Action::Load(Rc::new(own)));
            viewing_shared.set(false);
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
    let on_node_click = { let store = store.clone(); Callback::from(move |id: NodeId| store.dispatch(Action::ToggleFailure(id))) };
    let on_view = { let store = store.clone(); Callback::from(move |view: View| store.dispatch(Action::SetView(view))) };
    let editing = (state.mode == Mode::Edit && !embed).then(|| {
        let edit = |store: &UseReducerHandle<Store>| store.clone();
        MapEditing {
            on_select: { let store = edit(&store); Callback::from(move |(id, shift): (NodeId, bool)| store.dispatch(if shift { Action::ToggleSelect(id) } else { Action::Select(Some(id)) })) },
            on_drag: { let store = edit(&store); Callback::from(move |moved: Vec<(NodeId, Point)>| store.dispatch(Action::Preview(Edit::Move(moved)))) },
            on_drag_end: { let store = edit(&store); Callback::from(move |_| store.dispatch(Action::EndGesture)) },
            on_connect: { let store = edit(&store); Callback::from(move |(dependent, dependency): (NodeId, NodeId)| store.dispatch(Action::Edit(Edit::Connect { dependent, dependency }))) },
            on_box_select: { let store = edit(&store); Callback::from(move |ids: Vec<NodeId>| store.dispatch(Action::SelectMany(ids))) },
            on_add_at: { let store = edit(&store); Callback::from(move |at: Point| store.dispatch(Action::Edit(Edit::AddNode { kind: Kind::Service, at: Some(at) }))) },
        }
    });
    let on_add = { let store = store.clone(); Callback::from(move |kind: Kind| store.dispatch(Action::Edit(Edit::AddNode { kind, at: None }))) };
    let on_auto_layout = { let store = store.clone(); Callback::from(move |everything: bool| store.dispatch(Action::Edit(Edit::AutoLayout { everything }))) };
    let on_patch = {
        let store = store.clone();
        let selected = selected.clone();
        Callback::from(move |patch: NodePatch| {
            if let Some(id) = selected.clone() {
                store.dispatch(Action::Edit(Edit::Update { id, patch }));
            }
        })
    };
    let on_drop = {
        let on_open = on_open.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if let Some(file) = event.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                on_open.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());

    let feature_count = structure.graph.features().count();
    let selected_node = selected.as_ref().and_then(|id| document.node(id)).cloned();
    html! {
        <div class={classes!("app", (state.mode == Mode::Simulate || embed).then_some("mode-simulate"), embed.then_some("embed"))}
            ondrop={on_drop} ondragover={on_drag_over}>
            <style>{ theme::css_variables() }</style>
            <Header
                {embed}
                title={document.title.clone()}
                mode={state.mode}
                can_undo={state.can_undo()}
                can_redo={state.can_redo()}
                on_simulate={dispatcher(Action::SetMode(Mode::Simulate))}
                on_edit={dispatcher(Action::SetMode(Mode::Edit))}
                on_undo={dispatcher(Action::Undo)}
                on_redo={dispatcher(Action::Redo)}
                on_help={dispatcher(Action::ToggleHelp)}
                {on_new} {on_open} {on_save} {on_example} {on_export_svg} {on_export_png} {on_export_mermaid} {on_share}
            />
            if let Some(url) = &*share_url {
                <div class="share-panel" role="dialog" aria-label="Share link" data-testid="share-panel">
                    <p>{ "Anyone with this link sees this map, its failures and this view. Nothing is stored on a server: the map travels inside the link." }</p>
                    <a class="share-url" data-testid="share-url" href={url.clone()} target="_blank" rel="noopener">{ url.clone() }</a>
                    <p>{ "Embed it in a wiki or a design doc:" }</p>
                    <code class="snippet" data-testid="embed-snippet">{ location::embed_snippet(url) }</code>
                    <button onclick={on_close_share} aria-label="Close the share panel">{ "Close" }</button>
                </div>
            }
            if *viewing_shared && !embed {
                <div class="notice" role="status" data-testid="shared-notice">
                    <span>{ "You are viewing a shared map. Your own work is kept and untouched until you choose." }</span>
                    <button data-testid="keep-shared" onclick={on_keep_shared}>{ "Keep this map as my work" }</button>
                    <button data-testid="back-to-own" onclick={on_back_to_own}>{ "Back to my work" }</button>
                </div>
            }
            if let Some(message) = &state.error {
                <div class="error" role="alert" data-testid="error">
                    <span>{ message.clone() }</span>
                    <button class="icon" aria-label="Dismiss message" onclick={dispatcher(Action::DismissError)}>{ "×" }</button>
                </div>
            }
            <main class="workspace">
                <section class="map-area" aria-label="Risk map">
                    <p class={classes!("summary", (!state.failed.is_empty()).then_some("has-failures"))} data-testid="summary" aria-live="polite">{ summary }</p>
                    if state.mode == Mode::Edit && !embed {
                        <Toolbar selected={state.selection.len()} {on_add} {on_auto_layout}
                            on_connect={dispatcher(Action::ConnectSelection)}
                            on_delete={dispatcher(Action::DeleteSelection)} />
                    }
                    if feature_count == 0 {
                        <div class="empty-state" data-testid="empty-state">
                            <h2>{ "No user-facing features yet" }</h2>
                            <p>{ "Blackout asks which features go dark when something fails. In Edit mode, add a node of kind Feature and connect it to what it depends on, or open an example from the menu above." }</p>
                        </div>
                    }
                    <Map
                        scene={Rc::clone(&situation.scene)}
                        view={state.view}
                        highlighted={Rc::clone(&highlighted)}
                        selection={Rc::clone(&selection)}
                        {on_node_click}
                        {on_view}
                        {editing}
                    />
                    <Legend />
                </section>
                if !embed {
                <aside class="side-panel" aria-label="Analysis">
                    if let (Mode::Edit, Some(node)) = (state.mode, selected_node) {
                        <Properties {node} {on_patch} on_delete={dispatcher(Action::DeleteSelection)} />
                    }
                    <SidePanel
                        document={Rc::clone(&document)}
                        structure={Rc::clone(&structure)}
                        situation={Rc::clone(&situation)}
                        selected={selected.clone()}
                        failures={state.failed.len()}
                        {on_select}
                        on_reset={dispatcher(Action::ResetFailures)}
                        {on_scenario}
                    />
                </aside>
                }
            </main>
            if state.show_help {
                <Help on_close={dispatcher(Action::ToggleHelp)} />
            }
        </div>
    }
}

/// The action a key press asks for, if it is a shortcut (see the help overlay).
fn shortcut(event: &web_sys::KeyboardEvent) -> Option<Action> {
    let typing = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if typing {
        return None;
    }
    let command = event.ctrl_key() || event.meta_key();
    let key = event.key();
    Some(match key.as_str() {
        "z" | "Z" if command && event.shift_key() => Action::Redo,
        "z" | "Z" if command => Action::Undo,
        "y" | "Y" if command => Action::Redo,
        _ if command || event.alt_key() => return None,
        "Delete" | "Backspace" => Action::DeleteSelection,
        "Escape" => Action::Escape,
        "?" => Action::ToggleHelp,
        "s" | "S" => Action::SetMode(Mode::Simulate),
        "e" | "E" => Action::SetMode(Mode::Edit),
        "n" | "N" => Action::Edit(Edit::AddNode { kind: Kind::Service, at: None }),
        "c" | "C" => Action::ConnectSelection,
        "r" | "R" => Action::ResetFailures,
        "f" | "F" => Action::RequestFit,
        _ => return None,
    })
}

/// A file name from the graph's title: "kakao-october-2022.svg".
fn file_name(title: &str, extension: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let stem = stem.split('-').filter(|part| !part.is_empty()).collect::<Vec<_>>().join("-");
    format!("{}.{extension}", if stem.is_empty() { "blackout" } else { &stem })
}
