//! One version of the document, as the editor and its history hold it,
//! with what is derived from it memoised on what it depends on.
//!
//! The layout and the analysis (single points of failure, cycles; restore
//! times after the current failures and after each single failure) are
//! computed at most once per snapshot, when first asked for, and shared with
//! the snapshots an edit makes when the edit cannot have changed them: a drag
//! step shares the analysis (positions do not matter to it), a renamed label
//! shares both. Undo and redo return to earlier snapshots, memos included, so
//! nothing is recomputed for them either. Sharing is decided by the edit's
//! [`Scope`], which the editor's property tests check against recomputing.
//!
//! The risk numbers (availability, cut sets, importance, fixes) take longer:
//! the editor runs them in slices and fills [`Snapshot::risk`] when they are
//! done; they depend on what the analysis depends on (their words are
//! written with the labels of the day, [`crate::analysis::fixes::FixKind::describe`]).
//!
//! The search index (every label and id, folded) is built once per snapshot,
//! when the search box first asks, and never shared: any edit may rename.

use crate::analysis::risk_job::RiskResults;
use crate::analysis::{
    cycles, restore_times, single_failure_restores, single_points_of_failure, CycleReport, RestoreTimes, SingleFailureRestores,
    SpofReport,
};
use crate::diff::FeatureMeasures;
use crate::layout::{layout_document, Layout};
use crate::model::{NodeIndex, ValidDocument};
use crate::search::NodeSearch;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;

/// Runs a named piece of work and records how long it took.
pub type Profiler = fn(&'static str, &mut dyn FnMut());

thread_local! {
    static PROFILER: Cell<Option<Profiler>> = const { Cell::new(None) };
}

/// Lets the app time the memoised computations (the browser's performance
/// marks, which the browser benchmark reads); by default nothing is timed.
pub fn set_profiler(profiler: Profiler) {
    PROFILER.with(|p| p.set(Some(profiler)));
}

/// `work()`, timed under `name` when a profiler is set.
fn profiled<T>(name: &'static str, work: impl FnOnce() -> T) -> T {
    let Some(profiler) = PROFILER.with(Cell::get) else { return work() };
    let mut work = Some(work);
    let mut result = None;
    profiler(name, &mut || result = work.take().map(|work| work()));
    result.unwrap_or_else(|| panic!("the profiler for {name} did not run the work"))
}

/// Numbers the snapshots: a new document version gets a new revision, and
/// undo returns to the old one with its revision. A key for derived data.
pub type Revision = u64;

/// What depends only on the graph's structure and numbers (not on positions,
/// labels or notes): recomputed only when those change.
#[derive(Debug)]
pub struct Analysis {
    pub spofs: SpofReport,
    pub cycles: CycleReport,
}

/// What an edit may have changed, so which memos a new snapshot must compute
/// afresh. Conservative: `true` when in doubt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    /// Ids, kinds, dependencies or positions: the layout.
    pub layout: bool,
    /// Ids, kinds, requirements, dependencies, users, availability, or
    /// recovery, rebuild and tolerance hours: the analysis, the restore times
    /// and the per-feature measures.
    pub analysis: bool,
}

impl Scope {
    pub const EVERYTHING: Scope = Scope { layout: true, analysis: true };
    pub const POSITIONS: Scope = Scope { layout: true, analysis: false };
    pub const ANALYSIS: Scope = Scope { layout: false, analysis: true };
    pub const PRESENTATION: Scope = Scope { layout: false, analysis: false };
}

/// Restore times and the failure list they were computed for.
type RestoresAfter = (Vec<NodeIndex>, Rc<RestoreTimes>);

/// A document version and its memos. Cloning shares everything.
#[derive(Clone, Debug)]
pub struct Snapshot {
    document: ValidDocument,
    revision: Revision,
    layout: Rc<OnceCell<Rc<Layout>>>,
    analysis: Rc<OnceCell<Rc<Analysis>>>,
    risk: RiskMemo,
    search: Rc<OnceCell<Rc<NodeSearch>>>,
    /// Restore times after the failure set last asked for:
    /// the app asks for the current one at every render.
    restores: Rc<RefCell<Option<RestoresAfter>>>,
    /// Restore times after each single point of failure.
    spof_restores: Rc<OnceCell<Rc<SingleFailureRestores>>>,
    /// Per-feature restore hours and availability (for Compare); in the
    /// analysis scope, which covers every field they read.
    measures: Rc<OnceCell<Rc<FeatureMeasures>>>,
}

/// Where the risk numbers of a snapshot go once a job has computed them;
/// shared by the snapshots they hold for.
pub type RiskMemo = Rc<OnceCell<Rc<RiskResults>>>;

impl Snapshot {
    pub fn new(document: ValidDocument, revision: Revision) -> Snapshot {
        Snapshot {
            document,
            revision,
            layout: Rc::default(),
            analysis: Rc::default(),
            risk: Rc::default(),
            restores: Rc::default(),
            spof_restores: Rc::default(),
            search: Rc::default(),
            measures: Rc::default(),
        }
    }

    /// The next version: memos outside `scope` are shared with this one.
    pub fn next(&self, document: ValidDocument, revision: Revision, scope: Scope) -> Snapshot {
        Snapshot {
            document,
            revision,
            layout: if scope.layout { Rc::default() } else { Rc::clone(&self.layout) },
            analysis: if scope.analysis { Rc::default() } else { Rc::clone(&self.analysis) },
            risk: if scope.analysis { Rc::default() } else { Rc::clone(&self.risk) },
            search: Rc::default(),
            restores: if scope.analysis { Rc::default() } else { Rc::clone(&self.restores) },
            spof_restores: if scope.analysis { Rc::default() } else { Rc::clone(&self.spof_restores) },
            measures: if scope.analysis { Rc::default() } else { Rc::clone(&self.measures) },
        }
    }

    pub fn document(&self) -> &ValidDocument {
        &self.document
    }

    pub fn revision(&self) -> Revision {
        self.revision
    }

    /// Where every node is drawn (computed on first use).
    pub fn layout(&self) -> Rc<Layout> {
        Rc::clone(self.layout.get_or_init(|| Rc::new(profiled("blackout:layout", || layout_document(&self.document, self.document.graph())))))
    }

    /// Single points of failure and cycles (computed on first use).
    pub fn analysis(&self) -> Rc<Analysis> {
        Rc::clone(self.analysis.get_or_init(|| {
            let graph = self.document.graph();
            let spofs = profiled("blackout:spof", || single_points_of_failure(graph));
            Rc::new(Analysis { spofs, cycles: profiled("blackout:cycles", || cycles(graph)) })
        }))
    }

    /// The risk numbers, once a job has computed them for this version.
    pub fn risk(&self) -> Option<Rc<RiskResults>> {
        self.risk.get().cloned()
    }

    /// Where a job puts the risk numbers of this version.
    pub(super) fn risk_memo(&self) -> &RiskMemo {
        &self.risk
    }

    /// Every label and id, folded for search as you type (built on first use).
    pub fn search(&self) -> Rc<NodeSearch> {
        Rc::clone(self.search.get_or_init(|| Rc::new(profiled("blackout:search-index", || NodeSearch::new(&self.document)))))
    }

    /// Restore times after `failed` fail, computed when the list differs
    /// from the one asked for last. The editor lists its failures in one
    /// order (by id), so an equal set is an equal list; another order only
    /// computes again.
    pub fn restore_times(&self, failed: &[NodeIndex]) -> Rc<RestoreTimes> {
        let mut memo = self.restores.borrow_mut();
        match &*memo {
            Some((known, times)) if known == failed => Rc::clone(times),
            _ => {
                let times = Rc::new(profiled("blackout:restore", || restore_times(self.document.graph(), failed)));
                *memo = Some((failed.to_vec(), Rc::clone(&times)));
                times
            }
        }
    }

    /// How long each single point of failure keeps its features down, and
    /// the tolerances one failure breaks (computed on first use).
    pub fn spof_restores(&self) -> Rc<SingleFailureRestores> {
        Rc::clone(self.spof_restores.get_or_init(|| {
            let analysis = self.analysis();
            Rc::new(profiled("blackout:spof-restore", || single_failure_restores(self.document.graph(), &analysis.spofs)))
        }))
    }

    /// Each feature's longest single-failure outage and availability
    /// (computed on first use, from the memoised analysis).
    pub fn feature_measures(&self) -> Rc<FeatureMeasures> {
        Rc::clone(self.measures.get_or_init(|| {
            let analysis = self.analysis();
            Rc::new(profiled("blackout:measures", || FeatureMeasures::of(&self.document, &analysis.spofs)))
        }))
    }

    /// Whether the layout has been computed already.
    pub fn has_layout(&self) -> bool {
        self.layout.get().is_some()
    }

    /// Whether the analysis has been computed already.
    pub fn has_analysis(&self) -> bool {
        self.analysis.get().is_some()
    }

    /// The very same version (no comparison of contents).
    pub fn same(&self, other: &Snapshot) -> bool {
        self.document.ptr_eq(&other.document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::layered_graph;

    #[test]
    fn memos_are_computed_once_and_shared_outside_the_scope() {
        let first = Snapshot::new(ValidDocument::new(layered_graph(30, 3, 1)).unwrap(), 1);
        assert!(!first.has_analysis());
        let analysis = first.analysis();
        assert!(Rc::ptr_eq(&analysis, &first.analysis()), "computed once");
        let moved = first.next(first.document().clone(), 2, Scope::POSITIONS);
        assert!(Rc::ptr_eq(&analysis, &moved.analysis()), "a move shares the analysis");
        assert!(!moved.has_layout());
        let rewired = first.next(first.document().clone(), 3, Scope::EVERYTHING);
        assert!(!rewired.has_analysis());
        assert!(first.same(&rewired) && !first.same(&Snapshot::new(ValidDocument::empty(), 4)));
    }

    #[test]
    fn a_profiler_sees_each_computation_once() {
        thread_local! { static SEEN: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) }; }
        set_profiler(|name, work| {
            SEEN.with(|seen| seen.borrow_mut().push(name));
            work();
        });
        let snapshot = Snapshot::new(ValidDocument::new(layered_graph(10, 2, 1)).unwrap(), 1);
        snapshot.layout();
        snapshot.analysis();
        snapshot.analysis();
        assert_eq!(SEEN.with(|seen| seen.borrow().clone()), ["blackout:layout", "blackout:spof", "blackout:cycles"]);
    }
}
