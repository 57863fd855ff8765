//! `blackout generate --nodes N [--shape SHAPE] -o OUT.json`: a synthetic
//! architecture (layered by default; or a chain, ladder, cycle, hub or star).

use super::write;
use crate::input::BadInput;
use blackout::format;
use blackout::generate::{shaped_graph, Shape};
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct GenerateArgs {
    /// How many nodes.
    #[arg(long)]
    nodes: usize,
    /// The graph's shape.
    #[arg(long, value_enum, default_value_t = ShapeArg::Layered)]
    shape: ShapeArg,
    /// Dependencies per node (about; layered shape only).
    #[arg(long, default_value_t = 5)]
    dependencies: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write the JSON file.
    #[arg(short, long)]
    output: PathBuf,
}

/// The shapes, as the command line spells them.
#[derive(Clone, Copy, ValueEnum)]
enum ShapeArg {
    /// Features on top, providers at the bottom, about `--dependencies` each.
    Layered,
    /// A feature on a chain `--nodes` deep.
    Chain,
    /// A chain whose every service also needs a host of its own.
    Ladder,
    /// A feature on a ring of services.
    Cycle,
    /// A feature that needs every one of the other nodes.
    Hub,
    /// Features that all run on one service.
    Star,
}

pub fn run(args: GenerateArgs) -> Result<ExitCode, BadInput> {
    let shape = match args.shape {
        ShapeArg::Layered => Shape::Layered,
        ShapeArg::Chain => Shape::Chain,
        ShapeArg::Ladder => Shape::Ladder,
        ShapeArg::Cycle => Shape::Cycle,
        ShapeArg::Hub => Shape::Hub,
        ShapeArg::Star => Shape::Star,
    };
    let document = shaped_graph(shape, args.nodes, args.dependencies, args.seed);
    write(&args.output, &format::to_json(&document))
}
