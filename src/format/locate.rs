//! Where a JSON error is, in words a person can act on: the path in the
//! document with the node's id (`nodes[3] (id "pay").users`) and the line and
//! column. Files and share links both report their errors through here.

use super::FormatError;
use serde::Deserialize;
use serde_path_to_error::Segment;

/// The error serde reported while reading a document, located. `path` is the
/// path inside the document (a share link strips its envelope's key first);
/// `json` is the document's own JSON text, used to name the node.
pub fn schema_error<'a>(
    path: impl Iterator<Item = &'a Segment>,
    error: &serde_json::Error,
    node_id: impl FnOnce(usize) -> Option<String>,
) -> FormatError {
    if error.is_syntax() || error.is_eof() {
        return syntax_error(error);
    }
    let mut location = String::new();
    let mut position = None;
    let mut previous_was_nodes = false;
    for segment in path {
        if let (true, Segment::Seq { index }) = (previous_was_nodes && location == "nodes", segment) {
            position = Some(*index);
        }
        previous_was_nodes = matches!(segment, Segment::Map { key } if key == "nodes");
        if !location.is_empty() && !matches!(segment, Segment::Seq { .. }) {
            location.push('.');
        }
        location.push_str(&segment.to_string());
    }
    if location.is_empty() || location == "?" {
        location = "document".to_owned();
    }
    if let Some(id) = position.and_then(node_id) {
        let at = format!("nodes[{}]", position.unwrap_or_default());
        location = location.replacen(&at, &format!("{at} (id \"{id}\")"), 1);
    }
    FormatError::Schema {
        location,
        message: strip_position(&error.to_string()),
        line: error.line(),
        // serde_json points just before a value it only peeked at (an array
        // where an object belongs): column 0 at the start of a line.
        column: error.column().max(1),
    }
}

/// A syntax error: line and column, and serde's words without its own position.
pub fn syntax_error(error: &serde_json::Error) -> FormatError {
    FormatError::Syntax {
        line: error.line(),
        column: error.column(),
        message: strip_position(&error.to_string()),
    }
}

/// The id of the node at `position` in a document's JSON, if it can be read.
/// Reads only the ids (everything else is skipped), so describing an error in
/// a large file costs little more than reading it.
pub fn node_id_in(json: &[u8], position: usize) -> Option<String> {
    #[derive(Deserialize)]
    struct Ids {
        #[serde(default)]
        nodes: Vec<IdOnly>,
    }
    #[derive(Deserialize)]
    struct IdOnly {
        #[serde(default)]
        id: Option<serde_json::Value>,
    }
    let ids: Ids = serde_json::from_slice(json).ok()?;
    ids.nodes.into_iter().nth(position)?.id?.as_str().map(str::to_owned)
}

/// serde_json appends " at line L column C"; the error carries those as fields.
pub fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}
