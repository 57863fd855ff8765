//! The failure set: what the user has failed on the map. Not an undo step;
//! stored with the work.

use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::model::NodeId;
use std::collections::BTreeSet;

impl Editor {
    pub(super) fn toggle_failure(&mut self, id: NodeId, update: &mut Update) {
        if !self.has_node(&id) {
            return;
        }
        if !self.failed.remove(&id) {
            self.failed.insert(id);
        }
        self.failures_changed(update);
    }

    /// Replaces the failure set (ids not in the graph are left out).
    pub(super) fn set_failures(&mut self, ids: Vec<NodeId>, update: &mut Update) {
        let failed: BTreeSet<NodeId> = ids.into_iter().filter(|id| self.has_node(id)).collect();
        if failed != self.failed {
            self.failed = failed;
            self.failures_changed(update);
        }
    }

    fn failures_changed(&mut self, update: &mut Update) {
        update.mark(Part::Failures);
        self.autosave(update);
    }
}
