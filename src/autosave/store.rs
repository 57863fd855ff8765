//! Where the autosave lives, as the policy in [`super`] sees it: a string
//! store with keys, which may be full or missing. The app backs it with the
//! browser's local storage (`ui/storage.rs`); tests use [`MemoryStore`],
//! which can be made to run out of room.

use thiserror::Error;

/// Why the store refused a read or a write.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum StoreError {
    #[error("the browser's storage for this page is full")]
    Full,
    #[error("the browser refused ({0})")]
    Refused(String),
}

/// A string store: the browser's local storage, or a test double.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
}

/// An in-memory store with a quota counted like the browser's: characters
/// of keys and values together.
#[derive(Clone, Debug, Default)]
pub struct MemoryStore {
    entries: std::collections::BTreeMap<String, String>,
    /// The most characters it holds; `None`: no limit.
    pub quota: Option<usize>,
}

impl MemoryStore {
    /// A store that holds at most `chars` characters.
    pub fn with_quota(chars: usize) -> MemoryStore {
        MemoryStore { quota: Some(chars), ..MemoryStore::default() }
    }

    fn used_without(&self, key: &str) -> usize {
        self.entries
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.chars().count() + v.chars().count())
            .sum()
    }

    /// Every key, sorted.
    pub fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        let needed = self.used_without(key) + key.chars().count() + value.chars().count();
        if self.quota.is_some_and(|quota| needed > quota) {
            return Err(StoreError::Full);
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.entries.remove(key);
        Ok(())
    }
}
