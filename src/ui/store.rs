//! The Yew store: the pure editor reducer behind `use_reducer`.

use crate::editor::{Action, EditorState};
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Store(pub EditorState);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // A no-op returns the same Rc, so nothing re-renders.
        match self.0.apply(action) {
            Some(next) => Rc::new(Store(next)),
            None => self,
        }
    }
}
