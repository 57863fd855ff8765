//! What the map and panels show, derived from the editor's state and never
//! stored beside it. The layout and analysis are memoised on the editor's
//! snapshots (and timed through [`profile`]); what also depends on the
//! failure set (the simulation and the scene) is memoised by the app on the
//! snapshot's revision and the failures.

use crate::analysis::fixes::Fix;
use crate::analysis::{explain, focus_set, has_recovery_data, simulate, Outcome};
use crate::editor::{Focus, Snapshot};
use crate::model::{NodeId, NodeIndex};
use crate::render::{scene, Scene};
use crate::report::recovery::add_outage_hours;
use crate::report::{top_risks, Risk};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Runs `work` inside a `performance.measure` named `name`, so the browser
/// benchmark and the profiler can read how long each phase took.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    let (start, end) = (format!("{name}:start"), format!("{name}:end"));
    if let Some(performance) = &performance {
        let _ = performance.mark(&start);
    }
    let result = work();
    if let Some(performance) = &performance {
        let _ = performance.mark(&end);
        let _ = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
    result
}

/// Times the editor's memoised computations (layout, analysis) where they
/// happen, for the profiler and the browser benchmark.
pub fn profile(name: &'static str, work: &mut dyn FnMut()) {
    timed(name, work);
}

/// The map in the current failure state.
pub struct Situation {
    pub outcome: Outcome,
    pub scene: Rc<Scene>,
}

impl Situation {
    pub fn of<'a>(snapshot: &Snapshot, failed: impl IntoIterator<Item = &'a NodeId>) -> Situation {
        let document = snapshot.document();
        let graph = document.graph();
        let failed: Vec<NodeIndex> = failed.into_iter().filter_map(|id| graph.index_of(id)).collect();
        let outcome = timed("blackout:simulate", || simulate(graph, &failed));
        let drawn = scene(document, graph, &snapshot.layout(), &outcome, &snapshot.analysis().spofs);
        Situation { outcome, scene: Rc::new(drawn) }
    }
}

/// The risks of the document, ranked (grouped single points of failure with
/// the people they reach), memoised by the app on the revision.
/// With recovery data, each risk carries how long its worst member keeps the
/// features dark (the headline says it).
pub fn risks(snapshot: &Snapshot) -> Vec<Risk> {
    let graph = snapshot.document().graph();
    let mut risks = timed("blackout:risks", || top_risks(graph, &snapshot.analysis().spofs));
    if has_recovery_data(graph) {
        add_outage_hours(graph.len(), &mut risks, &snapshot.spof_restores());
    }
    risks
}

/// Which nodes the focus shows (indexed by node), or `None` without a
/// focus. O(n + m).
pub fn focus_shown(snapshot: &Snapshot, focus: Option<&Focus>) -> Option<Vec<bool>> {
    let focus = focus?;
    let graph = snapshot.document().graph();
    let node = graph.index_of(&focus.node)?;
    let mut shown = vec![false; graph.len()];
    for v in timed("blackout:focus", || focus_set(graph, node, focus.direction)) {
        shown[v as usize] = true;
    }
    Some(shown)
}

/// The nodes to highlight for the selection: every node of the tree that
/// explains why a dark node is dark (each broken requirement and every
/// dependency down under it), or the features a single point of failure
/// takes down.
pub fn highlight(snapshot: &Snapshot, situation: &Situation, selected: Option<&NodeId>) -> HashSet<NodeIndex> {
    let Some(node) = selected.and_then(|id| snapshot.document().graph().index_of(id)) else {
        return HashSet::new();
    };
    if !situation.outcome.state(node).is_up() {
        let graph = snapshot.document().graph();
        return explain(graph, &situation.outcome, node).steps.iter().map(|step| step.node).collect();
    }
    // A plain node is shown as selected; dimming the rest would say nothing.
    match snapshot.analysis().spofs.spof(node) {
        Some(spof) => spof.features.iter().copied().chain([node]).collect(),
        None => HashSet::new(),
    }
}

/// What a previewed fix marks on the map: the nodes it changes
/// (`"changes"`) and the features it protects (`"protects"`).
pub fn fix_marks(snapshot: &Snapshot, fix: Option<&Fix>) -> HashMap<NodeIndex, &'static str> {
    let Some(fix) = fix else { return HashMap::new() };
    let graph = snapshot.document().graph();
    let protects = fix.features_protected.iter().filter_map(|id| graph.index_of(id)).map(|v| (v, "protects"));
    let changes = fix.touched().into_iter().filter_map(|id| graph.index_of(&id)).map(|v| (v, "changes"));
    protects.chain(changes).collect()
}
