//! Pointer input on the map, routed to the interaction in progress (see
//! `interaction/`), and hit-testing: what is under a screen point, from the
//! layout the map is drawn with. O(n) per press, nothing per move.

use crate::editor::action::PointerInput;
use crate::editor::interaction::{End, Interaction, Panning, Pinching, Pointing, Target, Zooming};
use crate::editor::state::Mode;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{handle_centre, node_box_contains, ScreenPoint, HANDLE_RADIUS};

/// The handle is small: a pointer this many screen pixels off still hits it.
const HANDLE_SLOP: f64 = 4.0;

impl Editor {
    pub(super) fn pointer(&mut self, input: PointerInput, update: &mut Update) {
        match input {
            PointerInput::Down { pointer, at, shift } => self.pointer_down(pointer, at, shift, update),
            PointerInput::Move { pointer, at } => self.pointer_move(pointer, at, update),
            PointerInput::Up { pointer, at } => self.pointer_up(pointer, at, update),
            PointerInput::Cancel { pointer } => {
                if self.holds(pointer) {
                    self.end_interaction(End::Cancel, update);
                }
            }
            PointerInput::Wheel { at, delta } => self.wheel(at, delta, update),
            PointerInput::WheelSettled { generation } => {
                if matches!(&self.interaction, Interaction::Zooming(z) if z.generation == generation) {
                    self.end_interaction(End::Commit, update);
                }
            }
            PointerInput::DoubleClick { at } => {
                if self.interaction.is_idle() && self.mode() == Mode::Edit && self.hit(at) == Target::Background {
                    let point = self.current_view().to_map(at);
                    self.add_node(Some(point), update);
                }
            }
        }
    }

    /// Whether `pointer` drives the interaction in progress.
    fn holds(&self, pointer: i32) -> bool {
        match &self.interaction {
            Interaction::Idle | Interaction::Zooming(_) => false,
            Interaction::Pointing(p) => p.pointer == pointer,
            Interaction::Panning(p) => p.pointer == pointer,
            Interaction::Pinching(p) => p.holds(pointer),
            Interaction::DraggingNodes(d) => d.pointer == pointer,
            Interaction::Connecting(c) => c.pointer == pointer,
            Interaction::BoxSelecting(b) => b.pointer == pointer,
        }
    }

    fn pointer_down(&mut self, pointer: i32, at: ScreenPoint, shift: bool, update: &mut Update) {
        let second = match &self.interaction {
            Interaction::Idle => None,
            Interaction::Zooming(_) => {
                self.end_interaction(End::Commit, update);
                None
            }
            // A second finger on the map: pinch from where both are now.
            Interaction::Pointing(Pointing { pointer: first, start, .. }) if *first != pointer => Some((*first, *start)),
            Interaction::Panning(panning) if panning.pointer != pointer => Some((panning.pointer, panning.at)),
            // Extra pointers while dragging, connecting or selecting are ignored.
            _ => return,
        };
        self.interaction = match second {
            Some(first) => Interaction::Pinching(Pinching::begin(first, (pointer, at), self.current_view())),
            None => Interaction::Pointing(Pointing { pointer, start: at, target: self.hit(at), shift }),
        };
        update.mark(Part::Interaction);
    }

    fn pointer_move(&mut self, pointer: i32, at: ScreenPoint, update: &mut Update) {
        if !self.holds(pointer) {
            return;
        }
        let interaction = std::mem::take(&mut self.interaction);
        self.interaction = match interaction {
            Interaction::Pointing(pointing) if !pointing.moved_beyond_slop(at) => Interaction::Pointing(pointing),
            Interaction::Pointing(pointing) => {
                update.mark(Part::Interaction);
                let started = pointing.into_drag(self);
                self.interaction = started;
                return self.pointer_move(pointer, at, update);
            }
            Interaction::Panning(mut panning) => {
                panning.step(self, at, update);
                Interaction::Panning(panning)
            }
            Interaction::Pinching(mut pinching) => {
                pinching.step(self, pointer, at, update);
                Interaction::Pinching(pinching)
            }
            Interaction::DraggingNodes(dragging) => {
                dragging.step(self, at, update);
                Interaction::DraggingNodes(dragging)
            }
            Interaction::Connecting(mut connecting) => {
                connecting.step(self, at, update);
                Interaction::Connecting(connecting)
            }
            Interaction::BoxSelecting(mut selecting) => {
                selecting.step(self, at, update);
                Interaction::BoxSelecting(selecting)
            }
            other => other,
        };
    }

    fn pointer_up(&mut self, pointer: i32, at: ScreenPoint, update: &mut Update) {
        if !self.holds(pointer) {
            return;
        }
        update.mark(Part::Interaction);
        match std::mem::take(&mut self.interaction) {
            Interaction::Pointing(pointing) => pointing.click(self, update),
            Interaction::Pinching(pinching) => {
                // One finger left: go on panning with it from where it is.
                let (other, from) = pinching.other(pointer);
                self.interaction = Interaction::Pinching(pinching);
                self.end_interaction(End::Commit, update);
                let start_view = self.current_view();
                self.interaction = Interaction::Panning(Panning::new(other, from, start_view));
            }
            Interaction::Connecting(connecting) => connecting.release(self, at, update),
            Interaction::BoxSelecting(selecting) => selecting.release(self, at, update),
            finished => {
                self.interaction = finished;
                self.end_interaction(End::Commit, update);
            }
        }
    }

    fn wheel(&mut self, at: ScreenPoint, delta: f64, update: &mut Update) {
        let start_view = match &self.interaction {
            Interaction::Idle => self.current_view(),
            Interaction::Zooming(zooming) => zooming.start_view,
            // The wheel during a drag is part of it, and does nothing.
            _ => return,
        };
        if self.interaction.is_idle() {
            update.mark(Part::Interaction);
        }
        // A later step only moves the view (its generation is the editor's
        // own bookkeeping): see `Editor::moved_by_gesture`.
        self.interaction = Interaction::Zooming(Zooming::step(self, start_view, at, delta, update));
    }

    /// What is under a screen point: a selected node's connect handle (edit
    /// mode), else the topmost node, else the background.
    pub(in crate::editor) fn hit(&self, at: ScreenPoint) -> Target {
        let point = self.current_view().to_map(at);
        let layout = self.snapshot.layout();
        let graph = self.document().graph();
        if self.mode() == Mode::Edit {
            for id in &self.selection {
                let Some(index) = graph.index_of(id) else { continue };
                let handle = handle_centre(layout.positions[index as usize]);
                if (handle.x - point.x).hypot(handle.y - point.y) <= HANDLE_RADIUS + HANDLE_SLOP / self.current_view().scale {
                    return Target::Handle(id.clone());
                }
            }
        }
        // Later nodes are drawn on top.
        match layout.positions.iter().rposition(|&centre| node_box_contains(centre, point)) {
            Some(index) => Target::Node(graph.id(index as u32).clone()),
            None => Target::Background,
        }
    }
}
