//! The browser app (wasm32 only): a Yew front end over the pure core.
//!
//! All app state lives in the editor ([`crate::editor`]), behind one Yew
//! reducer ([`store`]); [`app`] is wiring, [`effects`] runs what the editor
//! asks of the browser, [`derived`] computes what is shown from the state,
//! and the components under [`components`] get props and a callback that
//! sends actions, never the store.

mod app;
mod components;
mod derived;
mod download;
mod effects;
mod examples;
mod files;
pub mod importer;
mod location;
mod report;
mod storage;
mod store;
mod view_feed;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
