"""Dijkstra with an indexed binary heap that supports decrease-key.

The heap holds each node at most once; `where[node]` is its position, so an improved
distance moves the node up in place (sift-up) instead of pushing a second entry.
Positions are compared by distance only, never by node. O((V + E) log V) time,
O(V) heap size.
"""

from math import inf

_NO_TARGET = object()


class _IndexedHeap:
    def __init__(self):
        self.keys = []   # keys[i] = distance of nodes[i]
        self.nodes = []
        self.where = {}  # node -> index in the arrays

    def __len__(self):
        return len(self.nodes)

    def push_or_decrease(self, node, key):
        i = self.where.get(node)
        if i is None:
            i = len(self.nodes)
            self.keys.append(key)
            self.nodes.append(node)
        self._sift_up(i, node, key)

    def _sift_up(self, i, node, key):
        keys, nodes, where = self.keys, self.nodes, self.where
        while i:
            parent = (i - 1) >> 1
            if keys[parent] <= key:
                break
            keys[i] = keys[parent]
            nodes[i] = nodes[parent]
            where[nodes[i]] = i
            i = parent
        keys[i] = key
        nodes[i] = node
        where[node] = i

    def pop(self):
        keys, nodes, where = self.keys, self.nodes, self.where
        top_key, top_node = keys[0], nodes[0]
        del where[top_node]
        last_key, last_node = keys.pop(), nodes.pop()
        n = len(nodes)
        if n:
            i = 0
            while True:
                child = 2 * i + 1
                if child >= n:
                    break
                if child + 1 < n and keys[child + 1] < keys[child]:
                    child += 1
                if keys[child] >= last_key:
                    break
                keys[i] = keys[child]
                nodes[i] = nodes[child]
                where[nodes[i]] = i
                i = child
            keys[i] = last_key
            nodes[i] = last_node
            where[last_node] = i
        return top_key, top_node


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _dijkstra(graph, source, target=_NO_TARGET):
    dist = {source: 0}
    parent = {source: None}
    settled = set()
    heap = _IndexedHeap()
    heap.push_or_decrease(source, 0)
    no_edges = ()
    while heap:
        d, u = heap.pop()
        settled.add(u)
        if u == target:
            break
        for v, w in graph.get(u, no_edges):
            nd = d + w
            if nd < dist.get(v, inf) and v not in settled:
                dist[v] = nd
                parent[v] = u
                heap.push_or_decrease(v, nd)
    return dist, parent


def shortest_paths(graph, source):
    if source not in _nodes(graph):
        raise KeyError(source)
    return _dijkstra(graph, source)[0]


def shortest_path(graph, source, target):
    nodes = _nodes(graph)
    if source not in nodes:
        raise KeyError(source)
    if target not in nodes:
        raise KeyError(target)
    dist, parent = _dijkstra(graph, source, target)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
