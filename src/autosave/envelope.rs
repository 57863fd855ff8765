//! The autosave as text: the document in the file format (read back by the
//! one reader, `format::read`, like any file) and the failure set, as JSON,
//! DEFLATE-compressed and base64url-encoded behind a `z1.` prefix.
//!
//! Why compressed, in local storage: Chromium keeps 5 million characters for
//! a page, and a generated 20,000-node graph is 3.6 MB as a pretty file and
//! 1.9 MB as compact JSON, which is 0.40 MB deflated at level 1 and 0.54 M
//! characters in base64 (measured natively: 12 ms at level 1; level 3 gives
//! 0.28 MB in 25 ms, level 6 0.26 MB in 113 ms). So graphs several times that
//! size autosave, with room left. Local storage answers synchronously, so the
//! app opens on the saved work in its first frame; IndexedDB would hold more
//! but needs an asynchronous start and a loading state, and it can fail in
//! private windows. Text saved before compression (a JSON object) is still
//! read.

use crate::format::{self, FormatError};
use crate::model::{Document, NodeId, ValidDocument};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What this version writes before the compressed payload.
const PREFIX: &str = "z1.";

/// DEFLATE level: fast, since the autosave is written after every change
/// (see the module docs for the measurements).
const LEVEL: u8 = 1;

/// The largest uncompressed autosave read (the app's file limit).
const MAX_BYTES: usize = format::MAX_FILE_BYTES;

/// Why a stored autosave could not be read.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum AutosaveError {
    #[error("it is not a Blackout autosave")]
    NotAutosave,
    #[error("its data is damaged: {0}")]
    Damaged(String),
    #[error("its graph is invalid: {0}")]
    Graph(#[from] FormatError),
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    document: &'a str,
    failed: &'a [NodeId],
}

#[derive(Deserialize)]
struct EnvelopeIn {
    document: String,
    #[serde(default)]
    failed: Vec<NodeId>,
}

/// The stored text of `document` with `failed` nodes failed.
pub fn encode(document: &Document, failed: &[NodeId]) -> String {
    let file = serde_json::to_string(document).expect("a Document always serialises");
    let json = serde_json::to_vec(&EnvelopeOut { document: &file, failed }).expect("strings and ids serialise");
    let compressed = miniz_oxide::deflate::compress_to_vec(&json, LEVEL);
    let mut text = String::with_capacity(PREFIX.len() + compressed.len().div_ceil(3) * 4);
    text.push_str(PREFIX);
    URL_SAFE_NO_PAD.encode_string(&compressed, &mut text);
    text
}

/// Reads stored text (compressed, or the uncompressed JSON of earlier
/// versions). Failed ids that are not in the graph are dropped: the failure
/// set is the user's view, not their work.
pub fn decode(text: &str) -> Result<(ValidDocument, Vec<NodeId>), AutosaveError> {
    let json = match text.strip_prefix(PREFIX) {
        Some(payload) => {
            let compressed = URL_SAFE_NO_PAD.decode(payload).map_err(|e| AutosaveError::Damaged(e.to_string()))?;
            miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_BYTES)
                .map_err(|e| AutosaveError::Damaged(e.to_string()))?
        }
        None if text.trim_start().starts_with('{') => text.as_bytes().to_vec(),
        None => return Err(AutosaveError::NotAutosave),
    };
    let envelope: EnvelopeIn = serde_json::from_slice(&json).map_err(|e| AutosaveError::Damaged(e.to_string()))?;
    let document = format::read(envelope.document.as_bytes(), Some(MAX_BYTES))?;
    let failed = envelope.failed.into_iter().filter(|id| document.graph().index_of(id).is_some()).collect();
    Ok((document, failed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::layered_graph;

    #[test]
    fn round_trips_and_reads_the_old_uncompressed_form() {
        let document = layered_graph(300, 4, 7);
        let failed = vec![NodeId::from("n3"), NodeId::from("ghost")];
        let text = encode(&document, &failed);
        assert!(text.starts_with("z1."));
        let (read, kept) = decode(&text).unwrap();
        assert_eq!(read, document);
        assert_eq!(kept, vec![NodeId::from("n3")], "unknown failures are dropped");
        let old = serde_json::json!({"document": format::to_json(&document), "failed": ["n3"]}).to_string();
        assert_eq!(decode(&old).unwrap().0, document);
    }

    #[test]
    fn damage_is_named() {
        assert_eq!(decode("hello"), Err(AutosaveError::NotAutosave));
        assert!(matches!(decode("z1.%%%"), Err(AutosaveError::Damaged(_))));
        assert!(matches!(decode(r#"{"document": "not a graph"#), Err(AutosaveError::Damaged(_))));
        assert!(matches!(decode(r#"{"document": "{\"version\": 9}"}"#), Err(AutosaveError::Graph(_))));
        let truncated = encode(&layered_graph(50, 3, 1), &[]);
        assert!(decode(&truncated[..truncated.len() / 2]).is_err());
    }

    #[test]
    fn a_20000_node_graph_is_small_enough() {
        let document = layered_graph(20_000, 5, 1);
        let text = encode(&document, &[]);
        let file = format::to_json(&document).len();
        // Local storage holds about 5 million characters for a page.
        assert!(text.len() < 1_500_000, "{} characters for a {file}-byte file", text.len());
    }
}
