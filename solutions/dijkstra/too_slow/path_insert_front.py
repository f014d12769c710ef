"""Too slow: correct Dijkstra, but the path is built front first with path.insert(0, v).

Each insert moves every node already on the path, so a path of P nodes costs O(P^2)
memory moves. The shift is a fast memmove and hides below tens of thousands of nodes; the
benchmark's chain (every node on the shortest path) goes to 128,000 nodes, where it
dominates. Fix: append while walking the parents, then reverse once.
"""

import heapq
from itertools import count

_NO_TARGET = object()


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _dijkstra(graph, source, target=_NO_TARGET):
    dist = {}
    parent = {}
    tie = count(1)
    heap = [(0, 0, source, None)]
    while heap:
        d, _, u, p = heapq.heappop(heap)
        if u in dist:
            continue
        dist[u] = d
        parent[u] = p
        if u == target:
            break
        for v, w in graph.get(u, ()):
            if v not in dist:
                heapq.heappush(heap, (d + w, next(tie), v, u))
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
    while path[0] != source:
        path.insert(0, parent[path[0]])  # shifts the whole path on every step
    return dist[target], path
