//! The command line at scale and on adversarial shapes, process in to
//! process out: `blackout check FILE --json` on layered graphs of 100,000
//! and 1,000,000 nodes (time, peak memory, and the time of each phase: read,
//! parse, analysis, report), on a 20,000-deep chain (bare, and with a host
//! for each node: a "ladder"), a 10,000-node cycle, a
//! node with 200,000 dependencies and a star of 200,000 features; and
//! `blackout diff` of two 100,000-node versions, against the two `check`
//! runs it replaces.
//!
//! Peak memory is the child's maximum resident set (`wait4`), so it is
//! measured the same way for any binary. `BLACKOUT_BASELINE=/path/to/older/blackout`
//! also runs that binary, interleaved, on the same files, and prints the
//! ratios before → after (runs over `BASELINE_TIMEOUT` are stopped).
//!
//! `cargo bench --bench scale` (see benches/README.md). `cargo test --benches`
//! only checks that every shape runs at a small size.

use blackout::format;
use blackout::generate::layered_graph;
use blackout::model::{Document, Requirement};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const SEED: u64 = 42;
const RUNS: usize = 3;
const BASELINE_TIMEOUT: Duration = Duration::from_secs(60);
/// The goals.
const SHAPE_TIME: Duration = Duration::from_secs(1);
const SHAPE_MEMORY_MIB: u64 = 500;
const MILLION_RATIO: f64 = 12.0;
const MILLION_MEMORY_MIB: u64 = 4096;

/// One run of a process: wall time, peak memory, exit code, and the phase
/// timings it printed (`BLACKOUT_TIMINGS`), if any.
struct Run {
    time: Duration,
    peak_mib: u64,
    code: Option<i32>,
    phases: String,
}

fn main() -> ExitCode {
    let timing = std::env::args().any(|arg| arg == "--bench");
    let blackout = PathBuf::from(env!("CARGO_BIN_EXE_blackout"));
    let baseline = std::env::var_os("BLACKOUT_BASELINE").map(PathBuf::from);
    let data = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
        .join("bench-data");
    std::fs::create_dir_all(&data).expect("can create target/bench-data");

    let scale = if timing { 1 } else { 100 };
    let shapes = [
        ("chain", 20_000 / scale),
        // 20,000 deep, each with a host.
        ("ladder", 40_000 / scale),
        ("cycle", 10_000 / scale),
        ("hub", 200_000 / scale + 1),
        ("star", 200_000 / scale + 2),
    ];
    println!("scale: `blackout check FILE --json`, median of {RUNS} runs; peak = maximum resident memory");
    let mut met = true;
    for (name, nodes) in shapes {
        let file = generate(&blackout, &data, name, nodes);
        let after = median(&blackout, &["check", path(&file), "--json"], None);
        let goal = after.time < SHAPE_TIME && after.peak_mib < SHAPE_MEMORY_MIB;
        met &= goal || !timing;
        let mut line = format!("  {name:<6} {nodes:>8} nodes  {:>8.1} ms  {:>5} MiB  {}", ms(after.time), after.peak_mib, after.phases);
        if let Some(baseline) = &baseline {
            let before = median(baseline, &["check", path(&file), "--json"], Some(BASELINE_TIMEOUT));
            line += &format!("\n         before: {}  → {} faster, {:.1}× less memory", describe(&before), ratio(&before, &after), before.peak_mib as f64 / after.peak_mib.max(1) as f64);
        }
        println!("{line}   goal < {} ms and < {SHAPE_MEMORY_MIB} MiB: {}", SHAPE_TIME.as_millis(), verdict(goal));
        if !matches!(after.code, Some(0 | 1)) {
            println!("  {name}: check failed (exit {:?})", after.code);
            return ExitCode::FAILURE;
        }
    }
    if !timing {
        return ExitCode::SUCCESS;
    }

    let small = generate(&blackout, &data, "layered", 100_000);
    let large = generate(&blackout, &data, "layered", 1_000_000);
    let (mut small_runs, mut large_runs) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        small_runs.push(run(&blackout, &["check", path(&small), "--json"], None));
        large_runs.push(run(&blackout, &["check", path(&large), "--json"], None));
    }
    let (small_run, large_run) = (middle(small_runs), middle(large_runs));
    let growth = large_run.time.as_secs_f64() / small_run.time.as_secs_f64();
    println!("  layered  100,000 nodes  {}", describe(&small_run));
    println!("  layered 1,000,000 nodes  {}", describe(&large_run));
    let goal = growth <= MILLION_RATIO && large_run.peak_mib < MILLION_MEMORY_MIB;
    println!(
        "  1,000,000 nodes cost {growth:.1}× the 100,000-node run (goal ≤ {MILLION_RATIO}×, peak < {MILLION_MEMORY_MIB} MiB): {}",
        verdict(goal)
    );
    met &= goal;
    if let Some(baseline) = &baseline {
        let before = median(baseline, &["check", path(&small), "--json"], Some(BASELINE_TIMEOUT));
        println!("  layered  100,000, before: {}  → {} faster", describe(&before), ratio(&before, &small_run));
    }

    // Two versions: HEAD changes some requirements and moves some nodes.
    // Built here, last: from now on this process is large, and a child's
    // peak memory (wait4) would include it, so only times are reported.
    let head = changed_version(&layered_graph(100_000, 5, SEED));
    let base = small.clone();
    let head = write(&data, "diff-head-100000.json", &head);
    let (mut diffs, mut checks) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        diffs.push(run(&blackout, &["diff", path(&base), path(&head), "--json"], None));
        let (a, b) = (run(&blackout, &["check", path(&base), "--json"], None), run(&blackout, &["check", path(&head), "--json"], None));
        checks.push(a.time + b.time);
    }
    let diff = middle(diffs);
    checks.sort();
    let checks = checks[checks.len() / 2];
    println!(
        "  diff of two 100,000-node versions: {:.1} ms, {:.2}× the time of checking both ({:.1} ms)",
        ms(diff.time),
        diff.time.as_secs_f64() / checks.as_secs_f64(),
        ms(checks)
    );
    println!("scale: goals {}", if met { "met" } else { "NOT all met" });
    ExitCode::SUCCESS
}

/// Every 50th node with several dependencies flips between all and any;
/// every 7th node moves (not a change).
fn changed_version(base: &Document) -> Document {
    let mut head = base.clone();
    for (i, node) in head.nodes.iter_mut().enumerate() {
        if i % 50 == 0 && node.depends_on.len() > 1 {
            node.requires = if node.requires == Requirement::All { Requirement::Any } else { Requirement::All };
        }
        if i % 7 == 0 {
            node.x = Some(i as f64);
        }
    }
    head
}

/// `blackout generate --shape SHAPE --nodes N` into the data folder, run as
/// a child so that this process stays small: a child's peak memory as
/// `wait4` reports it starts from its parent's size at the fork.
fn generate(blackout: &Path, data: &Path, shape: &str, nodes: usize) -> PathBuf {
    let file = data.join(format!("{shape}-{nodes}.json"));
    let status = Command::new(blackout)
        .args(["generate", "--shape", shape, "--nodes", &nodes.to_string(), "--seed", &SEED.to_string(), "-o", path(&file)])
        .status()
        .expect("blackout generate runs");
    assert!(status.success(), "blackout generate --shape {shape} failed");
    file
}

fn write(data: &Path, name: &str, document: &Document) -> PathBuf {
    let file = data.join(name);
    std::fs::write(&file, format::to_json(document)).expect("can write the generated graph");
    file
}

fn path(file: &Path) -> &str {
    file.to_str().expect("UTF-8 path")
}

/// Runs the command once, its output discarded, and measures it.
// The child is reaped by `wait4`, which also gives its peak memory.
#[allow(clippy::zombie_processes)]
fn run(program: &Path, args: &[&str], timeout: Option<Duration>) -> Run {
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .env("BLACKOUT_TIMINGS", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let pid = child.id() as libc::pid_t;
    let mut stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
        text
    });
    let (mut status, mut usage): (libc::c_int, libc::rusage) = (0, unsafe { std::mem::zeroed() });
    loop {
        // SAFETY: wait4 on our own child with valid pointers; it fills `usage` when the child ends.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        if timeout.is_some_and(|t| start.elapsed() > t) {
            let _ = child.kill();
            // SAFETY: as above, now blocking until the killed child is reaped.
            unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let time = start.elapsed();
    let text = reader.join().unwrap_or_default();
    let phases = text.lines().find_map(|l| l.strip_prefix("timings: ")).map(|l| format!("({l})")).unwrap_or_default();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    Run { time, peak_mib: usage.ru_maxrss as u64 / 1024, code, phases }
}

/// The median of `RUNS` runs; a run stopped at the timeout ends the series.
fn median(program: &Path, args: &[&str], timeout: Option<Duration>) -> Run {
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        runs.push(run(program, args, timeout));
        if runs.last().is_some_and(|r| r.code.is_none()) {
            return runs.pop().expect("just pushed");
        }
    }
    middle(runs)
}

fn middle(mut runs: Vec<Run>) -> Run {
    runs.sort_by_key(|r| r.time);
    runs.swap_remove(runs.len() / 2)
}

fn describe(run: &Run) -> String {
    match run.code {
        Some(_) => format!("{:.1} ms, {} MiB {}", ms(run.time), run.peak_mib, run.phases),
        None => format!("stopped after {:.0} s ({} MiB so far, or killed by the system)", run.time.as_secs_f64(), run.peak_mib),
    }
}

fn ratio(before: &Run, after: &Run) -> String {
    let factor = before.time.as_secs_f64() / after.time.as_secs_f64();
    if before.code.is_none() { format!("over {factor:.0}×") } else { format!("{factor:.1}×") }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "NOT met" }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
