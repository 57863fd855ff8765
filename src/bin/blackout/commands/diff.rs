//! `blackout diff BASE HEAD [--json | --markdown]`: the risk a change brings.
//! Exit 1 on new risk (a new single point of failure, or one that takes down
//! more features), 0 otherwise, 2 on bad input. When the files carry recovery
//! hours or availabilities, each feature's longest single-failure outage and
//! availability are compared too (`diff::FeatureMeasures`).

use super::{keep_until_exit, to_json};
use crate::cli::EXIT_RISK;
use crate::input::{load, BadInput};
use blackout::analysis::single_points_of_failure;
use blackout::diff::{diff_with_reports, to_markdown, FeatureMeasures, MeasureValue, RiskDiff};
use blackout::report::terminal::escape_controls;
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct DiffArgs {
    /// The version before the change (`-`: standard input).
    base: PathBuf,
    /// The version after the change.
    head: PathBuf,
    /// Stable JSON: nodes_added, nodes_removed, nodes_changed, spofs_added, spofs_removed, spofs_worse
    /// (and restore_hours_changed, availability_changed when the files carry that data).
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// A pull-request comment: verdict, table of risks, changed nodes, how to reproduce.
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: DiffArgs) -> Result<ExitCode, BadInput> {
    if args.base.as_os_str() == "-" && args.head.as_os_str() == "-" {
        return Err(BadInput("only one of BASE and HEAD can be standard input (-)".to_owned()));
    }
    let base = load(&args.base)?;
    let head = load(&args.head)?;
    let (base_spofs, head_spofs) = (single_points_of_failure(base.graph()), single_points_of_failure(head.graph()));
    let mut delta = diff_with_reports(&base, &base_spofs, &head, &head_spofs);
    let (base_measures, head_measures) = (FeatureMeasures::of(&base, &base_spofs), FeatureMeasures::of(&head, &head_spofs));
    delta.add_feature_measures((&base, &base_measures), (&head, &head_measures));
    if args.json {
        println!("{}", to_json(&delta));
    } else if args.markdown {
        // The paths as given (`-` stays `-`), quoted for a shell.
        let reproduce = format!(
            "blackout diff {} {} --markdown",
            shell_word(&args.base.to_string_lossy()),
            shell_word(&args.head.to_string_lossy())
        );
        print!("{}", to_markdown(&delta, &base, &head, &reproduce));
    } else {
        print!("{}", text(&delta));
    }
    let code = if delta.has_new_risk() { ExitCode::from(EXIT_RISK) } else { ExitCode::SUCCESS };
    keep_until_exit((base, head, delta, base_spofs, head_spofs));
    Ok(code)
}

/// The diff for a terminal: the verdict, then one line per change.
fn text(delta: &RiskDiff) -> String {
    let mut out = format!("{}\n", delta.verdict());
    let list = |ids: &mut dyn Iterator<Item = &blackout::model::NodeId>| {
        ids.map(|id| escape_controls(id.as_str()).into_owned()).collect::<Vec<_>>().join(", ")
    };
    for spof in &delta.spofs_added {
        out += &format!("  new: {} takes down {}\n", escape_controls(spof.id.as_str()), list(&mut spof.features.iter()));
    }
    for spof in &delta.spofs_worse {
        out += &format!("  worse: {} now also takes down {}\n", escape_controls(spof.id.as_str()), list(&mut spof.new_features.iter()));
    }
    for spof in &delta.spofs_removed {
        out += &format!("  removed: {} no longer takes down {}\n", escape_controls(spof.id.as_str()), list(&mut spof.features.iter()));
    }
    for (what, ids) in [("added", &delta.nodes_added), ("removed", &delta.nodes_removed), ("changed", &delta.nodes_changed)] {
        if !ids.is_empty() {
            out += &format!("Nodes {what}: {}\n", list(&mut ids.iter()));
        }
    }
    for measure in delta.measures.0.iter().filter(|m| !m.changes.is_empty()) {
        out += &format!("{}:\n", measure.measure.title);
        let value = |value: Option<MeasureValue>| value.map_or_else(|| "none".to_owned(), |v| v.text(measure.measure.unit));
        for change in &measure.changes {
            out += &format!("  {}: {} → {}\n", escape_controls(change.id.as_str()), value(change.base), value(change.head));
        }
    }
    out
}

/// A path as one shell word, quoted only when it needs to be.
fn shell_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c)) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}
