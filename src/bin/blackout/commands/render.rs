//! `blackout render FILE -o OUT.svg [--fail IDS]`: the risk map as a self-contained SVG.

use super::write;
use crate::input::{load, resolve, BadInput};
use blackout::render;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct RenderArgs {
    file: PathBuf,
    /// Where to write the SVG.
    #[arg(short, long)]
    output: PathBuf,
    /// Node ids to fail before rendering, comma-separated.
    #[arg(long, value_delimiter = ',')]
    fail: Vec<String>,
}

pub fn run(args: RenderArgs) -> Result<ExitCode, BadInput> {
    let valid = load(&args.file)?;
    let (document, graph) = (valid.document(), valid.graph());
    let failed = resolve(graph, &args.fail)?;
    let svg = render::svg_snapshot(document, graph, &failed);
    write(&args.output, &svg)
}
