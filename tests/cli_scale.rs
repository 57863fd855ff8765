//! The command line at any scale and on any input: size limits that hold
//! while reading (pipes and devices too), standard input, terminal-safe text,
//! and the generator's stress shapes.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).to_string_lossy().into_owned()
}

fn blackout(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blackout")).args(args).output().expect("the blackout binary runs")
}

fn blackout_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_blackout"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the blackout binary runs");
    // The reader may stop before the end: a broken pipe is expected then.
    let _ = child.stdin.take().expect("stdin").write_all(input);
    child.wait_with_output().expect("it ends")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_device_that_never_ends_is_cut_off_while_reading() {
    let out = blackout(&["check", "/dev/zero", "--max-bytes", "1000000"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/dev/zero: stopped reading after 1000000 bytes"), "{}", stderr(&out));
    // Without --max-bytes the default cap for devices and pipes still stops it.
    let out = blackout(&["check", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/dev/zero: stopped reading after 1073741824 bytes"), "{}", stderr(&out));
}

#[test]
fn standard_input_is_read_with_a_dash_and_capped_too() {
    let file = std::fs::read(fixture("shared-site.json")).unwrap();
    let piped = blackout_with_stdin(&["check", "-", "--json"], &file);
    let direct = blackout(&["check", &fixture("shared-site.json"), "--json"]);
    assert_eq!(piped.status.code(), Some(1), "{}", stderr(&piped));
    assert_eq!(piped.stdout, direct.stdout);
    let capped = blackout_with_stdin(&["check", "-", "--max-bytes", "100"], &file);
    assert_eq!(capped.status.code(), Some(2));
    assert!(stderr(&capped).contains("standard input: stopped reading after 100 bytes"), "{}", stderr(&capped));
    let bad = blackout_with_stdin(&["simulate", "-", "--fail", "x"], b"{\"version\": 1,");
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("standard input: invalid JSON"), "{}", stderr(&bad));
}

#[test]
fn regular_files_have_no_limit_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("padded.json");
    // Over the app's 32 MiB limit, padded with spaces.
    let mut text = std::fs::read(fixture("redundant.json")).unwrap();
    text.resize(blackout::format::MAX_FILE_BYTES + 10, b' ');
    std::fs::write(&path, &text).unwrap();
    let path = path.to_str().unwrap();
    assert_eq!(blackout(&["check", path, "--json"]).status.code(), Some(0));
    let out = blackout(&["check", path, "--max-bytes", "33554432"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("the file is 33554442 bytes; the limit is 33554432 bytes"), "{}", stderr(&out));
}

#[test]
fn ids_and_labels_cannot_drive_the_terminal() {
    let file = r#"{"version": 1, "title": "T\u001b]0;owned\u0007", "nodes": [
        {"id": "pay", "label": "Pay\u001b[2J\rments", "kind": "feature", "users": 5, "depends_on": ["db\u009b"]},
        {"id": "db\u009b", "label": "DB\nNo single point of failure", "kind": "datastore"}
    ]}"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    std::fs::write(&path, file).unwrap();
    let path = path.to_str().unwrap();
    for args in [vec!["check", path], vec!["simulate", path, "--fail", "db\u{9b}"]] {
        let out = blackout(&args);
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
        assert!(text.contains("Pay\\u{1b}[2J\\rments"), "{text}");
        assert!(!text.contains("\nNo single point of failure"), "a label cannot fake a line: {text}");
    }
    let unknown = blackout(&["simulate", path, "--fail", "x\u{1b}[2J"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("unknown node id \"x\\u{1b}[2J\""), "{}", stderr(&unknown));
    // JSON output escapes them its own way and stays exact.
    let json: serde_json::Value = serde_json::from_slice(&blackout(&["check", path, "--json"]).stdout).unwrap();
    assert_eq!(json["spofs"][0]["id"], "db\u{9b}");
}

#[test]
fn every_generated_shape_checks() {
    let dir = tempfile::tempdir().unwrap();
    for (shape, spofs) in [("chain", 499), ("ladder", 499), ("cycle", 499), ("hub", 499), ("star", 2), ("layered", 0)] {
        let path = dir.path().join(format!("{shape}.json"));
        let path = path.to_str().unwrap();
        let out = blackout(&["generate", "--shape", shape, "--nodes", "500", "-o", path]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let check = blackout(&["check", path, "--json"]);
        assert!(matches!(check.status.code(), Some(0 | 1)), "{}", stderr(&check));
        let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
        if spofs > 0 {
            assert_eq!(json["spofs"].as_array().unwrap().len(), spofs, "{shape}");
        }
    }
    assert_eq!(blackout(&["generate", "--shape", "blob", "--nodes", "5", "-o", "/dev/null"]).status.code(), Some(2));
}
