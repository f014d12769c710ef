"""dijkstra reference against networkx.single_source_dijkstra_path_length (pure Python),
on sparse random graphs (10^5 nodes, 5 x 10^5 edges) and on grids. The networkx graph
is built outside the timed region; the checksum is the number of reachable nodes and
the sum of their distances (rounded)."""

from __future__ import annotations

import random

import networkx as nx

from harness.maintain.peers import Contender, Workload


def sparse_random(n: int, rng: random.Random) -> tuple[dict, object]:
    graph: dict = {v: [] for v in range(n)}
    for _ in range(5 * n):
        graph[rng.randrange(n)].append((rng.randrange(n), rng.uniform(1.0, 100.0)))
    return graph, _as_networkx(graph)


def grid(n: int, rng: random.Random) -> tuple[dict, object]:
    side = int(n**0.5)
    graph: dict = {}
    for r in range(side):
        for c in range(side):
            edges = []
            for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
                if 0 <= r + dr < side and 0 <= c + dc < side:
                    edges.append(((r + dr) * side + c + dc, rng.randint(1, 9)))
            graph[r * side + c] = edges
    return graph, _as_networkx(graph)


def _as_networkx(graph: dict) -> object:
    g = nx.DiGraph()
    g.add_nodes_from(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if not g.has_edge(u, v) or g[u][v]["weight"] > w:
                g.add_edge(u, v, weight=w)
    return g


WORKLOADS = [
    Workload("sparse random digraph, E = 5V, float weights", (100_000,), sparse_random, smoke_size=200, unit="nodes"),
    Workload("grid, 4-neighbour, int weights 1-9", (90_000,), grid, smoke_size=100, unit="nodes"),
]


def _checksum(distances: dict) -> tuple[int, float]:
    return len(distances), round(sum(distances.values()), 3)


def contenders(reference):
    return {
        "reference": Contender("reference", lambda data: _checksum(reference.shortest_paths(data[0], 0))),
        "networkx.single_source_dijkstra_path_length": Contender(
            "pure Python",
            lambda data: _checksum(nx.single_source_dijkstra_path_length(data[1], 0)),
            note="does less: no check for negative weights, which the contract makes the reference do over every edge",
        ),
    }
