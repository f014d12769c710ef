"""Complexity benchmark for window_stats: record O(log n) amortised, percentile O(log n).

`prepare` (untimed) fills the window through record(); the timed part, built inside the
timed run, is then a fixed number of records and queries that keep the window's size, so the figures are the cost
per operation at n events in the window (or n keys). The families differ in where a bad
solution's cost hides:
- one key, n events in its window, a percentile every 4 records: sorting the window per
  query (O(n log n)), scanning it to expire (O(n)), and the memmove of plain sorted lists
  (insort into the values, del from the front of a time-ordered list: O(n) per record,
  only visible past ~10^5 events, hence n2 = 256,000);
- n keys with two events each in the window: an expiry that visits every key, O(keys)
  per record.
"""

from __future__ import annotations

import random

from harness.sandbox.benchkit import Answers, Family

TARGET = "record in O(log n) amortised (expiry included), percentile in O(log n); n = events in the window"
WINDOW, LATENESS = 60.0, 5.0
TIMED_RECORDS = 2000
# Growth is measured against the solution that expires from a deque (in-order events) and a
# heap (late ones): its per-record work stays O(1) outside the SortedList, so the baseline does
# not drift with cache misses in a 10^5-entry heap, and memmove-bound solutions stand out.
REFERENCE = "accepted/two_queues.py"


def one_big_window(n: int, rng: random.Random) -> list:
    step = WINDOW / n
    # Time order and rising values throughout (latencies creeping up): every approach appends,
    # and the reference's own work stays at the ends of its structures, cache-friendly. Each
    # timed record expires the oldest event, the smallest value: a plain sorted list of values,
    # or a plain time-ordered list, shifts all of itself (memmove). One record in 10 is up to
    # 4 s late; a percentile after every 4th record.
    return [("/checkout", i * step, float(i)) for i in range(n)]


def one_big_window_ops(n: int, rng: random.Random, fill: list) -> list:
    step = WINDOW / n
    ops: list = []
    for j in range(TIMED_RECORDS):
        ts = (n + j) * step
        if j % 10 == 9:
            ts -= rng.random() * 4
        ops.append(("record", ("/checkout", ts, float(n + j) + rng.random())))
        if j % 4 == 3:
            ops.append(("percentile", ("/checkout", (50, 95, 99)[j % 3], (n + j) * step)))
    return ops


MANY_KEYS_RECORDS = 500


def many_keys(n: int, rng: random.Random) -> list:
    keys = [f"/api/{i}" for i in range(n)]
    per_key = 2
    step = WINDOW / (n * per_key)
    return [(keys[i % n], i * step, float(i % 97)) for i in range(n * per_key)]


def many_keys_ops(n: int, rng: random.Random, fill: list) -> list:
    keys = [key for key, _, _ in fill[:n]]
    per_key = 2
    step = WINDOW / (n * per_key)
    ops: list = []
    for j in range(MANY_KEYS_RECORDS):
        ts = (n * per_key + j) * step
        key = keys[rng.randrange(n)]
        ops.append(("record", (key, ts, rng.random() * 100)))
        if j % 4 == 3:
            ops.append(("percentile", (keys[rng.randrange(n)], 99, ts)))
    return ops


# Most telling first: the bench stops at the first family that fails.
FAMILIES = [
    Family("one key, n events in the window, a percentile every 4 records", (8000, 256000), one_big_window,
           unit="events in the window", timed=one_big_window_ops),
    Family("n keys, 2 events each in the window, a percentile every 4 records", (500, 16000), many_keys, unit="keys",
           timed=many_keys_ops),
]


def prepare(module, fill):
    stats = module.WindowStats(WINDOW, LATENESS)
    record = stats.record
    for event in fill:
        record(*event)
    return stats


def run(module, stats, ops) -> tuple[int, Answers]:
    """Every call's answer (record's None, each percentile) is compared with the reference's."""
    answers = Answers()
    add = answers.append
    record, percentile = stats.record, stats.percentile
    for method, args in ops:
        add(record(*args) if method == "record" else percentile(*args))
    return len(ops), answers
