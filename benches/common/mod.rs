//! What the criterion benchmarks share: one-off timings for the summaries
//! they print after criterion's runs, and the same criterion settings.
#![allow(dead_code)]

use criterion::{black_box, Criterion};
use std::time::{Duration, Instant};

/// How long `f` takes once.
pub fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    black_box(f());
    start.elapsed()
}

pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Runs `benches` with short criterion settings (these graphs are big and
/// the machines shared), then `summary`, which prints ratios measured in
/// the same run.
pub fn run(benches: fn(&mut Criterion), summary: fn()) {
    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
    // `cargo test --benches` runs each benchmark once, without `--bench`: no summary then.
    if std::env::args().any(|arg| arg == "--bench") {
        summary();
    }
}
