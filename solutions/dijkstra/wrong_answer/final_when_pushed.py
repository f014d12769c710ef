"""Mistake: marks a node final when it is pushed onto the heap instead of when it is popped,
so a longer route found later (through a node popped after it) can no longer improve it."""

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
    dist = {source: 0}
    parent = {source: None}
    visited = {source}
    tie = count(1)
    heap = [(0, 0, source)]
    while heap:
        d, _, u = heapq.heappop(heap)
        for v, w in graph.get(u, ()):
            if v not in visited:
                visited.add(v)  # too early: v is not final yet
                dist[v] = d + w
                parent[v] = u
                heapq.heappush(heap, (d + w, next(tie), v))
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
