//! Interactions are state. A pointer gesture on the map (a click, a pan, a
//! pinch, a wheel zoom, dragging nodes, connecting two nodes, box-selecting)
//! is one [`Interaction`] held by the editor, fed pointer input in screen
//! points, and ended in exactly one of two ways:
//!
//! - **commit** when it completes, or when any action that is not part of it
//!   arrives (a key, a button, a menu): what it did so far stays, as one undo
//!   step for a drag;
//! - **cancel** on Escape or when the browser takes the pointer away: back to
//!   exactly the document (and view) it started from.
//!
//! Nothing outside the editor holds a half-finished gesture, so no stale
//! base can survive it. Each interaction lives in a file of its own with its
//! transitions; `reduce/pointer.rs` routes pointer input to them.

mod box_select;
mod connecting;
mod dragging;
mod panning;
mod pinching;
mod pointing;
mod zooming;

pub use box_select::BoxSelecting;
pub use connecting::Connecting;
pub use dragging::DraggingNodes;
pub use panning::Panning;
pub use pinching::Pinching;
pub use pointing::Pointing;
pub use zooming::Zooming;

use super::update::{Part, Update};
use super::Editor;
use crate::layout::Point;
use crate::model::NodeId;

/// How far (in screen pixels) a pointer may travel and still make a click.
pub const CLICK_SLOP: f64 = 4.0;

/// What is under a pointer.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Background,
    Node(NodeId),
    /// The connect handle under a selected node (edit mode).
    Handle(NodeId),
}

/// The pointer gesture in progress.
#[derive(Clone, Debug, Default)]
pub enum Interaction {
    #[default]
    Idle,
    Pointing(Pointing),
    Panning(Panning),
    Pinching(Pinching),
    Zooming(Zooming),
    DraggingNodes(DraggingNodes),
    Connecting(Connecting),
    BoxSelecting(BoxSelecting),
}

/// What the map draws over itself while connecting or box-selecting (map coordinates).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Guide {
    Line { from: Point, to: Point },
    Rect { from: Point, to: Point },
}

/// How an interaction ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum End {
    Commit,
    Cancel,
}

impl Interaction {
    pub fn is_idle(&self) -> bool {
        matches!(self, Interaction::Idle)
    }

    /// The view is moving (pan, pinch, wheel): the map may postpone detail.
    pub fn moves_view(&self) -> bool {
        matches!(self, Interaction::Panning(_) | Interaction::Pinching(_) | Interaction::Zooming(_))
    }

    /// The view when the view started moving (the map keeps its label
    /// detail until the gesture ends).
    pub fn start_view(&self) -> Option<crate::layout::View> {
        match self {
            Interaction::Panning(p) => Some(p.start_view),
            Interaction::Pinching(p) => Some(p.start_view),
            Interaction::Zooming(z) => Some(z.start_view),
            _ => None,
        }
    }

    pub fn guide(&self) -> Option<Guide> {
        match self {
            Interaction::Connecting(c) => Some(Guide::Line { from: c.start, to: c.current }),
            Interaction::BoxSelecting(b) => Some(Guide::Rect { from: b.start, to: b.current }),
            _ => None,
        }
    }

    /// A name for tests and for the map's `data-interaction` attribute.
    pub fn name(&self) -> &'static str {
        match self {
            Interaction::Idle => "idle",
            Interaction::Pointing(_) => "pointing",
            Interaction::Panning(_) => "panning",
            Interaction::Pinching(_) => "pinching",
            Interaction::Zooming(_) => "zooming",
            Interaction::DraggingNodes(_) => "dragging",
            Interaction::Connecting(_) => "connecting",
            Interaction::BoxSelecting(_) => "box-selecting",
        }
    }
}

impl Editor {
    /// Ends the interaction in progress (see the module docs).
    pub(super) fn end_interaction(&mut self, end: End, update: &mut Update) {
        let interaction = std::mem::take(&mut self.interaction);
        if interaction.is_idle() {
            return;
        }
        update.mark(Part::Interaction);
        match interaction {
            // Neither a click nor a drag yet: nothing happened.
            Interaction::Idle | Interaction::Pointing(_) => {}
            Interaction::Panning(panning) => panning.end(self, end, update),
            Interaction::Pinching(pinching) => pinching.end(self, end, update),
            Interaction::Zooming(zooming) => zooming.end(self, end, update),
            Interaction::DraggingNodes(dragging) => dragging.end(self, end, update),
            // Nothing changes before the pointer is released over a target.
            Interaction::Connecting(_) | Interaction::BoxSelecting(_) => {}
        }
    }
}
