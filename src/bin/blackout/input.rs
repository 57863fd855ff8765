//! Reading graph files and resolving the ids and scenario names given on the
//! command line. Every problem becomes a [`BadInput`] that names the file.

use blackout::format;
use blackout::model::{Document, Graph, NodeIndex, ValidDocument};
use clap::Args;
use std::path::Path;

/// Bad input: the message is printed on stderr and the exit code is 2.
pub struct BadInput(pub String);

/// Reads and validates a graph file.
pub fn load(path: &Path) -> Result<ValidDocument, BadInput> {
    let name = path.display();
    let metadata = std::fs::metadata(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
    if metadata.len() > format::MAX_FILE_BYTES as u64 {
        return Err(BadInput(format!(
            "{name}: the file is {} bytes; the limit is {} bytes",
            metadata.len(),
            format::MAX_FILE_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| BadInput(format!("{name}: {e}")))?;
    format::read(&bytes, Some(format::MAX_FILE_BYTES)).map_err(|e| BadInput(format!("{name}: {e}")))
}

/// Node ids given on the command line, as indices.
pub fn resolve(graph: &Graph, ids: &[String]) -> Result<Vec<NodeIndex>, BadInput> {
    ids.iter()
        .filter(|id| !id.trim().is_empty())
        .map(|id| {
            graph
                .index_of(&id.trim().into())
                .ok_or_else(|| BadInput(format!("unknown node id \"{}\"", id.trim())))
        })
        .collect()
}

/// `--fail IDS` or `--scenario NAME`: the failure set of a command.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct Failures {
    /// Node ids to fail, comma-separated (repeatable).
    #[arg(long, value_delimiter = ',')]
    pub fail: Vec<String>,
    /// The name of a scenario stored in the file.
    #[arg(long)]
    pub scenario: Option<String>,
}

impl Failures {
    pub fn resolve(&self, document: &Document, graph: &Graph) -> Result<Vec<NodeIndex>, BadInput> {
        resolve_failures(document, graph, &self.fail, self.scenario.as_deref())
    }
}

/// The nodes of a stored scenario when one is named, else the given ids.
pub fn resolve_failures(
    document: &Document,
    graph: &Graph,
    fail: &[String],
    scenario_name: Option<&str>,
) -> Result<Vec<NodeIndex>, BadInput> {
    match scenario_name {
        Some(name) => scenario(document, graph, name),
        None => resolve(graph, fail),
    }
}

fn scenario(document: &Document, graph: &Graph, name: &str) -> Result<Vec<NodeIndex>, BadInput> {
    let Some(found) = document.scenarios.iter().find(|s| s.name == name) else {
        let known: Vec<String> = document.scenarios.iter().map(|s| format!("\"{}\"", s.name)).collect();
        return Err(BadInput(format!(
            "unknown scenario \"{name}\"; the file has {}",
            if known.is_empty() { "none".to_owned() } else { known.join(", ") }
        )));
    };
    Ok(found.fail.iter().filter_map(|id| graph.index_of(id)).collect())
}
