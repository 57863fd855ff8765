//! `blackout analyze FILE [--order K] [--feature ID] [--json]`: availability,
//! minimal cut sets, importance, expected loss and what to fix first.

use super::{keep_until_exit, to_json};
use crate::input::{load, BadInput};
use blackout::analysis::fixes;
use blackout::analysis::risk::{analyze, RiskOptions, MAX_ORDER};
use blackout::report::risk as report;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct AnalyzeArgs {
    file: PathBuf,
    /// List minimal cut sets of up to K nodes (1 to 8).
    #[arg(long, default_value_t = 3)]
    order: usize,
    /// Analyse only this feature (by id).
    #[arg(long)]
    feature: Option<String>,
    /// Stable JSON output: {"order", "features": [{"id", "availability", "cut_sets", "importance", …}], …}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: AnalyzeArgs) -> Result<ExitCode, BadInput> {
    if args.order == 0 || args.order > MAX_ORDER {
        return Err(BadInput(format!("--order {} is out of range: give 1 to {MAX_ORDER}", args.order)));
    }
    let valid = load(&args.file)?;
    let (document, graph) = (valid.document(), valid.graph());
    let features = match &args.feature {
        None => None,
        Some(id) => {
            let node = graph
                .index_of(&id.trim().into())
                .ok_or_else(|| BadInput(format!("unknown feature \"{}\"", id.trim())))?;
            if !graph.is_feature(node) {
                return Err(BadInput(format!("\"{}\" is a {}, not a feature", id.trim(), graph.kind(node))));
            }
            Some(vec![node])
        }
    };
    let risk = analyze(graph, RiskOptions { order: args.order, features, ..RiskOptions::default() });
    let fixes = fixes::suggest(&valid, &risk);
    if args.json {
        println!("{}", to_json(&report::analyze_json(document, graph, &risk, &fixes)));
    } else {
        print!("{}", report::analyze_text(document, graph, &risk, &fixes));
    }
    keep_until_exit((valid, risk));
    Ok(ExitCode::SUCCESS)
}
