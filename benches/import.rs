//! Importing large sources: a 5,000-entity Backstage catalog and 100,000
//! Jaeger dependency links, from text to a checked model. The baseline, in
//! the same run, is reading the resulting model back from Blackout's own JSON
//! (`format::parse`), which builds the same nodes and edges.

use blackout::format;
use blackout::generate::sources::{backstage_catalog, jaeger_links};
use blackout::import::{detect_and_read, ImportOptions};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn import(c: &mut Criterion) {
    let options = ImportOptions::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for (name, file, text) in [
        ("backstage 5,000 entities", "catalog.yaml", backstage_catalog(5_000, 1)),
        ("jaeger 100,000 links", "links.json", jaeger_links(100_000, 1)),
    ] {
        let imported = detect_and_read(&[(file, text.as_bytes())], &options).expect("generated sources import");
        let json = format::to_json(imported.document.document());
        println!(
            "{name}: {} bytes in, {} nodes, {} dependencies",
            text.len(),
            imported.document.nodes.len(),
            imported.document.graph().edges().count()
        );
        group.bench_function(name, |b| b.iter(|| detect_and_read(&[(file, black_box(text.as_bytes()))], &options).unwrap()));
        group.bench_function(format!("{name}: the same model from JSON (baseline)"), |b| {
            b.iter(|| format::parse(black_box(&json)).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
