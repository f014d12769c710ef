"""Complexity benchmark for top_k_stream: add O(log n), top O(k log n) or better.

n is the number of distinct events. `prepare` (untimed) adds every one of them; the
timed part is then a fixed 2,000 adds and queries on that stream, so the figures are
the cost per operation at n distinct events. The families differ in where a bad
solution's cost hides:
- random adds with top() every 10 adds (k = 10): an O(n) scan per top();
- every add makes its event the new leader: a sorted Python list shifts itself on each
  add (memmove, O(n) per add, invisible to operation counts);
- a large k (n / 2), adds only: an add that costs O(k).
"""

from __future__ import annotations

import random

from harness.benchkit import Family

TARGET = "add in O(log n), top in O(k log n) or better (n distinct events)"
# Growth is measured against the solution that ranks on every add: the problem's reference
# defers ranking to top(), which in an adds-only family would hide every per-add cost.
REFERENCE = "accepted/sorted_list.py"
TIMED_OPS = 2000


def _fill(n: int, rng: random.Random) -> list[tuple[str, int]]:
    # Equal counts in name order: each new event ranks last, so filling is cheap for every
    # approach (a sorted Python list appends) and only the timed operations differ.
    return [(f"e{i:07d}", 1) for i in range(n)]


def random_adds(n: int, rng: random.Random) -> dict:
    fill = _fill(n, rng)
    ops: list = []
    for i in range(TIMED_OPS):
        ops.append((fill[rng.randrange(n)][0], 1 + rng.randrange(5)))
        if i % 10 == 9:
            ops.append(None)
    return {"k": 10, "fill": fill, "ops": ops}


def rising_leaders(n: int, rng: random.Random) -> dict:
    fill = _fill(n, rng)
    ops: list = []
    # Each add lifts an event from the bottom of the counts above every other one.
    for i in range(TIMED_OPS):
        ops.append((fill[i % n][0], 10 + 4 * i))
        if i % 10 == 9:
            ops.append(None)
    return {"k": 10, "fill": fill, "ops": ops}


def large_k(n: int, rng: random.Random) -> dict:
    # Adds only: with k near n, top() may cost O(k log n) by the contract, but add may not.
    workload = random_adds(n, rng)
    ops = [op for op in workload["ops"] if op is not None]
    return {"k": max(10, n // 2), "fill": workload["fill"], "ops": ops}


# Most telling first: the bench stops at the first family that fails.
FAMILIES = [
    # Larger: a memmove of the whole list only dominates past tens of thousands of events.
    Family("every add makes a new leader, k = 10", (1000, 64000), rising_leaders, unit="distinct events"),
    # 16x, not 32x: a sift-up heap's O(log n) in Python against the reference's log n in C
    # drifts by a log factor (G up to 2.4 at 32x); the O(k) signal is large anyway.
    Family("large k = n/2, adds only", (1000, 16000), large_k, unit="distinct events"),
    Family("random adds, top() every 10 adds, k = 10", (1000, 32000), random_adds, unit="distinct events"),
]


def prepare(module, workload):
    topk = module.TopK(workload["k"])
    for name, count in workload["fill"]:
        topk.add(name, count)
    topk.top()  # settle: work a solution defers to top() belongs to the fill, not the timed part
    return topk, workload["ops"]


def run(module, state) -> int:
    topk, ops = state
    add, top = topk.add, topk.top
    for op in ops:
        if op is None:
            top()
        else:
            add(op[0], op[1])
    return len(ops)
