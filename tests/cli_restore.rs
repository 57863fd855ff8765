//! The `blackout` command and restore times: `simulate` and `check` with
//! recovery hours, the Kakao replay, and bad hours refused.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{blackout, json, stderr, stdout};
use serde_json::json;

/// A file under `tests/fixtures/`, or under `assets/` when it starts so.
fn path(name: &str) -> String {
    let folder = if name.starts_with("assets/") { "" } else { "tests/fixtures/" };
    format!("{}/{folder}{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn simulate_gives_restore_hours_for_every_down_node_and_user_hours() {
    let out = blackout(&["simulate", &path("recovery.json"), "--fail", "dc", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // dc 12 h, api 12.5 h, pay 12.5 h; talk and the ops chat wait on each other.
    assert_eq!(
        json(&out),
        json!({
            "failed": ["dc"],
            "down": ["api", "dc", "ops", "pay", "talk"],
            "features_down": ["pay", "talk"],
            "users_affected": 60,
            "people_affected": {"at_least": 40, "at_most": 60},
            "restore_hours": {"api": 12.5, "dc": 12.0, "ops": null, "pay": 12.5, "talk": null},
            "user_hours": 250.0
        })
    );
    let text = stdout(&blackout(&["simulate", &path("recovery.json"), "--fail", "dc"]));
    assert!(text.contains("Payments back after 12.5 h (20 users)"), "{text}");
    assert!(text.contains("Messaging never back (40 users), in a cycle with no rebuild: Messaging, Ops chat"), "{text}");
}

#[test]
fn check_gives_hours_per_spof_and_tolerance_breaches() {
    let out = blackout(&["check", &path("recovery.json"), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        json(&out),
        json!({
            "features": 2,
            "spofs": [
                {"id": "api", "features": ["pay", "talk"], "users": 60, "hours": null, "user_hours": 10.0},
                {"id": "dc", "features": ["pay", "talk"], "users": 60, "hours": null, "user_hours": 250.0},
                {"id": "ops", "features": ["talk"], "users": 40, "hours": null, "user_hours": 0.0}
            ],
            "tolerance_breaches": [
                {"feature": "pay", "tolerance_hours": 4.0, "breached_by": [{"id": "dc", "hours": 12.5}]},
                {"feature": "talk", "tolerance_hours": 10.0, "breached_by": [
                    {"id": "api", "hours": null}, {"id": "dc", "hours": null},
                    {"id": "ops", "hours": null}, {"id": "talk", "hours": null}
                ]}
            ]
        })
    );
    let text = stdout(&blackout(&["check", &path("recovery.json")]));
    assert!(text.contains("  2. Data center: a feature never comes back; 250 user-hours for the others"), "{text}");
    assert!(text.contains("  Payments (tolerates 4 h): 12.5 h if Data center fails"), "{text}");
}

#[test]
fn the_kakao_example_replays_2022() {
    let kakao = path("assets/examples/kakao-2022.json");
    let fire = json(&blackout(&["simulate", &kakao, "--scenario", "Pangyo fire (15 Oct 2022)", "--json"]));
    let hours = |id: &str| fire["restore_hours"][id].as_f64().unwrap_or(f64::INFINITY);
    assert!((9.0..=11.0).contains(&hours("talk")), "messaging after about 10 h: {}", hours("talk"));
    assert!(hours("talk-photo") <= 36.0, "photos after about 30 h: {}", hours("talk-photo"));
    for id in ["kakao-pay", "kakao-t"] {
        assert!((20.0..=28.0).contains(&hours(id)), "{id} after about a day: {}", hours(id));
    }
    assert!((86.0..=90.0).contains(&hours("kakao-mail")), "Daum Mail after about 88 h: {}", hours("kakao-mail"));
    assert!(fire["restore_hours"].get("bank-core").is_none(), "KakaoBank core banking never goes down");
    assert!(fire["user_hours"].as_f64().unwrap() > 1e9);

    let text = stdout(&blackout(&["simulate", &kakao, "--fail", "pangyo"]));
    assert!(text.contains("KakaoTalk messaging back after 10 h (47 M users)"), "{text}");
    assert!(text.contains("Every feature back after 127.5 h; "), "{text}");
    let timeline = text.split("Recovery timeline").nth(1).unwrap();
    let (talk, mail) = (timeline.find("KakaoTalk messaging").unwrap(), timeline.find("Daum Mail").unwrap());
    assert!(talk < mail, "sooner back first: {timeline}");

    let check = json(&blackout(&["check", &kakao, "--json"]));
    let pangyo = check["spofs"].as_array().unwrap().iter().find(|s| s["id"] == "pangyo").unwrap();
    assert_eq!(pangyo["hours"], 127.5);
    let breached: Vec<&str> =
        check["tolerance_breaches"].as_array().unwrap().iter().map(|b| b["feature"].as_str().unwrap()).collect();
    assert!(breached.contains(&"kakao-pay"), "{breached:?}");
}

#[test]
fn bad_hours_exit_2_naming_file_node_and_field() {
    let cases = [
        ("negative-hours.json", "node \"db\": recovery_hours -2 must be 0 or more hours"),
        ("non-numeric-hours.json", "nodes[1] (id \"db\").rebuild_hours: invalid type: string \"ten\""),
        ("tolerance-on-service.json", "node \"api\": tolerance_hours is for features only, and this node is a service"),
    ];
    for (file, expected) in cases {
        for command in ["check", "simulate"] {
            let fixture = path(file);
            let mut args = vec![command, fixture.as_str()];
            if command == "simulate" {
                args.extend(["--fail", "talk"]);
            }
            let out = blackout(&args);
            assert_eq!(out.status.code(), Some(2), "{command} {file}");
            let message = stderr(&out);
            assert!(message.contains(file), "names the file: {message}");
            assert!(message.contains(expected), "{file}: {message}");
        }
    }
}

#[test]
fn generate_can_add_recovery_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    let out = blackout(&["generate", "--nodes", "500", "--recovery", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let document = blackout::format::parse(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert!(document.nodes.iter().all(|n| n.recovery_hours.is_some()));
    let check = json(&blackout(&["check", file.to_str().unwrap(), "--json"]));
    let spofs = check["spofs"].as_array().unwrap();
    assert!(!spofs.is_empty());
    // A generated graph has no cycles, so every feature comes back, after some hours.
    assert!(spofs.iter().all(|s| s["hours"].is_f64()), "{spofs:?}");
    assert!(spofs.iter().any(|s| s["hours"].as_f64().unwrap() > 0.0), "{spofs:?}");
}
