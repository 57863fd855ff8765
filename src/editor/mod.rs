//! The app's state and the one place it changes: a pure reducer over an
//! [`Action`] enum. It knows nothing of the browser, so it is tested natively;
//! the Yew store in `ui` is a thin wrapper around [`EditorState::apply`].
//!
//! Undo and redo keep snapshots of the document (cheap: `Rc`). Only document
//! changes are recorded; failures, selection, mode and viewport are not.

mod edit;

pub use edit::{apply as apply_edit, Edit, NodePatch};

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

pub use crate::layout::View;

/// Every change the app can make.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the document (open a file, pick an example, New). Undoable;
    /// failures and selection are cleared.
    Load(Rc<Document>),
    /// Change the document as one undo step. A change the model refuses
    /// shows its message and leaves the document as it was.
    Edit(Edit),
    /// A step of a gesture in progress (a drag): applied at once but recorded
    /// as one undo step only when the gesture ends.
    Preview(Edit),
    EndGesture,
    /// Escape during a gesture: back to where it started.
    CancelGesture,
    /// The Escape key: cancel a gesture, else close the help, else clear the selection.
    Escape,
    /// Fail a node, or restore it when it has already failed.
    ToggleFailure(NodeId),
    /// Replace the failure set (a stored scenario).
    SetFailures(Vec<NodeId>),
    ResetFailures,
    SetMode(Mode),
    /// Select one node (or nothing).
    Select(Option<NodeId>),
    /// Shift-click: add a node to the selection or take it out.
    ToggleSelect(NodeId),
    /// Box select: exactly these nodes.
    SelectMany(Vec<NodeId>),
    /// The Delete key: delete every selected node.
    DeleteSelection,
    /// The connect key: the first selected node depends on the second.
    ConnectSelection,
    SetView(View),
    /// Show the whole map (after the container is measured).
    RequestFit,
    ToggleHelp,
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
    /// Selected nodes in the order they were picked (for "connect": the
    /// first depends on the second).
    pub selection: Vec<NodeId>,
    /// `None` until the map has been fitted to its container.
    pub view: Option<View>,
    pub show_help: bool,
    pub error: Option<String>,
    past: Vec<Rc<Document>>,
    future: Vec<Rc<Document>>,
    /// The document before the gesture in progress.
    gesture_base: Option<Rc<Document>>,
}

impl EditorState {
    pub fn new(document: Rc<Document>) -> Self {
        EditorState {
            document,
            ..EditorState::default()
        }
    }

    /// The node picked last: the one the panels describe.
    pub fn selected(&self) -> Option<&NodeId> {
        self.selection.last()
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
                next.selection.clear();
                next.view = None;
                next.error = None;
            }
            Action::DeleteSelection => {
                if self.selection.is_empty() {
                    return None;
                }
                return self.apply(Action::Edit(Edit::Delete(self.selection.clone())));
            }
            Action::ConnectSelection => {
                let [dependent, dependency] = self.selection.as_slice() else {
                    let mut next = self.clone();
                    next.error = Some("Select exactly two nodes to connect: first the one that depends, then its dependency.".to_owned());
                    return Some(next);
                };
                return self.apply(Action::Edit(Edit::Connect {
                    dependent: dependent.clone(),
                    dependency: dependency.clone(),
                }));
            }
            Action::Edit(edit) => match apply_edit(&self.document, &edit) {
                // An edit that changes nothing (re-lay out a graph nobody placed) is no undo step.
                Ok(document) if document == *self.document => next.error = None,
                Ok(document) => {
                    next.commit(Rc::new(document));
                    next.error = None;
                }
                Err(message) => next.error = Some(message),
            },
            Action::Preview(edit) => match apply_edit(&self.document, &edit) {
                Ok(document) => {
                    if next.gesture_base.is_none() {
                        next.gesture_base = Some(Rc::clone(&self.document));
                    }
                    next.document = Rc::new(document);
                    next.revision += 1;
                }
                Err(message) => next.error = Some(message),
            },
            Action::EndGesture => {
                let base = next.gesture_base.take()?;
                if *base != *next.document {
                    let finished = std::mem::replace(&mut next.document, base);
                    next.commit(finished);
                }
            }
            Action::CancelGesture => {
                next.document = next.gesture_base.take()?;
                next.revision += 1;
            }
            Action::Escape => {
                if self.gesture_base.is_some() {
                    return self.apply(Action::CancelGesture);
                }
                if next.show_help {
                    next.show_help = false;
                } else {
                    next.selection.clear();
                }
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
            Action::Select(id) => {
                next.selection = id.filter(|id| self.document.node(id).is_some()).into_iter().collect();
            }
            Action::ToggleSelect(id) => {
                self.document.node(&id)?;
                match next.selection.iter().position(|s| *s == id) {
                    Some(at) => {
                        next.selection.remove(at);
                    }
                    None => next.selection.push(id),
                }
            }
            Action::SelectMany(ids) => {
                next.selection = ids.into_iter().filter(|id| self.document.node(id).is_some()).collect();
            }
            Action::SetView(view) => next.view = Some(view),
            Action::RequestFit => next.view = None,
            Action::ToggleHelp => next.show_help = !next.show_help,
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
        self.selection.retain(|id| document.node(id).is_some());
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
        assert_eq!(undone.selected(), None);
    }

    #[test]
    fn edits_are_undoable_and_refused_edits_change_nothing() {
        let state = EditorState::new(document(&["a", "b"]));
        let connected = state
            .apply(Action::Edit(Edit::Connect { dependent: "a".into(), dependency: "b".into() }))
            .unwrap();
        assert_eq!(connected.document.nodes[0].depends_on, vec![NodeId::from("b")]);
        let refused = connected
            .apply(Action::Edit(Edit::Connect { dependent: "a".into(), dependency: "a".into() }))
            .unwrap();
        assert!(Rc::ptr_eq(&refused.document, &connected.document), "the document is untouched");
        assert!(refused.error.as_deref().unwrap().contains("itself"));
        let undone = refused.apply(Action::Undo).unwrap();
        assert!(undone.document.nodes[0].depends_on.is_empty());
        let deleted = undone.apply(Action::Edit(Edit::Delete(vec!["b".into()]))).unwrap();
        assert_eq!(deleted.document.nodes.len(), 1);
        assert_eq!(deleted.apply(Action::Undo).unwrap().document.nodes.len(), 2);
    }

    #[test]
    fn a_drag_is_one_undo_step_and_can_be_cancelled() {
        use crate::layout::Point;
        let start = EditorState::new(document(&["a"]));
        let step = |state: &EditorState, x: f64| {
            state.apply(Action::Preview(Edit::Move(vec![("a".into(), Point { x, y: 0.0 })]))).unwrap()
        };
        let dragging = step(&step(&step(&start, 1.0), 2.0), 3.0);
        assert_eq!(dragging.document.nodes[0].x, Some(3.0));
        let done = dragging.apply(Action::EndGesture).unwrap();
        assert_eq!(done.document.nodes[0].x, Some(3.0));
        let undone = done.apply(Action::Undo).unwrap();
        assert_eq!(undone.document.nodes[0].x, None, "one undo undoes the whole drag");
        let cancelled = step(&start, 9.0).apply(Action::CancelGesture).unwrap();
        assert_eq!(cancelled.document.nodes[0].x, None);
        assert!(!cancelled.can_undo());
    }

    #[test]
    fn multi_selection_keeps_pick_order() {
        let state = EditorState::new(document(&["a", "b", "c"]));
        let picked = state
            .apply(Action::ToggleSelect("b".into()))
            .unwrap()
            .apply(Action::ToggleSelect("a".into()))
            .unwrap();
        assert_eq!(picked.selection, vec![NodeId::from("b"), NodeId::from("a")]);
        assert_eq!(picked.selected(), Some(&NodeId::from("a")));
        let unpicked = picked.apply(Action::ToggleSelect("b".into())).unwrap();
        assert_eq!(unpicked.selection, vec![NodeId::from("a")]);
        let boxed = unpicked.apply(Action::SelectMany(vec!["c".into(), "zz".into()])).unwrap();
        assert_eq!(boxed.selection, vec![NodeId::from("c")]);
    }

    #[test]
    fn keyboard_actions_work_on_the_selection() {
        let state = EditorState::new(document(&["a", "b"]))
            .apply(Action::ToggleSelect("a".into()))
            .unwrap()
            .apply(Action::ToggleSelect("b".into()))
            .unwrap();
        let connected = state.apply(Action::ConnectSelection).unwrap();
        assert_eq!(connected.document.nodes[0].depends_on, vec![NodeId::from("b")]);
        let deleted = connected.apply(Action::DeleteSelection).unwrap();
        assert!(deleted.document.nodes.is_empty());
        assert!(deleted.selection.is_empty());
        let one = EditorState::new(document(&["a"])).apply(Action::Select(Some("a".into()))).unwrap();
        assert!(one.apply(Action::ConnectSelection).unwrap().error.is_some());
        assert!(EditorState::default().apply(Action::DeleteSelection).is_none());
    }

    #[test]
    fn loading_asks_for_a_fit_and_help_toggles() {
        let state = EditorState::new(document(&["a"])).apply(Action::SetView(View::default())).unwrap();
        assert!(state.view.is_some());
        assert_eq!(state.apply(Action::Load(document(&["b"]))).unwrap().view, None);
        let help = state.apply(Action::ToggleHelp).unwrap();
        assert!(help.show_help);
        assert!(!help.apply(Action::Escape).unwrap().show_help, "Escape closes the help");
    }

    #[test]
    fn every_document_action_is_undone_exactly_and_redone_exactly() {
        use crate::layout::Point;
        use crate::model::{Kind, Requirement};
        let start = EditorState::new(Rc::new(
            crate::format::parse(
                r#"{"version": 1, "title": "T", "nodes": [
                    {"id": "f", "kind": "feature", "users": 3, "depends_on": ["a", "b"]},
                    {"id": "a", "kind": "service"}, {"id": "b", "kind": "service"}]}"#,
            )
            .unwrap()
            .into_document(),
        ));
        let edits = vec![
            Edit::AddNode { kind: Kind::Provider, at: Some(Point { x: 1.0, y: 2.0 }) },
            Edit::Connect { dependent: "a".into(), dependency: "b".into() },
            Edit::Disconnect { dependent: "f".into(), dependency: "b".into() },
            Edit::Delete(vec!["b".into()]),
            Edit::Move(vec![("a".into(), Point { x: 5.0, y: 5.0 })]),
            Edit::Update {
                id: "f".into(),
                patch: NodePatch { requires: Some(Requirement::Any), label: Some("Shop".into()), ..NodePatch::default() },
            },
            Edit::AutoLayout { everything: false },
            Edit::SetTitle("New title".into()),
        ];
        assert!(
            start.apply(Action::Edit(Edit::AutoLayout { everything: true })).is_none(),
            "re-laying out a graph without positions changes nothing and records nothing"
        );
        let mut actions: Vec<Action> = edits.into_iter().map(Action::Edit).collect();
        actions.push(Action::Load(document(&["z"])));
        for action in actions {
            let done = start.apply(action.clone()).unwrap_or_else(|| panic!("{action:?} changes the document"));
            assert_ne!(*done.document, *start.document, "{action:?}");
            let undone = done.apply(Action::Undo).unwrap();
            assert_eq!(*undone.document, *start.document, "undo of {action:?}");
            let redone = undone.apply(Action::Redo).unwrap();
            assert_eq!(*redone.document, *done.document, "redo of {action:?}");
        }
    }

    #[test]
    fn view_mode_and_messages_are_not_undo_steps() {
        let state = EditorState::new(document(&["a"]));
        let changed = state
            .apply(Action::SetMode(Mode::Edit))
            .unwrap()
            .apply(Action::SetView(View { x: 1.0, y: 2.0, scale: 0.5 }))
            .unwrap()
            .apply(Action::ShowError("bad file".into()))
            .unwrap();
        assert_eq!(changed.mode, Mode::Edit);
        assert_eq!(changed.error.as_deref(), Some("bad file"));
        assert!(!changed.can_undo());
        let cleared = changed.apply(Action::DismissError).unwrap().apply(Action::RequestFit).unwrap();
        assert_eq!((cleared.error.clone(), cleared.view), (None, None));
        assert!(cleared.apply(Action::DismissError).is_none(), "a no-op returns None");
    }

}
