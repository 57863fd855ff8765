//! Selection and mode: what the panels describe and what a click does.

use crate::editor::state::Mode;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::model::{Kind, NodeId};

impl Editor {
    /// Selects one node, or nothing.
    pub(in crate::editor) fn select(&mut self, id: Option<NodeId>, update: &mut Update) {
        let selection: Vec<NodeId> = id.filter(|id| self.has_node(id)).into_iter().collect();
        if selection != self.selection {
            self.selection = selection;
            update.mark(Part::Selection);
        }
    }

    /// Adds a node to the selection or takes it out.
    pub(super) fn toggle_select(&mut self, id: NodeId, update: &mut Update) {
        if !self.has_node(&id) {
            return;
        }
        match self.selection.iter().position(|s| *s == id) {
            Some(at) => {
                self.selection.remove(at);
            }
            None => self.selection.push(id),
        }
        update.mark(Part::Selection);
    }

    /// Exactly these nodes (a box selection).
    pub(in crate::editor) fn select_many(&mut self, ids: Vec<NodeId>, update: &mut Update) {
        let selection: Vec<NodeId> = ids.into_iter().filter(|id| self.has_node(id)).collect();
        if selection != self.selection {
            self.selection = selection;
            update.mark(Part::Selection);
        }
    }

    /// A click on a node: fail or restore it in simulate mode, select it in edit mode.
    pub(in crate::editor) fn activate(&mut self, node: NodeId, shift: bool, update: &mut Update) {
        match (self.mode(), shift) {
            (Mode::Simulate, _) => self.toggle_failure(node, update),
            (Mode::Edit, true) => self.toggle_select(node, update),
            (Mode::Edit, false) => self.select(Some(node), update),
        }
    }

    pub(in crate::editor) fn set_mode(&mut self, mode: Mode, update: &mut Update) {
        if mode != self.mode {
            self.mode = mode;
            update.mark(Part::Mode);
        }
    }

    pub(super) fn set_new_node_kind(&mut self, kind: Kind, update: &mut Update) {
        if kind != self.new_node_kind {
            self.new_node_kind = kind;
            update.mark(Part::Settings);
        }
    }
}
