//! `blackout export FILE --to dot|csv|mermaid|mef -o OUT`: the model in a format other tools read.

use super::write;
use crate::input::{load, BadInput};
use blackout::analysis::{simulate, single_points_of_failure};
use blackout::export;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
enum Target {
    /// Graphviz digraph (a -> b: a depends on b), read back by `blackout import`.
    Dot,
    /// One row per node, read back by `blackout import`.
    Csv,
    /// A Mermaid flowchart for Markdown, with the single points of failure marked.
    Mermaid,
    /// An Open-PSA MEF fault tree (acyclic graphs), read back by `blackout import`
    /// and by fault-tree tools such as SCRAM.
    Mef,
}

#[derive(Args)]
pub struct ExportArgs {
    file: PathBuf,
    #[arg(long, value_enum)]
    to: Target,
    /// Where to write.
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(args: ExportArgs) -> Result<ExitCode, BadInput> {
    let valid = load(&args.file)?;
    let text = match args.to {
        Target::Dot => export::dot::write(valid.document()),
        Target::Csv => export::csv::write(valid.document())
            .map_err(|e| BadInput(format!("{}: cannot write CSV: {e}", args.file.display())))?,
        Target::Mermaid => {
            let graph = valid.graph();
            let outcome = simulate(graph, &[]);
            export::mermaid(valid.document(), graph, &outcome, &single_points_of_failure(graph))
        }
        Target::Mef => export::mef::write(valid.document())
            .map_err(|e| BadInput(format!("{}: cannot write MEF: {e}", args.file.display())))?,
    };
    write(&args.output, &text)
}
