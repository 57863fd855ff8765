//! A pointer went down and has not moved beyond [`CLICK_SLOP`] yet: on
//! release it is a click; once it moves it becomes a pan, a node drag, a
//! connection or a box selection, by mode, target and shift.

use super::{BoxSelecting, Connecting, DraggingNodes, Interaction, Panning, Target, CLICK_SLOP};
use crate::editor::state::Mode;
use crate::editor::update::Update;
use crate::editor::Editor;
use crate::layout::ScreenPoint;

#[derive(Clone, Debug)]
pub struct Pointing {
    pub pointer: i32,
    pub start: ScreenPoint,
    pub target: Target,
    pub shift: bool,
}

impl Pointing {
    /// Whether `at` is far enough from the start to be a drag.
    pub fn moved_beyond_slop(&self, at: ScreenPoint) -> bool {
        (at.x - self.start.x).hypot(at.y - self.start.y) > CLICK_SLOP
    }

    /// The interaction this press becomes once it moves.
    pub(in crate::editor) fn into_drag(self, editor: &Editor) -> Interaction {
        let edit = editor.mode() == Mode::Edit;
        let grabbed = editor.current_view().to_map(self.start);
        match self.target {
            Target::Handle(from) if edit => Interaction::Connecting(Connecting { pointer: self.pointer, from, start: grabbed, current: grabbed }),
            Target::Node(node) if edit && !self.shift => Interaction::DraggingNodes(DraggingNodes::begin(editor, self.pointer, node, grabbed)),
            _ if edit && self.shift => Interaction::BoxSelecting(BoxSelecting { pointer: self.pointer, start: grabbed, current: grabbed }),
            _ => Interaction::Panning(Panning::new(self.pointer, self.start, editor.current_view())),
        }
    }

    /// Released without moving: a click on the target.
    pub(in crate::editor) fn click(self, editor: &mut Editor, update: &mut Update) {
        match self.target {
            Target::Node(node) => editor.activate(node, self.shift, update),
            Target::Handle(_) => {}
            Target::Background => editor.select(None, update),
        }
    }
}
