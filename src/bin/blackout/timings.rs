//! `BLACKOUT_TIMINGS=1`: each phase's wall time and the process's peak
//! memory on stderr, for benchmarks (`benches/scale.rs`) and for anyone
//! asking where the time of a large run goes. Off, it costs one env lookup.

use std::time::Instant;

/// Phase timer; prints nothing unless `BLACKOUT_TIMINGS` is set.
pub struct Timings {
    enabled: bool,
    last: Instant,
    phases: Vec<(&'static str, f64)>,
}

impl Timings {
    pub fn start() -> Timings {
        Timings {
            enabled: std::env::var_os("BLACKOUT_TIMINGS").is_some(),
            last: Instant::now(),
            phases: Vec::new(),
        }
    }

    /// Ends the phase named `name` (the time since the previous one ended).
    pub fn phase(&mut self, name: &'static str) {
        if self.enabled {
            let now = Instant::now();
            self.phases.push((name, (now - self.last).as_secs_f64() * 1e3));
            self.last = now;
        }
    }

    /// Prints one line: `timings: read 1.2 ms, parse 40.1 ms, …, peak 210 MiB`.
    pub fn report(&self) {
        if !self.enabled {
            return;
        }
        let phases: Vec<String> = self.phases.iter().map(|(name, ms)| format!("{name} {ms:.1} ms")).collect();
        let peak = peak_memory_kib().map_or_else(|| "unknown".to_owned(), |kib| format!("{} MiB", kib / 1024));
        eprintln!("timings: {}, peak {peak}", phases.join(", "));
    }
}

/// The peak resident memory of this process (Linux: VmHWM in /proc/self/status).
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
