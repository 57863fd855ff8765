//! The subcommands and the exit codes they share.

use crate::commands;
use crate::input::BadInput;
use blackout::report::terminal::escape_controls_but_newlines;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "blackout", version, about = "Which user-facing features go dark when something fails?")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Refuse input files larger than this many bytes (default: regular files
    /// of any size; pipes, devices and standard input up to 1 GiB).
    #[arg(long, global = true, value_name = "BYTES")]
    max_bytes: Option<u64>,
}

#[derive(Subcommand)]
enum Command {
    /// Report single points of failure. Exit 1 when any feature has one.
    Check(commands::check::CheckArgs),
    /// Show what goes down after the given failures.
    Simulate(commands::simulate::SimulateArgs),
    /// Write a self-contained SVG snapshot of the risk map.
    Render(commands::render::RenderArgs),
    /// Write the one-page report: a self-contained HTML page that prints on one sheet.
    Report(commands::report::ReportArgs),
    /// Read a Backstage catalog, Jaeger links, a DOT graph or a CSV spreadsheet into a model.
    Import(commands::import::ImportArgs),
    /// Write a model as DOT, CSV or Mermaid.
    Export(commands::export::ExportArgs),
    /// Availability, minimal cut sets, importance, expected loss and what to fix first.
    Analyze(commands::analyze::AnalyzeArgs),
    /// Write a synthetic architecture (for benchmarks and stress tests).
    Generate(commands::generate::GenerateArgs),
    /// The risk a change brings between two versions. Exit 1 on new risk.
    Diff(commands::diff::DiffArgs),
}

/// `check` found a risk.
pub const EXIT_RISK: u8 = 1;
/// Bad input or usage: the message on stderr names the problem.
pub const EXIT_BAD_INPUT: u8 = 2;

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { EXIT_BAD_INPUT } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    crate::input::set_max_bytes(cli.max_bytes);
    let result = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Simulate(args) => commands::simulate::run(args),
        Command::Render(args) => commands::render::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Generate(args) => commands::generate::run(args),
        Command::Import(args) => commands::import::run(args),
        Command::Export(args) => commands::export::run(args),
        Command::Diff(args) => commands::diff::run(args),
        Command::Analyze(args) => commands::analyze::run(args),
    };
    match result {
        Ok(code) => code,
        Err(BadInput(message)) => {
            // Messages quote ids and text from the file: no control characters.
            eprintln!("blackout: {}", escape_controls_but_newlines(&message));
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}
