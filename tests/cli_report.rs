//! The executive view on the command line: `blackout report`, the headline,
//! people never above the audience, and counts that never wrap.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{blackout, json, stderr, stdout};
use std::path::{Path, PathBuf};

const KAKAO_AUDIENCE: u64 = 47_000_000;

fn kakao() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/kakao-2022.json")
        .to_string_lossy()
        .into_owned()
}


/// Two features of `a` and `b` users on one data center.
fn two_features(a: &str, b: &str) -> String {
    format!(
        r#"{{"version": 1, "nodes": [
            {{"id": "a", "kind": "feature", "users": {a}, "depends_on": ["dc"]}},
            {{"id": "b", "kind": "feature", "users": {b}, "depends_on": ["dc"]}},
            {{"id": "dc", "kind": "datacenter"}}
        ]}}"#
    )
}

fn write_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The number a phrase such as "up to 12 M people" claims.
fn people_said(phrase: &str) -> f64 {
    let number = phrase.trim_start_matches("up to ").trim_end_matches(" people").trim_end_matches(" person");
    let (value, unit) = number.split_once(' ').unwrap_or((number, ""));
    let scale = match unit {
        "k" => 1e3,
        "M" => 1e6,
        "B" => 1e9,
        _ => 1.0,
    };
    value.parse::<f64>().unwrap_or_else(|_| panic!("a number: {phrase}")) * scale
}

#[test]
fn report_writes_a_self_contained_page_for_a_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let out = blackout(&["report", &kakao(), "--scenario", "Pangyo fire (15 Oct 2022)", "-o", page.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    let lower = html.to_lowercase();
    for forbidden in ["<script", "<link", "<iframe", "<img", "http:", "https:", "src=", "href=", "@import"] {
        assert!(!lower.contains(forbidden), "{forbidden} in the page");
    }
    for part in ["headline", "map", "risks", "scenarios", "notes"] {
        assert!(html.contains(&format!("data-part=\"{part}\"")), "the page has its {part}");
    }
    assert!(html.contains("One building, SK C&amp;C Pangyo, takes down 12 of 13 features — 47\u{A0}M people"));
    assert!(html.contains("data-node-id=\"pangyo\" data-state=\"failed\""));
    assert!(html.contains("<tr class=\"shown\"><td>Pangyo fire (15 Oct 2022)</td>"));
    assert!(!html.contains("216 M"), "no sum over overlapping features");
}

#[test]
fn report_with_ids_without_failures_and_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let page = page.to_str().unwrap();
    let out = blackout(&["report", &kakao(), "--fail", "cache,obj-store", "-o", page]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("<tr class=\"shown\"><td>Cache cluster + Object storage failed</td>"));

    let out = blackout(&["report", &kakao(), "-o", page]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!std::fs::read_to_string(page).unwrap().contains("data-state=\"failed\""), "nothing failed");

    let out = blackout(&["report", &kakao(), "--fail", "nowhere", "-o", page]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown node id \"nowhere\""), "{}", stderr(&out));
    let out = blackout(&["report", &kakao(), "--scenario", "Meteor", "-o", page]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown scenario \"Meteor\""), "{}", stderr(&out));
    let out = blackout(&["report", &kakao(), "--fail", "pangyo", "--scenario", "Anyang site loss", "-o", page]);
    assert_eq!(out.status.code(), Some(2), "--fail and --scenario exclude each other");
    assert_eq!(blackout(&["report", &kakao()]).status.code(), Some(2), "-o is required");
    let out = blackout(&["report", &kakao(), "-o", dir.path().join("no/such/dir.html").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
}

#[test]
fn the_kakao_headline_leads_the_check_report() {
    let out = blackout(&["check", &kakao()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("\nOne building, SK C&C Pangyo, takes down 12 of 13 features — 47 M people\n"), "{text}");
    assert!(text.contains("the same risk: Cache cluster (data store), KEPCO grid (Pangyo) (provider), UPS battery room B3 (provider)"), "{text}");
}

#[test]
fn people_are_never_more_than_the_audience() {
    let check = json(&blackout(&["check", &kakao(), "--json"]));
    let ids: Vec<String> = check["spofs"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect();
    let mut failure_sets: Vec<String> = ids;
    failure_sets.push("pangyo,anyang,gasan,bank-main,bank-dr".to_owned());
    for fail in &failure_sets {
        let out = blackout(&["simulate", &kakao(), "--fail", fail, "--json"]);
        let value = json(&out);
        let (at_least, at_most) = (
            value["people_affected"]["at_least"].as_u64().unwrap(),
            value["people_affected"]["at_most"].as_u64().unwrap(),
        );
        assert!(at_least <= at_most && at_most <= KAKAO_AUDIENCE, "{fail}: {value}");
        assert!(value["users_affected"].as_u64().unwrap() >= at_most, "users_affected is the upper bound");
        let text = stdout(&blackout(&["simulate", &kakao(), "--fail", fail]));
        let summary = text.lines().nth(1).unwrap();
        if let Some(people) = summary.split(" · ").nth(1) {
            assert!(people_said(people) <= KAKAO_AUDIENCE as f64, "{fail}: {summary}");
        }
        assert!(!summary.contains("users affected"), "{summary}");
    }
    // Everything dark: exactly the audience.
    let all = json(&blackout(&["simulate", &kakao(), "--fail", "pangyo,anyang,gasan,bank-main,bank-dr", "--json"]));
    assert_eq!(all["people_affected"], serde_json::json!({"at_least": KAKAO_AUDIENCE, "at_most": KAKAO_AUDIENCE}));
}

#[test]
fn absurd_counts_are_refused_and_large_ones_do_not_wrap() {
    let dir = tempfile::tempdir().unwrap();
    let absurd = write_file(dir.path(), "absurd.json", &two_features("18446744073709551615", "2"));
    for command in ["check", "simulate"] {
        let out = blackout(&[command, &absurd, "--fail", "dc"][..if command == "check" { 2 } else { 4 }]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let message = stderr(&out);
        assert!(message.contains("absurd.json"), "{message}");
        assert!(message.contains("node \"a\": users 18446744073709551615 is more than 1000000000000"), "{message}");
    }
    // The largest counts a file may hold add up without wrapping.
    let large = write_file(dir.path(), "large.json", &two_features("1000000000000", "1000000000000"));
    let value = json(&blackout(&["simulate", &large, "--fail", "dc", "--json"]));
    assert_eq!(value["users_affected"], 2_000_000_000_000u64);
    assert_eq!(value["people_affected"], serde_json::json!({"at_least": 1_000_000_000_000u64, "at_most": 2_000_000_000_000u64}));
    let check = json(&blackout(&["check", &large, "--json"]));
    assert_eq!(check["spofs"][0]["users"], 2_000_000_000_000u64);

    let above_audience = write_file(
        dir.path(),
        "audience.json",
        r#"{"version": 1, "audience": 10, "nodes": [{"id": "talk", "kind": "feature", "users": 11}]}"#,
    );
    let out = blackout(&["check", &above_audience]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("node \"talk\": users 11 is more than the document's audience of 10"), "{}", stderr(&out));
    let no_one = write_file(dir.path(), "zero.json", r#"{"version": 1, "audience": 0, "nodes": []}"#);
    let out = blackout(&["check", &no_one]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("audience must be at least 1 person"), "{}", stderr(&out));
}
