//! Running the `blackout` binary and reading what it printed, for every CLI test file.

use std::process::{Command, Output};

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
