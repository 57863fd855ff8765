//! Comparing the map with another version of it: the risk diff of
//! [`crate::diff`] between that version and the map on screen, as editor
//! state.
//!
//! - [`Direction`]: which way the diff reads. Compared with the last saved
//!   version, the question is what the map's changes do (BASE: the saved
//!   version, HEAD: the map); compared with a file (a colleague's proposal,
//!   a fresh import), what the file would change (BASE: the map, HEAD: the
//!   file). The user can swap either.
//! - [`Comparison`]: the version compared with and where it came from. It is
//!   not an undo step and is not stored; a load (Open, an example, New, back
//!   to one's own work) ends it, since the map it was about is gone. Edits and
//!   undo keep it: the diff follows the map.
//! - [`Compared`]: the diff with its measures and the marks for the map (its
//!   nodes that were added, changed or removed, whichever way the diff
//!   reads; the others are listed by the Compare tab), derived and memoised
//!   on the map's revision (the analyses it reads are the
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

/// Which way the diff reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// What the map changes from the other version (BASE: the other, HEAD: the map).
    MapChanges,
    /// What the other version changes from the map (BASE: the map, HEAD: the other).
    OtherChanges,
}

impl Direction {
    pub fn swapped(self) -> Direction {
        match self {
            Direction::MapChanges => Direction::OtherChanges,
            Direction::OtherChanges => Direction::MapChanges,
        }
    }
}

/// How a node of either version differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiffMark {
    /// In HEAD, not in BASE.
    Added,
    /// In both, with a field other than its position changed.
    Changed,
    /// In BASE, not in HEAD.
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

/// The last result and the revision of the map it was computed for (shared by clones).
type Memo = Rc<RefCell<Option<(Revision, Rc<Compared>)>>>;

/// The map compared with a version of it.
#[derive(Clone, Debug)]
pub struct Comparison {
    other: Snapshot,
    against: Against,
    direction: Direction,
    memo: Memo,
}

/// The diff from the version compared with to the map, with what the map marks.
#[derive(Debug, PartialEq)]
pub struct Compared {
    /// With `restore_hours_changed` and `availability_changed` where the versions carry the data.
    pub diff: RiskDiff,
    /// The map's nodes that were added, changed or removed.
    pub marks: Rc<HashMap<NodeId, DiffMark>>,
}

impl Comparison {
    pub fn new(other: Snapshot, against: Against, direction: Direction) -> Comparison {
        Comparison { other, against, direction, memo: Rc::default() }
    }

    /// The version compared with.
    pub fn other(&self) -> &Snapshot {
        &self.other
    }

    pub fn against(&self) -> &Against {
        &self.against
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The same comparison read the other way.
    pub fn swapped(&self) -> Comparison {
        Comparison::new(self.other.clone(), self.against.clone(), self.direction.swapped())
    }

    /// (BASE, HEAD) for the map `map`.
    pub fn versions<'a>(&'a self, map: &'a Snapshot) -> (&'a Snapshot, &'a Snapshot) {
        match self.direction {
            Direction::MapChanges => (&self.other, map),
            Direction::OtherChanges => (map, &self.other),
        }
    }

    /// The diff between the other version and `map`, computed once per revision of the map.
    pub fn compared(&self, map: &Snapshot) -> Rc<Compared> {
        if let Some((revision, compared)) = self.memo.borrow().as_ref() {
            if *revision == map.revision() {
                return Rc::clone(compared);
            }
        }
        let (base, head) = self.versions(map);
        let compared = Rc::new(compare(base, head, map));
        *self.memo.borrow_mut() = Some((map.revision(), Rc::clone(&compared)));
        compared
    }
}

fn compare(base: &Snapshot, head: &Snapshot, map: &Snapshot) -> Compared {
    let (before, after) = (base.analysis(), head.analysis());
    let mut diff = diff_with_reports(base.document(), &before.spofs, head.document(), &after.spofs);
    diff.add_feature_measures((base.document(), &base.feature_measures()), (head.document(), &head.feature_measures()));
    let on_map = |id: &&NodeId| map.document().graph().index_of(id).is_some();
    let marks = [(DiffMark::Added, &diff.nodes_added), (DiffMark::Changed, &diff.nodes_changed), (DiffMark::Removed, &diff.nodes_removed)]
        .into_iter()
        .flat_map(|(mark, ids)| ids.iter().filter(on_map).map(move |id| (id.clone(), mark)))
        .collect();
    Compared { diff, marks: Rc::new(marks) }
}
