//! The file format: versioned JSON, written by hand, diffed and reviewed.
//!
//! Parsing happens at the edge, in one reader for every source (files opened
//! in the app or on the command line, autosaves, share links): bytes in, a
//! [`ValidDocument`] out, or one [`FormatError`] that names the line, column,
//! field and node a person has to fix. So the app and the command line accept
//! and refuse exactly the same bytes with the same message.
//!
//! - The text must be UTF-8; a byte-order mark is skipped (`encoding`).
//! - The document, each node and each scenario must be JSON objects (serde
//!   would also take arrays; see `model::objects`).
//! - Unknown fields are rejected rather than kept, so that a typo such as
//!   `"depend_on"` cannot silently drop dependencies; free text belongs in `notes`.

mod encoding;

pub use encoding::utf8_text;
pub mod locate;
#[cfg(test)]
mod properties;

use crate::model::objects::Object;
use crate::model::{Document, ModelError, ValidDocument};
use thiserror::Error;

/// The largest file the app opens (a generated 100,000-node graph is about
/// 12 MB); the command line sets its own limit.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// Why a file could not be read as a Blackout graph.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum FormatError {
    #[error("the file is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the file is UTF-16 text; save it as UTF-8")]
    Utf16,
    #[error("the file is not UTF-8 text: byte 0x{byte:02X} at line {line}, column {column} is not valid UTF-8; save the file as UTF-8")]
    NotUtf8 { byte: u8, line: usize, column: usize },
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{location}: {message} (line {line}, column {column})")]
    Schema {
        /// Where in the document, e.g. `nodes[3] (id "pay").users`.
        location: String,
        message: String,
        line: usize,
        column: usize,
    },
    #[error(transparent)]
    Model(#[from] ModelError),
}

/// Reads a graph file's bytes: refused when longer than `limit` (if any),
/// not UTF-8, not the format, or against the model's rules.
pub fn read(bytes: &[u8], limit: Option<usize>) -> Result<ValidDocument, FormatError> {
    if let Some(limit) = limit.filter(|&limit| bytes.len() > limit) {
        return Err(FormatError::TooLarge { size: bytes.len(), limit });
    }
    let text = encoding::utf8_text(bytes)?;
    Ok(ValidDocument::new(document(text)?)?)
}

/// Reads a graph file's text, with the app's size limit ([`MAX_FILE_BYTES`]).
pub fn parse(text: &str) -> Result<ValidDocument, FormatError> {
    read(text.as_bytes(), Some(MAX_FILE_BYTES))
}

/// The document in `text`, not yet checked against the model's rules.
fn document(text: &str) -> Result<Document, FormatError> {
    // The fast path reads without tracking where it is; only a file with an
    // error is read again to say where the error is.
    match serde_json::from_str::<Object<Document>>(text) {
        Ok(Object(document)) => Ok(document),
        Err(_) => Err(describe_error(text)),
    }
}

/// Reads a file known to be bad again, tracking the path, for a message
/// that names line, column, field and node.
fn describe_error(text: &str) -> FormatError {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let node_id = |position| locate::node_id_in(text.as_bytes(), position);
    match serde_path_to_error::deserialize::<_, Object<Document>>(&mut deserializer) {
        Err(error) => locate::schema_error(error.path().iter(), error.inner(), node_id),
        Ok(_) => match deserializer.end() {
            Err(error) => locate::syntax_error(&error),
            // Unreachable in practice: both readers accept the same files.
            Ok(()) => FormatError::Syntax { line: 1, column: 1, message: "unreadable file".to_owned() },
        },
    }
}

/// The canonical text of a document: pretty JSON with a trailing newline.
pub fn to_json(document: &Document) -> String {
    let mut text = serde_json::to_string_pretty(document)
        .expect("a Document always serialises: its keys are strings and its numbers finite");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Requirement};

    const SAMPLE: &str = r#"{
  "version": 1,
  "title": "Kakao, October 2022",
  "nodes": [
    {"id": "talk", "label": "KakaoTalk messaging", "kind": "feature", "users": 47000000, "depends_on": ["talk-api"]},
    {"id": "talk-api", "kind": "service", "requires": "any", "depends_on": ["db-1", "db-2"]},
    {"id": "msg-db", "kind": "datastore", "requires": {"at_least": 2}, "depends_on": ["db-1", "db-2", "db-3"]},
    {"id": "db-1", "kind": "datastore", "depends_on": ["pangyo"]},
    {"id": "db-2", "kind": "datastore", "availability": 0.999, "x": 10, "y": -4.5, "notes": "replica"},
    {"id": "db-3", "kind": "datastore"},
    {"id": "pangyo", "label": "SK C&C Pangyo", "kind": "datacenter", "depends_on": ["grid"]},
    {"id": "grid", "label": "Grid power", "kind": "provider"}
  ],
  "scenarios": [{"name": "Pangyo fire", "fail": ["pangyo"]}]
}"#;

    #[test]
    fn parses_the_documented_example() {
        let doc = parse(SAMPLE).unwrap();
        assert_eq!(doc.title, "Kakao, October 2022");
        assert_eq!(doc.nodes.len(), 8);
        assert_eq!(doc.nodes[0].label(), "KakaoTalk messaging");
        assert_eq!(doc.nodes[1].label(), "talk-api");
        assert_eq!(doc.nodes[1].requires, Requirement::Any);
        assert_eq!(doc.nodes[2].requires, Requirement::AtLeast(2));
        assert_eq!(doc.nodes[6].kind, Kind::Datacenter);
        assert_eq!(doc.nodes[4].x, Some(10.0));
        assert_eq!(doc.scenarios[0].fail, vec!["pangyo".into()]);
    }

    #[test]
    fn round_trips_through_canonical_text() {
        let doc = parse(SAMPLE).unwrap();
        let text = to_json(&doc);
        assert_eq!(parse(&text).unwrap(), doc);
        assert!(!text.contains("\"requires\": \"all\""), "defaults are not written");
    }

    fn message(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = parse("{\n  \"version\": 1,\n  \"nodes\": [\n    {\"id\": \"a\",, }\n  ]\n}").unwrap_err();
        match err {
            FormatError::Syntax { line, column, .. } => assert_eq!((line, column), (4, 16)),
            other => panic!("expected a syntax error, got {other:?}"),
        }
        assert!(message("").contains("line 1, column 0"));
        assert!(message("{\"version\": 1} trailing").starts_with("invalid JSON at line 1"));
    }

    #[test]
    fn wrong_types_name_the_node_and_field() {
        let text = r#"{"version": 1, "nodes": [
            {"id": "a", "kind": "feature"},
            {"id": "pay", "kind": "feature", "users": "many"}
        ]}"#;
        let msg = message(text);
        assert!(msg.starts_with("nodes[1] (id \"pay\").users: invalid type: string \"many\""), "{msg}");
        assert!(msg.contains("(line 3, column"), "{msg}");
        assert!(message(r#"{"version": 1, "nodes": [{"id": "a", "kind": "feature", "users": -1}]}"#)
            .contains("users"));
        assert!(message(r#"{"version": "1"}"#).starts_with("version: invalid type"));
        let msg = message(r#"[1, 2]"#);
        assert_eq!(msg, "document: invalid type: sequence, expected a JSON object such as {\"version\": 1, \"nodes\": [...]} (line 1, column 1)");
    }

    #[test]
    fn unknown_kind_lists_the_allowed_ones() {
        let msg = message(r#"{"version": 1, "nodes": [{"id": "a", "kind": "robot"}]}"#);
        assert!(msg.contains("nodes[0] (id \"a\").kind"), "{msg}");
        assert!(
            msg.contains("`feature`, `service`, `datastore`, `datacenter`, `provider`"),
            "{msg}"
        );
    }

    #[test]
    fn unknown_fields_are_rejected_by_name() {
        let msg = message(r#"{"version": 1, "nodes": [{"id": "a", "kind": "service", "depend_on": []}]}"#);
        assert!(msg.contains("nodes[0] (id \"a\")"), "{msg}");
        assert!(msg.contains("unknown field `depend_on`"), "{msg}");
        assert!(message(r#"{"version": 1, "colour": "red"}"#).contains("unknown field `colour`"));
    }

    #[test]
    fn missing_required_fields_are_named() {
        assert!(message(r#"{"version": 1, "nodes": [{"kind": "service"}]}"#)
            .contains("missing field `id`"));
        assert!(message(r#"{"nodes": []}"#).contains("missing field `version`"));
    }

    #[test]
    fn model_rules_are_checked_after_parsing() {
        assert_eq!(
            message(r#"{"version": 1, "nodes": [{"id": "a", "kind": "service", "depends_on": ["b"]}]}"#),
            "node \"a\" depends on unknown node \"b\""
        );
        assert_eq!(
            message(r#"{"version": 1, "nodes": [{"id": "a", "kind": "service"}, {"id": "a", "kind": "feature"}]}"#),
            "duplicate node id \"a\""
        );
        assert!(message(
            r#"{"version": 1, "nodes": [{"id": "a", "kind": "service", "requires": {"at_least": 3}, "depends_on": ["b"]}, {"id": "b", "kind": "provider"}]}"#
        )
        .contains("node \"a\": requires at_least 3, but it has 1 dependencies"));
        assert!(message(r#"{"version": 2, "nodes": []}"#).contains("unsupported version 2"));
    }

    #[test]
    fn nodes_and_scenarios_must_be_objects_not_arrays() {
        let msg = message("{\"version\": 1, \"nodes\": [\n  [\"a\", null, \"service\"]\n]}");
        assert_eq!(
            msg,
            "nodes[0]: invalid type: sequence, expected a node object such as {\"id\": \"talk\", \"kind\": \"feature\"} (line 2, column 2)"
        );
        let msg = message(r#"{"version": 1, "scenarios": [["fire", []]]}"#);
        assert!(msg.starts_with("scenarios[0]: invalid type: sequence, expected a scenario object"), "{msg}");
    }

    #[test]
    fn bytes_with_a_byte_order_mark_read_like_without() {
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
        assert_eq!(read(&with_bom, None).unwrap(), parse(SAMPLE).unwrap());
        assert!(matches!(read(b"{\"title\": \"caf\xE9\"}", None), Err(FormatError::NotUtf8 { .. })));
        assert!(matches!(read(SAMPLE.as_bytes(), Some(10)), Err(FormatError::TooLarge { limit: 10, .. })));
    }

    #[test]
    fn oversized_files_are_refused_before_parsing() {
        let big = " ".repeat(MAX_FILE_BYTES + 1);
        assert!(matches!(parse(&big), Err(FormatError::TooLarge { .. })));
    }
}
