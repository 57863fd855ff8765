//! Restore times on generated layered graphs of 10,000 and 100,000 nodes
//! (about 5 dependencies each, mixed requirements) given recovery data by
//! `generate::add_recovery_hours`: for one failure (`restore_times`), and for
//! every single point of failure (`single_failure_restores`, what `check` adds).
//!
//! The baseline is `single_points_of_failure` on the same graph without
//! recovery data: what `check` computed before restore times. The summary
//! times, interleaved round by round, that baseline against the whole of
//! `check`'s analysis with recovery data (single points of failure, then the
//! restore times of each), and one failure's restore times against its
//! `simulate`, and prints the ratios. The goal: at 100,000 nodes, `check`
//! with recovery data within 3× of `check` without.
//!
//! `cargo bench --bench restore` (see benches/README.md).

use blackout::analysis::{restore_times, simulate, single_failure_restores, single_points_of_failure};
use blackout::generate::{add_recovery_hours, layered_graph};
use blackout::model::{Graph, NodeIndex};
use common::{median, ms, time};
use criterion::{black_box, Criterion};

mod common;

const SEED: u64 = 42;
const DEPENDENCIES: usize = 5;
const SIZES: [usize; 2] = [10_000, 100_000];
/// At most this many times `check` without recovery data, at 100,000 nodes.
const GOAL: f64 = 3.0;

/// The same graph without and with recovery data.
fn graphs(nodes: usize) -> (Graph, Graph) {
    let plain = layered_graph(nodes, DEPENDENCIES, SEED);
    let mut with = plain.clone();
    add_recovery_hours(&mut with, SEED);
    let build = |document| Graph::build(document).expect("generated graphs are valid");
    (build(&plain), build(&with))
}

/// A data center halfway along its layer (the ninth of ten): a large blast radius.
fn data_center(graph: &Graph) -> NodeIndex {
    let per_layer = graph.len().div_ceil(10);
    (8 * per_layer + per_layer / 2) as NodeIndex
}

/// `check`'s analysis with recovery data: single points of failure, then
/// the restore times of each.
fn check_with_recovery(graph: &Graph) -> usize {
    let report = single_points_of_failure(graph);
    let restores = single_failure_restores(graph, &report);
    restores.spofs.len() + restores.tolerance_breaches.len()
}

fn benches(c: &mut Criterion) {
    for nodes in SIZES {
        let (plain, with) = graphs(nodes);
        let failure = data_center(&with);
        let report = single_points_of_failure(&with);
        let mut group = c.benchmark_group(format!("restore/{}k", nodes / 1_000));
        group.bench_function("spof, no recovery data (baseline)", |b| {
            b.iter(|| single_points_of_failure(black_box(&plain)))
        });
        group.bench_function("spof + restore times of every spof", |b| {
            b.iter(|| check_with_recovery(black_box(&with)))
        });
        group.bench_function("restore times of every spof", |b| {
            b.iter(|| single_failure_restores(black_box(&with), &report))
        });
        group.bench_function("one failure: simulate", |b| b.iter(|| simulate(black_box(&with), &[failure])));
        group.bench_function("one failure: restore times", |b| {
            b.iter(|| restore_times(black_box(&with), &[failure]))
        });
        group.finish();
    }
}

/// The ratios, measured in the same run, interleaved round by round.
fn summary() {
    const ROUNDS: usize = 7;
    println!("\nsummary: medians of {ROUNDS} interleaved rounds; seed {SEED}, about {DEPENDENCIES} dependencies per node");
    for nodes in SIZES {
        let (plain, with) = graphs(nodes);
        let failure = data_center(&with);
        let report = single_points_of_failure(&with);
        let features_total: usize = report.spofs.iter().map(|spof| spof.features.len()).sum();
        let [mut baseline, mut check, mut one_simulate, mut one_restore] = [(); 4].map(|_| Vec::new());
        for _ in 0..ROUNDS {
            baseline.push(time(|| single_points_of_failure(&plain)));
            check.push(time(|| check_with_recovery(&with)));
            one_simulate.push(time(|| simulate(&with, &[failure])));
            one_restore.push(time(|| restore_times(&with, &[failure])));
        }
        let [baseline, check, one_simulate, one_restore] = [baseline, check, one_simulate, one_restore].map(median);
        let ratio = check.as_secs_f64() / baseline.as_secs_f64();
        println!(
            "  {nodes} nodes, {} edges; {} single points of failure taking down {features_total} features in all:",
            with.edges().count(),
            report.spofs.len()
        );
        println!("    spof, no recovery data (baseline)     {:>9.2} ms", ms(baseline));
        println!("    spof + restore times of every spof    {:>9.2} ms  {ratio:>5.2}× the baseline", ms(check));
        println!(
            "    one failure ({} down): simulate       {:>9.3} ms",
            restore_times(&with, &[failure]).down().count(),
            ms(one_simulate)
        );
        println!(
            "    one failure: restore times            {:>9.3} ms  {:>5.2}× simulate",
            ms(one_restore),
            one_restore.as_secs_f64() / one_simulate.as_secs_f64()
        );
        if nodes == 100_000 {
            let verdict = if ratio <= GOAL { "met" } else { "NOT met" };
            println!("    goal, check with recovery data within {GOAL}× of without at 100k: {verdict}");
        }
    }
}

fn main() {
    common::run(benches, summary);
}
