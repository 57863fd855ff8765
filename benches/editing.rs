//! What one edit costs on a 1,000-node graph: the pure reducer plus every
//! derived result the app recomputes (graph, single points of failure,
//! cycles, layout when the structure changed, simulation and scene).
//! Compare with a frame at 60 fps (16.7 ms).
//!
//! cargo bench --bench editing

use blackout::analysis::{cycles, simulate, single_points_of_failure};
use blackout::editor::{Action, Edit, EditorState, NodePatch};
use blackout::generate::layered_graph;
use blackout::layout::Point;
use blackout::model::{Graph, NodeId};
use blackout::render::{layout_document, scene};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::rc::Rc;

/// The app's work after an edit; `relayout` when the layout fingerprint changed.
fn after_edit(state: &EditorState, relayout: bool, cached: &blackout::layout::Layout) -> usize {
    let graph = Graph::build(&state.document).expect("valid");
    let spofs = single_points_of_failure(&graph);
    let report = cycles(&graph);
    let fresh;
    let layout = if relayout {
        fresh = layout_document(&state.document, &graph);
        &fresh
    } else {
        cached
    };
    let outcome = simulate(&graph, &[]);
    let drawn = scene(&state.document, &graph, layout, &outcome, &spofs);
    drawn.nodes.len() + report.components.len()
}

fn bench(c: &mut Criterion) {
    let document = layered_graph(1_000, 5, 1);
    let unplaced = EditorState::new(Rc::new(document));
    let graph = Graph::build(&unplaced.document).unwrap();
    let layout = layout_document(&unplaced.document, &graph);
    // The same graph after a first drag: every node hand-placed.
    let placed = unplaced
        .apply(Action::Edit(Edit::Move(vec![(NodeId::from("n0"), Point { x: 0.0, y: 0.0 })])))
        .unwrap();
    let placed_layout = layout_document(&placed.document, &Graph::build(&placed.document).unwrap());

    let mut group = c.benchmark_group("edit on 1,000 nodes");
    group.sample_size(20);
    group.bench_function("rename (layout kept)", |b| {
        b.iter(|| {
            let patch = NodePatch { label: Some("Renamed".into()), ..NodePatch::default() };
            let next = unplaced.apply(Action::Edit(Edit::Update { id: "n5".into(), patch })).unwrap();
            black_box(after_edit(&next, false, &layout))
        })
    });
    group.bench_function("drag step (all hand-placed)", |b| {
        b.iter(|| {
            let step = Edit::Move(vec![(NodeId::from("n7"), Point { x: 10.0, y: 20.0 })]);
            let next = placed.apply(Action::Preview(step)).unwrap();
            black_box(after_edit(&next, true, &placed_layout))
        })
    });
    group.bench_function("connect (hand-placed)", |b| {
        b.iter(|| {
            let edit = Edit::Connect { dependent: "n3".into(), dependency: "n999".into() };
            let next = placed.apply(Action::Edit(edit)).unwrap();
            black_box(after_edit(&next, true, &placed_layout))
        })
    });
    group.bench_function("connect (auto-laid out: full layout)", |b| {
        b.iter(|| {
            let edit = Edit::Connect { dependent: "n3".into(), dependency: "n999".into() };
            let next = unplaced.apply(Action::Edit(edit)).unwrap();
            black_box(after_edit(&next, true, &layout))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
