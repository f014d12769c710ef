"""Complexity benchmark for lru_cache: get and put in O(1) average.

n is the capacity; each workload makes 4n calls, so an O(1) solution's time grows
like n and an O(capacity)-per-call one like n^2.
"""

from __future__ import annotations

import random

from harness.sandbox.benchkit import Answers, CountingInt, Family

TARGET = "get and put in O(1) average per call"


def random_calls(n: int, rng: random.Random, key=int):
    """Half gets, half puts, keys drawn from 2n keys: about half the gets hit."""
    calls = [(rng.random() < 0.5, key(rng.randrange(2 * n)), i) for i in range(4 * n)]
    return n, calls


def always_evicting(n: int, rng: random.Random, key=int):
    """Fill the cache, then every put is a new key (evicting the oldest) and every get hits a recent key."""
    calls = [(False, key(i), i) for i in range(n)]
    for i in range(n, 4 * n, 2):
        calls.append((False, key(i), i))
        calls.append((True, key(i - rng.randrange(n // 2)), 0))
    return n, calls


def counted_random_calls(n: int, rng: random.Random):
    return random_calls(n, rng, key=CountingInt)


FAMILIES = [
    Family("random get/put over 2n keys", (256, 8192), random_calls, unit="capacity"),
    # Larger sizes: the holes left by deletions only dominate past a few thousand keys.
    Family("always evicting: every put is a new key", (1024, 32768), always_evicting, unit="capacity"),
]

COUNT_FAMILIES = [
    Family("key comparisons and hashes, random get/put", (256, 4096), counted_random_calls, unit="capacity"),
]


def run(module, workload) -> tuple[int, Answers]:
    """The calls, and what each returned (a get's value, a put's None), checked against the reference's."""
    capacity, calls = workload
    cache = module.LRUCache(capacity)
    get, put = cache.get, cache.put
    answers = Answers()
    add = answers.append
    for is_get, key, value in calls:
        add(get(key) if is_get else put(key, value))
    return len(calls), answers
