//! The browser's local storage behind the autosave policy
//! ([`crate::autosave`]), which decides what is written and what is kept.

use crate::autosave::{self, KeyValueStore, Restore, StorageProblem, StoreError};
use crate::layout::View;
use crate::model::{NodeId, ValidDocument};
use wasm_bindgen::JsCast;

/// `window.localStorage`, as a [`KeyValueStore`].
struct LocalStorage(Option<web_sys::Storage>);

impl LocalStorage {
    fn open() -> LocalStorage {
        LocalStorage(web_sys::window().and_then(|w| w.local_storage().ok().flatten()))
    }

    fn storage(&self) -> Result<&web_sys::Storage, StoreError> {
        self.0.as_ref().ok_or_else(|| StoreError::Refused("storage is turned off for this page".to_owned()))
    }
}

/// A quota error is "full"; anything else is named as the browser named it.
fn store_error(error: wasm_bindgen::JsValue) -> StoreError {
    match error.dyn_ref::<web_sys::DomException>() {
        Some(e) if e.name() == "QuotaExceededError" || e.code() == 22 => StoreError::Full,
        Some(e) => StoreError::Refused(e.message()),
        None => StoreError::Refused("unknown error".to_owned()),
    }
}

impl KeyValueStore for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage()?.get_item(key).map_err(store_error)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage()?.set_item(key, value).map_err(store_error)
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage()?.remove_item(key).map_err(store_error)
    }
}

/// What a previous visit left (an unreadable autosave is set aside first).
pub fn restore() -> Restore {
    autosave::restore(&mut LocalStorage::open())
}

thread_local! {
    /// Which document version this page last stored (see [`autosave::Writer`]).
    static WRITER: std::cell::RefCell<autosave::Writer> = std::cell::RefCell::default();
}

/// Writes the autosave (only the failures when the stored graph is this one).
pub fn save(document: &ValidDocument, failed: &[NodeId]) -> Result<(), StorageProblem> {
    WRITER.with_borrow_mut(|writer| writer.save(&mut LocalStorage::open(), document, failed))
}

pub fn save_view(view: View) {
    autosave::save_view(&mut LocalStorage::open(), view);
}
