//! The view: fit, zoom buttons, the viewport's size, and the helpers the
//! interactions use to move it.

use crate::editor::effect::Effect;
use crate::editor::session::Session;
use crate::editor::state::Viewport;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{Point, ScreenPoint, View};
use crate::model::NodeId;

/// The smallest scale at which the map's labels read at about 10 px: they
/// are 13 px at 100 % and magnified at most 2.6 times when zoomed out
/// (`label_zoom` in `ui/components/map`).
const READABLE_SCALE: f64 = 0.3;
/// How much of the map a readable view must show to be preferred to the whole.
const MOSTLY: f64 = 2.0 / 3.0;

impl Editor {
    /// The view a gesture in progress moved to, when moving it is all that
    /// `update` did. The map keeps its detail for the gesture's start view
    /// until the gesture ends, so such a step changes only where the map's
    /// layers are on screen: the app shows it without rendering again.
    pub fn moved_by_gesture(&self, update: &Update) -> Option<View> {
        (update.changed_only(Part::View) && self.interaction.start_view().is_some()).then_some(self.view).flatten()
    }

    /// The view on screen (the default one until the map is fitted).
    pub(in crate::editor) fn current_view(&self) -> View {
        self.view.unwrap_or_default()
    }

    pub(in crate::editor) fn set_view(&mut self, view: View, update: &mut Update) {
        if self.view != Some(view) {
            self.view = Some(view);
            update.mark(Part::View);
        }
    }

    /// Stores the view with the user's own work.
    pub(in crate::editor) fn save_view(&self, update: &mut Update) {
        if let (Session::Own, Some(view)) = (&self.session, self.view) {
            update.effect(Effect::SaveView(view));
        }
    }

    /// The view that shows the whole map in the viewport, if it is known.
    /// On a small screen (a phone) that can make every label unreadable;
    /// when a readable view still shows most of the map (two thirds of its
    /// width and of its height), that view, on the map's centre, is used
    /// instead and the rest is a pan away. (Not in the embed: a picture in
    /// someone's page shows the whole map in its frame.)
    fn fitted(&self) -> Option<View> {
        let viewport = self.viewport?;
        let layout = self.snapshot.layout();
        let whole = View::fit(layout.width, layout.height, viewport.width, viewport.height);
        let scale = READABLE_SCALE;
        let mostly_shown = viewport.width >= MOSTLY * layout.width * scale && viewport.height >= MOSTLY * layout.height * scale;
        if whole.scale >= scale || !mostly_shown || self.is_embed() {
            return Some(whole);
        }
        // Centred; or from the top (the features) when the map is taller than the screen.
        let height = layout.height * scale;
        let y = if height <= viewport.height { (viewport.height - height) / 2.0 } else { 0.0 };
        Some(View { x: (viewport.width - layout.width * scale) / 2.0, y, scale })
    }

    /// After a load: fit once the viewport is known, and keep that view (so
    /// a reload shows this map, not the view of the one before).
    pub(super) fn refit(&mut self, update: &mut Update) {
        match self.fitted() {
            Some(view) => {
                self.set_view(view, update);
                self.save_view(update);
            }
            None => {
                self.view = None;
                update.mark(Part::View);
            }
        }
    }

    pub(super) fn fit(&mut self, update: &mut Update) {
        self.refit(update);
    }

    pub(super) fn zoom_by(&mut self, factor: f64, update: &mut Update) {
        let Some(viewport) = self.viewport else { return };
        let centre = ScreenPoint { x: viewport.width / 2.0, y: viewport.height / 2.0 };
        self.set_view(self.current_view().zoomed(factor, centre), update);
        self.save_view(update);
    }

    pub(super) fn resize(&mut self, width: f64, height: f64, update: &mut Update) {
        let viewport = Viewport { width, height };
        if !(width > 0.0 && height > 0.0) || self.viewport == Some(viewport) {
            return;
        }
        let first = self.viewport.replace(viewport).is_none();
        // The map reads the viewport (what is in view on a big map): a
        // change re-renders it even when the view itself stays, and even
        // during a gesture (see `moved_by_gesture`).
        update.mark(Part::Viewport);
        // A view kept from an earlier visit may have been made for another
        // window, or another map: when it shows none of the map, fit.
        if self.view.is_none() || (first && !self.shows_map()) {
            self.refit(update);
        }
    }

    /// Whether any of the map's drawing is on screen in the current view.
    fn shows_map(&self) -> bool {
        let (Some(viewport), Some(view)) = (self.viewport, self.view) else { return false };
        let layout = self.snapshot.layout();
        let (top_left, bottom_right) = (view.to_screen(Point::default()), view.to_screen(Point { x: layout.width, y: layout.height }));
        top_left.x < viewport.width && bottom_right.x > 0.0 && top_left.y < viewport.height && bottom_right.y > 0.0
    }

    /// Pans so that `id`'s centre is on screen, if it is not.
    pub(in crate::editor) fn bring_into_view(&mut self, id: &NodeId, update: &mut Update) {
        let (Some(viewport), Some(view)) = (self.viewport, self.view) else { return };
        let Some(index) = self.document().graph().index_of(id) else { return };
        let centre = self.snapshot.layout().positions[index as usize];
        let at = view.to_screen(centre);
        let visible = (0.0..=viewport.width).contains(&at.x) && (0.0..=viewport.height).contains(&at.y);
        if !visible {
            let panned = view.panned(viewport.width / 2.0 - at.x, viewport.height / 2.0 - at.y);
            self.set_view(panned, update);
            self.save_view(update);
        }
    }
}
