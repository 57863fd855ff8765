//! Random action sequences against the editor's invariants:
//!
//! - undoing everything returns the first document, redoing returns the last;
//! - every autosave effect carries exactly the document and failures the
//!   state holds;
//! - the embed never changes the document and stores nothing;
//! - cancelling any interaction restores exactly the document it started from;
//! - memoised layout, analysis, per-feature measures and the comparison's
//!   diff equal a computation from scratch;
//! - comparing and saving change no document and store nothing.

use super::*;
use crate::analysis::{cycles, single_points_of_failure};
use crate::diff::FeatureMeasures;
use crate::layout::{layout_document, Point};
use crate::model::{Kind, Requirement};
use proptest::prelude::*;

/// An action chosen before the state is known; node numbers and screen
/// points are resolved against the state when it is applied.
#[derive(Clone, Debug)]
enum Step {
    AddNode(u8, Option<(i16, i16)>),
    Connect(u8, u8),
    Disconnect(u8, u8),
    Delete(u8),
    Move(u8, i16, i16),
    Relabel(u8),
    Requires(u8, u8),
    Title(u8),
    AutoLayout(bool),
    Fail(u8),
    Select(u8),
    ToggleSelect(u8),
    Mode(bool),
    Undo,
    Redo,
    Escape,
    /// Press on node n (or empty space), maybe with shift.
    Press(Option<u8>, bool),
    /// Move the pressed pointer by (dx, dy) screen pixels.
    Drag(i16, i16),
    Release,
    Cancel,
    Wheel(i16),
    Settle,
    SecondFinger(i16),
    Fit,
    Load,
    DeleteSelection,
    ConnectSelection,
    SaveScenario,
    RenameScenario(u8, u8),
    DeleteScenario(u8),
    /// The search box: open it, type the first letters of node n's label, pick.
    Search(u8),
    Focus(bool),
    /// Compare with the last saved version, or stop comparing.
    Compare(bool),
    Swap,
    Save,
}

fn step() -> impl Strategy<Value = Step> {
    let n = any::<u8>();
    prop_oneof![
        (any::<u8>(), proptest::option::of((any::<i16>(), any::<i16>()))).prop_map(|(k, at)| Step::AddNode(k, at)),
        (n, any::<u8>()).prop_map(|(a, b)| Step::Connect(a, b)),
        (n, any::<u8>()).prop_map(|(a, b)| Step::Disconnect(a, b)),
        n.prop_map(Step::Delete),
        (n, any::<i16>(), any::<i16>()).prop_map(|(a, x, y)| Step::Move(a, x, y)),
        n.prop_map(Step::Relabel),
        (n, any::<u8>()).prop_map(|(a, r)| Step::Requires(a, r)),
        n.prop_map(Step::Title),
        any::<bool>().prop_map(Step::AutoLayout),
        n.prop_map(Step::Fail),
        n.prop_map(Step::Select),
        n.prop_map(Step::ToggleSelect),
        any::<bool>().prop_map(Step::Mode),
        Just(Step::Undo),
        Just(Step::Redo),
        Just(Step::Escape),
        (proptest::option::of(n), any::<bool>()).prop_map(|(t, s)| Step::Press(t, s)),
        (-120i16..120, -120i16..120).prop_map(|(x, y)| Step::Drag(x, y)),
        Just(Step::Release),
        Just(Step::Cancel),
        (-300i16..300).prop_map(Step::Wheel),
        Just(Step::Settle),
        (-100i16..100).prop_map(Step::SecondFinger),
        Just(Step::Fit),
        Just(Step::Load),
        Just(Step::DeleteSelection),
        Just(Step::ConnectSelection),
        Just(Step::SaveScenario),
        (any::<u8>(), any::<u8>()).prop_map(|(i, n)| Step::RenameScenario(i, n)),
        any::<u8>().prop_map(Step::DeleteScenario),
        n.prop_map(Step::Search),
        any::<bool>().prop_map(Step::Focus),
        any::<bool>().prop_map(Step::Compare),
        Just(Step::Save),
        Just(Step::Swap),
    ]
}

/// The pointer's last position, so drags continue from it.
#[derive(Default)]
struct Pointer {
    at: Option<ScreenPoint>,
}

fn id(editor: &Editor, n: u8) -> NodeId {
    let nodes = &editor.document().nodes;
    if nodes.is_empty() {
        NodeId::from("none")
    } else {
        nodes[n as usize % nodes.len()].id.clone()
    }
}

fn resolve(step: &Step, editor: &Editor, pointer: &mut Pointer) -> Action {
    let node = |n: u8| id(editor, n);
    match step {
        Step::AddNode(k, at) => {
            let kind = Kind::ALL[*k as usize % 5];
            Action::Edit(Edit::AddNode { kind, at: at.map(|(x, y)| Point { x: f64::from(x), y: f64::from(y) }) })
        }
        Step::Connect(a, b) => Action::Edit(Edit::Connect { dependent: node(*a), dependency: node(*b) }),
        Step::Disconnect(a, b) => Action::Edit(Edit::Disconnect { dependent: node(*a), dependency: node(*b) }),
        Step::Delete(a) => Action::Edit(Edit::Delete(vec![node(*a)])),
        Step::Move(a, x, y) => Action::Edit(Edit::Move(vec![(node(*a), Point { x: f64::from(*x), y: f64::from(*y) })])),
        Step::Relabel(a) => Action::Edit(Edit::Update { id: node(*a), patch: NodePatch { label: Some(format!("L{a}")), ..NodePatch::default() } }),
        Step::Requires(a, r) => {
            let requires = match r % 3 {
                0 => Requirement::All,
                1 => Requirement::Any,
                _ => Requirement::AtLeast(1),
            };
            Action::Edit(Edit::Update { id: node(*a), patch: NodePatch { requires: Some(requires), ..NodePatch::default() } })
        }
        Step::Title(t) => Action::Edit(Edit::SetTitle(format!("T{}", t % 4))),
        Step::AutoLayout(everything) => Action::Edit(Edit::AutoLayout { everything: *everything }),
        Step::Fail(a) => Action::ToggleFailure(node(*a)),
        Step::Select(a) => Action::Select(Some(node(*a))),
        Step::ToggleSelect(a) => Action::ToggleSelect(node(*a)),
        Step::Mode(edit) => Action::SetMode(if *edit { Mode::Edit } else { Mode::Simulate }),
        Step::Undo => Action::Undo,
        Step::Redo => Action::Redo,
        Step::Escape => Action::Escape,
        Step::Press(target, shift) => {
            let at = match target {
                Some(n) if !editor.document().nodes.is_empty() => screen_of(editor, node(*n).as_str()),
                _ => ScreenPoint { x: 3.0, y: 3.0 },
            };
            pointer.at = Some(at);
            Action::Pointer(PointerInput::Down { pointer: 1, at, shift: *shift })
        }
        Step::Drag(dx, dy) => {
            let at = offset(pointer.at.unwrap_or_default(), f64::from(*dx), f64::from(*dy));
            pointer.at = Some(at);
            Action::Pointer(PointerInput::Move { pointer: 1, at })
        }
        Step::Release => Action::Pointer(PointerInput::Up { pointer: 1, at: pointer.at.unwrap_or_default() }),
        Step::Cancel => Action::Pointer(PointerInput::Cancel { pointer: 1 }),
        Step::Wheel(delta) => Action::Pointer(PointerInput::Wheel { at: ScreenPoint { x: 400.0, y: 300.0 }, delta: f64::from(*delta) }),
        Step::Settle => Action::Pointer(PointerInput::WheelSettled { generation: editor.wheel_generation }),
        Step::SecondFinger(dx) => {
            Action::Pointer(PointerInput::Down { pointer: 2, at: ScreenPoint { x: 500.0 + f64::from(*dx), y: 300.0 }, shift: false })
        }
        Step::Fit => Action::Fit,
        Step::Load => Action::Load { document: doc(EXAMPLE), source: Source::Example("example".into()) },
        Step::DeleteSelection => Action::DeleteSelection,
        Step::ConnectSelection => Action::ConnectSelection,
        Step::SaveScenario => Action::SaveFailuresAsScenario,
        Step::RenameScenario(i, n) => Action::Edit(Edit::RenameScenario { index: usize::from(*i % 3), name: format!("S{}", n % 4) }),
        Step::DeleteScenario(i) => Action::Edit(Edit::DeleteScenario(usize::from(*i % 3))),
        // Repeated, it opens the box, types, then picks the first hit.
        Step::Search(n) => match editor.search() {
            None => Action::OpenSearch,
            Some(search) if search.query.is_empty() => {
                let nodes = &editor.document().nodes;
                let label = nodes.get(usize::from(*n) % nodes.len().max(1)).map_or("x", |node| node.label());
                Action::SearchInput(label.chars().take(2).collect())
            }
            Some(_) => Action::SearchPick(None),
        },
        Step::Focus(upstream) => {
            Action::ToggleFocus(if *upstream { crate::analysis::FocusDirection::Upstream } else { crate::analysis::FocusDirection::Downstream })
        }
        Step::Compare(true) => Action::CompareWithSaved,
        Step::Compare(false) => Action::StopComparing,
        Step::Swap => Action::SwapComparison,
        Step::Save => Action::Export(ExportFormat::Json),
    }
}

/// Applies `steps`, checking what must hold after every action.
fn run(editor: &mut Editor, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut pointer = Pointer::default();
    // The snapshot an interaction started from, while one is in progress.
    let mut started_from: Option<Snapshot> = None;
    for step in steps {
        let action = resolve(step, editor, &mut pointer);
        let cancels = matches!(action, Action::Escape | Action::Pointer(PointerInput::Cancel { .. }));
        let was_busy = !editor.interaction().is_idle();
        let compares = matches!(action, Action::CompareWithSaved | Action::SwapComparison | Action::StopComparing | Action::Export(_));
        let (before, steps_before) = (editor.snapshot().clone(), editor.undo_steps());
        let update = editor.apply(action);
        if compares && !was_busy {
            prop_assert!(editor.snapshot().same(&before) && editor.undo_steps() == steps_before, "comparing and saving change no document");
            prop_assert!(!update.effects.iter().any(|e| matches!(e, Effect::Autosave { .. })), "and store nothing");
        }
        for effect in &update.effects {
            if let Effect::Autosave { document, failed } = effect {
                prop_assert!(document.ptr_eq(editor.document()), "the autosave carries the state's document");
                prop_assert_eq!(failed, &editor.failed().iter().cloned().collect::<Vec<_>>());
            }
        }
        if was_busy && cancels && editor.interaction().is_idle() {
            let base = started_from.take().expect("recorded when the interaction began");
            prop_assert!(editor.snapshot().same(&base), "cancel restores exactly the document it started from");
        }
        match (editor.interaction().is_idle(), &started_from) {
            (true, _) => started_from = None,
            (false, None) => started_from = Some(editor.snapshot().clone()),
            (false, Some(_)) => {}
        }
    }
    Ok(())
}

fn check_memos(editor: &Editor) -> Result<(), TestCaseError> {
    let snapshot = editor.snapshot();
    let graph = snapshot.document().graph();
    prop_assert_eq!(&snapshot.analysis().spofs, &single_points_of_failure(graph));
    prop_assert_eq!(&snapshot.analysis().cycles, &cycles(graph));
    prop_assert_eq!(&*snapshot.layout(), &layout_document(snapshot.document(), graph));
    prop_assert_eq!(&*snapshot.search(), &crate::search::NodeSearch::new(snapshot.document()));
    prop_assert_eq!(&*snapshot.feature_measures(), &FeatureMeasures::of(snapshot.document(), &single_points_of_failure(graph)));
    if let Some(comparison) = editor.comparison() {
        let (base, head) = comparison.versions(snapshot);
        let (base, head) = (base.document(), head.document());
        let mut fresh = crate::diff::diff(base, head);
        let measures = |d: &ValidDocument| FeatureMeasures::of(d, &single_points_of_failure(d.graph()));
        fresh.add_feature_measures((base, &measures(base)), (head, &measures(head)));
        prop_assert_eq!(&editor.compared().unwrap().diff, &fresh, "the memoised diff is the diff of the versions");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn undo_everything_gives_the_first_document_and_redo_the_last(steps in proptest::collection::vec(step(), 0..40)) {
        let mut e = editor(SMALL);
        let first = e.document().clone();
        run(&mut e, &steps)?;
        // Any action ends an interaction in progress (commits it).
        e.apply(Action::SetNewNodeKind(Kind::Provider));
        // The newest version the history reaches (the sequence may end with undos).
        while e.can_redo() {
            e.apply(Action::Redo);
        }
        let last = e.document().clone();
        check_memos(&e)?;
        while e.can_undo() {
            e.apply(Action::Undo);
            check_memos(&e)?;
        }
        prop_assert_eq!(e.document(), &first);
        while e.can_redo() {
            e.apply(Action::Redo);
        }
        prop_assert!(e.document().ptr_eq(&last), "redo returns the very last document");
    }

    #[test]
    fn autosaves_and_cancels_hold_in_own_and_shared_sessions(steps in proptest::collection::vec(step(), 0..60), shared in any::<bool>()) {
        let link = shared.then(|| Ok(work(SHARED)));
        let (mut e, _) = Editor::start(startup(link, Some(work(SMALL)), false));
        e.apply(Action::MapResized { width: 900.0, height: 700.0 });
        let mut steps = steps;
        // Sessions change too: keep, or go back (confirmed).
        steps.insert(steps.len() / 2, Step::Escape);
        run(&mut e, &steps)?;
        e.apply(Action::BackToOwn);
        e.apply(Action::ConfirmBackToOwn);
        while e.can_undo() {
            let update = e.apply(Action::Undo);
            for (document, _) in autosaves(&update) {
                prop_assert!(document.title != "Their map", "undo never stores the shared map");
            }
        }
        check_memos(&e)?;
    }

    #[test]
    fn the_embed_never_changes_the_document_and_stores_nothing(steps in proptest::collection::vec(step(), 0..60)) {
        let (mut e, _) = Editor::start(startup(Some(Ok(work(SHARED))), Some(work(SMALL)), true));
        e.apply(Action::MapResized { width: 900.0, height: 700.0 });
        let before = e.snapshot().clone();
        let mut pointer = Pointer::default();
        for step in &steps {
            let action = resolve(step, &e, &mut pointer);
            let update = e.apply(action);
            prop_assert!(e.snapshot().same(&before));
            prop_assert!(!update.changed(Part::Document));
            let stores = update.effects.iter().any(|e| matches!(e, Effect::Autosave { .. } | Effect::SaveView(_)));
            prop_assert!(!stores, "the embed stores nothing");
        }
    }
}
