//! The Yew store: the editor behind `use_reducer`, and [`Dispatch`], the
//! one way the app changes anything: apply the action, then run the effects
//! it asked for.

use super::effects::EffectRunner;
use crate::editor::{Action, Editor, Effect};
use std::cell::RefCell;
use std::rc::Rc;
use yew::{Callback, Reducible, UseReducerHandle};

/// The editor, plus the effects its last actions asked for, waiting for
/// [`Dispatch`] to run them (shared by every version of the store).
pub struct Store {
    pub editor: Editor,
    outbox: Rc<RefCell<Vec<Effect>>>,
}

impl Store {
    pub fn new(editor: Editor, startup_effects: Vec<Effect>) -> Store {
        Store { editor, outbox: Rc::new(RefCell::new(startup_effects)) }
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut editor = self.editor.clone();
        let update = editor.apply(action);
        let changed = update.changed_anything();
        self.outbox.borrow_mut().extend(update.effects);
        if changed {
            Rc::new(Store { editor, outbox: Rc::clone(&self.outbox) })
        } else {
            // Nothing changed: the same Rc, so nothing re-renders.
            self
        }
    }
}

/// Sends actions to the store and runs the effects they produce. Cheap to
/// clone; equal to its clones, so callbacks made from it keep components'
/// props equal across renders.
#[derive(Clone)]
pub struct Dispatch {
    /// Only ever dispatched to, never read: a long-lived handle that is read
    /// keeps every state it has seen.
    store: UseReducerHandle<Store>,
    outbox: Rc<RefCell<Vec<Effect>>>,
    runner: Rc<EffectRunner>,
}

impl PartialEq for Dispatch {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.runner, &other.runner)
    }
}

impl Dispatch {
    pub fn new(store: UseReducerHandle<Store>) -> Dispatch {
        let outbox = Rc::clone(&store.outbox);
        Dispatch { store, outbox, runner: Rc::new(EffectRunner::default()) }
    }

    /// Applies `action`, then runs its effects (which may send more actions).
    pub fn send(&self, action: Action) {
        self.store.dispatch(action);
        self.run_pending();
    }

    /// Runs the effects waiting in the store (at start: the startup effects).
    pub fn run_pending(&self) {
        let effects = std::mem::take(&mut *self.outbox.borrow_mut());
        for effect in effects {
            self.runner.run(effect, self);
        }
    }

    /// A callback that sends the action `make` builds from its event.
    pub fn callback<E: 'static>(&self, make: impl Fn(E) -> Action + 'static) -> Callback<E> {
        let dispatch = self.clone();
        Callback::from(move |event: E| dispatch.send(make(event)))
    }
}
