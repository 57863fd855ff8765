//! `blackout check FILE [--json] [--base BASE]`: the single points of
//! failure, how long each keeps features down, and the tolerances one failure
//! breaks; exit 1 when there are any (with `--base`: any that BASE did not have).

use super::keep_until_exit;
use crate::cli::EXIT_RISK;
use crate::input::{load, parse, read_bytes, BadInput};
use crate::timings::Timings;
use blackout::analysis::{cycles, single_failure_restores, single_points_of_failure};
use blackout::diff::diff_with_reports;
use blackout::report::{self, recovery};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct CheckArgs {
    /// The graph file (`-`: standard input).
    file: PathBuf,
    /// Stable JSON output: {"features": N, "spofs": [{"id", "features", "users", "hours", "user_hours"}], "tolerance_breaches": [...]}.
    #[arg(long)]
    json: bool,
    /// Fail (exit 1) only on risk this earlier version of the file did not
    /// have: a new single point of failure, or one that takes down more features.
    #[arg(long, value_name = "BASE")]
    base: Option<PathBuf>,
}

pub fn run(args: CheckArgs) -> Result<ExitCode, BadInput> {
    let mut timings = Timings::start();
    let bytes = read_bytes(&args.file)?;
    timings.phase("read");
    let valid = parse(&args.file, &bytes)?;
    drop(bytes);
    timings.phase("parse");
    let (document, graph) = (valid.document(), valid.graph());
    let spofs = single_points_of_failure(graph);
    let restores = single_failure_restores(graph, &spofs);
    timings.phase("analysis");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.json {
        report::write_check_json(&mut out, graph, &spofs, &restores)
    } else {
        let mut text = report::check_text(document, graph, &spofs, &cycles(graph));
        text.push_str(&recovery::check_text(document, graph, &spofs, &restores));
        out.write_all(report::terminal::escape_controls_but_newlines(&text).as_bytes())
    };
    written.and_then(|()| out.flush()).map_err(|e| BadInput(format!("cannot write the report: {e}")))?;
    timings.phase("report");
    let has_risk = match &args.base {
        None => !spofs.spofs.is_empty(),
        Some(base) => {
            let base = load(base)?;
            let base_spofs = single_points_of_failure(base.graph());
            let delta = diff_with_reports(&base, &base_spofs, &valid, &spofs);
            eprintln!("{}", delta.verdict());
            delta.has_new_risk()
        }
    };
    timings.report();
    keep_until_exit((valid, spofs, restores));
    Ok(if has_risk { ExitCode::from(EXIT_RISK) } else { ExitCode::SUCCESS })
}
