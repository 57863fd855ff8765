//! Each area of the reducer, by hand.

use super::*;
use crate::autosave::StorageProblem;
use crate::autosave::StoreError;
use crate::layout::View;
use crate::model::Kind;

#[test]
fn failures_toggle_reset_and_are_stored() {
    let mut e = editor(SMALL);
    let update = e.apply(Action::ToggleFailure("dc".into()));
    assert!(update.changed(Part::Failures));
    assert_eq!(autosaves(&update)[0].1, vec![NodeId::from("dc")]);
    assert!(e.apply(Action::ToggleFailure("ghost".into())).is_noop());
    e.apply(Action::ToggleFailure("dc".into()));
    assert!(e.failed().is_empty());
    e.apply(Action::SetFailures(vec!["api".into(), "ghost".into()]));
    assert_eq!(e.failed().iter().collect::<Vec<_>>(), [&NodeId::from("api")]);
    e.apply(Action::ResetFailures);
    assert!(e.apply(Action::ResetFailures).is_noop());
    assert!(!e.can_undo(), "failures are not undo steps");
}

#[test]
fn load_is_one_undo_step_and_clears_failures_and_selection() {
    let mut e = editor(SMALL);
    e.apply(Action::ToggleFailure("dc".into()));
    e.apply(Action::Select(Some("api".into())));
    let update = e.apply(Action::Load { document: doc(SHARED), source: Source::File("their.json".into()) });
    assert!(update.effects.iter().any(|e| matches!(e, Effect::SetTitle(t) if t == "Their map · Blackout")));
    assert!(e.failed().is_empty() && e.selection().is_empty());
    assert!(e.view().is_some(), "fitted to the known viewport");
    assert_eq!(e.undo_steps(), 1);
    e.apply(Action::Undo);
    assert_eq!(e.document().title, "Shop");
    e.apply(Action::Redo);
    assert_eq!(e.document().title, "Their map");
    assert!(e.apply(Action::Redo).is_noop());
}

#[test]
fn new_opens_an_empty_graph_in_edit_mode() {
    let mut e = editor(SMALL);
    e.apply(Action::New);
    assert_eq!(e.document().title, "Untitled graph");
    assert!(e.document().nodes.is_empty());
    assert_eq!(e.mode(), Mode::Edit);
    e.apply(Action::SetNewNodeKind(Kind::Feature));
    e.apply(Action::AddNode(None));
    assert_eq!(e.selection(), [NodeId::from("feature-1")], "a new node is selected");
}

#[test]
fn refused_edits_show_a_typed_problem_and_change_nothing() {
    let mut e = editor(SMALL);
    let before = e.snapshot().clone();
    e.apply(Action::Edit(Edit::Connect { dependent: "api".into(), dependency: "api".into() }));
    assert_eq!(e.message(), Some(&Message::Problem(Problem::Edit(EditError::SelfDependency("api".into())))));
    assert!(e.snapshot().same(&before));
    e.apply(Action::Select(Some("api".into())));
    e.apply(Action::ConnectSelection);
    assert_eq!(e.message(), Some(&Message::Problem(Problem::Edit(EditError::ConnectNeedsTwo))));
    e.apply(Action::ToggleSelect("grid".into()));
    e.apply(Action::ConnectSelection);
    assert!(e.message().is_none(), "a successful edit clears the problem");
    assert_eq!(e.document().node(&"api".into()).unwrap().depends_on.len(), 2);
    e.apply(Action::DeleteSelection);
    assert_eq!(e.document().nodes.len(), 3);
    assert!(e.selection().is_empty());
    e.apply(Action::Undo);
    assert_eq!(e.document().nodes.len(), 5);
}

#[test]
fn undo_forgets_failures_and_selection_on_nodes_that_are_gone() {
    let mut e = editor(SMALL);
    e.apply(Action::AddNode(None));
    e.apply(Action::ToggleFailure("service-1".into()));
    assert_eq!(e.selection(), [NodeId::from("service-1")]);
    let update = e.apply(Action::Undo);
    assert!(update.changed(Part::Failures) && update.changed(Part::Selection));
    assert!(e.failed().is_empty() && e.selection().is_empty());
}

#[test]
fn clicks_fail_in_simulate_mode_and_select_in_edit_mode() {
    let mut e = editor(SMALL);
    let dc = screen_of(&e, "dc");
    down(&mut e, dc);
    assert_eq!(e.interaction().name(), "pointing");
    up(&mut e, dc);
    assert!(e.failed().contains(&NodeId::from("dc")));
    e.apply(Action::SetMode(Mode::Edit));
    let at = screen_of(&e, "api");
    down(&mut e, at);
    let at = screen_of(&e, "api");
    up(&mut e, at);
    assert_eq!(e.selection(), [NodeId::from("api")]);
    e.apply(Action::Pointer(PointerInput::Down { pointer: 1, at: screen_of(&e, "db"), shift: true }));
    let at = screen_of(&e, "db");
    up(&mut e, at);
    assert_eq!(e.selection(), [NodeId::from("api"), NodeId::from("db")], "shift-click adds");
    e.apply(Action::Activate { node: "grid".into(), shift: false });
    assert_eq!(e.selection(), [NodeId::from("grid")], "Enter on a focused node");
    // A click on the background clears the selection.
    down(&mut e, ScreenPoint { x: 1.0, y: 1.0 });
    up(&mut e, ScreenPoint { x: 1.0, y: 1.0 });
    assert!(e.selection().is_empty());
}

#[test]
fn a_drag_is_one_undo_step_and_a_drag_of_the_selection_moves_it_all() {
    let mut e = editor(SMALL);
    e.apply(Action::SetMode(Mode::Edit));
    e.apply(Action::Select(Some("api".into())));
    e.apply(Action::ToggleSelect("db".into()));
    let (api, db) = (screen_of(&e, "api"), screen_of(&e, "db"));
    drag_without_release(&mut e, api, offset(api, 50.0, 20.0));
    assert!(autosaves(&move_to(&mut e, offset(api, 60.0, 20.0))).is_empty(), "nothing stored mid-drag");
    let update = up(&mut e, offset(api, 60.0, 20.0));
    assert_eq!(autosaves(&update).len(), 1, "stored once, at the end");
    let scale = e.view().unwrap().scale;
    let moved = |e: &Editor, id: &str, from: ScreenPoint| (screen_of(e, id).x - from.x) / scale;
    assert!((moved(&e, "api", api) - 60.0 / scale * scale).abs() < 1e-6);
    assert!((moved(&e, "db", db) - moved(&e, "api", api)).abs() < 1e-9, "both by the same amount");
    assert_eq!(e.undo_steps(), 1);
    e.apply(Action::Undo);
    assert!(e.document().nodes.iter().all(|n| n.x.is_none()), "one undo undoes the whole drag");
}

#[test]
fn a_pan_moves_the_view_and_escape_puts_it_back() {
    let mut e = editor(SMALL);
    let view = e.view().unwrap();
    let empty = ScreenPoint { x: 5.0, y: 5.0 };
    drag_without_release(&mut e, empty, offset(empty, 100.0, 50.0));
    assert_eq!(e.interaction().name(), "panning");
    assert!(e.interaction().moves_view());
    assert_eq!(e.view().unwrap(), view.panned(100.0, 50.0));
    e.apply(Action::Escape);
    assert_eq!(e.view(), Some(view));
    drag_without_release(&mut e, empty, offset(empty, 10.0, 0.0));
    let update = up(&mut e, offset(empty, 10.0, 0.0));
    assert!(update.effects.iter().any(|e| matches!(e, Effect::SaveView(_))), "the view is stored when the pan ends");
    assert!(e.failed().is_empty(), "a pan fails nothing");
}

#[test]
fn two_fingers_pinch_and_one_left_pans() {
    let mut e = editor(SMALL);
    let scale = e.view().unwrap().scale;
    let (a, b) = (ScreenPoint { x: 400.0, y: 400.0 }, ScreenPoint { x: 500.0, y: 400.0 });
    e.apply(Action::Pointer(PointerInput::Down { pointer: 1, at: a, shift: false }));
    e.apply(Action::Pointer(PointerInput::Down { pointer: 2, at: b, shift: false }));
    assert_eq!(e.interaction().name(), "pinching");
    e.apply(Action::Pointer(PointerInput::Move { pointer: 2, at: offset(b, 100.0, 0.0) }));
    assert!((e.view().unwrap().scale - scale * 2.0).abs() < 1e-9, "twice the distance, twice the scale");
    e.apply(Action::Pointer(PointerInput::Up { pointer: 2, at: offset(b, 100.0, 0.0) }));
    assert_eq!(e.interaction().name(), "panning");
    e.apply(Action::Pointer(PointerInput::Up { pointer: 1, at: a }));
    assert!(e.interaction().is_idle());
}

#[test]
fn the_wheel_zooms_around_the_pointer_until_it_settles() {
    let mut e = editor(SMALL);
    let at = ScreenPoint { x: 300.0, y: 200.0 };
    let before = e.view().unwrap().to_map(at);
    let update = e.apply(Action::Pointer(PointerInput::Wheel { at, delta: -100.0 }));
    let settle = update.effects.iter().find_map(|e| match e {
        Effect::After { action, .. } => Some((**action).clone()),
        _ => None,
    });
    assert!(e.interaction().moves_view());
    let after = e.view().unwrap().to_map(at);
    assert!((before.x - after.x).abs() < 1e-9 && (before.y - after.y).abs() < 1e-9, "the point under the pointer stays");
    e.apply(Action::Pointer(PointerInput::Wheel { at, delta: -100.0 }));
    assert!(e.apply(settle.clone().unwrap()).is_noop(), "a newer wheel step is pending");
    let generation = e.wheel_generation;
    let done = e.apply(Action::Pointer(PointerInput::WheelSettled { generation }));
    assert!(e.interaction().is_idle());
    assert!(done.effects.iter().any(|e| matches!(e, Effect::SaveView(_))));
}

#[test]
fn only_the_steps_inside_a_gesture_move_the_view_alone() {
    let mut e = editor(SMALL);
    let at = ScreenPoint { x: 300.0, y: 200.0 };
    // The first wheel step starts the zoom: the map learns the start view.
    let first = e.apply(Action::Pointer(PointerInput::Wheel { at, delta: -100.0 }));
    assert_eq!(e.moved_by_gesture(&first), None);
    let second = e.apply(Action::Pointer(PointerInput::Wheel { at, delta: -100.0 }));
    assert_eq!(e.moved_by_gesture(&second), e.view());
    assert!(e.moved_by_gesture(&second).is_some());
    let generation = e.wheel_generation;
    let settled = e.apply(Action::Pointer(PointerInput::WheelSettled { generation }));
    assert_eq!(e.moved_by_gesture(&settled), None, "the end of a zoom changes the detail");
    // A zoom without a gesture changes the view the detail is drawn for.
    let button = e.apply(Action::ZoomBy(1.25));
    assert!(button.changed(Part::View));
    assert_eq!(e.moved_by_gesture(&button), None);
    // Dragging the map: the moves after the slop move the view alone.
    let start = ScreenPoint { x: 5.0, y: 5.0 };
    e.apply(Action::Pointer(PointerInput::Down { pointer: 1, at: start, shift: false }));
    let began = e.apply(Action::Pointer(PointerInput::Move { pointer: 1, at: offset(start, 30.0, 0.0) }));
    assert_eq!(e.interaction().name(), "panning");
    assert_eq!(e.moved_by_gesture(&began), None);
    let step = e.apply(Action::Pointer(PointerInput::Move { pointer: 1, at: offset(start, 40.0, 10.0) }));
    assert_eq!(e.moved_by_gesture(&step), e.view());
    assert!(e.moved_by_gesture(&step).is_some());
    // The window resized mid-drag: the map must render for its new size.
    let resized = e.apply(Action::MapResized { width: 640.0, height: 480.0 });
    assert_eq!(e.interaction().name(), "panning");
    assert_eq!(e.moved_by_gesture(&resized), None);
    let still = e.apply(Action::Pointer(PointerInput::Move { pointer: 1, at: offset(start, 40.0, 10.0) }));
    assert_eq!(e.moved_by_gesture(&still), None, "no move, nothing to show");
    let up = e.apply(Action::Pointer(PointerInput::Up { pointer: 1, at: offset(start, 40.0, 10.0) }));
    assert_eq!(e.moved_by_gesture(&up), None);
}

#[test]
fn connect_from_the_handle_box_select_and_double_click_to_add() {
    let mut e = editor(SMALL);
    e.apply(Action::SetMode(Mode::Edit));
    e.apply(Action::Select(Some("shop".into())));
    let index = e.document().graph().index_of(&"shop".into()).unwrap();
    let handle = e.view().unwrap().to_screen(crate::layout::handle_centre(e.snapshot().layout().positions[index as usize]));
    let grid = screen_of(&e, "grid");
    drag_without_release(&mut e, handle, grid);
    assert_eq!(e.interaction().name(), "connecting");
    assert!(matches!(e.interaction().guide(), Some(Guide::Line { .. })));
    let at = screen_of(&e, "grid");
    up(&mut e, at);
    assert!(e.document().node(&"shop".into()).unwrap().depends_on.contains(&"grid".into()));
    // Shift-drag from empty space selects what the box covers.
    let (api, db) = (screen_of(&e, "api"), screen_of(&e, "db"));
    let from = ScreenPoint { x: api.x.min(db.x) - 100.0, y: api.y.min(db.y) - 30.0 };
    let to = ScreenPoint { x: api.x.max(db.x) + 100.0, y: api.y.max(db.y) + 30.0 };
    e.apply(Action::Pointer(PointerInput::Down { pointer: 1, at: from, shift: true }));
    move_to(&mut e, to);
    assert!(matches!(e.interaction().guide(), Some(Guide::Rect { .. })));
    up(&mut e, to);
    let mut selected = e.selection().to_vec();
    selected.sort();
    assert_eq!(selected, [NodeId::from("api"), NodeId::from("db")]);
    // Double-click on empty space adds a node there.
    let empty = ScreenPoint { x: 990.0, y: 790.0 };
    e.apply(Action::Pointer(PointerInput::DoubleClick { at: empty }));
    let added = e.document().nodes.last().unwrap();
    assert_eq!(added.id.as_str(), "service-1");
    let at = e.view().unwrap().to_map(empty);
    assert_eq!((added.x, added.y), (Some(at.x), Some(at.y)));
}

#[test]
fn escape_closes_the_dialog_then_clears_the_selection() {
    let mut e = editor(SMALL);
    e.apply(Action::Select(Some("api".into())));
    e.apply(Action::ToggleHelp);
    assert_eq!(e.dialog(), Some(&Dialog::Help));
    e.apply(Action::Escape);
    assert_eq!(e.dialog(), None);
    assert_eq!(e.selection().len(), 1);
    e.apply(Action::Escape);
    assert!(e.selection().is_empty());
    assert!(e.apply(Action::Escape).is_noop());
}

#[test]
fn fit_and_zoom_buttons_need_the_viewport() {
    let mut e = Editor::new(doc(SMALL));
    assert!(e.apply(Action::ZoomBy(1.25)).is_noop());
    assert_eq!(e.view(), None);
    e.apply(Action::MapResized { width: 1000.0, height: 800.0 });
    let fitted = e.view().unwrap();
    e.apply(Action::ZoomBy(2.0));
    assert_eq!(e.view().unwrap().scale, fitted.scale * 2.0);
    let update = e.apply(Action::Fit);
    assert_eq!(e.view(), Some(fitted));
    assert!(update.effects.iter().any(|e| matches!(e, Effect::SaveView(v) if *v == fitted)));
    assert_eq!(View::fit(1.0, 1.0, 0.0, 0.0), View::default());
}

#[test]
fn storage_failures_show_a_lasting_warning_until_a_write_succeeds() {
    let mut e = editor(SMALL);
    e.apply(Action::ToggleFailure("dc".into()));
    let full = StorageProblem::WriteFailed(StoreError::Full);
    e.apply(Action::Stored(Err(full.clone())));
    assert_eq!(e.storage_warning(), Some(&full));
    assert!(e.has_unsaved_work(), "closing the page asks first");
    e.apply(Action::Select(Some("api".into())));
    assert_eq!(e.storage_warning(), Some(&full), "lasting");
    let retry = e.apply(Action::ToggleFailure("dc".into()));
    assert_eq!(autosaves(&retry).len(), 1, "the next change tries again");
    e.apply(Action::Stored(Ok(())));
    assert_eq!(e.storage_warning(), None);
    assert!(!e.has_unsaved_work());
}

#[test]
fn start_opens_the_link_own_work_or_the_example_with_the_right_message() {
    let (e, effects) = Editor::start(startup(None, None, false));
    assert_eq!(e.document().title, "Example");
    assert!(effects.iter().any(|e| matches!(e, Effect::SetTitle(t) if t == "Example · Blackout")));
    let (e, _) = Editor::start(startup(None, Some(work(SMALL)), false));
    assert_eq!(e.document().title, "Shop");
    let (e, _) = Editor::start(startup(Some(Err("the link is damaged".into())), Some(work(SMALL)), false));
    assert_eq!(e.document().title, "Shop", "own work opens");
    assert_eq!(e.message().unwrap().to_string(), "The share link could not be opened: the link is damaged.");
    assert!(!e.is_viewing_shared());
    let (e, _) = Editor::start(startup(Some(Ok(work(SHARED))), None, true));
    assert!(e.is_embed() && e.document().title == "Their map");
    let (e, _) = Editor::start(startup(None, Some(work(SMALL)), true));
    assert_eq!(e.document().title, "Example", "the embed never shows the visitor's own work");
}

#[test]
fn unreadable_autosave_at_start_is_told_and_autosave_stays_off_when_it_could_not_be_set_aside() {
    let mut start = startup(None, None, false);
    let reason = crate::autosave::AutosaveError::NotAutosave;
    start.restored = Restore { work: None, problem: Some(StorageProblem::CannotSetAside { reason, why: "full".into() }), writable: false };
    let (mut e, _) = Editor::start(start);
    assert!(e.storage_warning().is_some());
    assert!(autosaves(&e.apply(Action::ToggleFailure("talk".into()))).is_empty(), "the unreadable copy is never overwritten");
    assert!(e.has_unsaved_work());
}

#[test]
fn a_changed_shared_map_asks_before_it_is_dropped() {
    let (mut e, _) = Editor::start(startup(Some(Ok(work(SHARED))), Some(work(SMALL)), false));
    assert!(!e.has_unsaved_work());
    e.apply(Action::Edit(Edit::SetTitle("Their map, improved".into())));
    assert!(e.shared_map_changed() && e.has_unsaved_work());
    e.apply(Action::BackToOwn);
    assert_eq!(e.dialog(), Some(&Dialog::ConfirmBackToOwn));
    assert_eq!(e.document().title, "Their map, improved", "nothing dropped yet");
    e.apply(Action::Escape);
    assert_eq!(e.dialog(), None);
    e.apply(Action::BackToOwn);
    let update = e.apply(Action::ConfirmBackToOwn);
    assert_eq!(e.document().title, "Shop");
    assert!(update.effects.iter().any(|e| matches!(e, Effect::ClearLink)));
    assert!(!e.is_viewing_shared() && !e.can_undo());
}

#[test]
fn exports_and_share_links_are_effects() {
    let mut e = editor(SMALL);
    e.apply(Action::ToggleFailure("dc".into()));
    let export = e.apply(Action::Export(ExportFormat::Svg));
    assert!(matches!(&export.effects[..], [Effect::Export { format: ExportFormat::Svg, failed, .. }] if failed == &[NodeId::from("dc")]));
    let share = e.apply(Action::Share);
    assert!(matches!(&share.effects[..], [Effect::MakeShareLink { .. }]));
    e.apply(Action::ShareLinkReady("https://x/#b1.abc".into()));
    assert_eq!(e.dialog(), Some(&Dialog::Share { link: "https://x/#b1.abc".into() }));
    let copy = e.apply(Action::Copy("text".into()));
    assert!(matches!(&copy.effects[..], [Effect::Copy(t)] if t == "text"));
}

#[test]
fn the_side_panel_tab_is_state_but_no_undo_step() {
    let mut e = editor(SMALL);
    assert_eq!(e.panel(), Panel::Risks);
    assert!(e.apply(Action::ShowPanel(Panel::Risks)).is_noop(), "the tab shown already");
    assert!(Panel::ALL.iter().all(|p| !p.title().is_empty() && !p.as_str().contains(' ')));
    for panel in Panel::ALL {
        e.apply(Action::ShowPanel(panel));
        assert_eq!(e.panel(), panel);
    }
    assert!(!e.can_undo(), "tabs are not undo steps");
    let (mut embed, _) = Editor::start(startup(None, None, true));
    assert!(embed.apply(Action::ShowPanel(Panel::Risks)).is_noop(), "the embed has no side panel");
}
