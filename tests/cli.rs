//! The `blackout` command: every subcommand, output format and exit code.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{blackout, fixture, json, stderr, stdout};

#[test]
fn check_exits_1_and_ranks_single_points_of_failure() {
    let out = blackout(&["check", &fixture("shared-site.json"), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        json(&out),
        serde_json::json!({
            "features": 2,
            "spofs": [
                {"id": "api", "features": ["pay", "talk"], "users": 70000000, "hours": 0.0, "user_hours": 0.0},
                {"id": "grid", "features": ["pay", "talk"], "users": 70000000, "hours": 0.0, "user_hours": 0.0},
                {"id": "pangyo", "features": ["pay", "talk"], "users": 70000000, "hours": 0.0, "user_hours": 0.0},
                {"id": "ups", "features": ["pay", "talk"], "users": 70000000, "hours": 0.0, "user_hours": 0.0},
                {"id": "auth", "features": ["pay"], "users": 23000000, "hours": 0.0, "user_hours": 0.0}
            ],
            // Without recovery data everything is back at once: hour 0.
            "tolerance_breaches": []
        })
    );
}

#[test]
fn check_exits_0_without_single_points_of_failure() {
    let out = blackout(&["check", &fixture("redundant.json"), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out), serde_json::json!({"features": 1, "spofs": [], "tolerance_breaches": []}));
    let text = stdout(&blackout(&["check", &fixture("redundant.json")]));
    assert!(text.contains("No single point of failure"), "{text}");
}

#[test]
fn check_text_is_for_people() {
    let out = blackout(&["check", &fixture("shared-site.json")]);
    let text = stdout(&out);
    assert!(text.contains("SK C&C Pangyo (data center) takes down 2 of 2 features, up to 70 M people"), "{text}");
    assert!(!text.contains("70000000"), "{text}");
}

#[test]
fn simulate_by_ids_and_by_scenario() {
    let by_id = blackout(&["simulate", &fixture("shared-site.json"), "--fail", "auth", "--json"]);
    assert_eq!(by_id.status.code(), Some(0), "{}", stderr(&by_id));
    assert_eq!(
        json(&by_id),
        serde_json::json!({
            "failed": ["auth"], "down": ["auth", "pay"], "features_down": ["pay"], "users_affected": 23000000,
            "people_affected": {"at_least": 23000000, "at_most": 23000000},
            "restore_hours": {"auth": 0.0, "pay": 0.0}, "user_hours": 0.0
        })
    );
    let by_scenario = blackout(&["simulate", &fixture("shared-site.json"), "--scenario", "Pangyo fire", "--json"]);
    let value = json(&by_scenario);
    assert_eq!(value["failed"], serde_json::json!(["pangyo"]));
    assert_eq!(value["features_down"], serde_json::json!(["pay", "talk"]));
    assert_eq!(value["users_affected"], 70000000);
    let text = stdout(&blackout(&["simulate", &fixture("shared-site.json"), "--fail", "grid"]));
    assert!(text.contains("2 of 2 features dark · up to 70 M people"), "{text}");
    assert!(text.contains("\n  Messaging (47 M users) needs API, which is down\n    API needs 1 of 2 — api-1 and api-2 are down\n"), "{text}");
    assert!(text.contains("SK C&C Pangyo needs both of its dependencies — Grid power is down\n"), "{text}");
}

#[test]
fn simulate_several_failures_with_commas_or_repeats() {
    let a = json(&blackout(&["simulate", &fixture("redundant.json"), "--fail", "dc-a,dc-b", "--json"]));
    let b = json(&blackout(&["simulate", &fixture("redundant.json"), "--fail", "dc-a", "--fail", "dc-b", "--json"]));
    assert_eq!(a, b);
    assert_eq!(a["features_down"], serde_json::json!(["shop"]));
}

#[test]
fn unknown_ids_and_scenarios_exit_2() {
    let out = blackout(&["simulate", &fixture("redundant.json"), "--fail", "nowhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown node id \"nowhere\""), "{}", stderr(&out));
    let out = blackout(&["simulate", &fixture("redundant.json"), "--scenario", "Meteor"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown scenario \"Meteor\"; the file has \"Site A lost\""), "{}", stderr(&out));
    let out = blackout(&["simulate", &fixture("redundant.json")]);
    assert_eq!(out.status.code(), Some(2), "--fail or --scenario is required");
}

#[test]
fn bad_files_exit_2_with_a_message_naming_the_problem() {
    let cases = [
        ("bad-syntax.json", "invalid JSON at line 4, column"),
        ("unknown-reference.json", "node \"pay\" depends on unknown node \"ghost\""),
        ("duplicate-id.json", "duplicate node id \"pay\""),
        ("at-least-out-of-range.json", "node \"quorum\": requires at_least 3, but it has 2 dependencies"),
        ("wrong-type.json", "nodes[0] (id \"talk\").users: invalid type: string \"lots\""),
        ("unknown-kind.json", "unknown variant `robot`, expected one of `feature`, `service`"),
        ("missing-file.json", "No such file"),
    ];
    for (file, expected) in cases {
        for command in ["check", "render"] {
            let path = fixture(file);
            let args: Vec<&str> = if command == "render" {
                vec![command, &path, "-o", "/dev/null"]
            } else {
                vec![command, &path]
            };
            let out = blackout(&args);
            assert_eq!(out.status.code(), Some(2), "{command} {file}");
            let message = stderr(&out);
            assert!(message.contains(file), "names the file: {message}");
            assert!(message.contains(expected), "{file}: {message}");
            assert!(!message.contains("panicked"), "{message}");
        }
    }
}

#[test]
fn oversized_files_are_refused() {
    // Any size is read by default; --max-bytes sets a limit (tests/cli_scale.rs).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.json");
    std::fs::write(&path, vec![b' '; 1_001]).unwrap();
    let out = blackout(&["check", path.to_str().unwrap(), "--max-bytes", "1000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the limit is"), "{}", stderr(&out));
}

#[test]
fn render_writes_a_well_formed_self_contained_svg() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.svg");
    let out = blackout(&["render", &fixture("assets/examples/kakao-2022.json"), "-o", path.to_str().unwrap(), "--fail", "pangyo"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&path).unwrap();
    let parsed = roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert_eq!(parsed.root_element().tag_name().name(), "svg");
    assert!(svg.contains(r#"data-node-id="pangyo" data-state="failed""#));
    assert!(svg.contains(r#"data-node-id="talk" data-state="down""#), "KakaoTalk goes dark");
    assert!(!svg.contains("xlink:href") && !svg.contains("href=\"http"), "no external references");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(blackout(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(blackout(&["check"]).status.code(), Some(2));
    assert_eq!(blackout(&["--help"]).status.code(), Some(0));
}

#[test]
fn built_in_examples_tell_the_story() {
    let kakao = fixture("assets/examples/kakao-2022.json");
    let fire = json(&blackout(&["simulate", &kakao, "--fail", "pangyo", "--json"]));
    let dark: Vec<&str> = fire["features_down"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(dark.len() >= 10, "{dark:?}");
    assert!(!dark.iter().any(|f| f.contains("bank-core")), "KakaoBank core banking kept working: {dark:?}");
    let check = json(&blackout(&["check", &kakao, "--json"]));
    let pangyo = check["spofs"].as_array().unwrap().iter().find(|s| s["id"] == "pangyo").expect("Pangyo is a SPOF");
    assert_eq!(pangyo["users"], check["spofs"][0]["users"], "Pangyo hits the most users");

    let good = fixture("assets/examples/two-regions.json");
    let out = blackout(&["check", &good, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["spofs"], serde_json::json!([]));
}

#[test]
fn generate_writes_a_valid_graph_of_the_asked_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let out = blackout(&["generate", "--nodes", "500", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let check = blackout(&["check", path.to_str().unwrap(), "--json"]);
    assert!(matches!(check.status.code(), Some(0 | 1)), "{}", stderr(&check));
    let text = std::fs::read_to_string(&path).unwrap();
    let document = blackout::format::parse(&text).unwrap();
    assert_eq!(document.nodes.len(), 500);
}
