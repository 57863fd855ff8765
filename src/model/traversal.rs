//! petgraph's traversal traits, so that its algorithms (strongly connected
//! components) run on the graph itself instead of on a copy. An edge points
//! from a node to a dependency: `Outgoing` neighbours are the dependencies,
//! `Incoming` ones the dependents.

use super::{Graph, NodeIndex};
use petgraph::visit::{
    GraphBase, IntoNeighbors, IntoNeighborsDirected, IntoNodeIdentifiers, NodeCount, NodeIndexable, VisitMap,
    Visitable,
};
use petgraph::Direction;
use std::iter::Copied;
use std::ops::Range;
use std::slice::Iter;

impl GraphBase for Graph {
    type NodeId = NodeIndex;
    /// Edges have no identity of their own: (dependent, dependency).
    type EdgeId = (NodeIndex, NodeIndex);
}

impl<'a> IntoNeighbors for &'a Graph {
    type Neighbors = Copied<Iter<'a, NodeIndex>>;

    fn neighbors(self, node: NodeIndex) -> Self::Neighbors {
        self.dependencies(node).iter().copied()
    }
}

impl<'a> IntoNeighborsDirected for &'a Graph {
    type NeighborsDirected = Copied<Iter<'a, NodeIndex>>;

    fn neighbors_directed(self, node: NodeIndex, direction: Direction) -> Self::NeighborsDirected {
        match direction {
            Direction::Outgoing => self.dependencies(node).iter().copied(),
            Direction::Incoming => self.dependents(node).iter().copied(),
        }
    }
}

impl IntoNodeIdentifiers for &Graph {
    type NodeIdentifiers = Range<NodeIndex>;

    fn node_identifiers(self) -> Self::NodeIdentifiers {
        0..self.len() as NodeIndex
    }
}

impl NodeCount for Graph {
    fn node_count(&self) -> usize {
        self.len()
    }
}

impl NodeIndexable for Graph {
    fn node_bound(&self) -> usize {
        self.len()
    }

    fn to_index(&self, node: NodeIndex) -> usize {
        node as usize
    }

    fn from_index(&self, index: usize) -> NodeIndex {
        index as NodeIndex
    }
}

impl Visitable for Graph {
    type Map = VisitedNodes;

    fn visit_map(&self) -> VisitedNodes {
        VisitedNodes(vec![false; self.len()])
    }

    fn reset_map(&self, map: &mut VisitedNodes) {
        map.0.clear();
        map.0.resize(self.len(), false);
    }
}

/// The nodes a petgraph traversal has reached (petgraph's own bit set is
/// not re-exported).
#[derive(Clone, Debug, Default)]
pub struct VisitedNodes(Vec<bool>);

impl VisitMap<NodeIndex> for VisitedNodes {
    fn visit(&mut self, node: NodeIndex) -> bool {
        !std::mem::replace(&mut self.0[node as usize], true)
    }

    fn is_visited(&self, node: &NodeIndex) -> bool {
        self.0[*node as usize]
    }

    fn unvisit(&mut self, node: NodeIndex) -> bool {
        std::mem::replace(&mut self.0[node as usize], false)
    }
}
