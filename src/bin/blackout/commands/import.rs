//! `blackout import FILE… [--from FORMAT] [--merge EXISTING.json] [--placeholders] -o OUT.json`:
//! a Backstage catalog, Jaeger links, a DOT graph or a CSV spreadsheet as a Blackout model.

use super::write;
use crate::input::{load, BadInput};
use blackout::format::{self, MAX_FILE_BYTES};
use blackout::import::{self, Format, ImportOptions};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ImportArgs {
    /// The files to import, all in one format.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// backstage, jaeger, dot, csv or mef; detected from content and extension when omitted.
    #[arg(long, value_parser = |name: &str| name.parse::<Format>())]
    from: Option<Format>,
    /// Refresh this model: keep what the source does not state (positions, users, hours, notes…).
    #[arg(long, value_name = "EXISTING.json")]
    merge: Option<PathBuf>,
    /// Make a dependency on something the files do not define an unknown node instead of an error.
    #[arg(long)]
    placeholders: bool,
    /// Where to write the model (JSON).
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(args: ImportArgs) -> Result<ExitCode, BadInput> {
    let mut files = Vec::with_capacity(args.files.len());
    for path in &args.files {
        let name = path.display().to_string();
        let size = std::fs::metadata(path).map_err(|e| BadInput(format!("{name}: {e}")))?.len();
        if size > MAX_FILE_BYTES as u64 {
            return Err(BadInput(format!("{name}: the file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes")));
        }
        let bytes = std::fs::read(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
        files.push((name, bytes));
    }
    let options = ImportOptions { format: args.from, placeholders: args.placeholders };
    let imported = import::detect_and_read(&files, &options).map_err(|e| BadInput(e.to_string()))?;
    let graph = imported.document.graph();
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    println!(
        "Read {} nodes and {} dependencies from {} ({}).",
        graph.len(),
        graph.edges().count(),
        imported.format,
        names.join(", ")
    );
    if !imported.placeholders.is_empty() {
        eprintln!(
            "blackout: {} unknown placeholder node(s) for dependencies the files do not define: {}",
            imported.placeholders.len(),
            list(&imported.placeholders)
        );
    }
    let document = match &args.merge {
        None => imported.document,
        Some(existing_path) => {
            let existing = load(existing_path)?;
            let merged = import::merge(existing.document(), &imported)
                .map_err(|e| BadInput(format!("{}: {e}", existing_path.display())))?;
            println!(
                "Merged into {}: {} node(s) added, {} kept that the source does not have{}",
                existing_path.display(),
                merged.report.added.len(),
                merged.report.not_in_source.len(),
                if merged.report.not_in_source.is_empty() {
                    ".".to_owned()
                } else {
                    format!(" (drawn by hand, or gone from the source): {}", list(&merged.report.not_in_source))
                }
            );
            merged.document
        }
    };
    write(&args.output, &format::to_json(document.document()))
}

fn list(ids: &[blackout::model::NodeId]) -> String {
    ids.iter().map(|id| id.as_str()).collect::<Vec<_>>().join(", ")
}
