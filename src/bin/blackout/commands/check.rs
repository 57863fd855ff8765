//! `blackout check FILE [--json]`: the single points of failure, how long
//! each keeps features down, and the tolerances one failure breaks; exit 1
//! when there are single points of failure.

use super::{keep_until_exit, to_json};
use crate::cli::EXIT_RISK;
use crate::input::{load, BadInput};
use blackout::analysis::{cycles, single_failure_restores, single_points_of_failure};
use blackout::report::{self, recovery};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct CheckArgs {
    file: PathBuf,
    /// Stable JSON output: {"features": N, "spofs": [{"id", "features", "users", "hours", "user_hours"}], "tolerance_breaches": [...]}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: CheckArgs) -> Result<ExitCode, BadInput> {
    let valid = load(&args.file)?;
    let (document, graph) = (valid.document(), valid.graph());
    let spofs = single_points_of_failure(graph);
    let restores = single_failure_restores(graph, &spofs);
    if args.json {
        println!("{}", to_json(&recovery::check_json(graph, &spofs, &restores)));
    } else {
        print!("{}", report::check_text(document, graph, &spofs, &cycles(graph)));
        print!("{}", recovery::check_text(document, graph, &spofs, &restores));
    }
    let code = if spofs.spofs.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_RISK) };
    keep_until_exit((valid, spofs, restores));
    Ok(code)
}
