"""Complexity benchmark for cycle_detection: O(V + E).

n is the number of nodes:
- a long chain with forward edges (acyclic): a search from every node, or `v in path`
  on a list, grows like n^2;
- a ring (one cycle through every node): rebuilding the cycle by list copies grows like n^2;
- a wide DAG (a root with n children, all into one sink), up to 128,000 nodes so that the
  memmove of a queue kept in a list (fast, cache-resident at smaller sizes) dominates:
  pop(0) shifts it on every pop.
Count family: node ids that count their comparisons and hashes.

Each run of the chain and the wide DAG asks twice, in an order drawn every round: once on
the acyclic graph, once on a copy with one back edge drawn every round (a cycle somewhere), so
that no answer can be guessed from the family's shape: a solution must read the graph to
say None. Every answer is checked: None, or a list that is a cycle of the graph.
"""

from __future__ import annotations

import random

from harness.sandbox.benchkit import Answers, Counter, CountingInt, Family

TARGET = "find_cycle in O(V + E)"


# Every round gets a new rng, and the node ids start at a random base: a solution cannot
# remember an answer from one round to the next by the input's content.
def _base(rng: random.Random) -> int:
    return rng.randrange(1, 1 << 40)


def chain(n: int, rng: random.Random, node=int) -> dict:
    base = _base(rng)
    ids = [node(base + i) for i in range(n)]
    graph = {ids[i]: [ids[i + 1], ids[i + 2]] for i in range(n - 2)}
    graph[ids[n - 2]] = [ids[n - 1]]
    graph[ids[n - 1]] = []
    # The back edge: from a node in the second half to any earlier one (a DFS finds it only
    # after walking the chain down to it).
    source = rng.randrange(n // 2, n)
    return _with_back_edge(graph, ids[source], ids[rng.randrange(source)], rng)


def ring(n: int, rng: random.Random) -> dict:
    b = _base(rng)
    graph = {b + i: [b + i + 1] for i in range(n - 1)}
    graph[b + n - 1] = [b]
    return {"graphs": [graph]}


def wide_dag(n: int, rng: random.Random) -> dict:
    b = _base(rng)
    sink = b + n
    graph = {b: list(range(b + 1, b + n))}
    for v in range(b + 1, b + n):
        graph[v] = [sink]
    graph[sink] = []
    # The back edge: from a child (or the sink) to the root.
    return _with_back_edge(graph, b + rng.randrange(1, n + 1), b, rng)


def _with_back_edge(graph: dict, source: object, target: object, rng: random.Random) -> dict:
    """The graph, and a copy of it with the edge source -> target, in an order drawn from rng."""
    cyclic = {v: list(ws) for v, ws in graph.items()}
    cyclic[source].append(target)
    return {"graphs": [cyclic, graph] if rng.random() < 0.5 else [graph, cyclic]}


def counted_chain(n: int, rng: random.Random) -> dict:
    return chain(n, rng, node=CountingInt)


FAMILIES = [
    Family("a long chain with forward edges (no cycle)", (1000, 32000), chain, unit="nodes"),
    Family("a wide DAG: a root with n children", (4000, 128000), wide_dag, unit="nodes"),
    Family("a ring through every node", (1000, 32000), ring, unit="nodes"),
]

COUNT_FAMILIES = [
    Family("node comparisons and hashes, a long chain", (1000, 16000), counted_chain, unit="nodes",
           label="node comparisons and hashes"),
]


def _checked(graph: dict, cycle: object) -> object:
    """What the answer is, for the comparison: None, "a cycle" for any cycle of `graph` (every
    cycle is right), else "not a cycle". Its own hashes and comparisons are not counted."""
    if cycle is None:
        return None
    counted = Counter.operations
    try:
        if type(cycle) is not list or not cycle or len(set(cycle)) != len(cycle):
            return "not a cycle"
        following = cycle[1:] + cycle[:1]
        for a, b in zip(cycle, following):
            if b not in graph.get(a, ()):
                return "not a cycle"
        return "a cycle"
    finally:
        Counter.operations = counted


def run(module, workload) -> tuple[int, Answers]:
    """One call, or two (the graph without and with its back edge, in the order drawn), each
    answer checked: None, or a cycle of the graph it was given."""
    answers = Answers()
    for graph in workload["graphs"]:
        answers.append(_checked(graph, module.find_cycle(graph)))
    return len(workload["graphs"]), answers
