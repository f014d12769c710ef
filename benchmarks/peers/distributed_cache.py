"""distributed_cache reference against uhashring (a pure-Python consistent-hash ring, ketama
style): lookups per second on rings of 10 and 100 nodes with 100 virtual points each.

uhashring is given the contract's hash (`hash_fn`): its points are then labelled and hashed
exactly as the statement's (f"{node}-{i}"), so both place every key alike except a key that
sits exactly on a point (uhashring takes the next point) or a point two nodes share (the last
node added wins). Neither happens with these keys; the checksum, the number of keys each node
got, checks it. Only node_for is timed: the cache's get/set are one Redis round trip each,
the same for any client.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter

import uhashring

from harness.maintain.peers import Contender, Workload

LOOKUPS = 100_000


def point(text: str) -> int:
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:4], "big")


def ring_of(nodes: int):
    def build(n: int, rng: random.Random) -> tuple[list[str], list[str]]:
        return [f"cache-{i}" for i in range(nodes)], [f"key:{rng.getrandbits(48):x}" for _ in range(n)]

    return build


WORKLOADS = [
    Workload("10 nodes x 100 points, random keys", (LOOKUPS,), ring_of(10), smoke_size=500, unit="lookups"),
    Workload("100 nodes x 100 points, random keys", (LOOKUPS,), ring_of(100), smoke_size=500, unit="lookups"),
]


def _spread(owners: list[str]) -> tuple:
    return tuple(sorted(Counter(owners).items()))


def contenders(reference):
    def run_reference(data):
        nodes, keys = data
        node_for = reference.HashRing(nodes, 100).node_for
        return _spread([node_for(key) for key in keys])

    def run_uhashring(data):
        nodes, keys = data
        get_node = uhashring.HashRing(nodes, vnodes=100, hash_fn=point).get_node
        return _spread([get_node(key) for key in keys])

    return {
        "reference": Contender("reference", run_reference),
        "uhashring.HashRing": Contender(
            "pure Python", run_uhashring,
            note="given the contract's hash (hash_fn), it places keys as the reference does; a key exactly on a point goes to the next one (bisect_right)",
        ),
    }
