//! The overview (the big map's minimap): a click there centres the view on
//! that point of the map at the same zoom.

use crate::editor::update::Update;
use crate::editor::Editor;
use crate::layout::{Point, View};

impl Editor {
    /// Puts `point` in the middle of the viewport, keeping the zoom. Does
    /// nothing before the map has a size and a view, or for a point that is
    /// not a number.
    pub(in crate::editor) fn centre_on(&mut self, point: Point, update: &mut Update) {
        let (Some(viewport), Some(view)) = (self.viewport, self.view) else { return };
        let centred = View::checked(viewport.width / 2.0 - point.x * view.scale, viewport.height / 2.0 - point.y * view.scale, view.scale);
        if let Some(centred) = centred {
            self.set_view(centred, update);
            self.save_view(update);
        }
    }
}
