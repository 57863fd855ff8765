//! The search box and the focus (see `editor/finding.rs`): typing finds
//! nodes in the snapshot's memoised index, O(labels) a key; picking one
//! selects it and brings it into view; the focus is a node and a direction.

use crate::analysis::FocusDirection;
use crate::editor::finding::{Focus, SearchBox, SEARCH_HITS};
use crate::editor::state::Panel;
use crate::editor::update::{Part, Update};
use crate::editor::Editor;
use crate::layout::{View, NODE_HEIGHT, NODE_WIDTH};
use crate::model::NodeId;

/// A node brought into view is shown at least this large (labels read well from here on).
const READABLE_SCALE: f64 = 0.8;

impl Editor {
    pub(super) fn open_search(&mut self, update: &mut Update) {
        if self.search.is_none() {
            self.search = Some(SearchBox::default());
            update.mark(Part::Search);
        }
    }

    pub(super) fn close_search(&mut self, update: &mut Update) {
        if self.search.take().is_some() {
            update.mark(Part::Search);
        }
    }

    pub(super) fn search_input(&mut self, query: String, update: &mut Update) {
        if self.search.as_ref().is_none_or(|search| search.query == query) {
            return;
        }
        let hits = self.find(&query);
        self.search = Some(SearchBox { query, hits, cursor: 0 });
        update.mark(Part::Search);
    }

    /// The ids of the best hits for `query`.
    fn find(&self, query: &str) -> Vec<NodeId> {
        let graph = self.document().graph();
        self.snapshot.search().find(query, SEARCH_HITS).into_iter().map(|hit| graph.id(hit.node).clone()).collect()
    }

    /// Moves the cursor, wrapping around at either end.
    pub(super) fn search_move(&mut self, delta: i32, update: &mut Update) {
        let Some(search) = &mut self.search else { return };
        let count = search.hits.len() as i64;
        if count < 2 {
            return;
        }
        search.cursor = (search.cursor as i64 + i64::from(delta)).rem_euclid(count) as usize;
        update.mark(Part::Search);
    }

    /// Selects a hit, shows it (on the Risks tab, which describes the
    /// selected node) and closes the box. Without a hit the box stays open.
    pub(super) fn search_pick(&mut self, index: Option<usize>, update: &mut Update) {
        let Some(search) = &self.search else { return };
        let Some(id) = index.map_or(search.current(), |i| search.hits.get(i)).cloned() else { return };
        self.close_search(update);
        self.select(Some(id.clone()), update);
        self.show_panel(Panel::Risks, update);
        self.reveal(&id, update);
    }

    /// Centres `id` at a readable size, unless it is already wholly on
    /// screen at that size or larger.
    fn reveal(&mut self, id: &NodeId, update: &mut Update) {
        let (Some(viewport), Some(view)) = (self.viewport, self.view) else { return };
        let Some(index) = self.document().graph().index_of(id) else { return };
        let centre = self.snapshot.layout().positions[index as usize];
        let at = view.to_screen(centre);
        let (half_width, half_height) = (NODE_WIDTH * view.scale / 2.0, NODE_HEIGHT * view.scale / 2.0);
        let on_screen = at.x - half_width >= 0.0
            && at.x + half_width <= viewport.width
            && at.y - half_height >= 0.0
            && at.y + half_height <= viewport.height;
        if on_screen && view.scale >= READABLE_SCALE {
            return;
        }
        let scale = view.scale.clamp(READABLE_SCALE, View::MAX_SCALE);
        let revealed = View { x: viewport.width / 2.0 - centre.x * scale, y: viewport.height / 2.0 - centre.y * scale, scale };
        self.set_view(revealed, update);
        self.save_view(update);
    }

    /// Focus on the selected node in `direction`, or leave that very focus.
    pub(super) fn toggle_focus(&mut self, direction: FocusDirection, update: &mut Update) {
        let Some(node) = self.selected().cloned() else { return };
        let wanted = Focus { node, direction };
        self.focus = if self.focus.as_ref() == Some(&wanted) { None } else { Some(wanted) };
        update.mark(Part::Focus);
    }

    pub(super) fn leave_focus(&mut self, update: &mut Update) {
        if self.focus.take().is_some() {
            update.mark(Part::Focus);
        }
    }

    /// After the document changed: a focus on a node that is gone ends, and
    /// the search box finds again in the new labels.
    pub(in crate::editor) fn refresh_finding(&mut self, update: &mut Update) {
        if self.focus.as_ref().is_some_and(|focus| !self.has_node(&focus.node)) {
            self.leave_focus(update);
        }
        if let Some(search) = &self.search {
            let hits = self.find(&search.query);
            if hits != search.hits {
                let cursor = search.cursor.min(hits.len().saturating_sub(1));
                self.search = Some(SearchBox { query: search.query.clone(), hits, cursor });
                update.mark(Part::Search);
            }
        }
    }
}
