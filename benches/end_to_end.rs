//! End to end, file in and report out: `blackout check FILE --json` against
//! `benches/networkx_spof.py` (networkx's dominator tree), both as fresh
//! processes on the same generated 100,000-node graph where every node needs
//! any one of its dependencies (the question a dominator tree answers). First
//! it checks that both print the same JSON on 2,000-node graphs of 1, 2 and 5
//! dependencies per node on average (each with single points of failure, so
//! the check compares something); timings are medians of interleaved runs, so
//! a busy machine slows both alike.
//!
//! `cargo bench --bench end_to_end` builds the `blackout` binary with the bench
//! profile (opt-level 3, not the release profile's size-optimised "z") and
//! writes the graphs to `target/bench-data/`. The Python is `$BLACKOUT_PYTHON`,
//! else `python3`; without networkx the comparison is skipped with a message.
//! Run by `cargo test --benches`, it only does the 2,000-node checks.

use blackout::format;
use blackout::generate::{layered_graph, layered_graph_any};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const SEED: u64 = 42;
const DEPENDENCIES: usize = 5;
const CHECK_NODES: usize = 2_000;
const CHECK_DEPENDENCIES: [usize; 3] = [1, 2, 5];
const NODES: usize = 100_000;
const RUNS: usize = 5;
const GOAL: f64 = 30.0;

fn main() -> ExitCode {
    let timing = std::env::args().any(|arg| arg == "--bench");
    let blackout = PathBuf::from(env!("CARGO_BIN_EXE_blackout"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/networkx_spof.py");
    let python = std::env::var("BLACKOUT_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let data = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("bench-data");
    std::fs::create_dir_all(&data).expect("can create target/bench-data");

    let has_networkx = Command::new(&python)
        .args(["-c", "import networkx"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !has_networkx {
        println!(
            "end_to_end: skipped, `{python} -c 'import networkx'` failed; set BLACKOUT_PYTHON to a Python \
             with networkx (benches/README.md)"
        );
        return ExitCode::SUCCESS;
    }
    let networkx = |file: &Path| {
        let mut command = Command::new(&python);
        command.arg(&script).arg(file);
        command
    };
    let blackout_check = |file: &Path| {
        let mut command = Command::new(&blackout);
        command.arg("check").arg(file).arg("--json");
        command
    };

    for dependencies in CHECK_DEPENDENCIES {
        let small = write_graph(&data, "any", CHECK_NODES, dependencies);
        match same_output(&mut blackout_check(&small), &mut networkx(&small)) {
            Ok(spofs) => println!(
                "end_to_end: blackout and networkx print identical JSON on {} ({spofs} single points of failure)",
                small.display()
            ),
            Err(message) => {
                println!("end_to_end: blackout and networkx disagree on {}: {message}", small.display());
                return ExitCode::FAILURE;
            }
        }
    }
    if !timing {
        return ExitCode::SUCCESS;
    }

    let any = write_graph(&data, "any", NODES, DEPENDENCIES);
    let mixed = write_graph(&data, "mixed", NODES, DEPENDENCIES);
    // The first run of each also warms the file cache and checks the big file.
    match same_output(&mut blackout_check(&any), &mut networkx(&any)) {
        Ok(spofs) => println!("end_to_end: identical JSON on {} ({spofs} single points of failure)", any.display()),
        Err(message) => {
            println!("end_to_end: blackout and networkx disagree on {}: {message}", any.display());
            return ExitCode::FAILURE;
        }
    }
    let mut times = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..RUNS {
        times[0].push(time(&mut blackout_check(&any)));
        times[1].push(time(&mut networkx(&any)));
        times[2].push(time(&mut blackout_check(&mixed)));
    }
    let [fast, slow, mixed_time] = times.map(median);
    let ratio = slow.as_secs_f64() / fast.as_secs_f64();
    println!("end_to_end: {NODES} nodes, about {DEPENDENCIES} dependencies each, seed {SEED}; median of {RUNS} interleaved runs");
    println!("  blackout check --json (any-only)  {:>9.1} ms", ms(fast));
    println!("  networkx_spof.py      (any-only)  {:>9.1} ms", ms(slow));
    println!("  blackout check --json (mixed)     {:>9.1} ms   (networkx cannot answer this one)", ms(mixed_time));
    println!(
        "  blackout is {ratio:.1}× faster than networkx end to end (goal ≥ {GOAL}×: {})",
        if ratio >= GOAL { "met" } else { "NOT met" }
    );
    println!(
        "  reproduce with hyperfine: hyperfine -N -w 1 '{} check {} --json' '{python} {} {}'",
        blackout.display(),
        any.display(),
        script.display(),
        any.display()
    );
    ExitCode::SUCCESS
}

/// Writes `target/bench-data/{variant}-{nodes}-d{dependencies}.json`, afresh
/// each time so that a change to the generator cannot leave a stale file.
fn write_graph(data: &Path, variant: &str, nodes: usize, dependencies: usize) -> PathBuf {
    let path = data.join(format!("{variant}-{nodes}-d{dependencies}.json"));
    let document = match variant {
        "any" => layered_graph_any(nodes, dependencies, SEED),
        _ => layered_graph(nodes, dependencies, SEED),
    };
    std::fs::write(&path, format::to_json(&document)).expect("can write the generated graph");
    path
}

/// Runs both and compares their standard output and exit codes; returns how
/// many single points of failure they found, which must be some.
fn same_output(a: &mut Command, b: &mut Command) -> Result<usize, String> {
    let a = a.output().map_err(|e| format!("cannot start {a:?}: {e}"))?;
    let b = b.output().map_err(|e| format!("cannot start {b:?}: {e}"))?;
    for output in [&a, &b] {
        // `check` exits 1 when it finds a single point of failure; 2 is an error.
        if !matches!(output.status.code(), Some(0 | 1)) {
            return Err(format!("exit {:?}: {}", output.status, String::from_utf8_lossy(&output.stderr)));
        }
    }
    if a.stdout != b.stdout {
        return Err(format!("outputs differ ({} and {} bytes)", a.stdout.len(), b.stdout.len()));
    }
    if a.status.code() != b.status.code() {
        return Err(format!("exit codes differ: {:?} and {:?}", a.status, b.status));
    }
    let report: serde_json::Value =
        serde_json::from_slice(&a.stdout).map_err(|e| format!("the output is not JSON: {e}"))?;
    match report["spofs"].as_array().map(Vec::len) {
        Some(0) | None => Err("no single point of failure to compare".to_owned()),
        Some(spofs) => Ok(spofs),
    }
}

/// Wall-clock time of one run, process start to exit, its output discarded.
fn time(command: &mut Command) -> Duration {
    let start = Instant::now();
    let status = command.stdout(Stdio::null()).status().expect("the command starts");
    let elapsed = start.elapsed();
    assert!(matches!(status.code(), Some(0 | 1)), "{command:?} failed: {status}");
    elapsed
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
