//! `blackout simulate FILE (--fail IDS | --scenario NAME) [--json]`: what goes
//! down, and how long it stays down.

use super::to_json;
use crate::input::{load, Failures, BadInput};
use blackout::analysis::{restore_times, simulate};
use blackout::report::{self, recovery};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct SimulateArgs {
    file: PathBuf,
    #[command(flatten)]
    failures: Failures,
    /// Stable JSON output: {"failed", "down", "features_down", "users_affected", "restore_hours", "user_hours"}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: SimulateArgs) -> Result<ExitCode, BadInput> {
    let valid = load(&args.file)?;
    let (document, graph) = (valid.document(), valid.graph());
    let failed = args.failures.resolve(document, graph)?;
    let outcome = simulate(graph, &failed);
    let times = restore_times(graph, &failed);
    if args.json {
        println!("{}", to_json(&recovery::simulate_json(graph, &outcome, &times)));
    } else {
        print!("{}", report::simulate_text(document, graph, &outcome));
        print!("{}", recovery::timeline_text(document, graph, &times));
    }
    Ok(ExitCode::SUCCESS)
}
