"""Mistake: "no target" is spelt None (`target=None`), but None is a hashable like any other
and so can be a node: shortest_paths stops as soon as it settles a node None, and leaves out
every node farther away. (Otherwise the "settle on pop" Dijkstra of accepted/settle_on_pop.py.)"""

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


def _dijkstra(graph, source, target=None):  # None: "no target", but None can be a node
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
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
