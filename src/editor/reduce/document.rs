//! Changing the document: loads, edits and undo/redo, each one undo step,
//! and what follows every committed change (autosave, title, the shared
//! map marked as changed).

use crate::editor::edit::{self, Edit, EditError, Edited};
use crate::editor::effect::Effect;
use crate::editor::message::{Message, Problem, RequirementReport};
use crate::editor::session::{Session, Storage};
use crate::editor::snapshot::Scope;
use crate::editor::state::Mode;
use crate::editor::update::{Part, Update};
use crate::editor::{Editor, Origin, SavedVersion};
use crate::layout::Point;
use crate::model::{Document, NodeId, ValidDocument};
use std::collections::HashSet;

impl Editor {
    pub(super) fn load(&mut self, document: ValidDocument, origin: Origin, update: &mut Update) {
        self.stop_comparing(update);
        self.failed.clear();
        self.selection.clear();
        self.message = None;
        self.dialog = None;
        self.commit(document, Scope::EVERYTHING, update);
        self.saved = SavedVersion { snapshot: self.snapshot.clone(), origin };
        update.mark(Part::Failures);
        update.mark(Part::Selection);
        update.mark(Part::Message);
        self.view = None;
        self.refit(update);
    }

    pub(super) fn new_document(&mut self, update: &mut Update) {
        let empty = Document { title: "Untitled graph".to_owned(), ..Document::default() };
        self.load(ValidDocument::new(empty).expect("the empty document is valid"), Origin::New, update);
        self.set_mode(Mode::Edit, update);
    }

    /// Applies an edit as one undo step, or shows why it was refused.
    pub(in crate::editor) fn edit(&mut self, edit: Edit, update: &mut Update) {
        match edit::apply(&self.snapshot, &edit) {
            Ok(None) => {}
            Ok(Some(edited)) => self.commit_edit(&edit, edited, update),
            Err(error) => self.show(Message::Problem(Problem::Edit(error)), update),
        }
    }

    fn commit_edit(&mut self, edit: &Edit, edited: Edited, update: &mut Update) {
        let before = self.snapshot.clone();
        let Edited { document, scope, requirement_changes, added } = edited;
        self.commit(document, scope, update);
        let message = (!requirement_changes.is_empty()).then(|| {
            // The analysis is computed for the map anyway; here it names what became fragile.
            let old: HashSet<&NodeId> = before.analysis().spofs.spofs.iter().map(|s| before.document().graph().id(s.node)).collect();
            let after = self.snapshot.analysis();
            let graph = self.document().graph();
            let new_spofs = after
                .spofs
                .spofs
                .iter()
                .filter(|s| !old.contains(graph.id(s.node)))
                .map(|s| self.document().nodes[s.node as usize].label().to_owned())
                .collect();
            Message::RequirementsChanged(RequirementReport { cause: cause(before.document(), edit), changes: requirement_changes, new_spofs })
        });
        match message {
            Some(message) => self.show(message, update),
            None if matches!(self.message, Some(Message::Problem(_) | Message::RequirementsChanged(_))) => self.dismiss_message(update),
            None => {}
        }
        if let Some(id) = added {
            self.selection = vec![id.clone()];
            update.mark(Part::Selection);
            self.bring_into_view(&id, update);
        }
        // A new layout is shown whole.
        if matches!(edit, Edit::AutoLayout { .. }) {
            self.refit(update);
        }
    }

    pub(super) fn add_node(&mut self, at: Option<Point>, update: &mut Update) {
        self.edit(Edit::AddNode { kind: self.new_node_kind, at }, update);
    }

    pub(super) fn delete_selection(&mut self, update: &mut Update) {
        if !self.selection.is_empty() {
            self.edit(Edit::Delete(self.selection.clone()), update);
        }
    }

    pub(super) fn connect_selection(&mut self, update: &mut Update) {
        match self.selection.as_slice() {
            [dependent, dependency] => {
                let edit = Edit::Connect { dependent: dependent.clone(), dependency: dependency.clone() };
                self.edit(edit, update);
            }
            _ => self.show(Message::Problem(Problem::Edit(EditError::ConnectNeedsTwo)), update),
        }
    }

    pub(super) fn undo(&mut self, update: &mut Update) {
        if let Some(previous) = self.history.undo(self.snapshot.clone()) {
            self.restore(previous, update);
        }
    }

    pub(super) fn redo(&mut self, update: &mut Update) {
        if let Some(next) = self.history.redo(self.snapshot.clone()) {
            self.restore(next, update);
        }
    }

    /// Puts back a snapshot from the history (its memos come with it).
    fn restore(&mut self, snapshot: crate::editor::snapshot::Snapshot, update: &mut Update) {
        let title_changed = snapshot.document().title != self.document().title;
        self.snapshot = snapshot;
        if matches!(self.message, Some(Message::Problem(Problem::Edit(_)) | Message::RequirementsChanged(_))) {
            self.dismiss_message(update);
        }
        self.after_committed_change(title_changed, update);
    }

    /// Makes `document` the current version, as one undo step.
    pub(in crate::editor) fn commit(&mut self, document: ValidDocument, scope: Scope, update: &mut Update) {
        let revision = self.next_revision();
        let next = self.snapshot.next(document, revision, scope);
        let previous = std::mem::replace(&mut self.snapshot, next);
        let title_changed = previous.document().title != self.document().title;
        self.history.record(previous);
        self.after_committed_change(title_changed, update);
    }

    /// What follows every committed document change: failures and selection
    /// that name removed nodes are forgotten, the title follows, the work is
    /// stored (or the shared map marked as changed).
    pub(in crate::editor) fn after_committed_change(&mut self, title_changed: bool, update: &mut Update) {
        update.mark(Part::Document);
        let graph = self.snapshot.document().graph();
        let (failed, selected) = (self.failed.len(), self.selection.len());
        self.failed.retain(|id| graph.index_of(id).is_some());
        self.selection.retain(|id| graph.index_of(id).is_some());
        if self.failed.len() != failed {
            update.mark(Part::Failures);
        }
        if self.selection.len() != selected {
            update.mark(Part::Selection);
        }
        self.refresh_finding(update);
        if title_changed {
            update.effect(self.title_effect());
        }
        if let Session::Shared { changed, .. } = &mut self.session {
            if !*changed {
                *changed = true;
                update.mark(Part::Session);
            }
        }
        self.autosave(update);
    }

    /// Stores the document and failures when the session is the user's own work.
    pub(in crate::editor) fn autosave(&mut self, update: &mut Update) {
        if !matches!(self.session, Session::Own) {
            return;
        }
        self.unsaved = true;
        if !matches!(self.storage, Storage::Off(_)) {
            update.effect(Effect::Autosave {
                document: self.document().clone(),
                failed: self.failed.iter().cloned().collect(),
            });
        }
    }
}

/// What the user did, for the message about its side effects.
fn cause(document: &Document, edit: &Edit) -> String {
    let label = |id: &NodeId| document.node(id).map_or(id.as_str(), |n| n.label()).to_owned();
    match edit {
        Edit::Delete(ids) if ids.len() == 1 => format!("Deleting {}", label(&ids[0])),
        Edit::Delete(ids) => format!("Deleting {} nodes", ids.len()),
        Edit::Disconnect { dependent, dependency } => format!("Removing the dependency of {} on {}", label(dependent), label(dependency)),
        _ => "This edit".to_owned(),
    }
}
