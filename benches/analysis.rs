//! The analyses on generated layered graphs of 10,000 and 100,000 nodes (about
//! 5 dependencies each, mixed all / any / at-least requirements): the SPOF
//! report, one simulated failure, and the naive SPOF report that re-simulates
//! every single failure, the baseline the fast one is measured against.
//!
//! At 100,000 nodes the naive report (O(n · (n + m))) would take minutes per
//! run, so it is timed on a fixed sample of single failures and extrapolated
//! linearly to all n; at 10,000 nodes both the full run and the extrapolation
//! are timed, which shows how close the extrapolation lands.
//!
//! After criterion's runs, a summary times the fast and naive reports again,
//! interleaved, and prints their ratio: on a shared, noisy machine a ratio
//! measured in one run means more than either absolute number. (Criterion's
//! own lines give the time of one simulation.)
//!
//! `cargo bench --bench analysis` (see benches/README.md).

use blackout::analysis::{simulate, single_points_of_failure, single_points_of_failure_by_resimulation};
use blackout::generate::layered_graph;
use blackout::model::{Graph, NodeIndex};
use common::{median, ms, time};
use criterion::{black_box, BenchmarkId, Criterion};
use std::time::Duration;

mod common;

const SEED: u64 = 42;
const DEPENDENCIES: usize = 5;
const SIZES: [usize; 2] = [10_000, 100_000];
/// How many single failures stand for all n in the extrapolated naive report.
const SAMPLE: usize = 500;
/// The goal for the 100,000-node SPOF report, natively.
const GOAL: Duration = Duration::from_millis(200);

fn graph(nodes: usize) -> Graph {
    Graph::build(&layered_graph(nodes, DEPENDENCIES, SEED)).expect("generated graphs are valid")
}

/// A node halfway down the layers (a data store), halfway along its layer.
fn mid_layer_node(graph: &Graph) -> NodeIndex {
    (graph.len() / 2 + graph.len() / 20) as NodeIndex
}

/// Every (n / SAMPLE)-th node: all layers, in proportion.
fn sample(graph: &Graph) -> Vec<NodeIndex> {
    let step = (graph.len() / SAMPLE).max(1);
    graph.nodes().step_by(step).take(SAMPLE).collect()
}

/// The loop of `single_points_of_failure_by_resimulation` over `failures`
/// only: one full simulation per single failure, each down node noting its
/// killer. Returns how many (killer, victim) pairs it found.
fn resimulate(graph: &Graph, failures: &[NodeIndex]) -> usize {
    let mut kill: Vec<Vec<NodeIndex>> = vec![Vec::new(); graph.len()];
    for &u in failures {
        let outcome = simulate(graph, &[u]);
        for v in outcome.down() {
            kill[v as usize].push(u);
        }
    }
    kill.iter().map(Vec::len).sum()
}

/// The naive report's time on all n nodes, from its time on `failures`. It
/// leaves out the final ranking, which both reports share, so it is a lower
/// bound and the speed-up it implies is, if anything, understated.
fn extrapolate(sampled: Duration, failures: usize, nodes: usize) -> Duration {
    sampled.mul_f64(nodes as f64 / failures as f64)
}

fn benches(c: &mut Criterion) {
    for nodes in SIZES {
        let graph = graph(nodes);
        let failure = mid_layer_node(&graph);
        let failures = sample(&graph);
        let label = format!("{}k", nodes / 1_000);

        let mut group = c.benchmark_group(format!("spof/{label}"));
        group.bench_function("fast", |b| b.iter(|| single_points_of_failure(black_box(&graph))));
        if nodes <= 10_000 {
            group.bench_function("naive (full)", |b| {
                b.iter(|| single_points_of_failure_by_resimulation(black_box(&graph)))
            });
        }
        // Criterion reports this one per sample; the summary below scales it to n.
        group.bench_function(BenchmarkId::new("naive (sample)", format!("{} of {nodes} failures", failures.len())), |b| {
            b.iter(|| resimulate(black_box(&graph), &failures))
        });
        group.finish();

        c.bench_function(&format!("simulate/{label}/one failure"), |b| {
            b.iter(|| simulate(black_box(&graph), &[failure]))
        });
    }
}

/// Fast against naive in the same run, interleaved round by round.
fn summary() {
    const ROUNDS: usize = 5;
    println!("\nsummary: medians of {ROUNDS} interleaved rounds; seed {SEED}, about {DEPENDENCIES} dependencies per node");
    for nodes in SIZES {
        let graph = graph(nodes);
        let failures = sample(&graph);
        let (mut fast, mut sampled, mut full) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            fast.push(time(|| single_points_of_failure(&graph)));
            sampled.push(time(|| resimulate(&graph, &failures)));
            if nodes <= 10_000 {
                full.push(time(|| single_points_of_failure_by_resimulation(&graph)));
            }
        }
        let fast = median(fast);
        let speedup = |naive: Duration| naive.as_secs_f64() / fast.as_secs_f64();
        println!("  {nodes} nodes, {} edges:", graph.edges().count());
        println!("    spof, fast                    {:>10.1} ms", ms(fast));
        if !full.is_empty() {
            let full = median(full);
            println!("    spof, naive                   {:>10.1} ms  {:>5.0}× the fast one", ms(full), speedup(full));
        }
        let extrapolated = extrapolate(median(sampled), failures.len(), nodes);
        println!(
            "    spof, naive (extrapolated)    {:>10.1} ms  {:>5.0}× the fast one  (timed on {} of {nodes} failures)",
            ms(extrapolated),
            speedup(extrapolated),
            failures.len()
        );
        if nodes == 100_000 {
            let verdict = if fast < GOAL { "met" } else { "NOT met" };
            println!("    goal, 100k-node spof under {} ms: {verdict}", GOAL.as_millis());
        }
    }
}

fn main() {
    common::run(benches, summary);
}
