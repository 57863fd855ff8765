//! Comparing the map with another version: start with a file's document
//! (what it would change) or the last saved version (what the map changed;
//! the Compare tab opens), read it the other way, stop. Never an undo step;
//! a load ends it (`document.rs`). See `editor/compare.rs`.

use crate::editor::action::Source;
use crate::editor::compare::{Against, Comparison, Direction};
use crate::editor::state::Panel;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::model::ValidDocument;
use crate::editor::snapshot::Snapshot;

impl Editor {
    pub(super) fn compare_with(&mut self, document: ValidDocument, source: Source, update: &mut Update) {
        let name = match source {
            Source::File(name) | Source::Example(name) => name,
        };
        let revision = self.next_revision();
        let comparison = Comparison::new(Snapshot::new(document, revision), Against::File(name), Direction::OtherChanges);
        self.start_comparing(comparison, update);
    }

    pub(super) fn compare_with_saved(&mut self, update: &mut Update) {
        let against = Against::Saved(self.saved.origin.clone());
        let comparison = Comparison::new(self.saved.snapshot.clone(), against, Direction::MapChanges);
        self.start_comparing(comparison, update);
    }

    fn start_comparing(&mut self, comparison: Comparison, update: &mut Update) {
        self.comparison = Some(comparison);
        update.mark(Part::Comparison);
        self.show_panel(Panel::Compare, update);
    }

    pub(super) fn swap_comparison(&mut self, update: &mut Update) {
        if let Some(comparison) = &self.comparison {
            self.comparison = Some(comparison.swapped());
            update.mark(Part::Comparison);
        }
    }

    pub(in crate::editor) fn stop_comparing(&mut self, update: &mut Update) {
        if self.comparison.take().is_some() {
            update.mark(Part::Comparison);
        }
    }
}
