//! Wheel zoom: each wheel step zooms around the pointer; the zoom ends when
//! the wheel has been still for [`SETTLE_MS`] (an `Effect::After` brings
//! `WheelSettled` back), so the map can keep its level of detail until then.

use super::End;
use crate::editor::action::{Action, PointerInput};
use crate::editor::effect::Effect;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{ScreenPoint, View};

/// How long the wheel must be still for the zoom to end.
pub const SETTLE_MS: u32 = 200;

#[derive(Clone, Debug)]
pub struct Zooming {
    pub start_view: View,
    pub generation: u32,
}

impl Zooming {
    /// One wheel step of `delta` pixels at `at` (positive: zoom out).
    pub(in crate::editor) fn step(editor: &mut Editor, start_view: View, at: ScreenPoint, delta: f64, update: &mut Update) -> Zooming {
        editor.wheel_generation = editor.wheel_generation.wrapping_add(1);
        let generation = editor.wheel_generation;
        let view = editor.current_view().zoomed((-delta * 0.0015).exp(), at);
        editor.set_view(view, update);
        update.effect(Effect::After {
            delay_ms: SETTLE_MS,
            action: Box::new(Action::Pointer(PointerInput::WheelSettled { generation })),
        });
        Zooming { start_view, generation }
    }

    pub(super) fn end(self, editor: &mut Editor, end: End, update: &mut Update) {
        if end == End::Cancel {
            editor.set_view(self.start_view, update);
        }
        update.mark(Part::View);
        editor.save_view(update);
    }
}
