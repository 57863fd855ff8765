//! Shift-dragging a box (edit mode): on release, the nodes whose centres are
//! inside become the selection. O(n) on release.

use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{Point, ScreenPoint};

#[derive(Clone, Debug)]
pub struct BoxSelecting {
    pub pointer: i32,
    pub start: Point,
    pub current: Point,
}

impl BoxSelecting {
    pub(in crate::editor) fn step(&mut self, editor: &Editor, at: ScreenPoint, update: &mut Update) {
        self.current = editor.current_view().to_map(at);
        update.mark(Part::Interaction);
    }

    pub(in crate::editor) fn release(mut self, editor: &mut Editor, at: ScreenPoint, update: &mut Update) {
        self.current = editor.current_view().to_map(at);
        let (left, right) = (self.start.x.min(self.current.x), self.start.x.max(self.current.x));
        let (top, bottom) = (self.start.y.min(self.current.y), self.start.y.max(self.current.y));
        let layout = editor.snapshot.layout();
        let inside = editor
            .document()
            .nodes
            .iter()
            .zip(&layout.positions)
            .filter(|(_, p)| (left..=right).contains(&p.x) && (top..=bottom).contains(&p.y))
            .map(|(n, _)| n.id.clone())
            .collect();
        editor.select_many(inside, update);
    }
}
