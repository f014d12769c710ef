"""top_k_stream reference against the exact baseline people write first: a collections.Counter
with heapq.nsmallest over every count on every query (ties by name, as the contract says).

A skewed stream (Pareto 1.2 over the event ids, a long tail of rare events) with top()
interleaved every m adds; the checksum is the hash of every answer.
"""

from __future__ import annotations

import heapq
import random
from collections import Counter

from harness.maintain.peers import Contender, Workload

K = 10


def pareto_stream(every: int):
    def build(n: int, rng: random.Random) -> list:
        ops: list = []
        for i in range(n):
            ops.append(f"event-{int(rng.paretovariate(1.2)) % 50_000}")
            if i % every == every - 1:
                ops.append(None)
        return ops

    return build


WORKLOADS = [
    Workload("Pareto(1.2) stream, top() every 1,000 adds", (200_000,), pareto_stream(1000), smoke_size=2000, unit="adds"),
    Workload("Pareto(1.2) stream, top() every 100 adds", (50_000,), pareto_stream(100), smoke_size=2000, unit="adds"),
    Workload("Pareto(1.2) stream, top() every 10 adds", (10_000,), pareto_stream(10), smoke_size=2000, unit="adds"),
]


def contenders(reference):
    def run_reference(ops):
        topk = reference.TopK(K)
        add, top = topk.add, topk.top
        answers = 0
        for op in ops:
            if op is None:
                answers = hash((answers, tuple(top())))
            else:
                add(op)
        return answers

    def run_counter(ops):
        counts = Counter()
        answers = 0
        for op in ops:
            if op is None:
                best = heapq.nsmallest(K, counts.items(), key=lambda item: (-item[1], item[0]))
                answers = hash((answers, tuple(best)))
            else:
                counts[op] += 1
        return answers

    return {
        "reference": Contender("reference", run_reference),
        "Counter + heapq.nsmallest per query": Contender(
            "pure Python", run_counter, note="exact, O(n log k) per query over all n distinct events; cheap adds"
        ),
    }
