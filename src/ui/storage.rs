//! Autosave in the browser's local storage, and restoring it on start.
//!
//! The document is stored in the file format (so it is validated like any
//! file when read back); the failure set and view beside it. A stored value
//! that cannot be read is never dropped: it is moved to a side key and
//! reported, and the app starts on the example.

use crate::editor::View;
use crate::format;
use crate::model::{Document, NodeId};
use serde::{Deserialize, Serialize};

const KEY: &str = "blackout.autosave.v1";
const VIEW_KEY: &str = "blackout.autosave.v1.view";
/// Where an unreadable autosave is kept for the user to recover by hand.
pub const SET_ASIDE_KEY: &str = "blackout.autosave.unreadable";

#[derive(Serialize, Deserialize)]
struct Saved {
    document: String,
    failed: Vec<NodeId>,
}

/// What a previous visit left.
pub struct Restored {
    pub document: Document,
    pub failed: Vec<NodeId>,
    pub view: Option<View>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The autosaved work, `Ok(None)` when there is none, or a message when it
/// could not be read (it has then been set aside under [`SET_ASIDE_KEY`]).
pub fn restore() -> Result<Option<Restored>, String> {
    let Some(storage) = storage() else { return Ok(None) };
    let Ok(Some(text)) = storage.get_item(KEY) else { return Ok(None) };
    let parsed = serde_json::from_str::<Saved>(&text)
        .map_err(|e| e.to_string())
        .and_then(|saved| format::parse(&saved.document).map(|d| (d.into_document(), saved.failed)).map_err(|e| e.to_string()));
    match parsed {
        Ok((document, failed)) => {
            let view = storage
                .get_item(VIEW_KEY)
                .ok()
                .flatten()
                .and_then(|v| serde_json::from_str::<[f64; 3]>(&v).ok())
                .filter(|v| v.iter().all(|n| n.is_finite()) && v[2] > 0.0)
                .map(|[x, y, scale]| View { x, y, scale: scale.clamp(View::MIN_SCALE, View::MAX_SCALE) });
            Ok(Some(Restored { document, failed, view }))
        }
        Err(reason) => {
            let kept = storage.set_item(SET_ASIDE_KEY, &text).is_ok() && storage.remove_item(KEY).is_ok();
            Err(if kept {
                format!("Your autosaved work could not be read ({reason}). It was kept in local storage under \"{SET_ASIDE_KEY}\"; the example was opened instead.")
            } else {
                format!("Your autosaved work could not be read ({reason}); the example was opened instead and the stored copy was left as it was.")
            })
        }
    }
}

/// Saves the document and failure set; `false` when the browser refused
/// (storage full or disabled).
pub fn save(document: &Document, failed: &[NodeId]) -> bool {
    let saved = Saved {
        document: format::to_json(document),
        failed: failed.to_vec(),
    };
    let Ok(text) = serde_json::to_string(&saved) else { return false };
    storage().is_some_and(|s| s.set_item(KEY, &text).is_ok())
}

pub fn save_view(view: View) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(VIEW_KEY, &format!("[{},{},{}]", view.x, view.y, view.scale));
    }
}
