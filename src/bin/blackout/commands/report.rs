//! `blackout report FILE [--fail IDS | --scenario NAME] -o OUT.html`: the
//! one-page report, a self-contained HTML page (see `render::report_html`).
//! Without a failure set the map shows nothing failed.

use super::write;
use crate::input::{load, resolve_failures, BadInput};
use blackout::render::{report_html, ReportContent};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ReportArgs {
    file: PathBuf,
    /// Where to write the HTML page.
    #[arg(short, long)]
    output: PathBuf,
    /// Node ids to fail on the map, comma-separated (repeatable).
    #[arg(long, value_delimiter = ',', conflicts_with = "scenario")]
    fail: Vec<String>,
    /// The name of a scenario stored in the file, to show on the map.
    #[arg(long)]
    scenario: Option<String>,
}

pub fn run(args: ReportArgs) -> Result<ExitCode, BadInput> {
    let valid = load(&args.file)?;
    let (document, graph) = (valid.document(), valid.graph());
    let failed = resolve_failures(document, graph, &args.fail, args.scenario.as_deref())?;
    let content = ReportContent::new(document, graph, &failed, args.scenario.as_deref());
    write(&args.output, &report_html(document, graph, &content))
}
