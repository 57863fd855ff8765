//! The Availability tab through the reducer: the analysis in slices,
//! cancelling and restarting it, applying a fix as one undo step, and the
//! preview that changes nothing.

use super::*;
use crate::analysis::risk::RiskOptions;
use crate::analysis::risk_job::RiskJob;

/// Two API replicas that share a database in one data center.
const SHOP: &str = r#"{"version": 1, "title": "Shop", "nodes": [
    {"id": "pay", "label": "Payments", "kind": "feature", "users": 1000, "depends_on": ["api"]},
    {"id": "api", "label": "API", "kind": "service", "requires": "any", "depends_on": ["api-1", "api-2"]},
    {"id": "api-1", "kind": "service", "depends_on": ["db", "dc1"], "availability": 0.99},
    {"id": "api-2", "kind": "service", "depends_on": ["db", "dc2"], "availability": 0.99},
    {"id": "db", "label": "Orders DB", "kind": "datastore", "depends_on": ["dc1"], "availability": 0.999},
    {"id": "dc1", "kind": "datacenter", "availability": 0.9995},
    {"id": "dc2", "kind": "datacenter", "availability": 0.9995}
]}"#;

/// The slice an update asks for, if any.
fn next_slice(update: &Update) -> Option<Action> {
    update.effects.iter().find_map(|effect| match effect {
        Effect::NextSlice(action) => Some(*action.clone()),
        _ => None,
    })
}

/// Applies `action`, then every slice it leads to; returns how many slices ran.
fn run(editor: &mut Editor, action: Action) -> usize {
    let mut pending = next_slice(&editor.apply(action));
    let mut slices = 0;
    while let Some(step) = pending {
        slices += 1;
        assert!(slices < 100_000, "the analysis ends");
        pending = next_slice(&editor.apply(step));
    }
    slices
}

fn ready(editor: &Editor) -> Rc<crate::analysis::risk_job::RiskResults> {
    match editor.risk_status() {
        RiskStatus::Ready(results) => results,
        other => panic!("not ready: {other:?}"),
    }
}

use std::rc::Rc;

#[test]
fn the_tab_runs_the_analysis_in_slices_and_memoises_it_on_the_snapshot() {
    let mut e = editor(SHOP);
    assert_eq!(e.risk_status(), RiskStatus::NotStarted);
    let update = e.apply(Action::ShowPanel(Panel::Availability));
    assert!(update.changed(Part::Risk));
    assert_eq!(e.risk_status(), RiskStatus::Running { fraction: 0.0 });
    let step = next_slice(&update).expect("the first slice is asked for");
    let mut slices = 0;
    let mut pending = Some(step);
    let mut last = 0.0;
    while let Some(step) = pending {
        let update = e.apply(step);
        assert!(!update.changed(Part::Document) && autosaves(&update).is_empty(), "a slice changes no document");
        if let RiskStatus::Running { fraction } = e.risk_status() {
            assert!(fraction >= last, "progress only grows");
            last = fraction;
        }
        pending = next_slice(&update);
        slices += 1;
    }
    assert!(slices >= 1);
    let results = ready(&e);
    assert_eq!(*results, RiskJob::new(doc(SHOP), RiskOptions::default()).finish(), "the same numbers as in one go");
    assert!(!results.fixes.is_empty());
    // Showing the tab again computes nothing.
    e.apply(Action::ShowPanel(Panel::Risks));
    assert!(next_slice(&e.apply(Action::ShowPanel(Panel::Availability))).is_none());
    assert!(Rc::ptr_eq(&ready(&e), &results));
}

#[test]
fn applying_a_fix_is_one_undo_step_and_undo_brings_the_numbers_back() {
    let mut e = editor(SHOP);
    run(&mut e, Action::ShowPanel(Panel::Availability));
    let before = ready(&e);
    let original = e.snapshot().clone();
    let fix = before.fixes[0].clone();
    let steps = e.undo_steps();
    let update = e.apply(Action::Edit(Edit::ApplyFix(fix.changes.clone())));
    assert!(update.changed(Part::Document));
    assert_eq!(autosaves(&update).len(), 1, "stored like any edit");
    assert_eq!(e.undo_steps(), steps + 1, "one undo step");
    for node in fix.added() {
        assert!(e.document().node(&node.id).is_some(), "{} added", node.id);
    }
    // The new document is analysed afresh, because the tab is shown.
    assert!(matches!(e.risk_status(), RiskStatus::Running { .. }), "{:?}", e.risk_status());
    e.apply(Action::Undo);
    assert!(e.snapshot().same(&original));
    assert!(Rc::ptr_eq(&ready(&e), &before), "undo returns to the memoised numbers");
    assert_eq!(e.undo_steps(), steps);
    // Redo puts the fixed document back: analysed afresh (it never finished).
    let slices = run(&mut e, Action::Redo);
    assert!(slices > 0);
    let after = ready(&e);
    let fixed_loss = after.report.expected_loss.exact().unwrap();
    assert!(fixed_loss < before.report.expected_loss.exact().unwrap(), "the fix saves user-hours");
}

#[test]
fn a_stale_fix_is_refused_with_a_message_and_changes_nothing() {
    let mut e = editor(SHOP);
    run(&mut e, Action::ShowPanel(Panel::Availability));
    let fix = ready(&e).fixes.iter().find(|f| f.added().count() > 0).expect("a replica").clone();
    e.apply(Action::Edit(Edit::ApplyFix(fix.changes.clone())));
    let once = e.snapshot().clone();
    // The same fix again: its new nodes are already there.
    let update = e.apply(Action::Edit(Edit::ApplyFix(fix.changes)));
    assert!(!update.changed(Part::Document));
    assert!(matches!(e.message(), Some(Message::Problem(Problem::Edit(EditError::Fix(_))))), "{:?}", e.message());
    assert!(e.snapshot().same(&once));
}

#[test]
fn a_preview_changes_nothing_in_the_document_and_ends_with_it() {
    let mut e = editor(SHOP);
    run(&mut e, Action::ShowPanel(Panel::Availability));
    let before = e.snapshot().clone();
    let steps = e.undo_steps();
    let update = e.apply(Action::PreviewFix(Some(0)));
    assert!(update.changed(Part::Risk) && !update.changed(Part::Document));
    assert!(update.effects.is_empty(), "nothing stored, nothing scheduled");
    assert_eq!(e.fix_preview(), Some(0));
    assert!(e.snapshot().same(&before) && e.undo_steps() == steps);
    assert!(e.apply(Action::PreviewFix(Some(0))).is_noop());
    assert!(e.apply(Action::PreviewFix(Some(99))).changed(Part::Risk), "no such fix: the preview ends");
    assert_eq!(e.fix_preview(), None);
    e.apply(Action::PreviewFix(Some(0)));
    // Any change to what the numbers depend on ends the preview.
    let patch = NodePatch { availability: Some(Some(0.9)), ..NodePatch::default() };
    e.apply(Action::Edit(Edit::Update { id: "db".into(), patch }));
    assert_eq!(e.fix_preview(), None);
}

#[test]
fn cancel_stops_the_job_and_its_pending_slice_does_nothing() {
    let mut e = editor(SHOP);
    let step = next_slice(&e.apply(Action::ShowPanel(Panel::Availability))).unwrap();
    assert!(e.apply(Action::CancelRisk).changed(Part::Risk));
    assert_eq!(e.risk_status(), RiskStatus::Cancelled);
    assert!(e.apply(step).is_noop(), "the cancelled job's slice is ignored");
    assert!(e.apply(Action::CancelRisk).is_noop());
    // Leaving the tab and coming back does not start it again on its own.
    e.apply(Action::ShowPanel(Panel::Risks));
    assert!(next_slice(&e.apply(Action::ShowPanel(Panel::Availability))).is_none());
    assert_eq!(e.risk_status(), RiskStatus::Cancelled);
    // "Analyse" does.
    assert!(run(&mut e, Action::AnalyseRisk) > 0);
    ready(&e);
}

#[test]
fn a_document_change_restarts_the_job_but_a_move_does_not() {
    let mut e = editor(SHOP);
    let first = next_slice(&e.apply(Action::ShowPanel(Panel::Availability))).unwrap();
    // Moving a node changes nothing the numbers depend on: the same job goes on.
    let moved = e.apply(Action::Edit(Edit::Move(vec![("db".into(), crate::layout::Point { x: 5.0, y: 5.0 })])));
    assert!(moved.changed(Part::Document) && next_slice(&moved).is_none());
    assert!(!e.apply(first.clone()).is_noop(), "the slice still counts");
    // An availability changes them: the job starts again for the new version.
    let patch = NodePatch { availability: Some(Some(0.5)), ..NodePatch::default() };
    let edited = e.apply(Action::Edit(Edit::Update { id: "dc2".into(), patch }));
    let restarted = next_slice(&edited).expect("a new job");
    assert_ne!(restarted, first);
    assert_eq!(e.risk_status(), RiskStatus::Running { fraction: 0.0 });
    assert!(e.apply(first).is_noop(), "the old job's slice is ignored");
    let mut pending = Some(restarted);
    while let Some(step) = pending {
        pending = next_slice(&e.apply(step));
    }
    let results = ready(&e);
    assert_eq!(*results, RiskJob::new(e.document().clone(), RiskOptions::default()).finish());
    // Without the tab, a change only drops the job.
    e.apply(Action::ShowPanel(Panel::Risks));
    let patch = NodePatch { availability: Some(Some(0.7)), ..NodePatch::default() };
    let hidden = e.apply(Action::Edit(Edit::Update { id: "dc2".into(), patch }));
    assert!(next_slice(&hidden).is_none());
    assert_eq!(e.risk_status(), RiskStatus::NotStarted);
}

#[test]
fn a_renamed_node_keeps_the_numbers_and_fixes_read_with_its_new_label() {
    let mut e = editor(SHOP);
    run(&mut e, Action::ShowPanel(Panel::Availability));
    let results = ready(&e);
    let patch = NodePatch { label: Some("Ledger".into()), ..NodePatch::default() };
    let renamed = e.apply(Action::Edit(Edit::Update { id: "db".into(), patch }));
    assert!(next_slice(&renamed).is_none(), "labels do not change the numbers");
    assert!(Rc::ptr_eq(&ready(&e), &results));
    let about_db = results.fixes.iter().find(|f| f.touched().contains(&NodeId::from("db"))).expect("a fix about the database");
    assert!(about_db.kind.describe(e.document()).contains("Ledger"), "{}", about_db.kind.describe(e.document()));
}

#[test]
fn slices_do_not_end_a_drag_in_progress() {
    let mut e = editor(SHOP);
    e.apply(Action::SetMode(Mode::Edit));
    let step = next_slice(&e.apply(Action::ShowPanel(Panel::Availability))).unwrap();
    let db = screen_of(&e, "db");
    drag_without_release(&mut e, db, offset(db, 40.0, 0.0));
    assert_eq!(e.interaction().name(), "dragging");
    e.apply(step);
    assert_eq!(e.interaction().name(), "dragging", "a slice is a report, not an intent");
}

#[test]
fn the_embed_refuses_the_analysis_its_fixes_and_their_preview() {
    let (mut e, _) = Editor::start(startup(Some(Ok(work(SHOP))), None, true));
    e.apply(Action::MapResized { width: 800.0, height: 600.0 });
    let mut own = editor(SHOP);
    run(&mut own, Action::ShowPanel(Panel::Availability));
    let fix = ready(&own).fixes[0].clone();
    let before = e.snapshot().clone();
    for action in [
        Action::ShowPanel(Panel::Availability),
        Action::AnalyseRisk,
        Action::CancelRisk,
        Action::PreviewFix(Some(0)),
        Action::Edit(Edit::ApplyFix(fix.changes)),
    ] {
        assert!(e.apply(action.clone()).is_noop(), "{action:?} is refused in the embed");
    }
    assert!(e.snapshot().same(&before));
    assert_eq!(e.risk_status(), RiskStatus::NotStarted);
}
