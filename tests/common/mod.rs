//! Helpers shared by the command-line tests: fixture paths and running the binary.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub fn fixture(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let path = if name.starts_with("assets/") { dir.join(name) } else { dir.join("tests/fixtures").join(name) };
    path.to_string_lossy().into_owned()
}

pub fn blackout(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blackout"))
        .args(args)
        .output()
        .expect("the blackout binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

