"""lru_cache reference against cachetools.LRUCache (pure Python) and functools.lru_cache (C).

The workload is get-or-set: look a key up, store it on a miss. Keys are uniform over a
key space sized for the hit rate (capacity / hit rate), so every contender sees the same
hits and misses; the checksum is the number of hits.
"""

from __future__ import annotations

import functools
import random

import cachetools

from harness.maintain.peers import Contender, Workload

CAPACITY = 1000
CALLS = 200_000


def keys_for(hit_rate: float):
    def build(n: int, rng: random.Random) -> list[int]:
        space = int(CAPACITY / hit_rate)
        return [rng.randrange(space) for _ in range(n)]

    return build


WORKLOADS = [
    Workload("get-or-set, capacity 1,000, ~90% hits", (CALLS,), keys_for(0.9), smoke_size=500, unit="calls"),
    Workload("get-or-set, capacity 1,000, ~50% hits", (CALLS,), keys_for(0.5), smoke_size=500, unit="calls"),
    Workload("get-or-set, capacity 1,000, ~10% hits", (CALLS,), keys_for(0.1), smoke_size=500, unit="calls"),
]


def contenders(reference):
    def run_reference(keys):
        cache = reference.LRUCache(CAPACITY)
        get, put = cache.get, cache.put
        hits = 0
        for key in keys:
            if get(key) == -1:
                put(key, key)
            else:
                hits += 1
        return hits

    def run_cachetools(keys):
        cache = cachetools.LRUCache(CAPACITY)
        get = cache.get
        hits = 0
        for key in keys:
            if get(key) is None:
                cache[key] = key
            else:
                hits += 1
        return hits

    def run_functools(keys):
        cached = functools.lru_cache(maxsize=CAPACITY)(lambda key: key)
        for key in keys:
            cached(key)
        return cached.cache_info().hits

    return {
        "reference": Contender("reference", run_reference),
        "cachetools.LRUCache": Contender("pure Python", run_cachetools),
        "functools.lru_cache": Contender("C", run_functools, note="implemented in C and called as a function, so it has no method-call overhead"),
    }
