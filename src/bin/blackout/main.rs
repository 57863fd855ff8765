//! `blackout`: the command-line tool for CI and docs pipelines, a thin layer
//! over the core. Exit codes: 0 fine, 1 a risk was found (`check`), 2 bad input.
//!
//! `cli.rs` names the subcommands; each lives in a file of its own under
//! `commands/`; `input.rs` reads files and resolves ids for all of them.

#[cfg(not(target_arch = "wasm32"))]
mod allocator;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod timings;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    allocator::keep_freed_memory();
    cli::main()
}

// Trunk builds every binary of the crate for wasm32; the tool has nothing to do there.
#[cfg(target_arch = "wasm32")]
fn main() {}
