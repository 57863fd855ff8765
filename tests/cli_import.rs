//! `blackout import` and `blackout export`: every format, the mappings on
//! fixtures, error messages and exit codes, merging, and round trips of every
//! example through DOT and CSV.
#![cfg(not(target_arch = "wasm32"))]

use blackout::model::{Document, Kind, NodeId, Requirement};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.join("tests/fixtures/import").join(name).to_string_lossy().into_owned()
}

fn blackout(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blackout")).args(args).output().expect("the blackout binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs `blackout import ARGS -o OUT` and reads OUT back.
fn import(args: &[&str]) -> (Output, Option<Document>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut all: Vec<&str> = vec!["import"];
    all.extend(args);
    all.extend(["-o", out.to_str().unwrap()]);
    let output = blackout(&all);
    let document = std::fs::read_to_string(&out).ok().map(|text| blackout::format::parse(&text).unwrap().into_document());
    (output, document)
}

fn imported(args: &[&str]) -> Document {
    let (output, document) = import(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    document.expect("the model was written")
}

fn node<'a>(document: &'a Document, id: &str) -> &'a blackout::model::Node {
    document.node(&NodeId::from(id)).unwrap_or_else(|| panic!("no node {id}"))
}

fn ids(list: &[NodeId]) -> Vec<&str> {
    list.iter().map(NodeId::as_str).collect()
}

#[test]
fn a_multi_document_catalog_maps_components_resources_and_apis() {
    let document = imported(&[&fixture("catalog.yaml"), &fixture("infra.yaml")]);
    // Domain, System, Group, User and Location are skipped.
    let all: Vec<&str> = document.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        all,
        [
            "component:default/web-shop",
            "component:default/checkout",
            "api:default/orders",
            "component:default/orders-eu",
            "component:default/orders-us",
            "resource:default/orders-db",
            "resource:infra/eu-west",
        ]
    );
    let web = node(&document, "component:default/web-shop");
    assert_eq!((web.kind, web.label(), web.users, web.tolerance_hours), (Kind::Feature, "Web shop", 1_200_000, Some(4.0)));
    assert_eq!(ids(&web.depends_on), ["component:default/checkout", "api:default/orders"]);
    let api = node(&document, "api:default/orders");
    assert_eq!((api.kind, api.requires, api.label()), (Kind::Service, Requirement::Any, "Orders API"));
    assert_eq!(ids(&api.depends_on), ["component:default/orders-eu", "component:default/orders-us"]);
    let eu = node(&document, "component:default/orders-eu");
    assert_eq!((eu.kind, eu.label(), eu.recovery_hours), (Kind::Service, "orders-eu", Some(0.5)));
    assert_eq!(ids(&eu.depends_on), ["resource:default/orders-db", "resource:infra/eu-west"]);
    let db = node(&document, "resource:default/orders-db");
    assert_eq!((db.kind, db.availability), (Kind::Datastore, Some(0.9995)));
    let region = node(&document, "resource:infra/eu-west");
    assert_eq!((region.kind, region.rebuild_hours, region.label()), (Kind::Datacenter, Some(24.0), "Cloud region eu-west"));
}

#[test]
fn a_missing_reference_is_an_error_or_with_placeholders_an_unknown_node() {
    // Without infra.yaml, orders-eu depends on something no file defines.
    let (output, document) = import(&[&fixture("catalog.yaml")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(document.is_none());
    assert_eq!(
        stderr(&output),
        format!(
            "blackout: {} line 90: component:default/orders-eu depends on \"resource:infra/eu-west\", which is not in the imported files (import with placeholders to keep it as an unknown node)\n",
            fixture("catalog.yaml")
        )
    );
    let (output, document) = import(&[&fixture("catalog.yaml"), "--placeholders"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("1 unknown placeholder node(s) for dependencies the files do not define: resource:infra/eu-west"));
    let placeholder = node(document.as_ref().unwrap(), "resource:infra/eu-west");
    assert_eq!(placeholder.kind, Kind::Datastore);
    assert!(placeholder.notes.as_deref().unwrap().starts_with("Unknown: a placeholder for a dependency of component:default/orders-eu"));
}

#[test]
fn both_jaeger_shapes_give_the_same_model() {
    let bare = imported(&[&fixture("links.json")]);
    let answer = imported(&[&fixture("links-api.json")]);
    assert_eq!(bare, answer);
    let summary: Vec<(&str, Kind, Vec<&str>)> =
        bare.nodes.iter().map(|n| (n.id.as_str(), n.kind, ids(&n.depends_on))).collect();
    assert_eq!(
        summary,
        [
            ("frontend", Kind::Feature, vec!["orders", "search"]),
            ("orders", Kind::Service, vec!["mysql"]),
            ("search", Kind::Service, vec!["elasticsearch"]),
            ("mysql", Kind::Service, vec![]),
            ("elasticsearch", Kind::Service, vec![]),
            ("admin", Kind::Feature, vec!["orders"]),
        ]
    );
}

#[test]
fn dot_and_csv_fixtures_describe_the_same_shop() {
    let dot = imported(&[&fixture("graph.dot")]);
    assert_eq!(dot.title, "Shop");
    let csv = imported(&[&fixture("nodes.csv"), "--from", "csv"]);
    for document in [&dot, &csv] {
        let web = node(document, "web");
        assert_eq!((web.kind, web.users, ids(&web.depends_on)), (Kind::Feature, 1_200_000, vec!["api"]));
        let api = node(document, "api");
        assert_eq!((api.requires, ids(&api.depends_on)), (Requirement::Any, vec!["orders-eu", "orders-us"]));
        assert_eq!(node(document, "db").kind, Kind::Datastore);
    }
    assert_eq!(node(&dot, "eu-west").label(), "Cloud region\neu-west");
    assert_eq!(node(&dot, "eu-west").kind, Kind::Datacenter);
    assert_eq!(node(&dot, "db").notes.as_deref(), Some("Primary \"orders\" database"));
    // No kind attribute, and something depends on it: a service.
    assert_eq!(node(&dot, "orders-us").kind, Kind::Service);
    assert_eq!(node(&csv, "orders-eu").notes.as_deref(), Some("Runs in EU, on call: team shop"));
}

#[test]
fn bad_input_exits_2_naming_file_line_and_entity() {
    let cases = [
        (vec![fixture("missing-ref.yaml")], "line 8: component:default/checkout depends on \"resource:default/payments-db\", which is not in the imported files"),
        (vec![fixture("bad-annotation.yaml")], "line 6: component:default/checkout: annotation blackout.dev/users: users: \"lots\" is not a whole number of users"),
        (vec![fixture("bad-syntax.yaml")], "line 6: unclosed bracket '['"),
        (vec![fixture("missing-child.json")], "line 3: [1]: missing field `child`"),
        (vec![fixture("bad-syntax.dot")], "line 3: expected a name or a value but found ';'"),
        (vec![fixture("bad-users.csv")], "line 3: node \"shop\": users: \"many\" is not a whole number of users"),
        (vec![fixture("unknown-column.csv")], "line 1: unknown column \"depend_on\"; the columns are id, depends_on, label, kind"),
    ];
    for (files, expected) in cases {
        let args: Vec<&str> = files.iter().map(String::as_str).collect();
        let (output, document) = import(&args);
        assert_eq!(output.status.code(), Some(2), "{files:?}");
        assert!(document.is_none());
        let message = stderr(&output);
        assert!(message.starts_with(&format!("blackout: {} {expected}", files[0])), "{message}");
    }
    let (output, _) = import(&[&fixture("links.json"), &fixture("nodes.csv")]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nodes.csv is CSV but"), "{}", stderr(&output));
    let (output, _) = import(&[&fixture("links.json"), "--from", "yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("unknown format \"yaml\""), "{}", stderr(&output));
}

#[test]
fn merge_keeps_what_the_catalog_does_not_state() {
    let (output, document) = import(&[&fixture("catalog.yaml"), &fixture("infra.yaml"), "--merge", &fixture("existing.json")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("2 node(s) added, 2 kept that the source does not have (drawn by hand, or gone from the source): component:default/legacy, pangyo"),
        "{text}"
    );
    let document = document.unwrap();
    assert_eq!((document.title.as_str(), document.audience), ("Shop, as drawn", Some(1_500_000)));
    assert_eq!(document.scenarios[0].fail, vec![NodeId::from("pangyo")]);
    let web = node(&document, "component:default/web-shop");
    // Stated by the catalog: label, users. Kept: position and notes.
    assert_eq!((web.label(), web.users, web.x, web.y), ("Web shop", 1_200_000, Some(100.0), Some(40.0)));
    assert_eq!(web.notes.as_deref(), Some("Drawn in the workshop."));
    let checkout = node(&document, "component:default/checkout");
    assert_eq!(ids(&checkout.depends_on), ["api:default/orders", "component:default/legacy"]);
    let eu = node(&document, "component:default/orders-eu");
    assert_eq!(eu.recovery_hours, Some(0.5));
    assert_eq!(ids(&eu.depends_on), ["resource:default/orders-db", "resource:infra/eu-west", "pangyo"]);
    assert_eq!(ids(&node(&document, "resource:default/orders-db").depends_on), ["pangyo"]);
    let api = node(&document, "api:default/orders");
    assert_eq!(ids(&api.depends_on), ["component:default/orders-eu", "component:default/orders-us"]);
    let order: Vec<&str> = document.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(&order[6..], ["pangyo", "component:default/orders-us", "resource:infra/eu-west"]);
}

/// Exports `example` to `to` and imports it back.
fn round_trip(example: &Path, to: &str) -> Document {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join(format!("model.{to}"));
    let output = blackout(&["export", example.to_str().unwrap(), "--to", to, "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    imported(&[out.to_str().unwrap()])
}

#[test]
fn every_example_survives_dot_and_csv() {
    let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    let mut count = 0;
    for entry in std::fs::read_dir(examples).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        count += 1;
        let original = blackout::format::parse(&std::fs::read_to_string(&path).unwrap()).unwrap().into_document();
        // DOT carries everything but the scenarios.
        let dot = round_trip(&path, "dot");
        assert_eq!(dot, Document { scenarios: Vec::new(), ..original.clone() }, "{}", path.display());
        // CSV carries the nodes only.
        let csv = round_trip(&path, "csv");
        assert_eq!(csv, Document { nodes: original.nodes.clone(), ..Document::default() }, "{}", path.display());
    }
    assert!(count >= 2, "examples found: {count}");
}

#[test]
fn export_writes_mermaid_too() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shop.mmd");
    let output = blackout(&["export", &fixture("existing.json"), "--to", "mermaid", "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(out).unwrap();
    assert!(text.starts_with("flowchart TB\n%% Shop, as drawn\n"), "{text}");
    assert!(text.contains("single point of failure"), "{text}");
    let bad = blackout(&["export", &fixture("existing.json"), "--to", "png", "-o", "x"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn mef_fault_trees_import_and_export_through_the_same_commands() {
    let dir = tempfile::tempdir().unwrap();
    let mef = format!("{}/tests/fixtures/mef/two-train.xml", env!("CARGO_MANIFEST_DIR"));
    let model = dir.path().join("two-train.json");
    // Detected from the content (<opsa-mef>), and named explicitly.
    for args in [vec!["import", &mef], vec!["import", &mef, "--from", "mef"]] {
        let mut args = args.clone();
        args.extend(["-o", model.to_str().unwrap()]);
        let out = blackout(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let imported = blackout::format::parse(&std::fs::read_to_string(&model).unwrap()).unwrap().into_document();
    assert!(imported.nodes.iter().any(|n| n.kind == blackout::model::Kind::Feature), "a top gate is a feature");
    let back = dir.path().join("back.xml");
    let out = blackout(&["export", model.to_str().unwrap(), "--to", "mef", "-o", back.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let again = dir.path().join("again.json");
    let out = blackout(&["import", back.to_str().unwrap(), "-o", again.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let reread = blackout::format::parse(&std::fs::read_to_string(&again).unwrap()).unwrap().into_document();
    assert_eq!(reread, imported, "MEF export and import round-trip");
    // A cyclic model cannot be a fault tree: the message names a cycle.
    let kakao = format!("{}/assets/examples/kakao-2022.json", env!("CARGO_MANIFEST_DIR"));
    let out = blackout(&["export", &kakao, "--to", "mef", "-o", back.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cycle"), "{}", stderr(&out));
}
