//! Undo and redo: two stacks of document snapshots.
//!
//! The stacks are persistent (linked frames shared through `Rc`), so the
//! editor state, which is copied on every action, copies two pointers, never
//! the history. History records documents only: failures, selection, view and
//! mode are never undo steps. One step is whatever the editor commits as one
//! (an edit, a load, a whole drag).
//!
//! How far back undo goes: [`HISTORY_LIMIT`] steps, fewer for big graphs so
//! that the snapshots kept stay within [`NODE_BUDGET`] nodes in all (each
//! snapshot is a whole document). Frames below the limit are dropped in
//! batches, so a push costs O(1) amortised.

use super::snapshot::Snapshot;
use std::rc::Rc;

/// The most undo steps kept.
pub const HISTORY_LIMIT: usize = 200;
/// About how many nodes the kept snapshots may hold together: a
/// 20,000-node graph keeps 100 steps, a 100,000-node graph 20.
pub const NODE_BUDGET: usize = 2_000_000;
/// The fewest undo steps kept, however big the graph.
const MIN_STEPS: usize = 10;

struct Frame<T> {
    item: T,
    below: Option<Rc<Frame<T>>>,
}

/// A persistent stack that remembers at most a given number of items.
struct Stack<T> {
    top: Option<Rc<Frame<T>>>,
    /// Items that can be popped.
    len: usize,
    /// Frames still linked (at least `len`), trimmed to `len` in batches.
    depth: usize,
}

impl<T> Clone for Stack<T> {
    fn clone(&self) -> Self {
        Stack { top: self.top.clone(), len: self.len, depth: self.depth }
    }
}

impl<T> Default for Stack<T> {
    fn default() -> Self {
        Stack { top: None, len: 0, depth: 0 }
    }
}

impl<T: Clone> Stack<T> {
    /// Pushes `item`, keeping at most `cap` items poppable.
    fn push(&mut self, item: T, cap: usize) {
        self.top = Some(Rc::new(Frame { item, below: self.top.take() }));
        self.len = (self.len + 1).min(cap.max(1));
        self.depth += 1;
        if self.depth > self.len + self.len / 4 + 8 {
            self.trim();
        }
    }

    fn pop(&mut self) -> Option<T> {
        if self.len == 0 {
            return None;
        }
        let top = self.top.take()?;
        self.len -= 1;
        self.depth -= 1;
        self.top = if self.len == 0 { None } else { top.below.clone() };
        if self.len == 0 {
            self.depth = 0;
        }
        Some(top.item.clone())
    }

    /// Relinks the poppable items only, letting the rest go.
    fn trim(&mut self) {
        let mut items = Vec::with_capacity(self.len);
        let mut frame = self.top.as_ref();
        while let (Some(f), true) = (frame, items.len() < self.len) {
            items.push(f.item.clone());
            frame = f.below.as_ref();
        }
        self.top = None;
        for item in items.into_iter().rev() {
            self.top = Some(Rc::new(Frame { item, below: self.top.take() }));
        }
        self.depth = self.len;
    }
}

/// The editor's undo and redo stacks.
#[derive(Clone, Default)]
pub struct History {
    past: Stack<Snapshot>,
    future: Stack<Snapshot>,
}

impl History {
    /// Records `previous` as the version before a new step; the redo stack is dropped.
    pub fn record(&mut self, previous: Snapshot) {
        let cap = (NODE_BUDGET / previous.document().nodes.len().max(1)).clamp(MIN_STEPS, HISTORY_LIMIT);
        self.past.push(previous, cap);
        self.future = Stack::default();
    }

    /// The version before `current`, which becomes redoable.
    pub fn undo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let previous = self.past.pop()?;
        self.future.push(current, HISTORY_LIMIT);
        Some(previous)
    }

    /// The version after `current`, which becomes undoable again.
    pub fn redo(&mut self, current: Snapshot) -> Option<Snapshot> {
        let next = self.future.pop()?;
        self.past.push(current, HISTORY_LIMIT);
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        self.past.len > 0
    }

    pub fn can_redo(&self) -> bool {
        self.future.len > 0
    }

    /// How many undo steps there are.
    pub fn undo_steps(&self) -> usize {
        self.past.len
    }

    /// Whether two histories are the same value (shared, not compared).
    #[cfg(test)]
    pub fn shares(&self, other: &History) -> bool {
        fn same<T>(a: &Option<Rc<Frame<T>>>, b: &Option<Rc<Frame<T>>>) -> bool {
            match (a, b) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
        }
        same(&self.past.top, &other.past.top) && same(&self.future.top, &other.future.top)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValidDocument;

    fn snapshot(revision: u64) -> Snapshot {
        Snapshot::new(ValidDocument::empty(), revision)
    }

    #[test]
    fn undo_and_redo_walk_the_steps() {
        let mut history = History::default();
        assert!(!history.can_undo() && !history.can_redo());
        history.record(snapshot(1));
        history.record(snapshot(2));
        let back = history.undo(snapshot(3)).unwrap();
        assert_eq!(back.revision(), 2);
        assert!(history.can_redo());
        assert_eq!(history.redo(back).unwrap().revision(), 3);
        history.undo(snapshot(3));
        history.record(snapshot(9));
        assert!(!history.can_redo(), "a new step drops the redo stack");
    }

    #[test]
    fn the_limit_holds_and_old_frames_are_let_go() {
        let mut history = History::default();
        for revision in 0..1_000 {
            history.record(snapshot(revision));
        }
        assert_eq!(history.undo_steps(), HISTORY_LIMIT);
        assert!(history.past.depth <= HISTORY_LIMIT + HISTORY_LIMIT / 4 + 8);
        let mut current = snapshot(1_000);
        let mut seen = Vec::new();
        while let Some(previous) = history.undo(current.clone()) {
            seen.push(previous.revision());
            current = previous;
        }
        assert_eq!(seen.len(), HISTORY_LIMIT);
        assert_eq!(seen.first(), Some(&999));
        assert_eq!(seen.last(), Some(&800));
    }

    #[test]
    fn copies_share_and_do_not_interfere() {
        let mut history = History::default();
        history.record(snapshot(1));
        let copy = history.clone();
        assert!(copy.shares(&history));
        history.undo(snapshot(2));
        assert!(copy.can_undo() && !copy.can_redo(), "the copy is unchanged");
    }

    #[test]
    fn big_graphs_keep_fewer_steps() {
        let big = ValidDocument::new(crate::generate::layered_graph(50_000, 1, 1)).unwrap();
        let mut history = History::default();
        for revision in 0..50 {
            history.record(Snapshot::new(big.clone(), revision));
        }
        assert_eq!(history.undo_steps(), NODE_BUDGET / 50_000);
    }
}
