//! The shared-map session and the autosave's results.

use crate::autosave::StorageProblem;
use crate::editor::effect::Effect;
use crate::editor::history::History;
use crate::editor::interaction::Interaction;
use crate::editor::session::{Session, Storage};
use crate::editor::snapshot::Snapshot;
use crate::editor::state::Dialog;
use crate::editor::update::{Part, Update};
use crate::editor::{Editor, Origin, SavedVersion};

impl Editor {
    /// The shared map becomes the user's own work, stored from now on.
    pub(super) fn keep_shared(&mut self, update: &mut Update) {
        if !self.session.is_shared() {
            return;
        }
        self.session = Session::Own;
        update.mark(Part::Session);
        update.effect(Effect::ClearLink);
        self.autosave(update);
        self.save_view(update);
    }

    /// Back to the user's own work (asking first when the shared map was
    /// edited). The history starts afresh: it held the shared map, which undo
    /// must never bring back, least of all into the autosave.
    pub(super) fn back_to_own(&mut self, confirmed: bool, update: &mut Update) {
        let Session::Shared { own, changed } = &self.session else { return };
        if *changed && !confirmed {
            self.dialog = Some(Dialog::ConfirmBackToOwn);
            update.mark(Part::Dialog);
            return;
        }
        let own = own.as_ref().clone();
        let revision = self.next_revision();
        self.stop_comparing(update);
        self.snapshot = Snapshot::new(own.document, revision);
        self.saved = SavedVersion { snapshot: self.snapshot.clone(), origin: Origin::PageOpened };
        self.history = History::default();
        self.failed = own.failed.into_iter().filter(|id| self.has_node(id)).collect();
        self.selection.clear();
        self.interaction = Interaction::Idle;
        self.session = Session::Own;
        self.dialog = None;
        self.message = None;
        self.unsaved = false;
        self.view = own.view;
        for part in [Part::Document, Part::Failures, Part::Selection, Part::Session, Part::Dialog, Part::Message, Part::View] {
            update.mark(part);
        }
        if self.view.is_none() {
            self.refit(update);
        }
        update.effect(Effect::ClearLink);
        update.effect(self.title_effect());
    }

    /// The result of an autosave write.
    pub(super) fn stored(&mut self, result: Result<(), StorageProblem>, update: &mut Update) {
        let storage = match (&self.storage, result) {
            (Storage::Off(_), _) => return,
            (_, Ok(())) => {
                self.unsaved = false;
                Storage::Writable
            }
            (_, Err(problem)) => Storage::Failing(problem),
        };
        if storage != self.storage {
            self.storage = storage;
            update.mark(Part::Storage);
        }
    }
}
