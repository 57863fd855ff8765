//! `blackout diff` with recovery hours and availabilities: the measures it
//! adds (`restore_hours_changed`, `availability_changed`) in JSON, markdown
//! and text, checked against the command line's own `simulate --json` (every
//! single failure of each version) and `analyze --json`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{blackout, fixture, json, stderr, stdout};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Each feature's longest outage after one failure, from `blackout simulate --fail ID --json` of every node.
fn longest_outages(file: &str) -> BTreeMap<String, Value> {
    let model: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let mut longest: BTreeMap<String, Value> = BTreeMap::new();
    for node in model["nodes"].as_array().unwrap() {
        let id = node["id"].as_str().unwrap();
        let run = blackout(&["simulate", file, "--fail", id, "--json"]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let run = json(&run);
        for feature in run["features_down"].as_array().unwrap() {
            let feature = feature.as_str().unwrap().to_owned();
            let hours = match &run["restore_hours"][&feature] {
                Value::Null => json!("never"),
                hours => hours.clone(),
            };
            let longer = |known: &Value| match (&hours, known) {
                (Value::String(_), _) => true,
                (_, Value::String(_)) => false,
                (h, k) => h.as_f64() > k.as_f64(),
            };
            if longest.get(&feature).is_none_or(longer) {
                longest.insert(feature, hours);
            }
        }
    }
    longest
}

#[test]
fn restore_hours_match_every_single_failure_simulated_on_the_command_line() {
    let (base, head) = (fixture("assets/examples/kakao-2022.json"), fixture("compare/kakao-user-db-no-failover.json"));
    let out = blackout(&["diff", &base, &head, "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let delta = json(&out);
    assert_eq!(delta["nodes_changed"], json!(["user-db"]));
    let new: Vec<&str> = delta["spofs_added"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(new, ["anyang", "power-anyang"]);
    assert!(delta.get("availability_changed").is_none(), "the Kakao files carry no availability");

    let (before, after) = (longest_outages(&base), longest_outages(&head));
    let expected: Vec<Value> = after
        .iter()
        .filter(|(id, hours)| before.get(*id) != Some(hours))
        .map(|(id, hours)| json!({"id": id, "base": before.get(id), "head": hours}))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(delta["restore_hours_changed"], Value::Array(expected));
    assert_eq!(delta["restore_hours_changed"][0], json!({"id": "kakao-map", "base": 21.0, "head": 27.0}));
}

#[test]
fn availability_and_restore_hours_in_json_markdown_and_text() {
    let (base, head) = (fixture("diff-measures-base.json"), fixture("diff-measures-head.json"));
    let out = blackout(&["diff", &base, &head, "--json"]);
    assert_eq!(out.status.code(), Some(1), "east is a new single point of failure");
    let delta = json(&out);
    assert_eq!(delta["restore_hours_changed"], json!([{"id": "pay", "base": 0.0, "head": 10.0}]));
    // By hand: either site is enough in BASE (1 − 0.01 × 0.1), east alone in HEAD.
    let availability = delta["availability_changed"].as_array().unwrap();
    assert_eq!(availability.len(), 1, "blog did not change");
    assert_eq!(availability[0]["id"], "pay");
    assert!((availability[0]["base"].as_f64().unwrap() - 0.999).abs() < 1e-12);
    assert!((availability[0]["head"].as_f64().unwrap() - 0.99).abs() < 1e-12);
    // The same numbers as `blackout analyze --json` of each version.
    for (file, side) in [(&base, "base"), (&head, "head")] {
        let analyzed = json(&blackout(&["analyze", file, "--json", "--feature", "pay"]));
        assert_eq!(analyzed["features"][0]["availability"], availability[0][side], "{side}");
    }

    let markdown = stdout(&blackout(&["diff", &base, &head, "--markdown"]));
    assert!(markdown.contains("**Longest outage from one failure**\n\n| feature | before | after |\n| --- | --- | --- |\n| `pay` | 0 h | 10 h |\n"), "{markdown}");
    assert!(markdown.contains("**Availability**\n\n| feature | before | after |\n| --- | --- | --- |\n| `pay` | 99.9 % | 99 % |\n"), "{markdown}");
    let text = stdout(&blackout(&["diff", &base, &head]));
    assert!(text.contains("Longest outage from one failure:\n  pay: 0 h → 10 h\nAvailability:\n  pay: 99.9 % → 99 %\n"), "{text}");

    // Unchanged measures are listed as empty, and exit 0 without new risk.
    let same = blackout(&["diff", &base, &base, "--json"]);
    assert_eq!(same.status.code(), Some(0));
    let same = json(&same);
    assert_eq!((&same["restore_hours_changed"], &same["availability_changed"]), (&json!([]), &json!([])));
}

#[test]
fn files_without_recovery_hours_or_availabilities_keep_the_plain_contract() {
    let file = fixture("assets/examples/two-regions.json");
    let delta = json(&blackout(&["diff", &file, &file, "--json"]));
    // (serde_json's map sorts the keys.)
    let fields: Vec<&String> = delta.as_object().unwrap().keys().collect();
    assert_eq!(fields, ["nodes_added", "nodes_changed", "nodes_removed", "spofs_added", "spofs_removed", "spofs_worse"]);
}
