//! `blackout check FILE [--json]`: the single points of failure; exit 1 when there are any.

use super::{keep_until_exit, to_json};
use crate::cli::EXIT_RISK;
use crate::input::{load, BadInput};
use blackout::analysis::{cycles, single_points_of_failure};
use blackout::report;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct CheckArgs {
    file: PathBuf,
    /// Stable JSON output: {"features": N, "spofs": [{"id", "features", "users"}]}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: CheckArgs) -> Result<ExitCode, BadInput> {
    let valid = load(&args.file)?;
    let (document, graph) = (valid.document(), valid.graph());
    let spofs = single_points_of_failure(graph);
    if args.json {
        println!("{}", to_json(&report::check_json(graph, &spofs)));
    } else {
        print!("{}", report::check_text(document, graph, &spofs, &cycles(graph)));
    }
    let code = if spofs.spofs.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(EXIT_RISK) };
    keep_until_exit((valid, spofs));
    Ok(code)
}
