//! The Yew store: the editor behind `use_reducer_eq`, and [`Dispatch`],
//! the one way the app changes anything: apply the action, show the view
//! it changed to, then run the effects it asked for.

use super::effects::EffectRunner;
use super::view_feed::{Feed, ViewFeed};
use crate::editor::{Action, Editor, Effect, Part};
use crate::layout::View;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::{Callback, Reducible, UseReducerHandle};

/// The editor, plus what its last action left for [`Dispatch`] (shared by
/// every version of the store): the effects to run, and the view when the
/// action changed it, for the map's layers.
pub struct Store {
    pub editor: Editor,
    outbox: Rc<RefCell<Vec<Effect>>>,
    /// Sent after every change of the view, not only a gesture's moves: a
    /// layer that follows the view and is not rendered again (its props are
    /// what it last rendered with, say after a cancelled pinch) would keep
    /// the gesture's last transform.
    new_view: Rc<Cell<Option<View>>>,
    views: Rc<ViewFeed>,
    /// Counts the versions that must be rendered: a step that only moves
    /// the view during a gesture keeps it (see [`super::view_feed`]).
    rendered: u64,
}

/// Versions of the store are equal when they render the same, so Yew
/// renders the app again only when the count of rendered versions changed.
impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        self.rendered == other.rendered
    }
}

impl Store {
    pub fn new(editor: Editor, startup_effects: Vec<Effect>) -> Store {
        Store {
            editor,
            outbox: Rc::new(RefCell::new(startup_effects)),
            new_view: Rc::default(),
            views: Rc::default(),
            rendered: 0,
        }
    }

    /// Where the views of gestures go, for the map to follow.
    pub fn views(&self) -> Feed {
        Feed(Rc::clone(&self.views))
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut editor = self.editor.clone();
        let update = editor.apply(action);
        if !update.changed_anything() {
            self.outbox.borrow_mut().extend(update.effects);
            // Nothing changed: the same Rc, so nothing re-renders.
            return self;
        }
        self.new_view.set(editor.view().filter(|_| update.changed(Part::View)));
        let rendered = if editor.moved_by_gesture(&update).is_some() { self.rendered } else { self.rendered + 1 };
        self.outbox.borrow_mut().extend(update.effects);
        Rc::new(Store { editor, outbox: Rc::clone(&self.outbox), new_view: Rc::clone(&self.new_view), views: Rc::clone(&self.views), rendered })
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
    new_view: Rc<Cell<Option<View>>>,
    views: Rc<ViewFeed>,
    runner: Rc<EffectRunner>,
}

impl PartialEq for Dispatch {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.runner, &other.runner)
    }
}

impl Dispatch {
    pub fn new(store: UseReducerHandle<Store>) -> Dispatch {
        let (outbox, new_view, views) = (Rc::clone(&store.outbox), Rc::clone(&store.new_view), Rc::clone(&store.views));
        Dispatch { store, outbox, new_view, views, runner: Rc::new(EffectRunner::default()) }
    }

    /// Applies `action`, shows the view it changed to (the only thing shown
    /// of a gesture's move; anything else also renders), then runs its
    /// effects (which may send more actions).
    pub fn send(&self, action: Action) {
        self.store.dispatch(action);
        if let Some(view) = self.new_view.take() {
            self.views.send(view);
        }
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
