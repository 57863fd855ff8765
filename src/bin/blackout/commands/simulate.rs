//! `blackout simulate FILE (--fail IDS | --scenario NAME) [--json]`: what goes down.

use super::to_json;
use crate::input::{load, Failures, BadInput};
use blackout::analysis::simulate;
use blackout::report;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct SimulateArgs {
    file: PathBuf,
    #[command(flatten)]
    failures: Failures,
    /// Stable JSON output: {"failed", "down", "features_down", "users_affected"}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: SimulateArgs) -> Result<ExitCode, BadInput> {
    let valid = load(&args.file)?;
    let (document, graph) = (valid.document(), valid.graph());
    let failed = args.failures.resolve(document, graph)?;
    let outcome = simulate(graph, &failed);
    if args.json {
        println!("{}", to_json(&report::simulate_json(graph, &outcome)));
    } else {
        print!("{}", report::simulate_text(document, graph, &outcome));
    }
    Ok(ExitCode::SUCCESS)
}
