//! Dragging nodes (edit mode): the pressed node, or the whole selection when
//! it is part of it, follows the pointer. Every step is computed from the
//! document the drag started from (no drift), shares that document's analysis
//! (positions do not matter to it), and the whole drag is one undo step.
//! Cancelling puts back exactly the snapshot the drag started from.

use super::End;
use crate::editor::edit::{self, Edit};
use crate::editor::snapshot::{Scope, Snapshot};
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{Point, ScreenPoint};
use crate::model::NodeId;

#[derive(Clone, Debug)]
pub struct DraggingNodes {
    pub pointer: i32,
    /// The snapshot the drag started from (what Escape returns to).
    pub base: Snapshot,
    /// The base with every node pinned where it was drawn (the first drag
    /// of an auto-laid-out graph saves the positions of all nodes).
    pinned: Snapshot,
    /// The map point grabbed.
    grabbed: Point,
    /// The dragged nodes and where they started.
    starts: Vec<(NodeId, Point)>,
}

impl DraggingNodes {
    pub(in crate::editor) fn begin(editor: &Editor, pointer: i32, node: NodeId, grabbed: Point) -> DraggingNodes {
        let base = editor.snapshot.clone();
        let pinned = match edit::apply(&base, &Edit::AutoLayout { everything: false }) {
            Ok(Some(edited)) => base.next(edited.document, base.revision(), Scope::POSITIONS),
            _ => base.clone(),
        };
        let moving: Vec<&NodeId> = if editor.selection.contains(&node) { editor.selection.iter().collect() } else { vec![&node] };
        let starts = pinned
            .document()
            .nodes
            .iter()
            .filter(|n| moving.contains(&&n.id))
            .filter_map(|n| Some((n.id.clone(), Point { x: n.x?, y: n.y? })))
            .collect();
        DraggingNodes { pointer, base, pinned, grabbed, starts }
    }

    pub(in crate::editor) fn step(&self, editor: &mut Editor, at: ScreenPoint, update: &mut Update) {
        let now = editor.current_view().to_map(at);
        let (dx, dy) = (now.x - self.grabbed.x, now.y - self.grabbed.y);
        let positions = self.starts.iter().map(|(id, p)| (id.clone(), Point { x: p.x + dx, y: p.y + dy })).collect();
        let document = match edit::apply(&self.pinned, &Edit::Move(positions)) {
            Ok(Some(edited)) => edited.document,
            // Back at the start: the pinned base itself.
            Ok(None) => self.pinned.document().clone(),
            Err(_) => return,
        };
        let revision = editor.next_revision();
        editor.snapshot = self.base.next(document, revision, Scope::POSITIONS);
        update.mark(Part::Document);
    }

    pub(super) fn end(self, editor: &mut Editor, end: End, update: &mut Update) {
        if editor.snapshot.same(&self.base) {
            return;
        }
        match end {
            End::Cancel => {
                editor.snapshot = self.base;
                update.mark(Part::Document);
            }
            End::Commit => {
                editor.history.record(self.base);
                editor.after_committed_change(false, update);
            }
        }
    }
}
