//! The file format: versioned JSON, written by hand, diffed and reviewed.
//!
//! Parsing happens at the edge: text in, a validated [`Document`] out, or one
//! [`FormatError`] that names the line, column, field and node a person has to
//! fix. Unknown fields are rejected rather than kept, so that a typo such as
//! `"depend_on"` cannot silently drop dependencies; free text belongs in `notes`.

use crate::model::{Document, ModelError, ValidDocument};
use thiserror::Error;

/// Files larger than this are refused before parsing (a generated 100,000-node
/// graph is about 12 MB).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// Why a file could not be read as a Blackout graph.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum FormatError {
    #[error("the file is {size} bytes; the limit is {limit} bytes")]
    TooLarge { size: usize, limit: usize },
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

/// Parses and validates a graph file.
pub fn parse(text: &str) -> Result<ValidDocument, FormatError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FormatError::TooLarge {
            size: text.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    // serde accepts a struct written as an array too; a graph file is an object.
    if let Some((offset, first)) = text.char_indices().find(|(_, c)| !c.is_whitespace()) {
        if first != '{' {
            let before = &text[..offset];
            return Err(FormatError::Schema {
                location: "document".to_owned(),
                message: "expected a JSON object such as {\"version\": 1, \"nodes\": [...]}".to_owned(),
                line: before.matches('\n').count() + 1,
                column: offset - before.rfind('\n').map_or(0, |nl| nl + 1) + 1,
            });
        }
    }
    // The fast path reads without tracking where it is; only a file with an
    // error is read again to say where the error is.
    let document: Document = match serde_json::from_str(text) {
        Ok(document) => document,
        Err(_) => return Err(describe_error(text)),
    };
    Ok(ValidDocument::new(document)?)
}

/// Reads a file known to be bad again, tracking the path, for a message
/// that names line, column, field and node.
fn describe_error(text: &str) -> FormatError {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Document>(&mut deserializer) {
        Err(error) => describe(text, error),
        Ok(_) => match deserializer.end() {
            Err(error) => syntax(&error),
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

fn syntax(error: &serde_json::Error) -> FormatError {
    FormatError::Syntax {
        line: error.line(),
        column: error.column(),
        message: strip_position(&error.to_string()),
    }
}

/// serde_json appends " at line L column C"; the error carries those as fields.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

fn describe(text: &str, error: serde_path_to_error::Error<serde_json::Error>) -> FormatError {
    let path = error.path().to_string();
    let inner = error.inner();
    if inner.is_syntax() || inner.is_eof() {
        return syntax(inner);
    }
    FormatError::Schema {
        location: locate(text, &path),
        message: strip_position(&inner.to_string()),
        line: inner.line(),
        column: inner.column(),
    }
}

/// Adds the node's id to a path such as `nodes[3].users`, so the message says
/// which node to fix even when the file is long.
fn locate(text: &str, path: &str) -> String {
    let location = if path == "." { "document".to_owned() } else { path.to_owned() };
    let Some(rest) = path.strip_prefix("nodes[") else {
        return location;
    };
    let Some(position) = rest.split(']').next().and_then(|p| p.parse::<usize>().ok()) else {
        return location;
    };
    let id = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|value| value["nodes"][position]["id"].as_str().map(str::to_owned));
    match id {
        Some(id) => location.replacen(
            &format!("nodes[{position}]"),
            &format!("nodes[{position}] (id \"{id}\")"),
            1,
        ),
        None => location,
    }
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
        assert_eq!(msg, "document: expected a JSON object such as {\"version\": 1, \"nodes\": [...]} (line 1, column 1)");
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
    fn oversized_files_are_refused_before_parsing() {
        let big = " ".repeat(MAX_FILE_BYTES + 1);
        assert!(matches!(parse(&big), Err(FormatError::TooLarge { .. })));
    }
}
