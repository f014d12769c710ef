"""Accepted: a dict {point: set of node names} and a sorted list of its points, re-sorted after
each add_node or remove_node (the constructor adds its nodes one at a time). The owner of a
shared point is min() of its set. Written as a new user would, during the walkthrough of
`drill start`; its constructor is O(N^2 V log(N V)), which the statement allows.
"""

import bisect
import hashlib


def h(s):
    return int.from_bytes(hashlib.md5(s.encode()).digest()[:4], 'big')


class HashRing:
    def __init__(self, nodes, replicas=100):
        if type(replicas) != int:
            raise TypeError("replicas")
        if replicas < 1:
            raise ValueError("replicas")
        if type(nodes) not in (list, tuple) or any(type(n) != str for n in nodes):
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
        if type(name) != str:
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


class ShardedCache:
    def __init__(self, ring, clients):
        self.ring, self.clients = ring, clients

    def get(self, key):
        return self.clients[self.ring.node_for(key)].get(key)

    def set(self, key, value, ttl_s=None):
        if ttl_s is not None and ttl_s <= 0:
            raise ValueError("ttl_s")
        self.clients[self.ring.node_for(key)].set(key, value, px=None if ttl_s is None else max(1, round(ttl_s * 1000)))

    def delete(self, key):
        return self.clients[self.ring.node_for(key)].delete(key) == 1

    def add_node(self, name, client):
        self.ring.add_node(name)
        self.clients[name] = client

    def remove_node(self, name):
        self.ring.remove_node(name)
        del self.clients[name]
