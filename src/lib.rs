//! Blackout: if this data center, provider or service fails, which user-facing
//! features go dark?
//!
//! The pure core (model, file format, analysis, layout, SVG snapshot renderer)
//! never touches the browser, so `cargo test` proves it natively. The Yew app
//! lives under `ui` and is compiled for wasm32 only.

pub mod analysis;
pub mod autosave;
pub mod diff;
pub mod editor;
pub mod export;
pub mod format;
pub mod generate;
pub mod import;
pub mod layout;
pub mod model;
pub mod render;
pub mod report;
pub mod search;

#[cfg(target_arch = "wasm32")]
pub mod ui;
