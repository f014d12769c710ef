"""window_stats reference against what people write first: the window kept as a
collections.deque of (ts, value) per key, and on every percentile query either
numpy.percentile (method="inverted_cdf", which is nearest rank) over the window's values,
or sorted() in pure Python.

The workload: 20 endpoints, 200 events per second in time order (the peers keep no lateness
logic), a 60 s window (about 600 events per endpoint in it), and a percentile query
(p50/p95/p99 in turn) after every m events. The checksum is the sum of every answer.
"""

from __future__ import annotations

import random
from collections import deque
from math import ceil

import numpy

from harness.maintain.peers import Contender, Workload

WINDOW, KEYS, RATE = 60.0, 20, 200


def stream(every: int):
    def build(n: int, rng: random.Random) -> list:
        ops: list = []
        for i in range(n):
            key = f"/api/{rng.randrange(KEYS)}"
            ops.append((key, float(i) / RATE, round(rng.lognormvariate(3, 0.8), 3)))
            if i % every == every - 1:
                ops.append((f"/api/{rng.randrange(KEYS)}", (50, 95, 99)[i % 3], i / RATE))
        return ops

    return build


WORKLOADS = [
    Workload("20 endpoints, ~600 events each in the window, a percentile every 100 events", (100_000,), stream(100),
             smoke_size=3000, unit="events"),
    Workload("20 endpoints, ~600 events each in the window, a percentile every 10 events", (40_000,), stream(10),
             smoke_size=3000, unit="events"),
    Workload("20 endpoints, ~600 events each in the window, a percentile every 2 events", (20_000,), stream(2),
             smoke_size=3000, unit="events"),
]


def _deque_peer(answer):
    def run(ops):
        windows: dict[str, deque] = {}
        total = 0.0
        for key, x, t in ops:
            if type(x) is float:  # a record: (key, ts, value); a query is (key, p: int, now)
                windows.setdefault(key, deque()).append((x, t))
                continue
            window = windows.get(key)
            if window is None:
                continue
            while window and window[0][0] <= t - WINDOW:
                window.popleft()
            if window:
                total += answer([v for _, v in window], x)
        return total

    return run


def _numpy_answer(values, p):
    return float(numpy.percentile(numpy.array(values), p, method="inverted_cdf"))


def _sorted_answer(values, p):
    return sorted(values)[ceil(p * len(values) / 100) - 1]


def contenders(reference):
    def run_reference(ops):
        stats = reference.WindowStats(WINDOW, 5)
        record, percentile = stats.record, stats.percentile
        total = 0.0
        for key, x, t in ops:
            if type(x) is float:
                record(key, x, t)
            else:
                answer = percentile(key, x, t)
                if answer is not None:
                    total += answer
        return total

    return {
        "reference": Contender("reference", run_reference),
        "deque + numpy.percentile per query": Contender(
            "C", _deque_peer(_numpy_answer), note="numpy.percentile(method='inverted_cdf') over the window's values, copied to an array per query"),
        "deque + sorted() per query": Contender(
            "pure Python", _deque_peer(_sorted_answer), note="O(n log n) per query over the endpoint's window"),
    }
