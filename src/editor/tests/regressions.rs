//! Each bug issue 8 lists, as the user met it, driven through `apply`.
//! (Checked to fail on the reducer before this design, written against its API.)

use super::*;
use crate::model::Requirement;

/// Start dragging a node, press a mode key mid-drag, edit a label, press
/// Escape: the label edit used to vanish (Escape reverted to the document
/// from before the drag, and the edit was in neither undo nor redo).
#[test]
fn a_mode_key_during_a_drag_then_an_edit_then_escape_loses_nothing() {
    let mut e = editor(SMALL);
    e.apply(Action::SetMode(Mode::Edit));
    let api = screen_of(&e, "api");
    drag_without_release(&mut e, api, offset(api, 60.0, 30.0));
    assert_eq!(e.interaction().name(), "dragging");
    // The map used to return early here, without ending the drag.
    e.apply(Action::SetMode(Mode::Simulate));
    assert!(e.interaction().is_idle(), "any other action ends the drag (commits it)");
    let patch = NodePatch { label: Some("Payments API".into()), ..NodePatch::default() };
    e.apply(Action::Edit(Edit::Update { id: "api".into(), patch }));
    e.apply(Action::Escape);
    assert_eq!(e.document().node(&"api".into()).unwrap().label(), "Payments API", "the label edit survives Escape");
    assert!(e.document().node(&"api".into()).unwrap().x.is_some(), "and so does the drag");
    assert_eq!(e.undo_steps(), 2, "the drag and the label edit are one step each");
    e.apply(Action::Undo);
    assert_eq!(e.document().node(&"api".into()).unwrap().label(), "api");
    e.apply(Action::Undo);
    assert!(e.document().node(&"api".into()).unwrap().x.is_none());
}

/// Escape during a drag: the reducer cancelled, but the map kept its own drag
/// state and the next pointer move started the drag again.
#[test]
fn escape_ends_a_drag_and_later_pointer_moves_do_nothing() {
    let mut e = editor(SMALL);
    e.apply(Action::SetMode(Mode::Edit));
    let start = e.snapshot().clone();
    let api = screen_of(&e, "api");
    drag_without_release(&mut e, api, offset(api, 80.0, 0.0));
    assert!(!e.snapshot().same(&start));
    e.apply(Action::Escape);
    assert!(e.snapshot().same(&start), "exactly the document the drag started from");
    assert!(e.interaction().is_idle());
    // The pointer is still down on the page and keeps moving.
    assert!(move_to(&mut e, offset(api, 120.0, 10.0)).is_noop());
    assert!(up(&mut e, offset(api, 120.0, 10.0)).is_noop());
    assert!(e.snapshot().same(&start));
    assert!(!e.can_undo());
}

/// "Back to my work" after opening a share link was an undoable load: Ctrl+Z
/// brought the shared map back while autosave was on, and the autosave then
/// held the shared map.
#[test]
fn undo_after_back_to_my_work_never_brings_the_shared_map_into_the_autosave() {
    let (mut e, _) = Editor::start(startup(Some(Ok(work(SHARED))), Some(work(SMALL)), false));
    assert!(e.is_viewing_shared());
    let mut stored = Vec::new();
    for action in [Action::BackToOwn, Action::Undo, Action::Undo, Action::Redo] {
        stored.extend(autosaves(&e.apply(action)));
        assert_eq!(e.document().title, "Shop", "own work stays on screen");
    }
    assert!(!e.can_undo(), "the shared map is not in the history");
    // Edits to own work are stored, and undo stops at own work.
    let update = e.apply(Action::ToggleFailure("dc".into()));
    stored.extend(autosaves(&update));
    e.apply(Action::Edit(Edit::SetTitle("Mine".into())));
    stored.extend(autosaves(&e.apply(Action::Undo)));
    stored.extend(autosaves(&e.apply(Action::Undo)));
    assert!(!stored.is_empty());
    assert!(stored.iter().all(|(document, _)| document.title != "Their map"), "never the shared map");
}

/// The same for "Keep this map": after keeping it, it is the user's work;
/// nothing from before the link can come back either, and it is stored.
#[test]
fn keep_this_map_stores_it_and_undo_stays_within_it() {
    let (mut e, _) = Editor::start(startup(Some(Ok(work(SHARED))), Some(work(SMALL)), false));
    assert!(autosaves(&e.apply(Action::ToggleFailure("east".into()))).is_empty(), "a shared map is not stored");
    let kept = e.apply(Action::KeepShared);
    assert!(kept.effects.iter().any(|e| matches!(e, Effect::ClearLink)));
    let saved = autosaves(&kept);
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].0.title, "Their map");
    assert_eq!(saved[0].1, vec![NodeId::from("east")]);
    assert!(!e.can_undo());
    e.apply(Action::Undo);
    assert_eq!(e.document().title, "Their map");
}

/// Pressing N in `?embed` added a "New service" node: only the buttons were hidden.
#[test]
fn the_embed_refuses_every_change_keyboard_included() {
    let (mut e, _) = Editor::start(startup(Some(Ok(work(SHARED))), Some(work(SMALL)), true));
    e.apply(Action::MapResized { width: 800.0, height: 600.0 });
    let before = e.snapshot().clone();
    let keys = ["n", "N", "Delete", "Backspace", "c", "e", "?"];
    let mut refused: Vec<Action> = keys
        .iter()
        .filter_map(|key| keymap::action_for(&keymap::KeyPress { key: (*key).to_owned(), command: false, shift: false, alt: false }))
        .collect();
    refused.extend([
        keymap::action_for(&keymap::KeyPress { key: "z".into(), command: true, shift: false, alt: false }).unwrap(),
        Action::Select(Some("pay".into())),
        Action::Edit(Edit::Delete(vec!["east".into()])),
        Action::Load { document: doc(SMALL), source: Source::File("x.json".into()) },
        Action::New,
        Action::KeepShared,
        Action::Share,
        Action::Export(ExportFormat::Json),
    ]);
    for action in refused {
        let update = e.apply(action.clone());
        assert!(update.is_noop(), "{action:?} is refused in the embed");
    }
    assert!(e.snapshot().same(&before));
    assert_eq!(e.mode(), Mode::Simulate);
    // Click-to-fail, pan and zoom still work, and nothing is stored.
    let east = screen_of(&e, "east");
    let mut effects = Vec::new();
    effects.extend(down(&mut e, east).effects);
    effects.extend(up(&mut e, east).effects);
    assert!(e.failed().contains(&NodeId::from("east")), "click to fail");
    let view = e.view();
    drag_without_release(&mut e, offset(east, 0.0, 200.0), offset(east, 50.0, 250.0));
    effects.extend(up(&mut e, offset(east, 50.0, 250.0)).effects);
    assert_ne!(e.view(), view, "pan");
    effects.extend(e.apply(Action::ZoomBy(1.25)).effects);
    assert!(effects.iter().all(|e| !matches!(e, Effect::Autosave { .. } | Effect::SaveView(_))), "nothing stored");
    assert!(e.snapshot().same(&before));
}

/// Every action used to clone both history vectors and compare whole states.
#[test]
fn an_action_copies_no_history_and_compares_no_states() {
    let mut e = editor(SMALL);
    for i in 0..150 {
        e.apply(Action::Edit(Edit::SetTitle(format!("title {i}"))));
    }
    let before = e.clone();
    e.apply(Action::Select(Some("api".into())));
    e.apply(Action::ToggleFailure("dc".into()));
    assert!(e.history.shares(&before.history), "history is shared, not copied");
    assert!(e.snapshot().same(before.snapshot()));
    // A no-op is known where it happens: nothing changed, nothing to do.
    assert!(e.apply(Action::Select(Some("api".into()))).is_noop());
    assert!(e.apply(Action::SetMode(Mode::Simulate)).is_noop());
}

/// A drag step that only moves nodes recomputed the single points of failure and cycles.
#[test]
fn a_drag_step_reuses_the_analysis() {
    let mut e = editor(SMALL);
    e.apply(Action::SetMode(Mode::Edit));
    let analysis = e.snapshot().analysis();
    let api = screen_of(&e, "api");
    drag_without_release(&mut e, api, offset(api, 40.0, 40.0));
    assert!(std::rc::Rc::ptr_eq(&analysis, &e.snapshot().analysis()), "the same analysis, not recomputed");
    up(&mut e, offset(api, 40.0, 40.0));
    e.apply(Action::Undo);
    assert!(std::rc::Rc::ptr_eq(&analysis, &e.snapshot().analysis()));
}

/// Deleting one of three sites under a "2 of 3" node silently made it "2 of 2".
#[test]
fn deleting_one_of_three_sites_says_what_changed_and_is_one_undo_step() {
    let text = r#"{"version": 1, "nodes": [
        {"id": "shop", "kind": "feature", "users": 5, "depends_on": ["db"]},
        {"id": "db", "label": "Orders DB", "kind": "datastore", "requires": {"at_least": 2}, "depends_on": ["s1", "s2", "s3"]},
        {"id": "s1", "kind": "datacenter"}, {"id": "s2", "kind": "datacenter"}, {"id": "s3", "label": "DC C", "kind": "datacenter"}]}"#;
    let mut e = editor(text);
    e.apply(Action::SetMode(Mode::Edit));
    e.apply(Action::Select(Some("s3".into())));
    e.apply(Action::DeleteSelection);
    let message = e.message().expect("the edit says so").to_string();
    assert_eq!(
        message,
        "Deleting DC C changed what other nodes need. Orders DB needed 2 of 3 and now needs 2 of 2: it survived 1 failure, now no failure. 2 new single points of failure: s1, s2."
    );
    let change = e.requirement_change_of(&"db".into()).expect("the properties panel can show it");
    assert_eq!((change.before, change.after), (Requirement::AtLeast(2), Requirement::AtLeast(2)));
    assert_eq!(e.undo_steps(), 1);
    e.apply(Action::Undo);
    assert_eq!(e.document().nodes.len(), 5);
    assert!(e.message().is_none());
}
