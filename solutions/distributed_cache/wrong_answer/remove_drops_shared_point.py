"""Wrong: one dict {point: owner}, the smallest name kept at a shared point (right whatever the
order of arrival), but removing the owner of a shared point deletes the point instead of handing
it to the other node still there: its keys go on to the next point's node.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Mapping
from typing import Any


def point(text: str) -> int:
    """The contract's hash: the first 4 bytes of MD5 of the UTF-8 text, big-endian."""
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:4], "big")


def _check_name(name: object) -> None:
    if not isinstance(name, str):
        raise TypeError(f"a node name must be a str, got {type(name).__name__}")


class HashRing:
    def __init__(self, nodes: list[str] | tuple[str, ...], replicas: int = 100) -> None:
        if isinstance(replicas, bool) or not isinstance(replicas, int):
            raise TypeError(f"replicas must be an int, got {type(replicas).__name__}")
        if replicas < 1:
            raise ValueError(f"replicas must be at least 1, got {replicas}")
        if not isinstance(nodes, (list, tuple)):
            raise TypeError(f"nodes must be a list of names, got {type(nodes).__name__}")
        names = list(nodes)
        for name in names:
            _check_name(name)
        if len(set(names)) != len(names):
            raise ValueError("duplicate node names")
        self._replicas = replicas
        self._nodes: set[str] = set()
        self._owner: dict[int, str] = {}  # point -> the smallest name there
        self._points: list[int] = []
        for name in names:
            self.add_node(name)

    def add_node(self, name: str) -> None:
        _check_name(name)
        if name in self._nodes:
            raise ValueError(f"node {name!r} is already on the ring")
        self._nodes.add(name)
        for i in range(self._replicas):
            p = point(f"{name}-{i}")
            current = self._owner.get(p)
            if current is None or name < current:
                self._owner[p] = name
        self._points = sorted(self._owner)

    def remove_node(self, name: str) -> None:
        if name not in self._nodes:
            raise KeyError(name)
        self._nodes.remove(name)
        for i in range(self._replicas):
            p = point(f"{name}-{i}")
            if self._owner.get(p) == name:
                del self._owner[p]  # the other node at this point is forgotten
        self._points = sorted(self._owner)

    def node_for(self, key: str) -> str:
        if not self._points:
            raise LookupError("the ring has no nodes")
        i = bisect_left(self._points, point(key))
        return self._owner[self._points[i if i < len(self._points) else 0]]


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
            raise ValueError(f"ttl_s must be positive, got {ttl_s}")  # before anything is written
        self._client(key).set(key, value, px=max(1, round(ttl_s * 1000)))

    def delete(self, key: str) -> bool:
        return self._client(key).delete(key) == 1

    def add_node(self, name: str, client: Any) -> None:
        self._ring.add_node(name)  # raises on a bad or duplicate name before anything changes
        self._clients[name] = client

    def remove_node(self, name: str) -> None:
        self._ring.remove_node(name)
        self._clients.pop(name, None)
