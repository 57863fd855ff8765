//! `schema/blackout.schema.json`, the JSON Schema editors validate and
//! complete architecture files with: every file that loads validates, the
//! files it can refuse are refused by both, and the schema names exactly the
//! fields of the serde model.
#![cfg(not(target_arch = "wasm32"))]

use blackout::format;
use blackout::model::{Document, Kind, Node, NodeId, Requirement, Scenario};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("schema/blackout.schema.json")).expect("the schema ships");
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema is a valid draft 2020-12 schema")
}

fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_and_fixture_that_loads_validates() {
    let validator = validator();
    let mut checked = 0;
    for path in json_files(&root().join("assets/examples")).into_iter().chain(json_files(&root().join("tests/fixtures"))) {
        let text = std::fs::read_to_string(&path).unwrap();
        if format::read(text.as_bytes(), None).is_err() {
            continue;
        }
        let value: Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        checked += 1;
    }
    assert!(checked >= 6, "examples and good fixtures: {checked}");
}

#[test]
fn files_the_schema_can_refuse_are_refused_by_both() {
    let validator = validator();
    let fixtures = ["wrong-type.json", "unknown-kind.json", "typo-field.json"];
    let mut documents: Vec<(String, Value)> = fixtures
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap();
            (name.to_string(), serde_json::from_str(&text).unwrap())
        })
        .collect();
    let node = |extra: Value| {
        let mut node = json!({"id": "a", "kind": "service"});
        node.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
        json!({"version": 1, "nodes": [node]})
    };
    for (what, document) in [
        ("version 2", json!({"version": 2})),
        ("no version", json!({"nodes": []})),
        ("blank id", json!({"version": 1, "nodes": [{"id": " ", "kind": "service"}]})),
        ("node as array", json!({"version": 1, "nodes": [["a", "service"]]})),
        ("availability 0", node(json!({"availability": 0}))),
        ("availability above 1", node(json!({"availability": 1.5}))),
        ("negative hours", node(json!({"recovery_hours": -1}))),
        ("tolerance on a service", node(json!({"tolerance_hours": 4}))),
        ("at_least 0", node(json!({"requires": {"at_least": 0}, "depends_on": ["a"]}))),
        ("unknown requirement", node(json!({"requires": "most"}))),
        ("requires with extra key", node(json!({"requires": {"at_least": 1, "at_most": 2}}))),
        ("dependency listed twice", json!({"version": 1, "nodes": [{"id": "a", "kind": "service", "depends_on": ["b", "b"]}, {"id": "b", "kind": "provider"}]})),
        ("negative users", node(json!({"users": -5}))),
        ("$schema not a string", json!({"$schema": 3, "version": 1})),
        ("scenario without name", json!({"version": 1, "scenarios": [{"fail": []}]})),
        ("unknown document field", json!({"version": 1, "colour": "red"})),
    ] {
        documents.push((what.to_owned(), document));
    }
    for (what, document) in &documents {
        assert!(!validator.is_valid(document), "the schema refuses {what}");
        let text = serde_json::to_string(document).unwrap();
        assert!(format::read(text.as_bytes(), None).is_err(), "the reader refuses {what}");
    }
}

#[test]
fn rules_across_nodes_are_beyond_a_schema_and_left_to_the_reader() {
    let validator = validator();
    for name in ["duplicate-id.json", "unknown-reference.json", "at-least-out-of-range.json"] {
        let text = std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap();
        assert!(validator.is_valid(&serde_json::from_str(&text).unwrap()), "{name} is well-formed");
        assert!(format::read(text.as_bytes(), None).is_err(), "{name} breaks a rule the reader checks");
    }
}

/// A document with every field of the model set, written with exhaustive
/// struct literals: a field added to the model fails to compile here until
/// it is added to this test, and so to the schema.
fn every_field() -> Document {
    let node = Node {
        id: NodeId::from("pay"),
        label: Some("Payments".to_owned()),
        kind: Kind::Feature,
        requires: Requirement::AtLeast(1),
        depends_on: vec![NodeId::from("db")],
        users: 23_000_000,
        availability: Some(0.999),
        recovery_hours: Some(0.5),
        rebuild_hours: Some(8.0),
        tolerance_hours: Some(4.0),
        x: Some(10.0),
        y: Some(-4.5),
        notes: Some("card payments".to_owned()),
    };
    Document {
        schema: Some("./schema/blackout.schema.json".to_owned()),
        version: 1,
        title: "Every field".to_owned(),
        notes: Some("notes".to_owned()),
        audience: Some(40_000_000),
        nodes: vec![node, Node::new("db", Kind::Datastore)],
        scenarios: vec![Scenario { name: "DB lost".to_owned(), fail: vec![NodeId::from("db")] }],
    }
}

fn keys(value: &Value) -> BTreeSet<String> {
    value.as_object().expect("an object").keys().cloned().collect()
}

#[test]
fn the_schema_and_the_model_name_the_same_fields() {
    let schema = schema();
    let model = serde_json::to_value(every_field()).unwrap();
    assert_eq!(keys(&schema["properties"]), keys(&model), "document fields");
    assert_eq!(keys(&schema["$defs"]["node"]["properties"]), keys(&model["nodes"][0]), "node fields");
    assert_eq!(keys(&schema["$defs"]["scenario"]["properties"]), keys(&model["scenarios"][0]), "scenario fields");
    // Every described: editors show the descriptions while completing.
    for (name, property) in schema["properties"].as_object().unwrap().iter().chain(schema["$defs"]["node"]["properties"].as_object().unwrap()) {
        assert!(property["description"].is_string(), "{name} has a description");
    }
    assert!(validator().is_valid(&model), "a document with every field validates");
}

#[test]
fn a_document_may_name_its_schema_and_keeps_it() {
    let text = r#"{"$schema": "./schema/blackout.schema.json", "version": 1, "nodes": [{"id": "a", "kind": "feature"}]}"#;
    let document = format::parse(text).expect("the reader accepts $schema");
    assert_eq!(document.schema.as_deref(), Some("./schema/blackout.schema.json"));
    let saved = format::to_json(&document);
    assert!(saved.starts_with("{\n  \"$schema\": \"./schema/blackout.schema.json\",\n  \"version\": 1,"), "{saved}");
    let round_trip = serde_json::to_value(every_field()).unwrap();
    let read = format::read(round_trip.to_string().as_bytes(), None).expect("every field reads back");
    assert_eq!(*read.document(), every_field());
}
