//! What an edit and a drag step cost in the app: the editor's `apply` plus
//! everything the app recomputes to draw the result (simulation and scene;
//! the layout and the analysis only when the edit changed what they depend
//! on, thanks to the snapshots' memos). Each group also runs the old
//! behaviour (analysis recomputed after every change) in the same run, as
//! the baseline. Compare with a frame at 60 fps (16.7 ms).
//!
//! cargo bench --bench editing

use blackout::analysis::{cycles, simulate, single_points_of_failure};
use blackout::autosave;
use blackout::editor::{Action, Edit, Editor, Mode, NodePatch, PointerInput, Snapshot};
use blackout::generate::layered_graph;
use blackout::layout::ScreenPoint;
use blackout::model::{NodeId, ValidDocument};
use blackout::render::scene;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::rc::Rc;

/// What the app draws after a change: the simulation and the scene, from
/// the snapshot's (memoised) layout and analysis.
fn redraw(snapshot: &Snapshot) -> usize {
    let graph = snapshot.document().graph();
    let outcome = simulate(graph, &[]);
    let drawn = scene(snapshot.document(), graph, &snapshot.layout(), &outcome, &snapshot.analysis().spofs);
    drawn.nodes.len() + snapshot.analysis().cycles.components.len()
}

/// The old app after a change: graph, single points of failure and cycles
/// from scratch, then the simulation and scene (the layout reused when its
/// fingerprint held).
fn redraw_recomputing(snapshot: &Snapshot) -> usize {
    let document = snapshot.document();
    let graph = ValidDocument::new(document.document().clone()).expect("valid");
    let spofs = single_points_of_failure(graph.graph());
    let report = cycles(graph.graph());
    let outcome = simulate(graph.graph(), &[]);
    let drawn = scene(document, graph.graph(), &snapshot.layout(), &outcome, &spofs);
    drawn.nodes.len() + report.components.len()
}

fn editor_on(document: blackout::model::Document) -> Editor {
    let mut editor = Editor::new(ValidDocument::new(document).expect("generated graphs are valid"));
    editor.apply(Action::MapResized { width: 1440.0, height: 900.0 });
    redraw(editor.snapshot());
    editor
}

/// An editor in the middle of dragging node `n7` on a hand-placed graph.
fn dragging(nodes: usize) -> (Editor, ScreenPoint) {
    let mut editor = editor_on(layered_graph(nodes, 5, 1));
    editor.apply(Action::Edit(Edit::AutoLayout { everything: false }));
    editor.apply(Action::SetMode(Mode::Edit));
    redraw(editor.snapshot());
    let index = editor.document().graph().index_of(&NodeId::from("n7")).unwrap();
    let at = editor.view().unwrap().to_screen(editor.snapshot().layout().positions[index as usize]);
    editor.apply(Action::Pointer(PointerInput::Down { pointer: 1, at, shift: false }));
    let first = ScreenPoint { x: at.x + 30.0, y: at.y + 10.0 };
    editor.apply(Action::Pointer(PointerInput::Move { pointer: 1, at: first }));
    assert_eq!(editor.interaction().name(), "dragging");
    redraw(editor.snapshot());
    (editor, ScreenPoint { x: at.x + 60.0, y: at.y + 25.0 })
}

fn bench(c: &mut Criterion) {
    let unplaced = editor_on(layered_graph(1_000, 5, 1));
    let mut placed = unplaced.clone();
    placed.apply(Action::Edit(Edit::AutoLayout { everything: false }));
    redraw(placed.snapshot());
    let rename = || Action::Edit(Edit::Update { id: "n5".into(), patch: NodePatch { label: Some("Renamed".into()), ..NodePatch::default() } });
    let connect = || Action::Edit(Edit::Connect { dependent: "n3".into(), dependency: "n999".into() });

    let mut group = c.benchmark_group("edit on 1,000 nodes");
    group.sample_size(20);
    group.bench_function("rename (layout and analysis kept)", |b| {
        b.iter(|| {
            let mut next = unplaced.clone();
            next.apply(rename());
            black_box(redraw(next.snapshot()))
        })
    });
    group.bench_function("rename, before: analysis recomputed", |b| {
        b.iter(|| {
            let mut next = unplaced.clone();
            next.apply(rename());
            black_box(redraw_recomputing(next.snapshot()))
        })
    });
    group.bench_function("connect (hand-placed)", |b| {
        b.iter(|| {
            let mut next = placed.clone();
            next.apply(connect());
            black_box(redraw(next.snapshot()))
        })
    });
    group.bench_function("connect (auto-laid out: full layout)", |b| {
        b.iter(|| {
            let mut next = unplaced.clone();
            next.apply(connect());
            black_box(redraw(next.snapshot()))
        })
    });
    group.finish();

    let (drag, to) = dragging(2_000);
    // Shown, not assumed: a drag step keeps the very same analysis.
    let mut probe = drag.clone();
    probe.apply(Action::Pointer(PointerInput::Move { pointer: 1, at: to }));
    assert!(Rc::ptr_eq(&probe.snapshot().analysis(), &drag.snapshot().analysis()), "a drag step recomputes no analysis");
    assert!(!probe.snapshot().same(drag.snapshot()), "but it moves the node");
    let mut group = c.benchmark_group("drag step on 2,000 nodes");
    group.sample_size(20);
    group.bench_function("drag step (analysis shared)", |b| {
        b.iter(|| {
            let mut next = drag.clone();
            next.apply(Action::Pointer(PointerInput::Move { pointer: 1, at: to }));
            black_box(redraw(next.snapshot()))
        })
    });
    group.bench_function("drag step, before: analysis recomputed", |b| {
        b.iter(|| {
            let mut next = drag.clone();
            next.apply(Action::Pointer(PointerInput::Move { pointer: 1, at: to }));
            black_box(redraw_recomputing(next.snapshot()))
        })
    });
    group.finish();

    let big = ValidDocument::new(layered_graph(20_000, 5, 1)).unwrap();
    let mut group = c.benchmark_group("autosave of 20,000 nodes");
    group.sample_size(10);
    group.bench_function("encode (compact JSON, DEFLATE level 1, base64)", |b| b.iter(|| black_box(autosave::encode(&big, &[]).len())));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
