//! `blackout analyze`: availability, cut sets, importance, expected loss and
//! fixes, its JSON contract and its exit codes. The numbers of
//! `risk-small.json` are computed by hand in the comments.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{blackout, fixture, json, stderr};

fn close(value: &serde_json::Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() <= 1e-9 * expected.abs().max(1.0))
}

#[test]
fn analyze_json_gives_hand_computed_numbers() {
    let out = blackout(&["analyze", &fixture("risk-small.json"), "--order", "2", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    assert_eq!(report["order"], 2);
    let pay = &report["features"][0];
    assert_eq!(pay["id"], "pay");
    // Up iff the data center is up and not both replicas are down: 0.99 × (1 − 0.1²).
    let q: f64 = 1.0 - 0.9801;
    assert!(close(&pay["availability"], 0.9801), "{pay}");
    assert!(close(&pay["hours_down_per_year"], q * 8_766.0));
    assert!(close(&pay["expected_user_hours"], 1_000.0 * q * 8_766.0));
    assert!(close(&report["expected_user_hours"], 1_000.0 * q * 8_766.0));
    // By size, then ids; the API node never fails on its own but its failure is a cut set.
    assert_eq!(pay["cut_sets"], serde_json::json!([["api"], ["dc"], ["api-1", "api-2"]]));
    let importance = pay["importance"].as_array().unwrap();
    let ids: Vec<&str> = importance.iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["dc", "api", "api-1", "api-2"]);
    let dc = &importance[0];
    // Q1 = 1, Q0 = 0.01 (both replicas down): Birnbaum 0.99, RAW 1/Q, RRW Q/0.01, FV (Q − 0.01)/Q.
    assert!(close(&dc["birnbaum"], 0.99));
    assert!(close(&dc["raw"], 1.0 / q));
    assert!(close(&dc["rrw"], q / 0.01));
    assert!(close(&dc["fussell_vesely"], (q - 0.01) / q));
    let api = &importance[1];
    // Never fails on its own: Q0 = Q, so RRW = 1 and FV = 0.
    assert!(close(&api["birnbaum"], 1.0 - q));
    assert!(close(&api["rrw"], 1.0));
    assert!(close(&api["fussell_vesely"], 0.0));
    // A replica matters when the data center is up and the other replica is down.
    assert!(close(&importance[2]["birnbaum"], 0.99 * 0.1));
    assert!(report["ranking"].as_array().unwrap().iter().any(|r| r["id"] == "dc"));
    let fixes = report["fixes"].as_array().unwrap();
    assert!(!fixes.is_empty());
    for fix in fixes {
        assert!(fix["changes"].as_array().is_some_and(|c| !c.is_empty()), "{fix}");
        assert!(fix["users_protected"].as_u64().is_some());
    }
}

#[test]
fn analyze_text_reads_like_a_report() {
    let out = blackout(&["analyze", &fixture("risk-small.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Payments (1 k users): 98.01 % · 174 h down a year"), "{text}");
    assert!(text.contains("single points of failure: API; Data center"), "{text}");
    assert!(text.contains("pairs: API replica 1 + API replica 2"), "{text}");
    assert!(text.contains("most important: Data center (Birnbaum 0.990)"), "{text}");
    assert!(text.contains("What to fix first:"), "{text}");
}

#[test]
fn analyze_one_feature_of_the_kakao_example() {
    let out = blackout(&["analyze", &fixture("assets/examples/kakao-2022.json"), "--feature", "talk", "--order", "1", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = json(&out);
    let features = report["features"].as_array().unwrap();
    assert_eq!(features.len(), 1);
    let talk = &features[0];
    // No availabilities in the example: never down on its own account, but Pangyo is a cut set.
    assert_eq!(talk["availability"], 1.0);
    assert!(talk["cut_sets"].as_array().unwrap().contains(&serde_json::json!(["pangyo"])));
    assert!(talk["cut_sets"].as_array().unwrap().iter().all(|s| s.as_array().unwrap().len() == 1));
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let small = fixture("risk-small.json");
    for (args, message) in [
        (vec!["analyze", small.as_str(), "--order", "0"], "--order 0 is out of range"),
        (vec!["analyze", small.as_str(), "--feature", "ghost"], "unknown feature \"ghost\""),
        (vec!["analyze", small.as_str(), "--feature", "dc"], "\"dc\" is a datacenter, not a feature"),
    ] {
        let out = blackout(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(message), "{}", stderr(&out));
    }
    let out = blackout(&["analyze", &fixture("availability-out-of-range.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("availability 0 must be greater than 0 and at most 1"), "{}", stderr(&out));
}
