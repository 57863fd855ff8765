//! Brute-force reference implementations and small graph builders for tests.
//! Deliberately naive: plain fixed-point iteration over the definitions.

use crate::model::{Document, Graph, Kind, Node, NodeId, NodeIndex, Requirement};

/// Builds a graph of services with "all" requirements from (id, dependencies).
pub fn graph(spec: &[(&str, &[&str])]) -> Graph {
    let nodes = spec
        .iter()
        .map(|(id, deps)| {
            let mut node = Node::new(*id, Kind::Service);
            node.depends_on = deps.iter().map(|d| NodeId::from(*d)).collect();
            node
        })
        .collect();
    Graph::build(&Document { nodes, ..Document::default() }).expect("test graph is valid")
}

/// Builds a graph from `id:kind:requirement:dep,dep; …`, where the requirement
/// is all, any or a number k; a bare `id` is a provider with no dependencies.
/// Features get users = 10 × (position + 1).
pub fn parse_graph(spec: &str) -> Graph {
    let nodes = spec
        .split(';')
        .map(str::trim)
        .enumerate()
        .map(|(position, item)| {
            let parts: Vec<&str> = item.split(':').collect();
            let kind = match parts.get(1).copied().unwrap_or("provider") {
                "feature" => Kind::Feature,
                "service" => Kind::Service,
                "datastore" => Kind::Datastore,
                "datacenter" => Kind::Datacenter,
                _ => Kind::Provider,
            };
            let mut node = Node::new(parts[0], kind);
            node.requires = match parts.get(2).copied().unwrap_or("all") {
                "all" => Requirement::All,
                "any" => Requirement::Any,
                k => Requirement::AtLeast(k.parse().expect("k is a number")),
            };
            node.depends_on = parts
                .get(3)
                .map(|deps| deps.split(',').filter(|d| !d.is_empty()).map(NodeId::from).collect())
                .unwrap_or_default();
            if kind == Kind::Feature {
                node.users = 10 * (position as u64 + 1);
            }
            node
        })
        .collect();
    Graph::build(&Document { nodes, ..Document::default() }).expect("test graph is valid")
}

/// A requirement for a node with `count` dependencies from a random `rule`:
/// 0 all, 1 any, otherwise at least 1 + rule % count (all without any).
pub fn requirement(rule: u32, count: u32) -> Requirement {
    match rule {
        0 => Requirement::All,
        1 => Requirement::Any,
        _ if count > 0 => Requirement::AtLeast(1 + rule % count),
        _ => Requirement::All,
    }
}

fn requirement_met(graph: &Graph, v: NodeIndex, up: &[bool]) -> bool {
    let up_count = graph.dependencies(v).iter().filter(|&&d| up[d as usize]).count();
    up_count >= graph.needed(v)
}

/// The greatest fixed point by iterating the definition until nothing changes.
pub fn down_after(graph: &Graph, failed: &[NodeIndex]) -> Vec<bool> {
    let mut up = vec![true; graph.len()];
    for &f in failed {
        up[f as usize] = false;
    }
    loop {
        let mut changed = false;
        for v in graph.nodes() {
            if up[v as usize] && !requirement_met(graph, v, &up) {
                up[v as usize] = false;
                changed = true;
            }
        }
        if !changed {
            return up.into_iter().map(|u| !u).collect();
        }
    }
}

/// The least fixed point by iterating from "everything down".
pub fn up_after_restart(graph: &Graph, failed: &[NodeIndex]) -> Vec<bool> {
    let mut up = vec![false; graph.len()];
    loop {
        let mut changed = false;
        for v in graph.nodes() {
            if !up[v as usize] && !failed.contains(&v) && requirement_met(graph, v, &up) {
                up[v as usize] = true;
                changed = true;
            }
        }
        if !changed {
            return up;
        }
    }
}

/// (spof, features it takes down, users) by failing every node in turn.
pub fn spofs(graph: &Graph) -> Vec<(NodeIndex, Vec<NodeIndex>, u64)> {
    let mut result = Vec::new();
    for u in graph.nodes() {
        let down = down_after(graph, &[u]);
        let features: Vec<NodeIndex> = graph.features().filter(|&f| down[f as usize]).collect();
        if features.iter().any(|&f| f != u) {
            let users = features.iter().map(|&f| graph.users(f)).sum();
            result.push((u, features, users));
        }
    }
    result
}
