//! The app's state and the one place it changes: a pure reducer over an
//! [`Action`] enum. It knows nothing of the browser, so it is tested natively;
//! the Yew store in `ui` is a thin wrapper around [`EditorState::apply`].
//!
//! Undo and redo keep snapshots of the document (cheap: `Rc`). Only document
//! changes are recorded; failures, selection, mode and viewport are not.

use crate::model::{Document, NodeId};
use std::collections::BTreeSet;
use std::rc::Rc;

/// How many document snapshots undo keeps.
pub const HISTORY_LIMIT: usize = 200;

/// What a click on a node does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// A click fails a node, a second click restores it.
    #[default]
    Simulate,
    /// A click selects a node.
    Edit,
}

/// Pan and zoom of the map: screen = map · scale + offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub x: f64,
    pub y: f64,
    pub scale: f64,
}

impl Default for View {
    fn default() -> Self {
        View { x: 0.0, y: 0.0, scale: 1.0 }
    }
}

impl View {
    pub const MIN_SCALE: f64 = 0.05;
    pub const MAX_SCALE: f64 = 4.0;

    /// Zooms by `factor` keeping the screen point (`at_x`, `at_y`) still.
    pub fn zoomed(self, factor: f64, at_x: f64, at_y: f64) -> View {
        let scale = (self.scale * factor).clamp(Self::MIN_SCALE, Self::MAX_SCALE);
        let applied = scale / self.scale;
        View {
            x: at_x - (at_x - self.x) * applied,
            y: at_y - (at_y - self.y) * applied,
            scale,
        }
    }

    /// The view that shows a `width` × `height` map whole, centred in a
    /// `screen_width` × `screen_height` viewport, never magnified past 1.
    pub fn fit(width: f64, height: f64, screen_width: f64, screen_height: f64) -> View {
        if width <= 0.0 || height <= 0.0 || screen_width <= 0.0 || screen_height <= 0.0 {
            return View::default();
        }
        let scale = (screen_width / width).min(screen_height / height).clamp(Self::MIN_SCALE, 1.0);
        View {
            x: (screen_width - width * scale) / 2.0,
            y: (screen_height - height * scale) / 2.0,
            scale,
        }
    }
}

/// Every change the app can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the document (open a file, pick an example, New). Undoable;
    /// failures and selection are cleared.
    Load(Rc<Document>),
    /// Fail a node, or restore it when it has already failed.
    ToggleFailure(NodeId),
    /// Replace the failure set (a stored scenario).
    SetFailures(Vec<NodeId>),
    ResetFailures,
    SetMode(Mode),
    Select(Option<NodeId>),
    SetView(View),
    Undo,
    Redo,
    /// Show a message in the error banner; the document is untouched.
    ShowError(String),
    DismissError,
}

/// The whole app state.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct EditorState {
    pub document: Rc<Document>,
    /// Increases with every document change, so derived data can be memoised on it.
    pub revision: u64,
    pub failed: BTreeSet<NodeId>,
    pub mode: Mode,
    pub selected: Option<NodeId>,
    pub view: View,
    pub error: Option<String>,
    past: Vec<Rc<Document>>,
    future: Vec<Rc<Document>>,
}

impl EditorState {
    pub fn new(document: Rc<Document>) -> Self {
        EditorState {
            document,
            ..EditorState::default()
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// The state after `action`, or `None` when nothing changes (so the UI
    /// re-renders nothing).
    pub fn apply(&self, action: Action) -> Option<EditorState> {
        let mut next = self.clone();
        match action {
            Action::Load(document) => {
                next.commit(document);
                next.failed.clear();
                next.selected = None;
                next.error = None;
            }
            Action::ToggleFailure(id) => {
                self.document.node(&id)?;
                if !next.failed.remove(&id) {
                    next.failed.insert(id);
                }
            }
            Action::SetFailures(ids) => {
                next.failed = ids.into_iter().filter(|id| self.document.node(id).is_some()).collect();
            }
            Action::ResetFailures => next.failed.clear(),
            Action::SetMode(mode) => next.mode = mode,
            Action::Select(id) => next.selected = id.filter(|id| self.document.node(id).is_some()),
            Action::SetView(view) => next.view = view,
            Action::Undo => {
                let previous = next.past.pop()?;
                let current = std::mem::replace(&mut next.document, previous);
                next.future.push(current);
                next.revision += 1;
                next.forget_missing();
            }
            Action::Redo => {
                let following = next.future.pop()?;
                let current = std::mem::replace(&mut next.document, following);
                next.past.push(current);
                next.revision += 1;
                next.forget_missing();
            }
            Action::ShowError(message) => next.error = Some(message),
            Action::DismissError => next.error = None,
        }
        (next != *self).then_some(next)
    }

    /// Records a new document version as one undo step.
    fn commit(&mut self, document: Rc<Document>) {
        let previous = std::mem::replace(&mut self.document, document);
        self.past.push(previous);
        if self.past.len() > HISTORY_LIMIT {
            self.past.remove(0);
        }
        self.future.clear();
        self.revision += 1;
        self.forget_missing();
    }

    /// Failures and selection may name nodes an undo removed.
    fn forget_missing(&mut self) {
        let document = Rc::clone(&self.document);
        self.failed.retain(|id| document.node(id).is_some());
        if self.selected.as_ref().is_some_and(|id| document.node(id).is_none()) {
            self.selected = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Node};

    fn document(ids: &[&str]) -> Rc<Document> {
        Rc::new(Document {
            nodes: ids.iter().map(|id| Node::new(*id, Kind::Service)).collect(),
            ..Document::default()
        })
    }

    #[test]
    fn toggling_a_failure_twice_restores_the_node() {
        let state = EditorState::new(document(&["a", "b"]));
        let failed = state.apply(Action::ToggleFailure("a".into())).unwrap();
        assert!(failed.failed.contains(&NodeId::from("a")));
        let restored = failed.apply(Action::ToggleFailure("a".into())).unwrap();
        assert!(restored.failed.is_empty());
        assert!(state.apply(Action::ToggleFailure("ghost".into())).is_none());
    }

    #[test]
    fn scenarios_and_reset() {
        let state = EditorState::new(document(&["a", "b"]));
        let scenario = state.apply(Action::SetFailures(vec!["b".into(), "ghost".into()])).unwrap();
        assert_eq!(scenario.failed.iter().collect::<Vec<_>>(), vec![&NodeId::from("b")]);
        let reset = scenario.apply(Action::ResetFailures).unwrap();
        assert!(reset.failed.is_empty());
        assert!(reset.apply(Action::ResetFailures).is_none(), "a no-op changes nothing");
    }

    #[test]
    fn load_is_undoable_and_clears_failures() {
        let first = document(&["a"]);
        let second = document(&["b"]);
        let state = EditorState::new(Rc::clone(&first))
            .apply(Action::ToggleFailure("a".into()))
            .unwrap();
        let loaded = state.apply(Action::Load(Rc::clone(&second))).unwrap();
        assert!(Rc::ptr_eq(&loaded.document, &second));
        assert!(loaded.failed.is_empty());
        assert!(loaded.revision > state.revision);
        let undone = loaded.apply(Action::Undo).unwrap();
        assert!(Rc::ptr_eq(&undone.document, &first));
        assert!(undone.can_redo());
        let redone = undone.apply(Action::Redo).unwrap();
        assert!(Rc::ptr_eq(&redone.document, &second));
        assert!(redone.apply(Action::Redo).is_none());
    }

    #[test]
    fn history_records_documents_only_and_is_capped() {
        let mut state = EditorState::new(document(&["a"]));
        state = state.apply(Action::SetMode(Mode::Edit)).unwrap();
        state = state.apply(Action::Select(Some("a".into()))).unwrap();
        assert!(!state.can_undo(), "mode and selection are not undo steps");
        for _ in 0..HISTORY_LIMIT + 10 {
            state = state.apply(Action::Load(document(&["a"]))).unwrap();
        }
        assert_eq!(state.past.len(), HISTORY_LIMIT);
    }

    #[test]
    fn undo_forgets_failures_on_nodes_that_no_longer_exist() {
        let state = EditorState::new(document(&["a"]))
            .apply(Action::Load(document(&["a", "b"])))
            .unwrap()
            .apply(Action::ToggleFailure("b".into()))
            .unwrap()
            .apply(Action::Select(Some("b".into())))
            .unwrap();
        let undone = state.apply(Action::Undo).unwrap();
        assert!(undone.failed.is_empty());
        assert_eq!(undone.selected, None);
    }

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let view = View::default().zoomed(2.0, 100.0, 50.0);
        assert_eq!(view.scale, 2.0);
        // The map point under (100, 50) was (100, 50) and still is.
        assert_eq!(((100.0 - view.x) / view.scale, (50.0 - view.y) / view.scale), (100.0, 50.0));
        assert_eq!(View::default().zoomed(1000.0, 0.0, 0.0).scale, View::MAX_SCALE);
    }

    #[test]
    fn fit_shows_everything_centred() {
        let view = View::fit(2000.0, 500.0, 1000.0, 800.0);
        assert_eq!(view.scale, 0.5);
        assert_eq!(view.x, 0.0);
        assert_eq!(view.y, (800.0 - 250.0) / 2.0);
        assert_eq!(View::fit(100.0, 100.0, 1000.0, 800.0).scale, 1.0, "never magnified");
    }
}
