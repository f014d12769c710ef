"""Mistake: relaxes an edge when the new route is as short as the best one (`<=`), not only
shorter, and also when its head is already settled. Across a zero-weight cycle two nodes
then become each other's parent (a -> b -> a), and rebuilding the path from the target
never reaches the source. (This file walks back at most one step per node, so it returns a
path that does not start at the source instead of looping for ever.)"""

import heapq
from itertools import count
from math import inf


def _nodes(graph):
    """Every node (keys and neighbours); raises ValueError on any negative weight."""
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _dijkstra(graph, source, target=None):
    """Distances and parents of the nodes settled from source (stops once target is settled)."""
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
        if u == target:
            break
        for v, w in graph.get(u, ()):
            nd = d + w
            if nd <= dist.get(v, inf):  # should be <: an equal route changes nothing
                dist[v] = nd
                parent[v] = u
                heapq.heappush(heap, (nd, next(tie), v))
    return {u: dist[u] for u in settled}, parent


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
    while path[-1] != source and len(path) <= len(parent):
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
