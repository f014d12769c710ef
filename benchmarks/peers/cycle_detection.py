"""cycle_detection reference against networkx.find_cycle and graphlib.TopologicalSorter
(both pure Python), on 10^5-node paths, rings and random DAGs. Inputs in each peer's own
form are built outside the timed region (graphlib wants predecessors); the checksum is
whether a cycle was found."""

from __future__ import annotations

import graphlib
import random

import networkx as nx

from harness.maintain.peers import Contender, Workload


def _forms(graph: dict) -> tuple[dict, object, dict]:
    g = nx.DiGraph()
    g.add_nodes_from(graph)
    predecessors: dict = {v: [] for v in graph}
    for u, successors in graph.items():
        for v in successors:
            g.add_edge(u, v)
            predecessors.setdefault(v, []).append(u)
    return graph, g, predecessors


def path(n: int, rng: random.Random):
    return _forms({i: [i + 1] if i < n - 1 else [] for i in range(n)})


def ring(n: int, rng: random.Random):
    return _forms({i: [(i + 1) % n] for i in range(n)})


def random_dag(n: int, rng: random.Random):
    graph = {i: sorted({rng.randrange(i + 1, n) for _ in range(3)}) if i < n - 1 else [] for i in range(n)}
    return _forms(graph)


WORKLOADS = [
    Workload("a path (no cycle)", (100_000,), path, smoke_size=100, unit="nodes"),
    Workload("a ring (one cycle through every node)", (100_000,), ring, smoke_size=100, unit="nodes"),
    # 10^4, not 10^5: networkx.find_cycle is quadratic on DAGs (0.35 s, 1.1 s, 3.8 s at 2k, 4k, 8k
    # nodes here), so 10^5 nodes would take about 10 minutes a run.
    Workload("a random DAG, 3 edges per node", (10_000,), random_dag, smoke_size=100, unit="nodes"),
]


def _networkx(data) -> bool:
    try:
        nx.find_cycle(data[1])
        return True
    except nx.NetworkXNoCycle:
        return False


def _graphlib(data) -> bool:
    try:
        graphlib.TopologicalSorter(data[2]).prepare()
        return False
    except graphlib.CycleError:
        return True


def contenders(reference):
    return {
        "reference": Contender("reference", lambda data: reference.find_cycle(data[0]) is not None),
        "networkx.find_cycle": Contender(
            "pure Python", _networkx, note="grows faster than linearly on rings and DAGs in networkx 3.6 (measured; no upstream issue found)"
        ),
        "graphlib.TopologicalSorter.prepare": Contender(
            "pure Python", _graphlib, note="detects a cycle (prepare) and reports one on failure; finds no order here"
        ),
    }
