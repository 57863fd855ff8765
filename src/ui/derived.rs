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
    pub layout: Layout,
}

impl Structure {
    pub fn of(document: &Document) -> Structure {
        // Documents in the store are validated when they enter it.
        let graph = Graph::build(document).unwrap_or_else(|_| {
            Graph::build(&Document::default()).expect("an empty graph is valid")
        });
        Structure {
            spofs: single_points_of_failure(&graph),
            cycles: cycles(&graph),
            layout: layout_document(document, &graph),
            graph,
        }
    }
}

/// What also depends on the failure set.
pub struct Situation {
    pub outcome: Outcome,
    pub scene: std::rc::Rc<Scene>,
}

impl Situation {
    pub fn of(document: &Document, structure: &Structure, failed: &BTreeSet<NodeId>) -> Situation {
        let failed: Vec<NodeIndex> = failed.iter().filter_map(|id| structure.graph.index_of(id)).collect();
        let outcome = simulate(&structure.graph, &failed);
        let scene = scene(document, &structure.graph, &structure.layout, &outcome, &structure.spofs);
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
    match structure.spofs.spof(node) {
        Some(spof) => spof.features.iter().copied().chain([node]).collect(),
        None => [node].into_iter().collect(),
    }
}
