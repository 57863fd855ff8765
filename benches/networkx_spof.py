#!/usr/bin/env python3
"""The single-point-of-failure report of a Blackout file, the networkx way.

What a user without Blackout would write: when every node needs any one of
its dependencies, the nodes whose lone failure takes v down are exactly v's
dominators in the graph whose edges run dependency -> dependent, rooted at a
virtual node that feeds every node without dependencies. One call to
nx.immediate_dominators, then a walk up the dominator tree from each feature.

Prints the same JSON as `blackout check FILE --json`, byte for byte, and exits
like it: 1 when there is a single point of failure, 0 when there is none, 2 on
input this interpretation cannot answer (an "all" or "at least k" node with
several dependencies, a cycle: a cycle of any-nodes keeps itself up, which
dominators do not model, or recovery data). Without recovery data and without
cycles every node is back at hour 0, so each single point of failure's restore
`hours` and `user_hours` are 0 and no tolerance is breached.

Usage: python3 benches/networkx_spof.py FILE
"""

import json
import sys

import networkx as nx


def fail(message):
    print(f"networkx_spof: {message}", file=sys.stderr)
    sys.exit(2)


def needs_any_one(node):
    """True when one dependency up is enough for the node to run."""
    count = len(node.get("depends_on", []))
    requires = node.get("requires", "all")
    if count <= 1 or requires == "any":
        return True
    return isinstance(requires, dict) and requires.get("at_least") == 1


def main(path):
    with open(path, encoding="utf-8") as file:
        nodes = json.load(file)["nodes"]

    for node in nodes:
        if not needs_any_one(node):
            fail(f'node "{node["id"]}" needs more than one of its dependencies')
        if any(field in node for field in ("recovery_hours", "rebuild_hours", "tolerance_hours")):
            fail(f'node "{node["id"]}" has recovery data, which this script does not model')
    root = object()  # cannot collide with any id
    graph = nx.DiGraph()
    graph.add_node(root)
    graph.add_nodes_from(node["id"] for node in nodes)
    graph.add_edges_from(
        (dependency, node["id"]) for node in nodes for dependency in node.get("depends_on", [])
    )
    graph.add_edges_from((root, node["id"]) for node in nodes if not node.get("depends_on"))
    if len(graph) != len(nodes) + 1:
        fail("a node depends on an unknown node (or two nodes share an id)")
    if not nx.is_directed_acyclic_graph(graph):
        fail("the graph has a cycle")

    idom = nx.immediate_dominators(graph, root)

    users = {}
    for node in nodes:
        if node["kind"] == "feature":
            users[node["id"]] = node.get("users", 0)
    # Each feature is down after the failure of any node on its dominator chain.
    killed = {}
    for feature in users:
        u = feature
        while u is not root:
            killed.setdefault(u, []).append(feature)
            u = idom[u]

    spofs = [
        {"id": u, "features": sorted(features), "users": sum(users[f] for f in features), "hours": 0.0, "user_hours": 0.0}
        for u, features in killed.items()
        if any(f != u for f in features)
    ]
    spofs.sort(key=lambda spof: (-spof["users"], spof["id"]))
    report = {"features": len(users), "spofs": spofs, "tolerance_breaches": []}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if spofs else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: networkx_spof.py FILE")
    sys.exit(main(sys.argv[1]))
