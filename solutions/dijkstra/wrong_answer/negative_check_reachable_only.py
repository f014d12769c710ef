"""Mistake: checks for negative weights only on the edges it relaxes, so a negative weight
the source cannot reach (or that the search stops before) is never seen and no
ValueError is raised."""

import heapq
from itertools import count
from math import inf

_NO_TARGET = object()


def _nodes(graph):
    """Every node (keys and neighbours)."""
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            nodes.add(v)
    return nodes


def _dijkstra(graph, source, target=_NO_TARGET):
    """Distances and parents of the nodes settled from source (stops once target is settled)."""
    dist = {source: 0}
    parent = {source: None}
    settled = set()
    tie = count(1)
    heap = [(0, 0, source)]
    no_edges = ()
    while heap:
        d, _, u = heapq.heappop(heap)
        if u in settled:
            continue  # stale entry: u was settled with a smaller distance
        settled.add(u)
        if u == target:
            break
        for v, w in graph.get(u, no_edges):
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
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
    dist, parent = _dijkstra(graph, source, target)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
