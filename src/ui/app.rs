//! The app shell: wiring only. It starts the editor from what the page was
//! opened with, renders the components from the editor's state and what is
//! derived from it, and turns DOM events into actions; effects are run by
//! `effects.rs` through [`Dispatch`].

use super::components::{
    Comparing, ConfirmBack, Header, Help, Legend, Map, MessageLine, Properties, RecoveryBar, ReportView, ScenarioHours, SearchBox,
    SharePanel, SharedNotice, SidePanel, StorageWarning, Toolbar,
};
use super::derived::{fix_marks, focus_shown, highlight, profile, risks, Situation};
use super::store::{Dispatch, Store};
use super::{examples, files, location, storage};
use crate::autosave::Restore;
use crate::editor::keymap::{self, KeyPress};
use crate::analysis::{has_recovery_data, restore_times, FocusDirection, Outcome};
use crate::editor::{set_profiler, Action, Dialog, Editor, Focus, Mode, RiskStatus, Startup};
use crate::render::{nodes_back_by, scene_at_hour, theme};
use crate::report::recovery::recovery_line;
use crate::report::{headline, summary_line};
use gloo::events::{EventListener, EventListenerOptions};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The editor as the page was opened: a share link, else the autosave, else the example.
fn start() -> Store {
    set_profiler(profile);
    let embed = location::embed_mode();
    // The embed stores nothing, so it does not even look at the visitor's storage.
    let restored = if embed { Restore { work: None, problem: None, writable: true } } else { storage::restore() };
    let (editor, effects) = Editor::start(Startup { embed, link: location::shared(), restored, example: examples::kakao() });
    Store::new(editor, effects)
}

/// The key press of a keyboard event, unless the user is typing in a field.
fn key_press(event: &web_sys::KeyboardEvent) -> Option<KeyPress> {
    let typing = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    (!typing).then(|| KeyPress { key: event.key(), command: event.ctrl_key() || event.meta_key(), shift: event.shift_key(), alt: event.alt_key() })
}

#[function_component(App)]
pub fn app() -> Html {
    let store = use_reducer_eq(start);
    let dispatch = (*use_memo((), {
        let store = store.clone();
        move |_| Dispatch::new(store)
    }))
    .clone();
    let on_action = (*use_memo((), {
        let dispatch = dispatch.clone();
        move |_| dispatch.callback(|action: Action| action)
    }))
    .clone();

    // The effects of starting (the page title).
    use_effect_with((), {
        let dispatch = dispatch.clone();
        move |_| dispatch.run_pending()
    });
    // Keyboard shortcuts.
    use_effect_with((), {
        let dispatch = dispatch.clone();
        move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if let Some(action) = key_press(event).and_then(|press| keymap::action_for(&press)) {
                    event.prevent_default();
                    dispatch.send(action);
                }
            });
            move || drop(listener)
        }
    });
    // A share link pasted into the address bar of an open app changes only
    // the fragment; start afresh so it is read like any link.
    use_effect_with((), |_| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", |_| {
            let _ = gloo::utils::window().location().reload();
        });
        move || drop(listener)
    });
    let editor = &store.editor;
    // Ask before closing while work would be lost.
    use_effect_with(editor.has_unsaved_work(), |&unsaved| {
        let listener = unsaved.then(|| {
            EventListener::new(&gloo::utils::window(), "beforeunload", |event| {
                if let Some(event) = event.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                    event.prevent_default();
                    event.set_return_value("Your latest changes are not saved.");
                }
            })
        });
        move || drop(listener)
    });

    let snapshot = editor.snapshot().clone();
    let failed = editor.failed().clone();
    let selected = editor.selected().cloned();
    let situation = use_memo((editor.revision(), failed.clone()), {
        let snapshot = snapshot.clone();
        move |(_, failed)| Situation::of(&snapshot, failed)
    });
    let highlighted = use_memo((editor.revision(), failed, selected.clone()), {
        let (snapshot, situation) = (snapshot.clone(), Rc::clone(&situation));
        move |(_, _, selected)| highlight(&snapshot, &situation, selected.as_ref())
    });
    let selection = use_memo(editor.selection().to_vec(), |selection| selection.clone());
    let risk = editor.risk_status();
    let previewed = editor.fix_preview().and_then(|i| match &risk {
        RiskStatus::Ready(results) => results.fixes.get(i).cloned(),
        _ => None,
    });
    let marks = use_memo((editor.revision(), previewed), {
        let snapshot = snapshot.clone();
        move |(_, fix)| fix_marks(&snapshot, fix.as_ref())
    });
    let risks = use_memo(editor.revision(), {
        let snapshot = snapshot.clone();
        move |_| risks(&snapshot)
    });
    // The map at the time control's hour: redrawn only when a node comes back.
    let times = editor.restore_times();
    let hour = editor.recovery_hour();
    let map_scene = use_memo((editor.revision(), editor.failed().clone(), nodes_back_by(&times, hour)), {
        let (situation, times) = (Rc::clone(&situation), Rc::clone(&times));
        move |(_, _, back)| if *back == 0 { Rc::clone(&situation.scene) } else { Rc::new(scene_at_hour(&situation.scene, &times, hour)) }
    });
    // The Scenarios tab's hours column: when the last dark feature of each
    // scenario is back (infinity: never), for maps with recovery data.
    let scenario_hours = use_memo(editor.revision(), {
        let snapshot = snapshot.clone();
        move |_| {
            let document = snapshot.document().clone();
            has_recovery_data(document.graph()).then(|| {
                Rc::new(move |outcome: &Outcome| {
                    let failed: Vec<_> = outcome.failed().collect();
                    let graph = document.graph();
                    Some(restore_times(graph, &failed).last_feature_back(graph).unwrap_or(f64::INFINITY))
                }) as ScenarioHours
            })
        }
    });
    // The summary's words and the recovery line, once per revision and
    // failure set: each walks every feature, and a pan or wheel step
    // renders the app again.
    let summary = use_memo((editor.revision(), editor.failed().clone()), {
        let (snapshot, risks, situation) = (snapshot.clone(), Rc::clone(&risks), Rc::clone(&situation));
        move |(_, failed)| {
            let document = snapshot.document();
            if failed.is_empty() {
                headline(document, document.graph(), &risks)
            } else {
                summary_line(document.graph(), &situation.outcome)
            }
        }
    });
    let recovery = use_memo((editor.revision(), editor.failed().clone()), {
        let (snapshot, times) = (snapshot.clone(), Rc::clone(&times));
        move |_| recovery_line(snapshot.document().graph(), &times)
    });
    let shown = use_memo((editor.revision(), editor.focus().cloned()), {
        let snapshot = snapshot.clone();
        move |(_, focus)| focus_shown(&snapshot, focus.as_ref()).map(Rc::new)
    });

    let document = editor.document();
    let embed = editor.is_embed();
    let mode = editor.mode();
    let interaction = editor.interaction();
    let on_files = |purpose: files::Purpose| {
        let on_action = on_action.clone();
        Callback::from(move |picked: Vec<web_sys::File>| files::open(picked, purpose, on_action.clone()))
    };
    let (on_open_files, on_compare_files) = (on_files(files::Purpose::Open), on_files(files::Purpose::Compare));
    let on_drop = {
        let on_open_files = on_open_files.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            on_open_files.emit(files::list(event.data_transfer().and_then(|d| d.files())));
        })
    };
    let compared = editor.compared();
    let comparing = editor.comparison().zip(compared.clone()).map(|(comparison, compared)| Comparing {
        against: comparison.against().clone(),
        direction: comparison.direction(),
        other: comparison.other().clone(),
        compared,
    });
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let selected_node = selected.as_ref().and_then(|id| document.node(id)).cloned();
    let change = selected.as_ref().and_then(|id| editor.requirement_change_of(id)).cloned();
    // The first feature ends the search: counting them all was O(n) a wheel step.
    let has_features = document.graph().features().next().is_some();
    html! {
        <div class={classes!("app", (mode == Mode::Simulate).then_some("mode-simulate"), embed.then_some("embed"))}
            ondrop={on_drop} ondragover={on_drag_over}>
            <style>{ theme::css_variables() }</style>
            <Header {embed} title={document.title.clone()} {mode} can_undo={editor.can_undo()} can_redo={editor.can_redo()}
                on_action={on_action.clone()} on_files={on_open_files} />
            if let Some(Dialog::Share { link }) = editor.dialog() {
                <SharePanel link={link.clone()} on_action={on_action.clone()} />
            }
            if editor.is_viewing_shared() {
                <SharedNotice changed={editor.shared_map_changed()} on_action={on_action.clone()} />
            }
            if let Some(problem) = editor.storage_warning() {
                <StorageWarning problem={problem.clone()} on_action={on_action.clone()} />
            }
            if let Some(message) = editor.message() {
                <MessageLine message={message.clone()} on_action={on_action.clone()} />
            }
            <main class="workspace">
                <section class="map-area" aria-label="Risk map">
                    <p class={classes!("summary", (!editor.failed().is_empty()).then_some("has-failures"))} data-testid="summary" aria-live="polite">
                        // The biggest risk in words; once something failed, what it did.
                        { (*summary).clone() }
                    </p>
                    if let Some(line) = (*recovery).clone() {
                        <RecoveryBar {line} {hour} end={editor.recovery_end()} playing={editor.recovery_playing()} on_action={on_action.clone()} />
                    }
                    if let Some(search) = editor.search() {
                        <SearchBox search={search.clone()} snapshot={snapshot.clone()} on_action={on_action.clone()} />
                    }
                    if let Some(focus) = editor.focus() {
                        <p class="focus-notice" data-testid="focus-notice">
                            <span>{ focus_notice(document, focus) }</span>
                            <button onclick={on_action.reform(|_: MouseEvent| Action::LeaveFocus)} data-testid="leave-focus">{ "Show all" }</button>
                        </p>
                    }
                    if mode == Mode::Edit {
                        <Toolbar selected={editor.selection().len()} kind={editor.new_node_kind()} on_action={on_action.clone()} />
                    }
                    if !has_features {
                        <div class="empty-state" data-testid="empty-state">
                            <h2>{ "No user-facing features yet" }</h2>
                            <p>{ "Blackout asks which features go dark when something fails. In Edit mode, add a node of kind Feature and connect it to what it depends on, or open an example from the menu above." }</p>
                        </div>
                    }
                    <Map
                        scene={Rc::clone(&*map_scene)}
                        revision={editor.revision()}
                        view={editor.view()}
                        settled={interaction.start_view().or(editor.view()).unwrap_or_default()}
                        viewport={editor.viewport()}
                        moving={interaction.moves_view()}
                        highlighted={Rc::clone(&highlighted)}
                        marks={Rc::clone(&marks)}
                        shown={(*shown).clone()}
                        selection={Rc::clone(&selection)}
                        editing={mode == Mode::Edit}
                        guide={interaction.guide()}
                        interaction={interaction.name()}
                        on_action={on_action.clone()}
                        diff_marks={compared.map(|c| Rc::clone(&c.marks))}
                        views={store.views()}
                    />
                    <Legend />
                </section>
                if !embed {
                    <aside class="side-panel" aria-label="Analysis">
                        if let (Mode::Edit, Some(node)) = (mode, selected_node) {
                            <Properties {node} {change} on_action={on_action.clone()} />
                        }
                        <SidePanel panel={editor.panel()} snapshot={snapshot.clone()} situation={Rc::clone(&situation)} risks={Rc::clone(&risks)}
                            selected={selected.clone()} focus={editor.focus().cloned()} failed={editor.failed().clone()}
                            times={Rc::clone(&times)} {hour} ranking={editor.spof_ranking()} scenario_hours={(*scenario_hours).clone()}
                            comparison={comparing} saved={editor.saved_origin().clone()} {on_compare_files}
                            risk={risk} fix_preview={editor.fix_preview()}
                            on_action={on_action.clone()} />
                    </aside>
                }
            </main>
            if let Some(Dialog::Help) = editor.dialog() {
                <Help on_action={on_action.clone()} />
            }
            if let Some(Dialog::Report { failed, name }) = editor.dialog() {
                <ReportView snapshot={snapshot.clone()} failed={failed.clone()} name={name.clone()} on_action={on_action.clone()} />
            }
            if let Some(Dialog::ConfirmBackToOwn) = editor.dialog() {
                <ConfirmBack on_action={on_action.clone()} />
            }
        </div>
    }
}

/// "Showing only what SK C&C Pangyo depends on".
fn focus_notice(document: &crate::model::Document, focus: &Focus) -> String {
    let label = document.node(&focus.node).map_or(focus.node.as_str(), |node| node.label());
    match focus.direction {
        FocusDirection::Upstream => format!("Showing only what {label} depends on"),
        FocusDirection::Downstream => format!("Showing only what depends on {label}"),
    }
}
