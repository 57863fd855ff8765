//! `blackout generate --nodes N [--shape SHAPE] [--recovery] -o OUT.json`: a synthetic
//! architecture (layered by default; or a chain, ladder, cycle, hub or star,
//! see `blackout::generate::Shape`).

use super::write;
use crate::input::BadInput;
use blackout::format;
use blackout::generate::{shaped_graph, Shape};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct GenerateArgs {
    /// How many nodes.
    #[arg(long)]
    nodes: usize,
    /// The graph's shape: layered (features on top, providers at the bottom),
    /// chain (a feature on a chain as deep as the graph), ladder (a chain
    /// whose every node needs a host of its own), cycle (a feature on a ring),
    /// hub (a feature that needs every other node), star (features that all
    /// run on one service).
    #[arg(
        long,
        default_value = "layered",
        value_parser = PossibleValuesParser::new(Shape::ALL.map(Shape::name))
            .map(|name| Shape::from_name(&name).expect("a listed shape"))
    )]
    shape: Shape,
    /// Dependencies per node (about; layered shape only).
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
    let mut document = shaped_graph(args.shape, args.nodes, args.dependencies, args.seed);
    if args.recovery {
        blackout::generate::add_recovery_hours(&mut document, args.seed);
    }
    write(&args.output, &format::to_json(&document))
}
