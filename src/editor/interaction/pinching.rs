//! Two fingers on the map: the view zooms by the change of their distance,
//! around their midpoint, and follows the midpoint.

use super::End;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{ScreenPoint, View};

#[derive(Clone, Debug)]
pub struct Pinching {
    /// The two pointers and where they are now.
    pub pointers: [(i32, ScreenPoint); 2],
    pub start_distance: f64,
    pub start_mid: ScreenPoint,
    pub start_view: View,
}

fn distance_and_mid(a: ScreenPoint, b: ScreenPoint) -> (f64, ScreenPoint) {
    ((a.x - b.x).hypot(a.y - b.y).max(1.0), ScreenPoint { x: (a.x + b.x) / 2.0, y: (a.y + b.y) / 2.0 })
}

impl Pinching {
    pub fn begin(first: (i32, ScreenPoint), second: (i32, ScreenPoint), view: View) -> Pinching {
        let (start_distance, start_mid) = distance_and_mid(first.1, second.1);
        Pinching { pointers: [first, second], start_distance, start_mid, start_view: view }
    }

    pub fn holds(&self, pointer: i32) -> bool {
        self.pointers.iter().any(|(id, _)| *id == pointer)
    }

    /// The other finger, when `pointer` lifts.
    pub fn other(&self, pointer: i32) -> (i32, ScreenPoint) {
        if self.pointers[0].0 == pointer {
            self.pointers[1]
        } else {
            self.pointers[0]
        }
    }

    pub(in crate::editor) fn step(&mut self, editor: &mut Editor, pointer: i32, at: ScreenPoint, update: &mut Update) {
        for (id, point) in &mut self.pointers {
            if *id == pointer {
                *point = at;
            }
        }
        let (distance, mid) = distance_and_mid(self.pointers[0].1, self.pointers[1].1);
        let zoomed = self.start_view.zoomed(distance / self.start_distance, self.start_mid);
        editor.set_view(zoomed.panned(mid.x - self.start_mid.x, mid.y - self.start_mid.y), update);
    }

    pub(super) fn end(self, editor: &mut Editor, end: End, update: &mut Update) {
        if end == End::Cancel {
            editor.set_view(self.start_view, update);
        }
        update.mark(Part::View);
        editor.save_view(update);
    }
}
