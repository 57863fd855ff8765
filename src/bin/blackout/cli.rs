//! The subcommands and the exit codes they share.

use crate::commands;
use crate::input::BadInput;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "blackout", version, about = "Which user-facing features go dark when something fails?")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report single points of failure. Exit 1 when any feature has one.
    Check(commands::check::CheckArgs),
    /// Show what goes down after the given failures.
    Simulate(commands::simulate::SimulateArgs),
    /// Write a self-contained SVG snapshot of the risk map.
    Render(commands::render::RenderArgs),
    /// Availability, minimal cut sets, importance, expected loss and what to fix first.
    Analyze(commands::analyze::AnalyzeArgs),
    /// Write a synthetic layered architecture (for benchmarks and stress tests).
    Generate(commands::generate::GenerateArgs),
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
    let result = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Simulate(args) => commands::simulate::run(args),
        Command::Render(args) => commands::render::run(args),
        Command::Generate(args) => commands::generate::run(args),
        Command::Analyze(args) => commands::analyze::run(args),
    };
    match result {
        Ok(code) => code,
        Err(BadInput(message)) => {
            eprintln!("blackout: {message}");
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}
