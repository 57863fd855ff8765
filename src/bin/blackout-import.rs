//! The importer worker's entry point (built by Trunk for wasm32 as a web
//! worker next to the app; see `ui/importer.rs`).

fn main() {
    #[cfg(target_arch = "wasm32")]
    blackout::ui::importer::serve();
}
