//! Finding your way on a 50,000-node map in the app: a keystroke in the
//! search box (`Editor::apply(SearchInput)`: the snapshot's index is built
//! once per document version, so a keystroke is one scan of it), against a
//! baseline measured in the same run that builds the index for every
//! keystroke; and a focus (`analysis::focus_set`, O(n + m)) both ways,
//! against the simulation a click on a node runs. Compare with a frame at
//! 60 fps (16.7 ms).
//!
//! cargo bench --bench finding

use blackout::analysis::{focus_set, simulate, FocusDirection};
use blackout::editor::{Action, Editor};
use blackout::generate::layered_graph;
use blackout::model::ValidDocument;
use blackout::search::NodeSearch;
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let valid = ValidDocument::new(layered_graph(50_000, 5, 1)).expect("generated graphs are valid");
    let mut editor = Editor::new(valid.clone());
    editor.apply(Action::MapResized { width: 1440.0, height: 900.0 });
    editor.apply(Action::OpenSearch);
    // The first keystroke builds the index; the ones measured reuse it.
    editor.apply(Action::SearchInput("n".into()));
    let mut group = c.benchmark_group("finding 50,000 nodes");
    group.sample_size(20);
    let mut typed = false;
    group.bench_function("search box keystroke (index memoised)", |b| {
        b.iter(|| {
            // Alternate so that every keystroke changes the query.
            typed = !typed;
            editor.apply(Action::SearchInput(black_box(if typed { "n4242" } else { "n424" }).into()))
        })
    });
    group.bench_function("baseline: build the index on every keystroke", |b| {
        b.iter(|| NodeSearch::new(black_box(valid.document())).find("n4242", 8))
    });
    // The largest sets: everything the first node needs, everything that needs the last.
    let graph = valid.graph();
    let (first, last) = (0, graph.len() as u32 - 1);
    for (node, direction) in [(first, FocusDirection::Upstream), (last, FocusDirection::Downstream)] {
        let size = focus_set(graph, node, direction).len();
        group.bench_function(format!("focus set, {direction:?} ({size} nodes)"), |b| b.iter(|| focus_set(graph, black_box(node), direction)));
    }
    group.bench_function("baseline: simulate one failure (a click)", |b| b.iter(|| simulate(graph, black_box(&[last]))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
