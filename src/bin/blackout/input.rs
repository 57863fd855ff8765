//! Reading graph files and resolving the ids and scenario names given on the
//! command line. Every problem becomes a [`BadInput`] that names the file.

use blackout::format;
use blackout::model::{Document, Graph, NodeIndex, ValidDocument};
use clap::Args;
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

/// Bad input: the message is printed on stderr and the exit code is 2.
pub struct BadInput(pub String);

/// How much a pipe, a device or standard input may send when no
/// `--max-bytes` is given: 1 GiB, about five million nodes. A regular file is
/// read whole whatever its size (its size is known before reading); a stream
/// such as `/dev/zero` never ends, so it needs a cap.
pub const DEFAULT_STREAM_LIMIT: u64 = 1 << 30;

/// `--max-bytes`, set once from the command line before any file is read.
static MAX_BYTES: OnceLock<Option<u64>> = OnceLock::new();

/// Sets the `--max-bytes` limit for every file this process reads.
pub fn set_max_bytes(limit: Option<u64>) {
    let _ = MAX_BYTES.set(limit);
}

fn max_bytes() -> Option<u64> {
    MAX_BYTES.get().copied().flatten()
}

/// How a path is named in messages (`-` is standard input).
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) { "standard input".to_owned() } else { path.display().to_string() }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads and validates a graph file (`-`: standard input).
pub fn load(path: &Path) -> Result<ValidDocument, BadInput> {
    let bytes = read_bytes(path)?;
    parse(path, &bytes)
}

/// Validates the bytes read from `path`.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<ValidDocument, BadInput> {
    // The limit was applied while reading.
    format::read(bytes, None).map_err(|e| BadInput(format!("{}: {e}", display_name(path))))
}

/// The bytes of `path` (`-`: standard input), stopping at the size limit
/// while reading, so that an endless stream cannot fill the memory.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, BadInput> {
    let name = display_name(path);
    let fail = |e: std::io::Error| BadInput(format!("{name}: {e}"));
    if is_stdin(path) {
        return read_capped(&name, std::io::stdin().lock(), max_bytes().unwrap_or(DEFAULT_STREAM_LIMIT), 0);
    }
    let file = File::open(path).map_err(fail)?;
    let metadata = file.metadata().map_err(fail)?;
    if !metadata.is_file() {
        return read_capped(&name, file, max_bytes().unwrap_or(DEFAULT_STREAM_LIMIT), 0);
    }
    match max_bytes() {
        Some(limit) if metadata.len() > limit => Err(BadInput(format!(
            "{name}: the file is {} bytes; the limit is {limit} bytes (--max-bytes)",
            metadata.len()
        ))),
        // The file may still grow while it is read: the cap holds anyway.
        limit => read_capped(&name, file, limit.unwrap_or(u64::MAX), metadata.len()),
    }
}

/// Reads at most `limit` bytes; one more means the input is too large.
fn read_capped(name: &str, reader: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, BadInput> {
    let mut bytes = Vec::with_capacity(expected.min(limit).saturating_add(1) as usize);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| BadInput(format!("{name}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(BadInput(format!(
            "{name}: stopped reading after {limit} bytes, the limit (--max-bytes BYTES sets another; \
             pipes and devices default to {DEFAULT_STREAM_LIMIT})"
        )));
    }
    Ok(bytes)
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
