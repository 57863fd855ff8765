//! Comparing the map with another version of it: the risk diff of
//! [`crate::diff`] from that version (BASE) to the map on screen (HEAD), as
//! editor state.
//!
//! - [`Comparison`]: the version compared with and where it came from. It is
//!   not an undo step and is not stored; a load (Open, an example, New, back
//!   to one's own work) ends it, since the map it was about is gone. Edits and
//!   undo keep it: the diff follows the map.
//! - [`Compared`]: the diff with its measures and the marks for the map,
//!   derived and memoised on the map's revision (the analyses it reads are the
//!   snapshots' own memos, so an edit that changes no structure recomputes
//!   only the node comparison).
//! - [`SavedVersion`]: what "the last saved version" is. A user who opens a
//!   file, edits it and asks what changed means the file as it was opened or
//!   last saved, like an editor's unsaved changes: so it is the version last
//!   opened (a file or an example; New starts from an empty one) or saved as
//!   JSON in this visit, and before either, the work as the page opened it
//!   (the autosave, the example or a shared map). The autosave itself is no
//!   baseline: it follows every edit, so it is always the map on screen.

use super::action::Source;
use super::snapshot::{Revision, Snapshot};
use crate::diff::{diff_with_reports, RiskDiff};
use crate::model::NodeId;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Where the last saved version comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// The work as the page opened it.
    PageOpened,
    /// Opened from files or an example.
    Opened(Source),
    /// Started empty with New.
    New,
    /// Saved (downloaded) as JSON.
    Saved,
}

/// The last saved version (see the module's header).
#[derive(Clone, Debug)]
pub struct SavedVersion {
    pub snapshot: Snapshot,
    pub origin: Origin,
}

/// What the map is compared with.
#[derive(Clone, Debug, PartialEq)]
pub enum Against {
    /// Files the user picked (their names).
    File(String),
    /// The last saved version.
    Saved(Origin),
}

/// How a node of either version differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiffMark {
    /// On the map, not in the version compared with.
    Added,
    /// In both, with a field other than its position changed.
    Changed,
    /// In the version compared with, not on the map.
    Removed,
}

impl DiffMark {
    /// The word in `data-diff`.
    pub fn as_str(self) -> &'static str {
        match self {
            DiffMark::Added => "added",
            DiffMark::Changed => "changed",
            DiffMark::Removed => "removed",
        }
    }
}

/// The map compared with a version of it.
#[derive(Clone, Debug)]
pub struct Comparison {
    base: Snapshot,
    against: Against,
    /// The last result and the revision of the map it was computed for.
    memo: Rc<RefCell<Option<(Revision, Rc<Compared>)>>>,
}

/// The diff from the version compared with to the map, with what the map marks.
#[derive(Debug, PartialEq)]
pub struct Compared {
    /// With `restore_hours_changed` and `availability_changed` where the versions carry the data.
    pub diff: RiskDiff,
    /// Added and changed nodes of the map (removed ones are not on it).
    pub marks: Rc<HashMap<NodeId, DiffMark>>,
}

impl Comparison {
    pub fn new(base: Snapshot, against: Against) -> Comparison {
        Comparison { base, against, memo: Rc::default() }
    }

    /// The version compared with.
    pub fn base(&self) -> &Snapshot {
        &self.base
    }

    pub fn against(&self) -> &Against {
        &self.against
    }

    /// The diff from the base to `head`, computed once per revision of the map.
    pub fn compared(&self, head: &Snapshot) -> Rc<Compared> {
        if let Some((revision, compared)) = self.memo.borrow().as_ref() {
            if *revision == head.revision() {
                return Rc::clone(compared);
            }
        }
        let compared = Rc::new(compare(&self.base, head));
        *self.memo.borrow_mut() = Some((head.revision(), Rc::clone(&compared)));
        compared
    }
}

fn compare(base: &Snapshot, head: &Snapshot) -> Compared {
    let (before, after) = (base.analysis(), head.analysis());
    let mut diff = diff_with_reports(base.document(), &before.spofs, head.document(), &after.spofs);
    diff.add_feature_measures((base.document(), &base.feature_measures()), (head.document(), &head.feature_measures()));
    let marks = diff
        .nodes_added
        .iter()
        .map(|id| (id.clone(), DiffMark::Added))
        .chain(diff.nodes_changed.iter().map(|id| (id.clone(), DiffMark::Changed)))
        .collect();
    Compared { diff, marks: Rc::new(marks) }
}
