//! Node search as you type on 50,000 nodes: one query against the folded
//! index (`NodeSearch::find`), against a baseline measured in the same run
//! that folds every label and id again on each keystroke, and the cost of
//! building the index once. Compare with a frame at 60 fps (16.7 ms).
//!
//! cargo bench --bench search

use blackout::generate::layered_graph;
use blackout::model::Document;
use blackout::search::{fold, NodeSearch};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

/// A generated graph with labels a person might write, accents included.
fn labelled(nodes: usize) -> Document {
    let mut document = layered_graph(nodes, 5, 1);
    let words = ["Pángyo", "Anyang", "Gasan", "Séoul", "Busan", "Daejeon", "Incheon"];
    for (i, node) in document.nodes.iter_mut().enumerate() {
        let kind = node.kind.display_name();
        node.label = Some(format!("{kind} {i} ({} {})", words[i % words.len()], i % 97));
    }
    document
}

/// The baseline: nothing prepared, every label and id folded per query.
fn fold_on_every_query(document: &Document, query: &str) -> usize {
    let query = fold(query);
    document
        .nodes
        .iter()
        .filter(|n| fold(n.label()).contains(&query) || fold(n.id.as_str()).contains(&query))
        .count()
}

fn bench(c: &mut Criterion) {
    let document = labelled(50_000);
    let search = NodeSearch::new(&document);
    let mut group = c.benchmark_group("search 50,000 nodes");
    group.sample_size(20);
    group.bench_function("build the index", |b| b.iter(|| NodeSearch::new(black_box(&document))));
    // One letter (nearly everything matches), a word, a precise name, and a miss.
    for query in ["s", "pangyo", "service 4242", "zzz"] {
        group.bench_function(format!("find {query:?}, 20 best"), |b| b.iter(|| search.find(black_box(query), 20)));
    }
    group.bench_function("baseline: fold on every query, \"pangyo\"", |b| {
        b.iter(|| fold_on_every_query(black_box(&document), "pangyo"))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
