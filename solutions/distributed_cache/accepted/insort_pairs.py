"""Accepted: one sorted list of (point, node) tuples, kept sorted with bisect.insort; node_for
binary-searches the tuples themselves with the 1-tuple (point,), which sorts before every pair
at that point, so it lands on the smallest name there.

node_for is O(log(N*V)) tuple comparisons; add_node is V insorts (O(V log(N*V)) comparisons,
O(V*N*V) element moves done by memmove); remove_node is one O(N*V) filter.
"""

from __future__ import annotations

import bisect
import hashlib
from typing import Any


def _point(text: str) -> int:
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:4], "big")


class HashRing:
    def __init__(self, nodes: list[str], replicas: int = 100) -> None:
        if type(replicas) is not int:
            raise TypeError("replicas must be an int")
        if replicas < 1:
            raise ValueError("replicas must be >= 1")
        if not isinstance(nodes, (list, tuple)) or not all(isinstance(name, str) for name in nodes):
            raise TypeError("nodes must be a list of str")
        self.replicas = replicas
        self.ring: list[tuple[int, str]] = []
        self.names: set[str] = set()
        for name in nodes:
            self.add_node(name)  # a duplicate raises here

    def add_node(self, name: str) -> None:
        if not isinstance(name, str):
            raise TypeError("a node name must be a str")
        if name in self.names:
            raise ValueError(f"{name!r} is already on the ring")
        self.names.add(name)
        for i in range(self.replicas):
            bisect.insort(self.ring, (_point(f"{name}-{i}"), name))

    def remove_node(self, name: str) -> None:
        if name not in self.names:
            raise KeyError(name)
        self.names.discard(name)
        self.ring = [entry for entry in self.ring if entry[1] != name]

    def node_for(self, key: str) -> str:
        if not self.ring:
            raise LookupError("no nodes on the ring")
        i = bisect.bisect_left(self.ring, (_point(key),))
        return self.ring[i % len(self.ring)][1]


class ShardedCache:
    def __init__(self, ring: HashRing, clients: dict[str, Any]) -> None:
        self.ring = ring
        self.clients = dict(clients)

    def get(self, key: str) -> bytes | None:
        return self.clients[self.ring.node_for(key)].get(key)

    def set(self, key: str, value: str | bytes, ttl_s: float | None = None) -> None:
        if ttl_s is not None and ttl_s <= 0:
            raise ValueError("ttl_s must be positive")
        client = self.clients[self.ring.node_for(key)]
        if ttl_s is None:
            client.set(key, value)
        else:
            client.psetex(key, max(1, int(round(ttl_s * 1000))), value)

    def delete(self, key: str) -> bool:
        return bool(self.clients[self.ring.node_for(key)].delete(key))

    def add_node(self, name: str, client: Any) -> None:
        self.ring.add_node(name)
        self.clients[name] = client

    def remove_node(self, name: str) -> None:
        self.ring.remove_node(name)
        del self.clients[name]
