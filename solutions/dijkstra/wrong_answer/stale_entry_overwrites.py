"""Mistake: "settle on pop" Dijkstra without the stale-entry skip. A node pushed several times
is popped several times, and each later (stale, larger) entry overwrites its settled
distance and parent: it re-relaxes from a stale distance and keeps the worse answer."""

import heapq
from itertools import count


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _dijkstra(graph, source):
    if source not in _nodes(graph):
        raise KeyError(source)
    dist = {}
    parent = {}
    tie = count(1)
    heap = [(0, 0, source, None)]
    while heap:
        d, _, u, p = heapq.heappop(heap)
        # missing: `if u in dist: continue`
        dist[u] = d
        parent[u] = p
        for v, w in graph.get(u, ()):
            if v not in dist:
                heapq.heappush(heap, (d + w, next(tie), v, u))
    return dist, parent


def shortest_paths(graph, source):
    return _dijkstra(graph, source)[0]


def shortest_path(graph, source, target):
    if target not in _nodes(graph):
        raise KeyError(target)
    dist, parent = _dijkstra(graph, source)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
