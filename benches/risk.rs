//! The risk analysis (availability, minimal cut sets, importance, expected
//! loss): the Kakao example, generated layered graphs of 1,000 and 10,000
//! nodes with availabilities on about one node in ten (order 2), and
//! adversarial shapes: a long cycle, a hub that depends on 200 nodes, a deep
//! chain, and a generated graph with availabilities on every node (whose
//! BDDs are too large: the answer is a labelled bound).
//!
//! Each line of the summary gives the time of the full analysis and its ratio
//! to `single_points_of_failure` on the same graph, measured interleaved in
//! the same run, so that a noisy shared machine moves both alike, and the
//! longest slice the app would run (`RiskJob::step(SLICE)`: the analysis and
//! then the fixes), which must stay well inside a 16 ms frame.
//!
//! `cargo bench --bench risk` (see benches/README.md); `cargo bench --bench
//! risk -- 1k` runs only the cases whose name contains "1k".

use blackout::analysis::risk::{analyze, Availability, RiskOptions};
use blackout::analysis::risk_job::{RiskJob, SLICE};
use blackout::analysis::single_points_of_failure;
use blackout::generate::{add_availabilities, layered_graph};
use blackout::model::{Document, Graph, Kind, Node, NodeId, Requirement, ValidDocument};
use criterion::{black_box, Criterion};
use std::time::{Duration, Instant};

const SEED: u64 = 42;

struct Case {
    name: &'static str,
    document: ValidDocument,
    graph: Graph,
    order: usize,
    /// The goal for this case, natively.
    goal: Option<Duration>,
}

fn kakao() -> Document {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/examples/kakao-2022.json");
    let text = std::fs::read_to_string(path).expect("the Kakao example is there");
    blackout::format::parse(&text).expect("valid").into_document()
}

fn generated(nodes: usize, per_thousand: u64) -> Document {
    let mut document = layered_graph(nodes, 5, SEED);
    add_availabilities(&mut document, per_thousand, SEED);
    document
}

fn node(id: String, kind: Kind, requires: Requirement, depends_on: Vec<String>, availability: Option<f64>) -> Node {
    let mut node = Node::new(id, kind);
    node.requires = requires;
    node.depends_on = depends_on.into_iter().map(NodeId).collect();
    node.availability = availability;
    if kind == Kind::Feature {
        node.users = 1_000_000;
    }
    node
}

fn build(nodes: Vec<Node>) -> Document {
    Document { nodes, ..Document::default() }
}

/// A feature on a ring of `length` services, each needing the next and one
/// of two sites; every fifth service can fail.
fn long_cycle(length: usize) -> Document {
    let mut nodes = vec![node("f".into(), Kind::Feature, Requirement::All, vec!["s0".into()], None)];
    for i in 0..length {
        let deps = vec![format!("s{}", (i + 1) % length), format!("site{}", i % 2)];
        let availability = (i % 5 == 0).then_some(0.999);
        nodes.push(node(format!("s{i}"), Kind::Service, Requirement::All, deps, availability));
    }
    nodes.push(node("site0".into(), Kind::Datacenter, Requirement::All, vec![], Some(0.9995)));
    nodes.push(node("site1".into(), Kind::Datacenter, Requirement::All, vec![], Some(0.9995)));
    build(nodes)
}

/// Ten features on one hub that needs 150 of 200 replicas, each on one of four sites.
fn hub() -> Document {
    let replicas: Vec<String> = (0..200).map(|i| format!("r{i}")).collect();
    let mut nodes: Vec<Node> =
        (0..10).map(|i| node(format!("f{i}"), Kind::Feature, Requirement::All, vec!["hub".into()], None)).collect();
    nodes.push(node("hub".into(), Kind::Service, Requirement::AtLeast(150), replicas.clone(), Some(0.9999)));
    for (i, id) in replicas.iter().enumerate() {
        nodes.push(node(id.clone(), Kind::Service, Requirement::All, vec![format!("site{}", i % 4)], Some(0.999)));
    }
    for i in 0..4 {
        nodes.push(node(format!("site{i}"), Kind::Datacenter, Requirement::All, vec![], Some(0.9995)));
    }
    build(nodes)
}

/// A feature at the top of a chain of `length` services, every tenth of
/// which can fail; each also needs one of two sites.
fn deep_chain(length: usize) -> Document {
    let mut nodes = vec![node("f".into(), Kind::Feature, Requirement::All, vec!["c0".into()], None)];
    for i in 0..length {
        let mut deps = vec![format!("site{}", i % 2)];
        if i + 1 < length {
            deps.push(format!("c{}", i + 1));
        }
        nodes.push(node(format!("c{i}"), Kind::Service, Requirement::All, deps, (i % 10 == 0).then_some(0.9999)));
    }
    nodes.push(node("site0".into(), Kind::Datacenter, Requirement::All, vec![], Some(0.9995)));
    nodes.push(node("site1".into(), Kind::Datacenter, Requirement::All, vec![], Some(0.9995)));
    build(nodes)
}

fn case(name: &'static str, document: Document, order: usize, goal: Option<Duration>) -> Case {
    let document = ValidDocument::new(document).expect("valid");
    Case { name, graph: document.graph().clone(), document, order, goal }
}

/// The cases whose name contains the command line's filter (all without one).
fn cases() -> Vec<Case> {
    let filter = std::env::args().skip(1).find(|arg| !arg.starts_with('-')).unwrap_or_default();
    // Name, document, order, and the time goal where there is one.
    type Listed = (&'static str, fn() -> Document, usize, Option<Duration>);
    let all: [Listed; 7] = [
        ("kakao example, order 3", kakao, 3, Some(Duration::from_millis(50))),
        ("generated 1k, 10% availabilities, order 2", || generated(1_000, 100), 2, Some(Duration::from_secs(1))),
        ("generated 10k, 10% availabilities, order 2", || generated(10_000, 100), 2, Some(Duration::from_secs(10))),
        ("generated 1k, every node, order 2 (bound)", || generated(1_000, 1_000), 2, None),
        ("long cycle of 500, order 2", || long_cycle(500), 2, None),
        ("hub needing 150 of 200, order 2", hub, 2, None),
        ("deep chain of 2,000, order 2", || deep_chain(2_000), 2, None),
    ];
    all.into_iter().filter(|(name, ..)| name.contains(filter.as_str())).map(|(name, make, order, goal)| case(name, make(), order, goal)).collect()
}

fn options(order: usize) -> RiskOptions {
    RiskOptions { order, ..RiskOptions::default() }
}

fn benches(c: &mut Criterion, cases: &[Case]) {
    let mut group = c.benchmark_group("risk");
    // The large and the bounded cases take seconds: the summary times them.
    for case in cases.iter().filter(|c| c.graph.len() <= 1_100 && !c.name.contains("bound")) {
        group.bench_function(case.name, |b| b.iter(|| analyze(black_box(&case.graph), options(case.order))));
    }
    group.finish();
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let value = black_box(f());
    (start.elapsed(), value)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn summary(cases: &[Case]) {
    println!("\nsummary: medians of interleaved rounds, risk analysis vs single_points_of_failure on the same graph");
    for case in cases {
        let rounds = if case.graph.len() > 5_000 { 3 } else { 5 };
        let (mut risk, mut spof) = (Vec::new(), Vec::new());
        let mut last = None;
        for _ in 0..rounds {
            let (t, report) = time(|| analyze(&case.graph, options(case.order)));
            risk.push(t);
            last = Some(report);
            spof.push(time(|| single_points_of_failure(&case.graph)).0);
        }
        let report = last.expect("at least one round");
        let (risk, spof) = (median(risk), median(spof));
        let bounded = report.features.iter().filter(|f| matches!(f.availability, Availability::Bound { .. })).count();
        let cut_sets: usize = report.features.iter().filter_map(|f| f.cut_sets.as_ref()).map(Vec::len).sum();
        let widest = report
            .features
            .iter()
            .map(|f| f.availability.upper() - f.availability.lower())
            .fold(0.0, f64::max);
        println!(
            "  {:<46} {:>6} nodes  {:>10.2} ms  {:>7.0}× spof ({:.3} ms)  {} features, {} exact, {} bounds (widest {:.2e}), {} cut sets",
            case.name,
            case.graph.len(),
            ms(risk),
            risk.as_secs_f64() / spof.as_secs_f64(),
            ms(spof),
            report.features.len(),
            report.features.len() - bounded,
            bounded,
            widest,
            cut_sets,
        );
        if let Some(goal) = case.goal {
            let verdict = if risk < goal { "met" } else { "NOT met" };
            println!("    goal under {} ms: {verdict}", goal.as_millis());
        }
        let (slices, longest, total) = slices(case);
        println!(
            "    in the app's slices ({SLICE} units): {slices} slices, longest {:.2} ms, analysis and fixes {:.0} ms in all",
            ms(longest),
            ms(total)
        );
    }
}

/// The app's job (analysis, then fixes) in slices: how many, the longest, the sum.
fn slices(case: &Case) -> (usize, Duration, Duration) {
    let mut job = RiskJob::new(case.document.clone(), options(case.order));
    let (mut count, mut longest, mut total) = (0, Duration::ZERO, Duration::ZERO);
    loop {
        let (t, done) = time(|| job.step(SLICE));
        count += 1;
        longest = longest.max(t);
        total += t;
        if done {
            return (count, longest, total);
        }
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn main() {
    let cases = cases();
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    benches(&mut criterion, &cases);
    criterion.final_summary();
    // `cargo test --benches` runs each benchmark once, without `--bench`: no summary then.
    if std::env::args().any(|arg| arg == "--bench") {
        summary(&cases);
    }
}
