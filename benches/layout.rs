//! The layered layout at map scale: generated layered graphs of 2,000 to
//! 100,000 nodes (about 5 dependencies each) and adversarial shapes (a
//! 20,000-deep chain, a hub with 20,000 dependents, a star of 50,000
//! features, one tier 50,000 nodes wide), plus the spatial index and the
//! overview over the laid-out boxes.
//!
//! The baseline is building the `Graph` of the same document (what opening a
//! file costs before any layout): on a shared, noisy machine the ratio
//! layout ÷ graph build, measured interleaved in one run, means more than
//! either absolute time. The goals (issue 14): layout at most about 1 s at
//! 50,000 nodes and 2.5 s at 100,000 natively.
//!
//! `cargo bench --bench layout` (criterion, then the interleaved summary);
//! `cargo bench --bench layout -- summary` runs the summary alone.

use blackout::generate::layered_graph;
use blackout::layout::{layout_document, Layout};
use blackout::model::{Document, Graph, Kind, Node, NodeId};
use criterion::{black_box, Criterion};
use std::time::{Duration, Instant};

const SEED: u64 = 1;
const DEPENDENCIES: usize = 5;
const SIZES: [usize; 4] = [2_000, 10_000, 50_000, 100_000];

/// A named input graph.
struct Shape {
    name: String,
    document: Document,
}

fn node(id: usize, kind: Kind, depends_on: &[usize]) -> Node {
    let mut node = Node::new(format!("n{id}"), kind);
    node.depends_on = depends_on.iter().map(|d| NodeId(format!("n{d}"))).collect();
    node
}

fn document(title: &str, nodes: Vec<Node>) -> Document {
    Document { title: title.to_owned(), nodes, ..Document::default() }
}

/// 20,000 services, each depending on the next: 20,000 layers in one tier.
fn chain(len: usize) -> Document {
    let nodes = (0..len)
        .map(|i| if i + 1 < len { node(i, Kind::Service, &[i + 1]) } else { node(i, Kind::Service, &[]) })
        .collect();
    document("chain", nodes)
}

/// A generated layered graph in which every service also depends on one
/// shared node (think of an identity service): 20,000 dependents on one hub.
fn hub(dependents: usize) -> Document {
    // Four of the generator's ten layers are services.
    let mut doc = layered_graph(dependents * 10 / 4, DEPENDENCIES, SEED);
    let hub = doc.nodes.len();
    for n in doc.nodes.iter_mut().filter(|n| n.kind == Kind::Service).take(dependents) {
        n.depends_on.push(NodeId(format!("n{hub}")));
    }
    doc.nodes.push(node(hub, Kind::Datastore, &[]));
    doc.title = "hub".into();
    doc
}

/// 50,000 features around one service they all depend on.
fn star(features: usize) -> Document {
    let mut nodes: Vec<Node> = (0..features).map(|i| node(i, Kind::Feature, &[features])).collect();
    nodes.push(node(features, Kind::Service, &[]));
    document("star", nodes)
}

/// One tier 50,000 services wide over 500 data stores, each service using
/// two stores chosen near its own position.
fn wide_tier(width: usize) -> Document {
    let stores = width / 100;
    let mut nodes: Vec<Node> = (0..width)
        .map(|i| {
            let near = i * stores / width;
            node(i, Kind::Service, &[width + near, width + (near + 1 + i % 3) % stores])
        })
        .collect();
    nodes.extend((0..stores).map(|j| node(width + j, Kind::Datastore, &[])));
    document("wide tier", nodes)
}

/// Every graph for a real run; only the smallest when `cargo test --benches`
/// runs each benchmark once in a debug build.
fn shapes(full: bool) -> Vec<Shape> {
    let sizes = if full { &SIZES[..] } else { &SIZES[..1] };
    let mut shapes: Vec<Shape> = sizes
        .iter()
        .map(|&n| Shape { name: format!("layered/{}k", n / 1_000), document: layered_graph(n, DEPENDENCIES, SEED) })
        .collect();
    if !full {
        return shapes;
    }
    shapes.push(Shape { name: "chain/20k deep".into(), document: chain(20_000) });
    shapes.push(Shape { name: "hub/20k dependents".into(), document: hub(20_000) });
    shapes.push(Shape { name: "star/50k features".into(), document: star(50_000) });
    shapes.push(Shape { name: "wide tier/50k".into(), document: wide_tier(50_000) });
    shapes
}

fn graph(document: &Document) -> Graph {
    Graph::build(document).expect("bench graphs are valid")
}

fn benches(c: &mut Criterion, shapes: &[Shape]) {
    for shape in shapes {
        let graph = graph(&shape.document);
        let mut group = c.benchmark_group(&shape.name);
        group.bench_function("graph build (baseline)", |b| b.iter(|| Graph::build(black_box(&shape.document))));
        group.bench_function("layout", |b| b.iter(|| layout_document(black_box(&shape.document), &graph)));
        group.finish();
    }
}

/// How long `f` takes once, and its result.
fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = black_box(f());
    (start.elapsed(), out)
}

/// The CPU time this thread has used so far: on a shared machine it grows
/// only while the thread runs, unlike wall time.
fn thread_cpu() -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid, writable timespec; the clock id is a constant.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Layout against graph build, interleaved round by round. The build is
/// short and allocates a lot, so each round keeps the fastest of a few builds.
fn summary(shapes: &[Shape]) {
    const ROUNDS: usize = 5;
    const BUILDS: usize = 3;
    println!("\nsummary: medians of {ROUNDS} interleaved rounds, the build the fastest of {BUILDS} per round (native, bench profile)");
    println!(
        "{:<22} {:>8} {:>9} {:>7} {:>12} {:>11} {:>8} {:>12}",
        "graph", "nodes", "edges", "layers", "graph build", "layout", "ratio", "layout CPU"
    );
    for shape in shapes {
        let graph = graph(&shape.document);
        let (mut build, mut lay, mut cpu) = (Vec::new(), Vec::new(), Vec::new());
        let mut last: Option<Layout> = None;
        for _ in 0..ROUNDS {
            build.push((0..BUILDS).map(|_| time(|| Graph::build(&shape.document)).0).min().expect("BUILDS > 0"));
            let cpu_start = thread_cpu();
            let (t, layout) = time(|| layout_document(&shape.document, &graph));
            cpu.push(thread_cpu() - cpu_start);
            lay.push(t);
            last = Some(layout);
        }
        let layers = last.map_or(0, |l| l.layers.iter().max().map_or(0, |&m| m + 1));
        let (build, lay, cpu) = (median(build), median(lay), median(cpu));
        println!(
            "{:<22} {:>8} {:>9} {:>7} {:>9.1} ms {:>8.1} ms {:>7.1}× {:>9.1} ms",
            shape.name,
            graph.len(),
            graph.edges().count(),
            layers,
            ms(build),
            ms(lay),
            lay.as_secs_f64() / build.as_secs_f64(),
            ms(cpu)
        );
    }
}

fn main() {
    let summary_only = std::env::args().any(|arg| arg == "summary");
    // `cargo test --benches` runs each benchmark once, without `--bench`.
    let benching = std::env::args().any(|arg| arg == "--bench");
    let shapes = shapes(summary_only || benching);
    if !summary_only {
        let mut criterion = Criterion::default()
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3))
            .configure_from_args();
        benches(&mut criterion, &shapes);
        criterion.final_summary();
    }
    if summary_only || benching {
        summary(&shapes);
    }
}
