"""Too slow: lazy-deletion Dijkstra that never skips stale heap entries. When a node was
pushed k times with decreasing distances, all k entries are popped and each one scans
the node's edges again; the answers stay right, but a node with many incoming
improvements and many outgoing edges costs O(k * degree) instead of O(degree)."""

import heapq
from itertools import count
from math import inf


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _dijkstra(graph, source):
    dist = {source: 0}
    parent = {source: None}
    tie = count(1)
    heap = [(0, 0, source)]
    while heap:
        d, _, u = heapq.heappop(heap)
        # missing: `if d > dist[u]: continue`
        for v, w in graph.get(u, ()):
            nd = d + w
            if nd < dist.get(v, inf):
                dist[v] = nd
                parent[v] = u
                heapq.heappush(heap, (nd, next(tie), v))
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
    dist, parent = _dijkstra(graph, source)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
