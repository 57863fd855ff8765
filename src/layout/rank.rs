//! Phase 1: layer assignment.
//!
//! Every tier that has nodes gets a band of consecutive layers, in tier order.
//! Inside a band a node sits below all of its same-tier dependents (longest
//! path from the band's sources). Same-tier cycles are broken by ignoring the
//! back edges of a depth-first search, so the layering is always defined.
//! Edges between different tiers never influence the sub-layer: the tier
//! alone decides the band, even when an edge points "upwards".
//!
//! Cost: O(n + m).

use super::Csr;

/// Layer index (0 = top) of every node.
pub(super) fn assign_layers(tiers: &[u8], edges: &[(u32, u32)]) -> Vec<u32> {
    let n = tiers.len();
    let tier_of = |v: u32| tiers[v as usize];
    let same_tier = Csr::build(
        n,
        edges
            .iter()
            .copied()
            .filter(|&(a, b)| a != b && tier_of(a) == tier_of(b)),
    );

    let back = back_edges(&same_tier);
    let sub = longest_path(&same_tier, &back);

    // Band heights; tiers without nodes keep height 0 and so take no space.
    let mut depth = [0u32; 256];
    for (v, &t) in tiers.iter().enumerate() {
        let d = &mut depth[usize::from(t)];
        *d = (*d).max(sub[v] + 1);
    }
    let mut offset = [0u32; 256];
    let mut acc = 0u32;
    for (o, d) in offset.iter_mut().zip(depth) {
        *o = acc;
        acc += d;
    }
    tiers
        .iter()
        .zip(&sub)
        .map(|(&t, &s)| offset[usize::from(t)] + s)
        .collect()
}

/// Marks the adjacency slots of `g` that are back edges of an iterative DFS
/// (roots in node order, so the result is deterministic). Dropping them
/// leaves an acyclic graph.
fn back_edges(g: &Csr) -> Vec<bool> {
    const NEW: u8 = 0;
    const ACTIVE: u8 = 1;
    const DONE: u8 = 2;
    let n = g.node_count();
    let mut back = vec![false; g.adj.len()];
    let mut state = vec![NEW; n];
    // (node, next adjacency slot to look at); explicit stack so deep chains
    // cannot overflow the (small, in wasm) call stack.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if state[root] != NEW {
            continue;
        }
        state[root] = ACTIVE;
        stack.push((root, g.range(root).start));
        while let Some(top) = stack.last_mut() {
            let (v, slot) = *top;
            if slot < g.range(v).end {
                top.1 += 1;
                let w = g.adj[slot] as usize;
                match state[w] {
                    NEW => {
                        state[w] = ACTIVE;
                        stack.push((w, g.range(w).start));
                    }
                    ACTIVE => back[slot] = true,
                    _ => {}
                }
            } else {
                state[v] = DONE;
                stack.pop();
            }
        }
    }
    back
}

/// Longest path from the sources over the non-back edges (Kahn's algorithm).
fn longest_path(g: &Csr, back: &[bool]) -> Vec<u32> {
    let n = g.node_count();
    let mut indegree = vec![0u32; n];
    for (slot, &w) in g.adj.iter().enumerate() {
        if !back[slot] {
            indegree[w as usize] += 1;
        }
    }
    let mut sub = vec![0u32; n];
    let mut queue: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    let mut head = 0;
    while let Some(&v) = queue.get(head) {
        head += 1;
        for slot in g.range(v) {
            if back[slot] {
                continue;
            }
            let w = g.adj[slot] as usize;
            sub[w] = sub[w].max(sub[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                queue.push(w);
            }
        }
    }
    // The kept edges are acyclic, so every node was dequeued; a node that
    // somehow was not simply keeps the sub-layer reached so far.
    sub
}
