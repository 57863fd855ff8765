//! Dragging from a selected node's handle onto another node (edit mode):
//! on release over a node, the first depends on it (one edit).

use crate::editor::edit::Edit;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{Point, ScreenPoint};
use crate::model::NodeId;

use super::Target;

#[derive(Clone, Debug)]
pub struct Connecting {
    pub pointer: i32,
    pub from: NodeId,
    pub start: Point,
    pub current: Point,
}

impl Connecting {
    pub(in crate::editor) fn step(&mut self, editor: &Editor, at: ScreenPoint, update: &mut Update) {
        self.current = editor.current_view().to_map(at);
        update.mark(Part::Interaction);
    }

    pub(in crate::editor) fn release(self, editor: &mut Editor, at: ScreenPoint, update: &mut Update) {
        if let Target::Node(to) | Target::Handle(to) = editor.hit(at) {
            if to != self.from {
                editor.edit(Edit::Connect { dependent: self.from, dependency: to }, update);
            }
        }
    }
}
