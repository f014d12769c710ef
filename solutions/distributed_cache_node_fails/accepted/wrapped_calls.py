"""Accepted: the base problem's dict-of-sets ring, and a cache that wraps each call in one
helper: a fresh client per node built from the given client's socket path (or host and port)
with 0.2 s timeouts and no retries, and any connection or timeout error turned into the
call's "node is down" answer (None for get, False for set and delete).
"""

import bisect
import hashlib

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry


def h(s):
    return int.from_bytes(hashlib.md5(s.encode()).digest()[:4], 'big')


class HashRing:
    def __init__(self, nodes, replicas=100):
        if type(replicas) is not int:  # bool is a subclass of int: type(), not isinstance
            raise TypeError("replicas")
        if replicas < 1:
            raise ValueError("replicas")
        if not isinstance(nodes, (list, tuple)) or not all(isinstance(n, str) for n in nodes):
            raise TypeError("nodes")
        if len(set(nodes)) != len(nodes):
            raise ValueError("duplicate")
        self.nodes = set()
        self.replicas = replicas
        self.ring = {}
        self.keys = []
        for n in nodes:
            self.add_node(n)

    def add_node(self, name):
        if not isinstance(name, str):
            raise TypeError(name)
        if name in self.nodes:
            raise ValueError(name)
        self.nodes.add(name)
        for i in range(self.replicas):
            self.ring.setdefault(h(f"{name}-{i}"), set()).add(name)
        self.keys = sorted(self.ring)

    def remove_node(self, name):
        self.nodes.remove(name)
        for i in range(self.replicas):
            owners = self.ring[h(f"{name}-{i}")]
            owners.discard(name)
            if not owners:
                del self.ring[h(f"{name}-{i}")]
        self.keys = sorted(self.ring)

    def node_for(self, key):
        if not self.keys:
            raise LookupError("empty")
        i = bisect.bisect_left(self.keys, h(key)) % len(self.keys)
        return min(self.ring[self.keys[i]])


def fast_client(client):
    """A client of the same server that waits at most 0.2 s for anything and never retries."""
    kw = client.connection_pool.connection_kwargs
    where = {"unix_socket_path": kw["path"]} if kw.get("path") else {"host": kw.get("host", "localhost"), "port": kw.get("port", 6379)}
    return redis.Redis(**where, db=kw.get("db", 0), socket_timeout=0.2, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))


class ShardedCache:
    def __init__(self, ring, clients):
        self.ring = ring
        self.clients = {name: fast_client(c) for name, c in clients.items()}

    def _on_owner(self, key, call, when_down):
        client = self.clients[self.ring.node_for(key)]
        try:
            return call(client)
        except (redis.ConnectionError, redis.TimeoutError):
            return when_down

    def get(self, key):
        return self._on_owner(key, lambda c: c.get(key), None)

    def set(self, key, value, ttl_s=None):
        if ttl_s is not None and ttl_s <= 0:
            raise ValueError("ttl_s")
        px = None if ttl_s is None else max(1, round(ttl_s * 1000))
        return self._on_owner(key, lambda c: bool(c.set(key, value, px=px)), False)

    def delete(self, key):
        return self._on_owner(key, lambda c: c.delete(key) == 1, False)

    def add_node(self, name, client):
        self.ring.add_node(name)
        self.clients[name] = fast_client(client)

    def remove_node(self, name):
        self.ring.remove_node(name)
        del self.clients[name]
