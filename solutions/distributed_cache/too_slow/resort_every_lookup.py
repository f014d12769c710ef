"""Too slow: add_node appends the new (point, node) pairs, and node_for sorts the list in place
before each binary search, "to be safe". Once sorted, timsort only checks the order, but that is
still O(N*V) comparisons per lookup instead of O(log(N*V)).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import Any


def point(text: str) -> int:
    """The contract's hash: the first 4 bytes of MD5 of the UTF-8 text, big-endian."""
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:4], "big")


class HashRing:
    def __init__(self, nodes: Iterable[str], replicas: int = 100) -> None:
        if isinstance(replicas, bool) or not isinstance(replicas, int):
            raise TypeError("replicas must be an int")
        if not isinstance(nodes, (list, tuple)) or not all(isinstance(name, str) for name in nodes):
            raise TypeError("nodes must be a list or tuple of str")
        if replicas < 1:
            raise ValueError("replicas must be at least 1")
        names = list(nodes)
        if len(set(names)) != len(names):
            raise ValueError("duplicate node names")
        self._replicas = replicas
        self._nodes = set(names)
        self._pairs = [(point(f"{name}-{i}"), name) for name in names for i in range(replicas)]

    def add_node(self, name: str) -> None:
        if not isinstance(name, str):
            raise TypeError("a node name must be a str")
        if name in self._nodes:
            raise ValueError(name)
        self._nodes.add(name)
        self._pairs += [(point(f"{name}-{i}"), name) for i in range(self._replicas)]

    def remove_node(self, name: str) -> None:
        if name not in self._nodes:
            raise KeyError(name)
        self._nodes.remove(name)
        self._pairs = [pair for pair in self._pairs if pair[1] != name]

    def node_for(self, key: str) -> str:
        if not self._pairs:
            raise LookupError("empty ring")
        self._pairs.sort()
        pairs = self._pairs
        i = bisect_left(pairs, (point(key), ""))
        return pairs[i % len(pairs)][1]


class ShardedCache:
    def __init__(self, ring: HashRing, clients: Mapping[str, Any]) -> None:
        self._ring = ring
        self._clients = dict(clients)

    def _client(self, key: str) -> Any:
        return self._clients[self._ring.node_for(key)]

    def get(self, key: str) -> bytes | None:
        return self._client(key).get(key)

    def set(self, key: str, value: str | bytes, ttl_s: float | None = None) -> None:
        if ttl_s is None:
            self._client(key).set(key, value)
            return
        if ttl_s <= 0:
            raise ValueError(f"ttl_s must be positive, got {ttl_s}")
        self._client(key).set(key, value, px=max(1, round(ttl_s * 1000)))

    def delete(self, key: str) -> bool:
        return self._client(key).delete(key) == 1

    def add_node(self, name: str, client: Any) -> None:
        self._ring.add_node(name)  # raises on a duplicate before anything changes
        self._clients[name] = client

    def remove_node(self, name: str) -> None:
        self._ring.remove_node(name)
        self._clients.pop(name, None)
