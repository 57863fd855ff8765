//! `blackout generate --nodes N [--recovery] -o OUT.json`: a synthetic layered architecture.

use super::write;
use crate::input::BadInput;
use blackout::format;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct GenerateArgs {
    /// How many nodes.
    #[arg(long)]
    nodes: usize,
    /// Dependencies per node (about).
    #[arg(long, default_value_t = 5)]
    dependencies: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Also give every node recovery_hours, some a rebuild_hours and some
    /// features a tolerance_hours (deterministic, from the seed).
    #[arg(long)]
    recovery: bool,
    /// Where to write the JSON file.
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(args: GenerateArgs) -> Result<ExitCode, BadInput> {
    let mut document = blackout::generate::layered_graph(args.nodes, args.dependencies, args.seed);
    if args.recovery {
        blackout::generate::add_recovery_hours(&mut document, args.seed);
    }
    write(&args.output, &format::to_json(&document))
}
