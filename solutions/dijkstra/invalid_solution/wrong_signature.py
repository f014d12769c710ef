"""Mistake: shortest_path takes the two end points as one (source, target) pair instead of
two arguments."""

import heapq
from itertools import count
from math import inf


def shortest_paths(graph, source):
    return _search(graph, source)[0]


def shortest_path(graph, ends):
    source, target = ends
    dist, parent = _search(graph, source)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    return dist[target], path[::-1]


def _search(graph, source):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    if source not in nodes:
        raise KeyError(source)
    dist = {source: 0}
    parent = {source: None}
    settled = set()
    tie = count(1)
    heap = [(0, 0, source)]
    while heap:
        d, _, u = heapq.heappop(heap)
        if u in settled:
            continue
        settled.add(u)
        for v, w in graph.get(u, ()):
            if d + w < dist.get(v, inf):
                dist[v] = d + w
                parent[v] = u
                heapq.heappush(heap, (d + w, next(tie), v))
    return dist, parent
