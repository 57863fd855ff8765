//! The recovery view driven through `apply`: the time control (view state,
//! never an undo step, never stored, allowed in the embed), play in steps
//! with `Effect::After`, stopped by any other action, the ranking of single
//! points of failure, editing recovery hours, and the restore-time memos.

use super::*;
use crate::analysis::{restore_times, single_failure_restores, single_points_of_failure};
use crate::editor::recovery::{play_step, TICK_MS};
use crate::layout::Point;
use crate::model::NodeIndex;
use proptest::prelude::*;
use std::rc::Rc;

/// The shop with recovery data. Failing dc: dc back at 4 h, api at 5 h, db
/// rebuilt at 3 h, the shop at max(5, 3) + 0.5 = 5.5 h (past its 2 h tolerance).
pub const RECOVERING: &str = r#"{"version": 1, "title": "Shop", "nodes": [
    {"id": "shop", "label": "Web shop", "kind": "feature", "users": 100, "depends_on": ["api", "db"], "recovery_hours": 0.5, "tolerance_hours": 2},
    {"id": "api", "kind": "service", "depends_on": ["dc"], "recovery_hours": 1},
    {"id": "db", "kind": "datastore", "depends_on": ["dc"], "rebuild_hours": 3},
    {"id": "dc", "kind": "datacenter", "recovery_hours": 4},
    {"id": "grid", "kind": "provider"}
]}"#;

fn failed_dc() -> Editor {
    let mut e = editor(RECOVERING);
    e.apply(Action::ToggleFailure("dc".into()));
    e
}

/// The step a play asked for, if any.
fn next_tick(update: &Update) -> Option<Action> {
    update.effects.iter().find_map(|effect| match effect {
        Effect::After { delay_ms, action } if matches!(**action, Action::RecoveryTick { .. }) => {
            assert_eq!(*delay_ms, TICK_MS);
            Some((**action).clone())
        }
        _ => None,
    })
}

fn stores(update: &Update) -> bool {
    update.effects.iter().any(|e| matches!(e, Effect::Autosave { .. } | Effect::SaveView(_)))
}

#[test]
fn the_time_control_is_view_state_clamped_to_the_recovery() {
    let mut e = failed_dc();
    assert_eq!((e.recovery_hour(), e.recovery_end()), (0.0, 5.5));
    let update = e.apply(Action::SetRecoveryHour(4.5));
    assert!(update.changed(Part::Recovery) && !update.changed(Part::Document));
    assert!(!stores(&update), "not stored");
    assert_eq!(e.recovery_hour(), 4.5);
    assert!(!e.can_undo(), "not an undo step");
    assert!(e.apply(Action::SetRecoveryHour(4.5)).is_noop());
    e.apply(Action::SetRecoveryHour(1e9));
    assert_eq!(e.recovery_hour(), 5.5, "clamped to the end");
    e.apply(Action::SetRecoveryHour(-3.0));
    assert_eq!(e.recovery_hour(), 0.0);
    assert!(e.apply(Action::SetRecoveryHour(f64::NAN)).is_noop());
    // The restore times behind it are the analysis's.
    let graph = e.document().graph();
    assert_eq!(*e.restore_times(), restore_times(graph, &[graph.index_of(&"dc".into()).unwrap()]));
    // Without failures there is nothing to show.
    let mut calm = editor(RECOVERING);
    assert_eq!(calm.recovery_end(), 0.0);
    assert!(calm.apply(Action::SetRecoveryHour(3.0)).is_noop());
    assert!(calm.apply(Action::PlayRecovery).is_noop(), "nothing to play");
}

#[test]
fn the_end_is_rounded_up_to_the_control_step() {
    let text = RECOVERING.replace(r#""recovery_hours": 0.5, "#, r#""recovery_hours": 0.43, "#);
    let mut e = editor(&text);
    e.apply(Action::ToggleFailure("dc".into()));
    // The shop is back at 5.43 h: the control ends at 5.5, where it is back.
    assert!((e.recovery_end() - 5.5).abs() < 1e-9, "{}", e.recovery_end());
    e.apply(Action::SetRecoveryHour(100.0));
    let shop = e.document().graph().index_of(&"shop".into()).unwrap();
    assert!(e.restore_times().state_at(shop, e.recovery_hour()).is_up(), "back at the end of the control");
}

#[test]
fn a_new_failure_set_starts_again_at_hour_zero() {
    let mut e = failed_dc();
    e.apply(Action::SetRecoveryHour(5.0));
    let update = e.apply(Action::ToggleFailure("db".into()));
    assert!(update.changed(Part::Recovery));
    assert_eq!(e.recovery_hour(), 0.0);
    e.apply(Action::SetRecoveryHour(2.0));
    e.apply(Action::ResetFailures);
    assert_eq!((e.recovery_hour(), e.recovery_end()), (0.0, 0.0));
}

#[test]
fn play_advances_in_round_steps_to_the_end_and_stops() {
    let mut e = failed_dc();
    let update = e.apply(Action::PlayRecovery);
    assert!(e.recovery_playing() && update.changed(Part::Recovery) && !stores(&update));
    let mut tick = next_tick(&update).expect("the first step is scheduled");
    assert!(e.apply(Action::PlayRecovery).is_noop(), "already playing");
    let step = play_step(5.5);
    assert_eq!(step, 0.1);
    let mut hours = Vec::new();
    loop {
        let update = e.apply(tick);
        hours.push(e.recovery_hour());
        match next_tick(&update) {
            Some(next) => tick = next,
            None => break,
        }
        assert!(hours.len() < 100, "a play ends");
    }
    assert_eq!(hours.len(), 55, "5.5 h in steps of 0.1 h");
    assert!(hours.windows(2).all(|w| w[1] > w[0]), "forward only");
    assert!((hours[2] - 0.3).abs() < 1e-9, "on multiples of the step: {}", hours[2]);
    assert_eq!(*hours.last().unwrap(), 5.5);
    assert!(!e.recovery_playing(), "stopped at the end");
    assert!(!e.can_undo());
    // Playing again from the end starts over.
    e.apply(Action::PlayRecovery);
    assert_eq!(e.recovery_hour(), 0.0);
}

#[test]
fn pause_stops_and_play_resumes_from_there() {
    let mut e = failed_dc();
    e.apply(Action::SetRecoveryHour(2.05));
    let tick = next_tick(&e.apply(Action::PlayRecovery)).unwrap();
    e.apply(tick.clone());
    assert!((e.recovery_hour() - 2.1).abs() < 1e-9, "to the next multiple of the step: {}", e.recovery_hour());
    e.apply(Action::PauseRecovery);
    assert!(!e.recovery_playing());
    assert!(e.apply(tick).is_noop(), "a step of the paused play does nothing");
    assert!(e.apply(Action::PauseRecovery).is_noop());
    let resumed = next_tick(&e.apply(Action::PlayRecovery)).unwrap();
    e.apply(resumed);
    assert!((e.recovery_hour() - 2.2).abs() < 1e-9);
}

#[test]
fn other_actions_stop_playing_but_a_still_pointer_does_not() {
    let mut e = failed_dc();
    let tick = next_tick(&e.apply(Action::PlayRecovery)).unwrap();
    // The pointer moving over the map with no button down changes nothing.
    let hover = e.apply(Action::Pointer(PointerInput::Move { pointer: 1, at: ScreenPoint { x: 3.0, y: 3.0 } }));
    assert!(hover.is_noop() && e.recovery_playing());
    e.apply(Action::MapResized { width: 900.0, height: 700.0 });
    assert!(e.recovery_playing(), "a report never stops it");
    let update = e.apply(Action::Select(Some("api".into())));
    assert!(update.changed(Part::Recovery) && !e.recovery_playing(), "selecting stops it");
    assert!(e.apply(tick).is_noop());
    // The wheel asks for a timer of its own (which would drop the next step): it stops playing too.
    let tick = next_tick(&e.apply(Action::PlayRecovery)).unwrap();
    e.apply(Action::Pointer(PointerInput::Wheel { at: ScreenPoint { x: 300.0, y: 200.0 }, delta: -100.0 }));
    assert!(!e.recovery_playing());
    // A late step of a play never commits a gesture in progress.
    let at = ScreenPoint { x: 5.0, y: 5.0 };
    drag_without_release(&mut e, at, offset(at, 80.0, 0.0));
    assert_eq!(e.interaction().name(), "panning");
    assert!(e.apply(tick).is_noop());
    assert_eq!(e.interaction().name(), "panning");
}

#[test]
fn edits_stop_playing_and_keep_the_hour_within_the_new_end() {
    let mut e = failed_dc();
    e.apply(Action::SetRecoveryHour(5.5));
    e.apply(Action::PlayRecovery);
    let patch = NodePatch { recovery_hours: Some(Some(1.0)), ..NodePatch::default() };
    e.apply(Action::Edit(Edit::Update { id: "dc".into(), patch }));
    assert!(!e.recovery_playing());
    // dc 1, api 2, db 1 (its dependency is back before its rebuild), shop 2.5.
    assert_eq!(e.recovery_end(), 2.5);
    assert!(e.recovery_hour() <= 2.5);
}

#[test]
fn the_embed_may_move_and_play_the_time_control_but_stores_nothing() {
    let shared = Work { document: doc(RECOVERING), failed: vec!["dc".into()], view: None };
    let (mut e, _) = Editor::start(startup(Some(Ok(shared)), None, true));
    e.apply(Action::MapResized { width: 900.0, height: 700.0 });
    let before = e.snapshot().clone();
    let update = e.apply(Action::SetRecoveryHour(3.0));
    assert!(update.changed(Part::Recovery) && !stores(&update));
    assert_eq!(e.recovery_hour(), 3.0);
    let mut tick = next_tick(&e.apply(Action::PlayRecovery)).expect("the embed plays");
    for _ in 0..3 {
        let update = e.apply(tick);
        assert!(!stores(&update));
        tick = next_tick(&update).unwrap();
    }
    assert!((e.recovery_hour() - 3.3).abs() < 1e-9);
    e.apply(Action::PauseRecovery);
    assert!(e.snapshot().same(&before));
    // The Risks tab's ranking is not part of the embed (it has no side panel).
    assert!(e.apply(Action::RankSpofs(SpofRanking::UserHours)).is_noop());
}

#[test]
fn spofs_can_be_ranked_by_user_hours_as_view_state() {
    let mut e = editor(RECOVERING);
    assert_eq!(e.spof_ranking(), SpofRanking::Users);
    let update = e.apply(Action::RankSpofs(SpofRanking::UserHours));
    assert!(update.changed(Part::Panel) && !stores(&update) && !e.can_undo());
    assert_eq!(e.spof_ranking(), SpofRanking::UserHours);
    assert!(e.apply(Action::RankSpofs(SpofRanking::UserHours)).is_noop());
    let graph = e.document().graph();
    assert_eq!(*e.snapshot().spof_restores(), single_failure_restores(graph, &single_points_of_failure(graph)));
}

#[test]
fn recovery_fields_are_one_undo_step_each_and_refusals_name_the_field() {
    let mut e = failed_dc();
    let first = e.restore_times();
    let set = |e: &mut Editor, id: &str, patch: NodePatch| e.apply(Action::Edit(Edit::Update { id: id.into(), patch }));
    set(&mut e, "api", NodePatch { recovery_hours: Some(Some(2.0)), ..NodePatch::default() });
    set(&mut e, "api", NodePatch { rebuild_hours: Some(Some(1.5)), ..NodePatch::default() });
    set(&mut e, "shop", NodePatch { tolerance_hours: Some(Some(6.0)), ..NodePatch::default() });
    assert_eq!(e.undo_steps(), 3);
    let api = e.document().node(&"api".into()).unwrap();
    assert_eq!((api.recovery_hours, api.rebuild_hours), (Some(2.0), Some(1.5)));
    // api is rebuilt at 1.5 h; db at 3; the shop at 3.5: the memo follows the edits.
    let graph = e.document().graph();
    assert_eq!(e.restore_times().hours(graph.index_of(&"shop".into()).unwrap()), Some(3.5));
    assert!(!Rc::ptr_eq(&first, &e.restore_times()));
    for (id, patch, field) in [
        ("api", NodePatch { recovery_hours: Some(Some(-1.0)), ..NodePatch::default() }, "recovery_hours -1 must be 0 or more hours"),
        ("api", NodePatch { rebuild_hours: Some(Some(f64::NAN)), ..NodePatch::default() }, "rebuild_hours must be a finite number"),
        ("api", NodePatch { tolerance_hours: Some(Some(4.0)), ..NodePatch::default() }, "tolerance_hours is for features only"),
    ] {
        set(&mut e, id, patch);
        let message = e.message().expect("refused with a message").to_string();
        assert!(message.contains(field) && message.contains("\"api\""), "{message}");
    }
    assert_eq!(e.undo_steps(), 3, "refusals are no steps");
    set(&mut e, "api", NodePatch { rebuild_hours: Some(None), ..NodePatch::default() });
    assert_eq!(e.document().node(&"api".into()).unwrap().rebuild_hours, None, "cleared");
    e.apply(Action::Undo);
    e.apply(Action::Undo);
    assert_eq!(e.document().node(&"shop".into()).unwrap().tolerance_hours, Some(2.0), "one undo, one field");
}

#[test]
fn a_drag_shares_the_restore_times() {
    let mut e = failed_dc();
    e.apply(Action::SetMode(Mode::Edit));
    let times = e.restore_times();
    e.apply(Action::Edit(Edit::Move(vec![("api".into(), Point { x: 10.0, y: 20.0 })])));
    assert!(Rc::ptr_eq(&times, &e.restore_times()), "positions do not matter to restore times");
}

/// Something to do to the editor, resolved against its state when applied.
#[derive(Clone, Debug)]
enum Step {
    Fail(u8),
    Recovery(u8, Option<u8>),
    Rebuild(u8, Option<u8>),
    Move(u8),
    Undo,
    Redo,
    Hour(i16),
    Play,
    Pause,
    Tick,
    Select(u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        any::<u8>().prop_map(Step::Fail),
        (any::<u8>(), proptest::option::of(0u8..20)).prop_map(|(n, h)| Step::Recovery(n, h)),
        (any::<u8>(), proptest::option::of(0u8..20)).prop_map(|(n, h)| Step::Rebuild(n, h)),
        any::<u8>().prop_map(Step::Move),
        Just(Step::Undo),
        Just(Step::Redo),
        (-20i16..200).prop_map(Step::Hour),
        Just(Step::Play),
        Just(Step::Pause),
        Just(Step::Tick),
        any::<u8>().prop_map(Step::Select),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// After any sequence: the memoised restore times equal a computation
    /// from scratch, the hour stays on the control, the time control never
    /// stores anything, a play always has a step pending, and a step of a
    /// play that has stopped does nothing.
    #[test]
    fn the_clock_and_the_memos_hold_after_any_sequence(steps in proptest::collection::vec(step(), 0..40)) {
        let mut e = editor(RECOVERING);
        let mut pending: Option<Action> = None;
        for step in steps {
            let ids: Vec<NodeId> = e.document().nodes.iter().map(|n| n.id.clone()).collect();
            let node = |n: u8| ids[n as usize % ids.len()].clone();
            let hours = |h: Option<u8>| Some(h.map(|h| f64::from(h) / 2.0));
            let action = match step {
                Step::Fail(n) => Action::ToggleFailure(node(n)),
                Step::Recovery(n, h) => Action::Edit(Edit::Update { id: node(n), patch: NodePatch { recovery_hours: hours(h), ..NodePatch::default() } }),
                Step::Rebuild(n, h) => Action::Edit(Edit::Update { id: node(n), patch: NodePatch { rebuild_hours: hours(h), ..NodePatch::default() } }),
                Step::Move(n) => Action::Edit(Edit::Move(vec![(node(n), Point { x: f64::from(n), y: 7.0 })])),
                Step::Undo => Action::Undo,
                Step::Redo => Action::Redo,
                Step::Hour(h) => Action::SetRecoveryHour(f64::from(h) / 4.0),
                Step::Play => Action::PlayRecovery,
                Step::Pause => Action::PauseRecovery,
                Step::Tick => match pending.take() {
                    Some(tick) => tick,
                    None => continue,
                },
                Step::Select(n) => Action::Select(Some(node(n))),
            };
            let time_control = action.is_time_control();
            let update = e.apply(action);
            if time_control {
                prop_assert!(!stores(&update) && !update.changed(Part::Document));
            }
            if let Some(tick) = next_tick(&update) {
                pending = Some(tick);
            }
            let graph = e.document().graph();
            let failed: Vec<NodeIndex> = e.failed().iter().filter_map(|id| graph.index_of(id)).collect();
            prop_assert_eq!(&*e.restore_times(), &restore_times(graph, &failed));
            prop_assert_eq!(&*e.snapshot().spof_restores(), &single_failure_restores(graph, &single_points_of_failure(graph)));
            let (hour, end) = (e.recovery_hour(), e.recovery_end());
            prop_assert!((0.0..=end).contains(&hour), "{} outside 0..{}", hour, end);
            if e.recovery_playing() {
                prop_assert!(pending.is_some(), "a play always has its next step pending");
            } else {
                // A step still pending belongs to a play that has stopped: it must do nothing.
                if let Some(tick) = pending.take() {
                    prop_assert!(e.apply(tick).is_noop());
                }
            }
        }
    }
}
