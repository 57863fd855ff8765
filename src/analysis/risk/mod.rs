//! Risk in numbers: availability, minimal cut sets, importance and expected loss.
//!
//! **Semantics** (issue 11). Each node fails on its own, independently, with
//! probability 1 − `availability` (a node without one never fails on its own).
//! A feature is up iff it is up in the greatest fixed point after the nodes
//! that failed, so cycles keep their meaning ([`crate::analysis::simulate`]).
//!
//! - availability(f): the probability that f is up ([`availability`]);
//! - minimal cut sets of f up to order K, over every node other than f ([`cut_sets`]);
//! - Birnbaum, Fussell–Vesely, RAW and RRW of each node other than f, with
//!   `None` where a denominator is 0, listed when Birnbaum > 0, by Birnbaum
//!   descending, then id ([`importance`]). The feature itself is left out, as
//!   for cut sets: it would always head its own list;
//! - expected loss: users × (1 − availability) × 8,766 h a year ([`loss`]).
//!
//! **Exact method: binary decision diagrams** ([`functions`]), from
//! [biodivine-lib-bdd](https://crates.io/crates/biodivine-lib-bdd) (MIT,
//! maintained by the Sybila group, pure Rust, single-threaded). Compared:
//! - `oxidd` 0.13 (MIT/Apache, the fastest and most complete: BDD, ZBDD)
//!   compiles for wasm32 but always starts a rayon pool and a garbage-collector
//!   thread, which panics in a browser tab: unusable in the app.
//! - `ruddy` 0.0.2 is a first release; `boolean_expression` is unmaintained.
//! - biodivine-lib-bdd compiles for wasm32 once its `rand` dependency gets
//!   getrandom's `js` back end (a wasm32-only line in Cargo.toml); each BDD
//!   owns its nodes (no global table), and every operation can carry a size
//!   limit, which is what a budgeted, resumable analysis needs.
//!
//! A hand-written BDD was not needed: the measured cost is in the inherent
//! size of the diagrams, not in the library (see `benches/risk.rs`).
//!
//! **Bounds, never silent approximations.** Exact availability is #P-hard and
//! some graphs have no small BDD. When a feature's BDD exceeds the size limit
//! its availability is a [`Availability::Bound`] ([`availability::bound`]) and
//! its importance is not computed; cut sets beyond `max_cut_sets` are
//! reported as not computed. Nothing is ever estimated.
//!
//! **Slices.** [`RiskAnalysis::step`] does a bounded amount of work and can be
//! called again (between two frames in the app); dropping it cancels it.
//! [`analyze`] runs it to the end.

pub mod availability;
pub mod cut_sets;
pub mod estimate;
mod forced;
pub mod functions;
pub mod importance;
pub mod loss;
mod pairs;
mod redo;
mod sweep;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod properties;

pub use availability::Availability;
pub use cut_sets::{CutSet, MAX_ORDER};
pub use estimate::Estimate;
pub use importance::Importance;
pub use loss::{Loss, HOURS_PER_YEAR};

use crate::model::{Graph, NodeIndex};
use cut_sets::CutSetRule;
use forced::ForcedFailure;
use functions::{failure_functions, FailureFunctions, Variables};
use importance::Conditional;
use std::borrow::Borrow;
use std::rc::Rc;
use sweep::{Order, Slot, Sweep};

/// What to compute, and the limits that keep it bounded.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskOptions {
    /// The largest cut sets listed (K, 1 ≤ K ≤ [`MAX_ORDER`]).
    pub order: usize,
    /// The features to analyse; `None`: all of them.
    pub features: Option<Vec<NodeIndex>>,
    /// The largest BDD (in nodes) an operation may build before the
    /// availabilities that need it become bounds.
    pub bdd_size_limit: usize,
    /// The most minimal cut sets a node may have before its cut sets are
    /// reported as not computed.
    pub max_cut_sets: usize,
    /// Whether to compute importance measures (re-analyses that only need
    /// availability skip the forced failures).
    pub importance: bool,
}

impl Default for RiskOptions {
    fn default() -> Self {
        RiskOptions { order: 3, features: None, bdd_size_limit: 200_000, max_cut_sets: 200_000, importance: true }
    }
}

/// The risk of one feature.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureRisk {
    pub feature: NodeIndex,
    pub availability: Availability,
    /// Minimal cut sets of size ≤ K, each sorted by index; `None`: too many to compute.
    pub cut_sets: Option<Vec<CutSet>>,
    /// Ranked (Birnbaum > 0, descending, then id); `None` when availability is
    /// only a bound, a forced failure's BDD was too large, or it was not asked for.
    pub importance: Option<Vec<Importance>>,
    pub expected_loss: Loss,
}

/// One node's weight across features: how many users, weighted by how much
/// each feature's unavailability depends on it.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeRisk {
    pub node: NodeIndex,
    /// Σ users(f) × Birnbaum(f, node): users who lose a feature per unit of this node's failure probability.
    pub users_at_stake: f64,
    /// Σ users(f) × (Q(f) − Q0(f, node)) × 8,766: user-hours a year saved if it never failed.
    pub user_hours: f64,
}

/// Everything [`analyze`] finds.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskReport {
    pub order: usize,
    /// In the order of the features in the graph.
    pub features: Vec<FeatureRisk>,
    /// Summed over the features analysed.
    pub expected_loss: Loss,
    /// Nodes by users at stake, descending, then id: the overall importance ranking.
    pub ranking: Vec<NodeRisk>,
}

impl RiskReport {
    pub fn feature(&self, feature: NodeIndex) -> Option<&FeatureRisk> {
        self.features.iter().find(|f| f.feature == feature)
    }
}

/// How far a [`RiskAnalysis`] has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    /// Units of work done and planned in this stage (node computations).
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// How far the whole analysis is, from 0 to 1: each stage takes a fixed
    /// share of the bar (bounds, only needed for diagrams too large, the least).
    pub fn fraction(&self) -> f64 {
        let (start, share) = match self.stage {
            Stage::Functions => (0.0, 0.3),
            Stage::Bounds => (0.3, 0.1),
            Stage::CutSets => (0.4, 0.3),
            Stage::ForcedFailures => (0.7, 0.3),
            Stage::Done => return 1.0,
        };
        let within = if self.total == 0 { 0.0 } else { (self.done as f64 / self.total as f64).min(1.0) };
        start + share * within
    }
}

/// The stages of an analysis, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// The BDD of every node's failure function.
    Functions,
    /// Smaller BDDs for the features whose BDD was too large (bounds).
    Bounds,
    CutSets,
    /// Nodes that never fail on their own, forced to fail one at a time (importance).
    ForcedFailures,
    Done,
}

/// An analysis in progress: call [`step`](Self::step) until it says
/// [`Stage::Done`], then take the [`report`](Self::report). `G` is `&Graph`,
/// `Arc<Graph>` or anything else that lends a graph.
pub struct RiskAnalysis<G: Borrow<Graph>> {
    graph: G,
    options: RiskOptions,
    features: Vec<NodeIndex>,
    /// The nodes the features depend on, in topological order of components.
    order: Rc<Order>,
    exact: FailureFunctions,
    /// The functions over fewer variables, for bounds.
    reduced: Option<FailureFunctions>,
    /// Nodes still to force to fail (popped from the end), and the one in progress.
    forced_queue: Vec<NodeIndex>,
    forced_current: Option<ForcedFailure>,
    /// The features whose Q1 is wanted: analysed, and exact.
    forced_targets: Vec<bool>,
    forced_done: usize,
    forced_total: usize,
    /// Per feature (by position): Q1 of each node whose forced failure
    /// changes its function; `None` when that function was too large.
    forced_q1: Vec<Vec<(NodeIndex, Option<f64>)>>,
    /// The position of each feature analysed, by node.
    position: Vec<Option<u32>>,
    cut_sets: Sweep<CutSetRule>,
    stage: Stage,
}

impl<G: Borrow<Graph>> RiskAnalysis<G> {
    /// Prepares the analysis; nothing is computed yet. O(n + m).
    pub fn new(graph: G, options: RiskOptions) -> RiskAnalysis<G> {
        let g = graph.borrow();
        let features: Vec<NodeIndex> = match &options.features {
            Some(chosen) => g.features().filter(|f| chosen.contains(f)).collect(),
            None => g.features().collect(),
        };
        let order = Rc::new(Order::new(g, Some(&features)));
        let exact = failure_functions(g, Rc::clone(&order), variables_above(g, 0.0), options.bdd_size_limit);
        let cut_sets = Sweep::new(g, Rc::clone(&order), CutSetRule { order: options.order, max_sets: options.max_cut_sets });
        let mut position = vec![None; g.len()];
        for (index, &f) in features.iter().enumerate() {
            position[f as usize] = Some(index as u32);
        }
        RiskAnalysis {
            forced_q1: vec![Vec::new(); features.len()],
            features,
            order,
            exact,
            reduced: None,
            forced_queue: Vec::new(),
            forced_current: None,
            forced_targets: Vec::new(),
            forced_done: 0,
            forced_total: 0,
            position,
            cut_sets,
            stage: Stage::Functions,
            options,
            graph,
        }
    }

    pub fn progress(&self) -> Progress {
        let (done, total) = match self.stage {
            Stage::Functions => (self.exact.computed(), self.exact.total()),
            Stage::Bounds => self.reduced.as_ref().map_or((0, 0), |r| (r.computed(), r.total())),
            Stage::ForcedFailures => (self.forced_done, self.forced_total),
            Stage::CutSets => (self.cut_sets.computed(), self.cut_sets.total()),
            Stage::Done => (0, 0),
        };
        Progress { stage: self.stage, done, total }
    }

    /// Does about `budget` units of work (node computations) and says how far
    /// the analysis is. A unit is one node's BDD or cut-set family, so a call
    /// can run over by the cost of one node.
    pub fn step(&mut self, budget: usize) -> Progress {
        let mut left = budget.max(1);
        while left > 0 && self.stage != Stage::Done {
            match self.stage {
                Stage::Functions => {
                    left -= self.exact.step(self.graph.borrow(), left).min(left);
                    if self.exact.is_done() {
                        self.stage = Stage::Bounds;
                        self.reduced = self.next_reduction();
                    }
                }
                Stage::Bounds => match &mut self.reduced {
                    Some(reduced) => {
                        left -= reduced.step(self.graph.borrow(), left).min(left);
                        if reduced.is_done() {
                            match self.next_reduction() {
                                Some(smaller) => self.reduced = Some(smaller),
                                None => self.stage = Stage::CutSets,
                            }
                        }
                    }
                    None => self.stage = Stage::CutSets,
                },
                Stage::CutSets => {
                    left -= self.cut_sets.step(self.graph.borrow(), left).min(left);
                    if self.cut_sets.is_done() {
                        self.start_forced_failures();
                    }
                }
                Stage::ForcedFailures => self.step_forced(&mut left),
                Stage::Done => {}
            }
        }
        self.progress()
    }

    /// Runs the analysis to the end.
    pub fn finish(&mut self) {
        while self.step(usize::MAX).stage != Stage::Done {}
    }

    /// Functions over the likelier half of the failures kept last time, if
    /// some feature's BDD was still too large.
    fn next_reduction(&self) -> Option<FailureFunctions> {
        let graph = self.graph.borrow();
        let source = self.reduced.as_ref().unwrap_or(&self.exact);
        if !self.features.iter().any(|&f| source.slot(f) == &Slot::TooLarge) {
            return None;
        }
        let mut kept: Vec<f64> = source.rule().variables.nodes().iter().map(|&v| failure_probability(graph, v)).collect();
        kept.sort_by(f64::total_cmp);
        // Keep only those above the median: each round drops at least half,
        // and with no variables every function is a constant.
        let median = kept.get(kept.len().saturating_sub(1) / 2).copied().unwrap_or(f64::INFINITY);
        let threshold = kept.iter().copied().find(|&p| p > median).unwrap_or(f64::INFINITY);
        let variables = variables_above(graph, threshold);
        Some(failure_functions(graph, Rc::clone(&self.order), variables, self.options.bdd_size_limit))
    }

    /// Queues the nodes that never fail on their own and that some other
    /// node analysed depends on (importance of the others is their own Q1,
    /// which is left out). Each one's forced failure recomputes only the
    /// functions it changes ([`Redo`]).
    fn start_forced_failures(&mut self) {
        let graph = self.graph.borrow();
        let order = &self.order;
        self.forced_targets = vec![false; graph.len()];
        for &f in &self.features {
            self.forced_targets[f as usize] = self.exact.slot(f).known().is_some();
        }
        let any_exact = self.forced_targets.iter().any(|&t| t);
        self.forced_queue.clear();
        if self.options.importance && any_exact {
            self.forced_queue = graph
                .nodes()
                .filter(|&v| order.component_of(v).is_some() && failure_probability(graph, v) == 0.0)
                .filter(|&v| graph.dependents(v).iter().any(|&d| d != v && order.component_of(d).is_some()))
                .collect();
        }
        // Popped from the end: reversed, so nodes are forced in index order.
        self.forced_queue.reverse();
        self.forced_total = self.forced_queue.len();
        self.stage = Stage::ForcedFailures;
    }

    fn step_forced(&mut self, left: &mut usize) {
        let graph = self.graph.borrow();
        if self.forced_current.is_none() {
            match self.forced_queue.pop() {
                Some(node) => {
                    self.forced_current = Some(ForcedFailure::new(graph, &self.exact, &self.cut_sets, &self.forced_targets, node));
                }
                None => {
                    self.stage = Stage::Done;
                    return;
                }
            }
        }
        let Some(forced) = &mut self.forced_current else { return };
        // Planning a forced failure costs a unit too, so a slice never spins.
        *left -= forced.step(graph, &self.exact, *left).max(1).min(*left);
        if !forced.is_done() {
            return;
        }
        for (f, q1) in forced.q1(&self.exact, &self.forced_targets) {
            if let Some(position) = self.position[f as usize] {
                self.forced_q1[position as usize].push((forced.node(), q1));
            }
        }
        self.forced_current = None;
        self.forced_done += 1;
    }

    /// The report; complete once [`step`](Self::step) has returned [`Stage::Done`].
    pub fn report(&self) -> RiskReport {
        let graph = self.graph.borrow();
        let id = |v: NodeIndex| graph.id(v).to_string();
        let mut features = Vec::with_capacity(self.features.len());
        let mut at_stake = vec![(0.0, 0.0); graph.len()];
        for (position, &f) in self.features.iter().enumerate() {
            let (availability, importance) = match self.exact.slot(f) {
                Slot::Known(bdd) => {
                    let variables = &self.exact.rule().variables;
                    let q = availability::probability(bdd, variables);
                    let importance = self.options.importance.then(|| self.importance(f, position, q, bdd, variables)).flatten();
                    (Availability::Exact(1.0 - q), importance)
                }
                _ => (self.bound(f), None),
            };
            for measure in importance.iter().flatten() {
                let users = graph.users(f) as f64;
                let entry = &mut at_stake[measure.node as usize];
                entry.0 += users * measure.birnbaum;
                entry.1 += users * failure_probability(graph, measure.node) * measure.birnbaum * HOURS_PER_YEAR;
            }
            let cut_sets = self.cut_sets.slot(f).known().map(|family| {
                family.iter().filter(|set| set.nodes() != [f]).copied().collect()
            });
            features.push(FeatureRisk {
                feature: f,
                availability,
                cut_sets,
                importance,
                expected_loss: loss::expected_loss(graph.users(f), availability),
            });
        }
        let mut ranking: Vec<NodeRisk> = graph
            .nodes()
            .filter(|&v| at_stake[v as usize].0 > 0.0)
            .map(|v| NodeRisk { node: v, users_at_stake: at_stake[v as usize].0, user_hours: at_stake[v as usize].1 })
            .collect();
        ranking.sort_by(|a, b| b.users_at_stake.total_cmp(&a.users_at_stake).then_with(|| id(a.node).cmp(&id(b.node))));
        RiskReport {
            order: self.options.order,
            expected_loss: loss::total(features.iter().map(|f| f.expected_loss)),
            features,
            ranking,
        }
    }

    fn importance(
        &self,
        f: NodeIndex,
        position: usize,
        q: f64,
        bdd: &biodivine_lib_bdd::Bdd,
        variables: &Variables,
    ) -> Option<Vec<Importance>> {
        let graph = self.graph.borrow();
        let mut measures: Vec<Importance> = importance::conditionals(bdd, variables)
            .into_iter()
            .filter(|c| c.node != f)
            .map(|c| c.measures(q))
            .collect();
        for &(node, q1) in &self.forced_q1[position] {
            measures.push(Conditional::of_reliable_node(node, q, q1?).measures(q));
        }
        Some(importance::rank(measures, |v| graph.id(v).to_string()))
    }

    fn bound(&self, f: NodeIndex) -> Availability {
        let graph = self.graph.borrow();
        match &self.reduced {
            Some(reduced) => match reduced.slot(f) {
                Slot::Known(bdd) => availability::bound(graph, f, bdd, &reduced.rule().variables),
                _ => Availability::Bound { lower: 0.0, upper: 1.0 },
            },
            None => Availability::Bound { lower: 0.0, upper: 1.0 },
        }
    }
}

fn failure_probability(graph: &Graph, node: NodeIndex) -> f64 {
    1.0 - graph.availability(node).unwrap_or(1.0)
}

/// The variables of the nodes that fail with probability at least `threshold`
/// (every failing node for 0); none when there are too many for a BDD.
fn variables_above(graph: &Graph, threshold: f64) -> Variables {
    Variables::new(graph, threshold).unwrap_or_else(|| {
        Variables::new(graph, f64::INFINITY).expect("no variables is always possible")
    })
}

/// An analysis can own the document it analyses (the app's jobs do).
impl Borrow<Graph> for crate::model::ValidDocument {
    fn borrow(&self) -> &Graph {
        self.graph()
    }
}

/// The whole analysis at once.
pub fn analyze(graph: &Graph, options: RiskOptions) -> RiskReport {
    let mut analysis = RiskAnalysis::new(graph, options);
    analysis.finish();
    analysis.report()
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::model::{Document, Graph, Node};

    /// `graph` with the given availabilities (a rebuild through a document).
    pub fn with_availability(graph: &Graph, availabilities: &[(&str, f64)]) -> Graph {
        let nodes = graph
            .nodes()
            .map(|v| {
                let mut node = Node::new(graph.id(v).as_str(), graph.kind(v));
                node.requires = graph.requirement(v);
                node.depends_on = graph.dependencies(v).iter().map(|&d| graph.id(d).clone()).collect();
                node.users = graph.users(v);
                node.availability = availabilities.iter().find(|(id, _)| *id == graph.id(v).as_str()).map(|&(_, a)| a);
                node
            })
            .collect();
        Graph::build(&Document { nodes, ..Document::default() }).expect("still valid")
    }
}
