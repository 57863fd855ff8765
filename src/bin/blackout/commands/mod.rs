//! One subcommand a file: its arguments (clap) and what it does.

pub mod analyze;
pub mod check;
pub mod export;
pub mod diff;
pub mod generate;
pub mod import;
pub mod render;
pub mod report;
pub mod simulate;

use crate::input::BadInput;

/// Pretty JSON for the stable `--json` outputs.
pub fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("reports serialise: string keys, finite numbers")
}

/// The process ends right after: freeing a 100,000-node graph node by node
/// would only add time, so it is left to the operating system.
pub fn keep_until_exit<T>(value: T) {
    std::mem::forget(value);
}

/// Writes `text` to `path`.
pub fn write(path: &std::path::Path, text: &str) -> Result<std::process::ExitCode, BadInput> {
    std::fs::write(path, text).map_err(|e| BadInput(format!("cannot write {}: {e}", path.display())))?;
    Ok(std::process::ExitCode::SUCCESS)
}
