"""The TTL in whole seconds, truncated: cache.set(key, value, ttl_s=1.5) sends EX 1, so the key
expires half a second early. The statement's set stores with PX in milliseconds (PX 1500). The
fault handling is the reference's.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Mapping
from typing import Any

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

TIMEOUT_S = 0.2
# What a node that is down, hung or unreachable raises (redis-py wraps socket errors in these).
UNREACHABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


def bounded(client: Any) -> redis.Redis:
    """A client of the same server whose every call gives up after TIMEOUT_S, never retried."""
    pool = client.connection_pool
    kwargs = {**pool.connection_kwargs, "socket_timeout": TIMEOUT_S, "socket_connect_timeout": TIMEOUT_S,
              "retry": Retry(NoBackoff(), 0)}
    return redis.Redis(connection_pool=redis.ConnectionPool(connection_class=pool.connection_class, **kwargs))


def point(text: str) -> int:
    """The contract's hash: the first 4 bytes of MD5 of the UTF-8 text, big-endian."""
    return int.from_bytes(hashlib.md5(text.encode("utf-8")).digest()[:4], "big")


def _check_name(name: object) -> None:
    if not isinstance(name, str):
        raise TypeError(f"a node name must be a str, got {type(name).__name__}")


class HashRing:
    def __init__(self, nodes: list[str] | tuple[str, ...], replicas: int = 100) -> None:
        # Every argument is checked before anything is built (a refused call changes nothing).
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
        self._nodes: set[str] = set(names)
        self._pairs = sorted((point(f"{name}-{i}"), name) for name in names for i in range(replicas))
        self._index()

    def _index(self) -> None:
        # Parallel lists: bisect on plain ints is faster than on tuples. Sorting by (point, name)
        # puts the smallest name first among equal points, and bisect_left lands on it.
        self._points = [p for p, _ in self._pairs]
        self._owners = [name for _, name in self._pairs]

    def add_node(self, name: str) -> None:
        _check_name(name)
        if name in self._nodes:
            raise ValueError(f"node {name!r} is already on the ring")
        self._nodes.add(name)
        new = sorted((point(f"{name}-{i}"), name) for i in range(self._replicas))
        self._pairs = sorted(self._pairs + new)  # two sorted runs: timsort merges them in O(N*V)
        self._index()

    def remove_node(self, name: str) -> None:
        if name not in self._nodes:
            raise KeyError(name)
        self._nodes.remove(name)
        self._pairs = [pair for pair in self._pairs if pair[1] != name]
        self._index()

    def node_for(self, key: str) -> str:
        points = self._points
        if not points:
            raise LookupError("the ring has no nodes")
        i = bisect_left(points, point(key))
        return self._owners[i if i < len(points) else 0]  # past the last point: wrap to the first


class ShardedCache:
    def __init__(self, ring: HashRing, clients: Mapping[str, Any]) -> None:
        self._ring = ring
        self._clients = {name: bounded(client) for name, client in clients.items()}

    def _client(self, key: str) -> redis.Redis:
        return self._clients[self._ring.node_for(key)]

    def get(self, key: str) -> bytes | None:
        try:
            return self._client(key).get(key)
        except UNREACHABLE:
            return None  # a node that is down is a miss: the caller reads the database instead

    def set(self, key: str, value: str | bytes, ttl_s: float | None = None) -> bool:
        if ttl_s is not None and ttl_s <= 0:
            raise ValueError(f"ttl_s must be positive, got {ttl_s}")
        ex = None if ttl_s is None else max(1, int(ttl_s))  # whole seconds
        try:
            return bool(self._client(key).set(key, value, ex=ex))
        except UNREACHABLE:
            return False

    def delete(self, key: str) -> bool:
        try:
            return self._client(key).delete(key) == 1
        except UNREACHABLE:
            return False

    def add_node(self, name: str, client: Any) -> None:
        self._ring.add_node(name)  # raises on a bad or duplicate name before anything changes
        self._clients[name] = bounded(client)

    def remove_node(self, name: str) -> None:
        self._ring.remove_node(name)
        self._clients.pop(name, None)
