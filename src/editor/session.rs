//! Whose map is on screen, and whether it may be stored.
//!
//! - [`Session::Own`]: the user's work; every committed change is autosaved.
//! - [`Session::Shared`]: a map opened from a share link. Nothing is stored
//!   until the user keeps it; their own work (read at start) is what "Back to
//!   my work" returns to, with a fresh history, so that undo can never bring
//!   the shared map back, nor put it in the autosave.
//! - [`Session::Embed`]: `?embed`, read-only: the reducer refuses every
//!   change to the document, and nothing is stored.
//!
//! [`Storage`] says whether autosave writes, and why not.

use crate::autosave::{StorageProblem, Work};

#[derive(Clone, Debug)]
pub enum Session {
    Own,
    Shared {
        /// What "Back to my work" opens: the autosaved work, else the example.
        own: Box<Work>,
        /// The shared map was edited: dropping it asks first.
        changed: bool,
    },
    Embed,
}

impl Session {
    pub fn is_embed(&self) -> bool {
        matches!(self, Session::Embed)
    }

    pub fn is_shared(&self) -> bool {
        matches!(self, Session::Shared { .. })
    }
}

/// Whether autosave writes.
#[derive(Clone, Debug, PartialEq)]
pub enum Storage {
    /// The last write (if any) succeeded.
    Writable,
    /// The last write failed; the next change tries again.
    Failing(StorageProblem),
    /// Writing would destroy the only copy of unreadable stored work: off for this visit.
    Off(StorageProblem),
}

impl Storage {
    /// The lasting warning to show, if any.
    pub fn warning(&self) -> Option<&StorageProblem> {
        match self {
            Storage::Writable => None,
            Storage::Failing(problem) | Storage::Off(problem) => Some(problem),
        }
    }
}
