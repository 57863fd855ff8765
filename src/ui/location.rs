//! What the page's address asks for: embed mode (`?embed`) and a share link
//! in the fragment (`#b1.…`); and changing the address.

use crate::autosave::Work;
use crate::export::{self, Shared};

/// `?embed` (or `?embed=1`) in the query string: map, legend and summary only.
pub fn embed_mode() -> bool {
    let search = gloo::utils::window().location().search().unwrap_or_default();
    search.trim_start_matches('?').split('&').any(|pair| pair == "embed" || pair.starts_with("embed="))
}

/// The map in the fragment: `None` without a fragment, else the map or why
/// the link cannot be opened.
pub fn shared() -> Option<Result<Work, String>> {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let fragment = hash.trim_start_matches('#');
    if fragment.is_empty() {
        return None;
    }
    Some(
        export::decode(fragment)
            .map(|Shared { document, failed, view }| Work { document, failed, view })
            .map_err(|e| e.to_string()),
    )
}

/// This page's address (without fragment) carrying `shared`.
pub fn share_url(shared: &Shared) -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{}", export::encode(shared))
}

/// The embed snippet for a share link.
pub fn embed_snippet(url: &str) -> String {
    let (base, fragment) = url.split_once('#').unwrap_or((url, ""));
    let base = base.split('?').next().unwrap_or(base);
    let src = format!("{base}?embed#{fragment}");
    format!(
        "<iframe src=\"{}\" width=\"960\" height=\"600\" style=\"border:0\" title=\"Blackout risk map\" loading=\"lazy\"></iframe>",
        crate::render::escape_xml(&src)
    )
}

/// Removes the fragment from the address bar without reloading, so a reload
/// opens the user's own work.
pub fn clear_fragment() {
    let window = gloo::utils::window();
    if let (Ok(history), Ok(href)) = (window.history(), window.location().href()) {
        let without = href.split('#').next().unwrap_or_default().to_owned();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&without));
    }
}
