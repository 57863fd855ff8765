//! Index lists stored end to end (compressed sparse rows).

use super::NodeIndex;

/// One index list per node, stored end to end: a graph of 100,000 nodes would
/// otherwise make 200,000 small allocations, and the analyses walk these lists
/// in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Adjacency {
    /// Node v's list is `targets[starts[v]..starts[v + 1]]`.
    pub starts: Vec<usize>,
    pub targets: Vec<NodeIndex>,
}

impl Adjacency {
    pub fn of(&self, node: NodeIndex) -> &[NodeIndex] {
        let v = node as usize;
        &self.targets[self.starts[v]..self.starts[v + 1]]
    }
}

/// The dependents of every node, each list in index order, from the
/// dependencies and each node's number of dependents.
pub fn reverse(dependencies: &Adjacency, counts: Vec<usize>) -> Adjacency {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    starts.push(0);
    let mut total = 0;
    for count in &counts {
        total += count;
        starts.push(total);
    }
    // Where the next dependent of each node goes; nodes are visited in index
    // order, so each list comes out sorted.
    let mut next = starts[..counts.len()].to_vec();
    let mut targets = vec![0; total];
    for v in 0..counts.len() {
        for &d in dependencies.of(v as NodeIndex) {
            targets[next[d as usize]] = v as NodeIndex;
            next[d as usize] += 1;
        }
    }
    Adjacency { starts, targets }
}
