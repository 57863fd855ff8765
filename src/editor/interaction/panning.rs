//! Dragging the map: the view follows the pointer.

use super::End;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{ScreenPoint, View};

#[derive(Clone, Debug)]
pub struct Panning {
    pub pointer: i32,
    pub start: ScreenPoint,
    pub start_view: View,
    /// Where the pointer is now.
    pub at: ScreenPoint,
}

impl Panning {
    pub fn new(pointer: i32, start: ScreenPoint, start_view: View) -> Panning {
        Panning { pointer, start, start_view, at: start }
    }

    pub(in crate::editor) fn step(&mut self, editor: &mut Editor, at: ScreenPoint, update: &mut Update) {
        self.at = at;
        editor.set_view(self.start_view.panned(at.x - self.start.x, at.y - self.start.y), update);
    }

    pub(super) fn end(self, editor: &mut Editor, end: End, update: &mut Update) {
        if end == End::Cancel {
            editor.set_view(self.start_view, update);
        }
        update.mark(Part::View);
        editor.save_view(update);
    }
}
