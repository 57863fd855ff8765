//! Analysis results derived from the state, never stored beside it.

use crate::analysis::{cycles, simulate, single_points_of_failure, CycleReport, Outcome, SpofReport};
use crate::layout::Layout;
use crate::model::{Document, Graph, NodeId, NodeIndex};
use crate::render::{layout_document, scene, Scene};
use std::collections::{BTreeSet, HashSet};

/// What depends only on the document: recomputed once per revision.
pub struct Structure {
    pub graph: Graph,
    pub spofs: SpofReport,
    pub cycles: CycleReport,
}

impl Structure {
    pub fn of(document: &Document) -> Structure {
        // Documents in the store are validated when they enter it.
        let graph = Graph::build(document).unwrap_or_else(|_| {
            Graph::build(&Document::default()).expect("an empty graph is valid")
        });
        let spofs = timed("blackout:spof", || single_points_of_failure(&graph));
        let cycles = timed("blackout:cycles", || cycles(&graph));
        Structure { graph, spofs, cycles }
    }
}

/// The layout, recomputed only when its fingerprint changes (see
/// [`crate::render::layout_fingerprint`]).
pub fn layout_of(document: &Document, structure: &Structure) -> Layout {
    timed("blackout:layout", || layout_document(document, &structure.graph))
}

/// Runs `work` inside a `performance.measure` named `name`, so benchmarks
/// and the browser's profiler can read how long each phase took.
fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
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

/// What also depends on the failure set.
pub struct Situation {
    pub outcome: Outcome,
    pub scene: std::rc::Rc<Scene>,
}

impl Situation {
    pub fn of(document: &Document, structure: &Structure, layout: &Layout, failed: &BTreeSet<NodeId>) -> Situation {
        let failed: Vec<NodeIndex> = failed.iter().filter_map(|id| structure.graph.index_of(id)).collect();
        let outcome = timed("blackout:simulate", || simulate(&structure.graph, &failed));
        let scene = scene(document, &structure.graph, layout, &outcome, &structure.spofs);
        Situation {
            outcome,
            scene: std::rc::Rc::new(scene),
        }
    }
}

/// The nodes to highlight for the selection: the chain that explains why a
/// down node is down, or the features a single point of failure takes down.
pub fn highlight(structure: &Structure, situation: &Situation, selected: Option<&NodeId>) -> HashSet<NodeIndex> {
    let Some(node) = selected.and_then(|id| structure.graph.index_of(id)) else {
        return HashSet::new();
    };
    if !situation.outcome.state(node).is_up() {
        return situation.outcome.explain(node).into_iter().collect();
    }
    // A plain node is shown as selected; dimming the rest would say nothing.
    match structure.spofs.spof(node) {
        Some(spof) => spof.features.iter().copied().chain([node]).collect(),
        None => HashSet::new(),
    }
}
