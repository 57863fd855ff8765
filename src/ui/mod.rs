//! The browser app (wasm32 only): a Yew front end over the pure core.
//!
//! State lives in one reducer ([`store`], wrapping [`crate::editor`]);
//! analysis is derived from it and memoised on the document revision;
//! components under [`components`] get narrow callbacks, never the store.

mod app;
mod components;
mod derived;
mod download;
mod examples;
mod files;
mod location;
mod storage;
mod store;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
