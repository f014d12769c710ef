"""Complexity benchmark for cycle_detection: O(V + E).

n is the number of nodes:
- a long chain with forward edges (acyclic): a search from every node, or `v in path`
  on a list, grows like n^2;
- a ring (one cycle through every node): rebuilding the cycle by list copies grows like n^2;
- a wide DAG (a root with n children, all into one sink), up to 128,000 nodes so that the
  memmove of a queue kept in a list (fast, cache-resident at smaller sizes) dominates:
  pop(0) shifts it on every pop.
Count family: node ids that count their comparisons and hashes.
"""

from __future__ import annotations

import random

from harness.benchkit import CountingInt, Family

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
    return graph


def ring(n: int, rng: random.Random) -> dict:
    b = _base(rng)
    graph = {b + i: [b + i + 1] for i in range(n - 1)}
    graph[b + n - 1] = [b]
    return graph


def wide_dag(n: int, rng: random.Random) -> dict:
    b = _base(rng)
    sink = b + n
    graph = {b: list(range(b + 1, b + n))}
    for v in range(b + 1, b + n):
        graph[v] = [sink]
    graph[sink] = []
    return graph


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


def run(module, workload) -> tuple[int, object]:
    """One call; the answer's shape is checked against the reference's (None, or a cycle's length:
    each family has one answer of each kind), so a solution cannot be fast by being wrong here."""
    cycle = module.find_cycle(workload)
    return 1, None if cycle is None else len(cycle)
