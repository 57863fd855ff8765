//! What one action did: which parts of the state changed, and the effects
//! the outside world must perform. An action that changed nothing and asks
//! for nothing is a no-op, detected where it happens (never by comparing
//! whole states), so the app re-renders nothing for it.

use super::effect::Effect;

/// A part of the editor state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Part {
    Document = 1,
    Failures = 1 << 1,
    Selection = 1 << 2,
    View = 1 << 3,
    Mode = 1 << 4,
    Interaction = 1 << 5,
    Dialog = 1 << 6,
    Message = 1 << 7,
    Session = 1 << 8,
    Storage = 1 << 9,
    Settings = 1 << 10,
    Panel = 1 << 11,
    Search = 1 << 12,
    Focus = 1 << 13,
    /// The recovery view's time control.
    Recovery = 1 << 14,
    /// The comparison (its version, or none).
    Comparison = 1 << 15,
    /// The risk analysis in progress, its results, or the fix previewed.
    Risk = 1 << 16,
    /// The map's size on screen.
    Viewport = 1 << 17,
}

/// The result of `Editor::apply`.
#[derive(Debug, Default)]
pub struct Update {
    changed: u32,
    pub effects: Vec<Effect>,
}

impl Update {
    pub(super) fn mark(&mut self, part: Part) {
        self.changed |= part as u32;
    }

    /// Asks for `effect`. An autosave replaces any earlier one of the same
    /// action: an action that first commits a gesture and then edits (Delete
    /// in the middle of a drag) must store only the document it ends with.
    pub(super) fn effect(&mut self, effect: Effect) {
        if matches!(effect, Effect::Autosave { .. }) {
            self.effects.retain(|earlier| !matches!(earlier, Effect::Autosave { .. }));
        }
        self.effects.push(effect);
    }

    /// Whether `part` of the state changed.
    pub fn changed(&self, part: Part) -> bool {
        self.changed & part as u32 != 0
    }

    /// Whether `part` changed and nothing else did.
    pub fn changed_only(&self, part: Part) -> bool {
        self.changed == part as u32
    }

    /// Whether any part of the state changed.
    pub fn changed_anything(&self) -> bool {
        self.changed != 0
    }

    /// Nothing changed and nothing is to be done.
    pub fn is_noop(&self) -> bool {
        self.changed == 0 && self.effects.is_empty()
    }
}
