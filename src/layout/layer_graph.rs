//! The graph as the ordering and coordinate phases see it: edges cleaned of
//! self-loops and duplicates, and compressed adjacency lists up and down.

use std::ops::Range;

/// Edges between two distinct existing nodes, sorted and deduplicated.
pub(super) fn valid_edges(n: usize, edges: &[(u32, u32)]) -> Vec<(u32, u32)> {
    let mut valid: Vec<(u32, u32)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n)
        .collect();
    valid.sort_unstable();
    valid.dedup();
    valid
}

/// Compressed adjacency lists: the neighbours of node `v` are
/// `adj[start[v]..start[v + 1]]`, in the order the pairs were given.
pub(super) struct Csr {
    pub(super) start: Vec<usize>,
    pub(super) adj: Vec<u32>,
}

impl Csr {
    /// `pairs` are (from, to) with both `< n`.
    pub(super) fn build(n: usize, pairs: impl IntoIterator<Item = (u32, u32)>) -> Csr {
        let pairs: Vec<(u32, u32)> = pairs.into_iter().collect();
        let mut start = vec![0usize; n + 1];
        for &(a, _) in &pairs {
            start[a as usize + 1] += 1;
        }
        for v in 1..=n {
            start[v] += start[v - 1];
        }
        let mut cursor = start.clone();
        let mut adj = vec![0u32; pairs.len()];
        for (a, b) in pairs {
            adj[cursor[a as usize]] = b;
            cursor[a as usize] += 1;
        }
        Csr { start, adj }
    }

    pub(super) fn node_count(&self) -> usize {
        self.start.len() - 1
    }

    pub(super) fn range(&self, v: usize) -> Range<usize> {
        self.start[v]..self.start[v + 1]
    }

    pub(super) fn neighbours(&self, v: usize) -> &[u32] {
        &self.adj[self.range(v)]
    }
}

/// The graph as the ordering and coordinate phases see it: undirected
/// segments from an upper to a lower layer, whatever the edge direction.
pub(super) struct LayerGraph {
    /// (upper node, lower node), sorted, without duplicates.
    pub(super) segments: Vec<(u32, u32)>,
    /// Neighbours in layers above each node.
    pub(super) up: Csr,
    /// Neighbours in layers below each node.
    pub(super) down: Csr,
}

impl LayerGraph {
    pub(super) fn new(n: usize, layers: &[u32], edges: &[(u32, u32)]) -> LayerGraph {
        let mut segments: Vec<(u32, u32)> = edges
            .iter()
            .filter_map(|&(a, b)| {
                let (la, lb) = (layers[a as usize], layers[b as usize]);
                // Only self-loops could share a layer, and those are gone.
                match la.cmp(&lb) {
                    std::cmp::Ordering::Less => Some((a, b)),
                    std::cmp::Ordering::Greater => Some((b, a)),
                    std::cmp::Ordering::Equal => None,
                }
            })
            .collect();
        segments.sort_unstable();
        segments.dedup();
        let down = Csr::build(n, segments.iter().copied());
        let up = Csr::build(n, segments.iter().map(|&(a, b)| (b, a)));
        LayerGraph { segments, up, down }
    }
}
