//! Autosave: the user's work kept in the browser between visits, and the
//! rules that make sure it is never lost.
//!
//! - An autosave that cannot be read is **set aside** under a key of its own
//!   (`blackout.autosave.unreadable`, then `….2`, `….3`, …) before anything
//!   else is written, so every unreadable copy is kept for the user to
//!   recover by hand. When it cannot be set aside (storage full), it is left
//!   where it is and autosave stays **off** for the visit, so nothing
//!   overwrites it; the message says exactly which of the two happened.
//! - A write that fails is reported ([`StorageProblem::WriteFailed`]); the
//!   app shows a lasting warning with a way to save to a file.
//!
//! - A change of the failure set alone writes only the failures
//!   ([`FAILED_KEY`], a few bytes) when storage already holds this version
//!   of the document ([`Writer`]): failing a node on a 50,000-node map must
//!   not compress and write the whole graph again.
//!
//! The policy is pure over a [`KeyValueStore`], so it is tested natively
//! with a store that runs out of room; `ui/storage.rs` backs it with the
//! browser's local storage.

mod envelope;
pub mod store;

pub use envelope::{decode, encode, AutosaveError};
pub use store::{KeyValueStore, MemoryStore, StoreError};

use crate::layout::View;
use crate::model::{NodeId, ValidDocument};
use thiserror::Error;

/// The document and the failure set.
pub const KEY: &str = "blackout.autosave.v1";
/// The view, written separately: it changes at every frame of a pan and is small.
pub const VIEW_KEY: &str = "blackout.autosave.v1.view";
/// The failure set, when it changed after the document was last written
/// (it then takes the place of the one stored with the document).
pub const FAILED_KEY: &str = "blackout.autosave.v1.failed";
/// Where the first unreadable autosave is kept; later ones get `.2`, `.3`, …
pub const SET_ASIDE_KEY: &str = "blackout.autosave.unreadable";
/// How many set-aside copies are kept before the app refuses to add one more.
const MAX_SET_ASIDE: usize = 100;

/// What a previous visit left.
#[derive(Clone, Debug)]
pub struct Work {
    pub document: ValidDocument,
    pub failed: Vec<NodeId>,
    pub view: Option<View>,
}

/// Why stored work is not (or no longer) safe; each message says what
/// happened to the user's data and what they can do.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum StorageProblem {
    #[error("Your autosaved work could not be read ({reason}). It was kept in this browser's storage under \"{key}\" and the example was opened instead.")]
    SetAside { reason: AutosaveError, key: String },
    #[error("Your autosaved work could not be read ({reason}), and it could not be copied aside: {why}. It is left as it was under \"{KEY}\" and autosave is off, so nothing overwrites it. Use Save to keep your work in a file.")]
    CannotSetAside { reason: AutosaveError, why: String },
    #[error("Your latest changes are not saved in this browser: {0}. Save them to a file to keep them.")]
    WriteFailed(StoreError),
}

/// What opening the app found in storage.
#[derive(Clone, Debug)]
pub struct Restore {
    pub work: Option<Work>,
    pub problem: Option<StorageProblem>,
    /// False when writing would overwrite an autosave that could not be set aside.
    pub writable: bool,
}

/// Reads the autosave; an unreadable one is set aside (see the module docs).
pub fn restore(store: &mut impl KeyValueStore) -> Restore {
    let text = match store.get(KEY) {
        Ok(Some(text)) => text,
        Ok(None) => return Restore { work: None, problem: None, writable: true },
        // Storage that cannot even be read (disabled by the user) holds nothing to protect.
        Err(why) => return Restore { work: None, problem: Some(StorageProblem::WriteFailed(why)), writable: true },
    };
    match decode(&text) {
        Ok((document, failed)) => {
            let view = store.get(VIEW_KEY).ok().flatten().and_then(|text| read_view(&text));
            let failed = match store.get(FAILED_KEY).ok().flatten().and_then(|text| serde_json::from_str::<Vec<NodeId>>(&text).ok()) {
                // Like the envelope's: ids no longer in the graph are left out.
                Some(later) => later.into_iter().filter(|id| document.graph().index_of(id).is_some()).collect(),
                None => failed,
            };
            Restore { work: Some(Work { document, failed, view }), problem: None, writable: true }
        }
        Err(reason) => match set_aside(store, &text) {
            Ok(key) => Restore { work: None, problem: Some(StorageProblem::SetAside { reason, key }), writable: true },
            Err(why) => Restore { work: None, problem: Some(StorageProblem::CannotSetAside { reason, why }), writable: false },
        },
    }
}

/// Copies `text` to the first free set-aside key, then removes the autosave.
fn set_aside(store: &mut impl KeyValueStore, text: &str) -> Result<String, String> {
    let free = (1..=MAX_SET_ASIDE)
        .map(|n| if n == 1 { SET_ASIDE_KEY.to_owned() } else { format!("{SET_ASIDE_KEY}.{n}") })
        .find(|key| matches!(store.get(key), Ok(None)))
        .ok_or_else(|| format!("{MAX_SET_ASIDE} unreadable copies are already kept; remove some"))?;
    store.set(&free, text).map_err(|e| e.to_string())?;
    // If the original cannot be removed, the next autosave overwrites it: a copy is safe.
    let _ = store.remove(KEY);
    Ok(free)
}

/// Writes the document and failure set.
pub fn save(store: &mut impl KeyValueStore, document: &ValidDocument, failed: &[NodeId]) -> Result<(), StorageProblem> {
    store.set(KEY, &encode(document, failed)).map_err(StorageProblem::WriteFailed)?;
    // The envelope now holds the current failures; a separate set would be older.
    let _ = store.remove(FAILED_KEY);
    Ok(())
}

/// Writes autosaves for one visit, remembering which document version
/// storage holds: when only the failure set changed, only it is written.
#[derive(Default)]
pub struct Writer {
    stored: Option<ValidDocument>,
}

impl Writer {
    /// Stores `document` with `failed`: the failures alone when storage
    /// already holds this very version (the editor shares a version between
    /// states, so `ptr_eq` is the cheap and exact test), else everything.
    pub fn save(&mut self, store: &mut impl KeyValueStore, document: &ValidDocument, failed: &[NodeId]) -> Result<(), StorageProblem> {
        if self.stored.as_ref().is_some_and(|stored| stored.ptr_eq(document)) {
            let text = serde_json::to_string(failed).expect("ids serialise");
            return store.set(FAILED_KEY, &text).map_err(StorageProblem::WriteFailed);
        }
        self.stored = None;
        save(store, document, failed)?;
        self.stored = Some(document.clone());
        Ok(())
    }
}

/// Writes the view. A view that cannot be stored costs nothing but the zoom.
pub fn save_view(store: &mut impl KeyValueStore, view: View) {
    let _ = store.set(VIEW_KEY, &format!("[{},{},{}]", view.x, view.y, view.scale));
}

fn read_view(text: &str) -> Option<View> {
    let [x, y, scale] = serde_json::from_str::<[f64; 3]>(text).ok()?;
    View::checked(x, y, scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::layered_graph;

    fn work() -> ValidDocument {
        ValidDocument::new(layered_graph(40, 3, 2)).unwrap()
    }

    #[test]
    fn saved_work_comes_back_with_its_view() {
        let mut store = MemoryStore::default();
        assert!(restore(&mut store).work.is_none());
        save(&mut store, &work(), &[NodeId::from("n1")]).unwrap();
        save_view(&mut store, View { x: 1.0, y: 2.0, scale: 0.5 });
        let restored = restore(&mut store);
        let found = restored.work.unwrap();
        assert_eq!(found.document, work());
        assert_eq!(found.failed, vec![NodeId::from("n1")]);
        assert_eq!(found.view, Some(View { x: 1.0, y: 2.0, scale: 0.5 }));
        assert!(restored.problem.is_none() && restored.writable);
    }

    #[test]
    fn every_unreadable_autosave_is_kept_under_a_key_of_its_own() {
        let mut store = MemoryStore::default();
        store.set(KEY, "first garbage").unwrap();
        let first = restore(&mut store);
        assert!(matches!(&first.problem, Some(StorageProblem::SetAside { key, .. }) if key == SET_ASIDE_KEY));
        assert!(first.writable);
        assert_eq!(store.get(KEY).unwrap(), None);
        store.set(KEY, "second garbage").unwrap();
        let second = restore(&mut store);
        assert!(matches!(&second.problem, Some(StorageProblem::SetAside { key, .. }) if key == "blackout.autosave.unreadable.2"));
        assert_eq!(store.get(SET_ASIDE_KEY).unwrap().as_deref(), Some("first garbage"), "the first copy is never overwritten");
        assert_eq!(store.get("blackout.autosave.unreadable.2").unwrap().as_deref(), Some("second garbage"));
        let message = second.problem.unwrap().to_string();
        assert!(message.contains("blackout.autosave.unreadable.2"), "{message}");
    }

    #[test]
    fn with_storage_full_an_unreadable_autosave_is_left_alone_and_autosave_is_off() {
        let garbage = "x".repeat(1_000);
        let mut store = MemoryStore::with_quota(KEY.len() + garbage.len() + 10);
        store.set(KEY, &garbage).unwrap();
        let restored = restore(&mut store);
        assert!(!restored.writable, "writing now would destroy the only copy");
        let message = restored.problem.unwrap().to_string();
        assert!(message.contains("left as it was") && message.contains("autosave is off"), "{message}");
        assert_eq!(store.get(KEY).unwrap(), Some(garbage), "the stored copy is untouched");
    }

    #[test]
    fn failures_alone_write_only_the_failures_and_come_back() {
        let mut store = MemoryStore::default();
        let mut writer = Writer::default();
        let document = work();
        writer.save(&mut store, &document, &[]).unwrap();
        let envelope = store.get(KEY).unwrap();
        writer.save(&mut store, &document, &[NodeId::from("n1"), NodeId::from("gone")]).unwrap();
        assert_eq!(store.get(KEY).unwrap(), envelope, "the graph is not written again");
        assert_eq!(restore(&mut store).work.unwrap().failed, vec![NodeId::from("n1")], "ids not in the graph left out");
        // Another version of the document: everything is written, and the separate failures go.
        let edited = ValidDocument::new(layered_graph(41, 3, 2)).unwrap();
        writer.save(&mut store, &edited, &[NodeId::from("n2")]).unwrap();
        assert_eq!(store.get(FAILED_KEY).unwrap(), None);
        let found = restore(&mut store).work.unwrap();
        assert_eq!((found.document, found.failed), (edited, vec![NodeId::from("n2")]));
    }

    #[test]
    fn a_failed_write_is_reported() {
        let mut store = MemoryStore::with_quota(100);
        let problem = save(&mut store, &work(), &[]).unwrap_err();
        assert_eq!(problem, StorageProblem::WriteFailed(StoreError::Full));
        assert!(problem.to_string().contains("not saved"));
    }
}
