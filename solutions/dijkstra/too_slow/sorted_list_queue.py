"""Too slow: correct Dijkstra with the priority queue kept as a sorted Python list.

bisect.insort finds each entry's place in O(log n), but inserting shifts the tail of the
list, and pop(0) shifts all of it: O(n) memory moves per push and pop, O(V^2) when the
frontier is wide (a hub with V children). The shifts are fast memmoves, so this hides on
small or narrow graphs. Fix: heapq, whose push and pop are O(log n).
"""

import bisect
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
        d, _, u, p = heap.pop(0)  # shifts the whole queue
        if u in dist:
            continue
        dist[u] = d
        parent[u] = p
        if u == target:
            break
        for v, w in graph.get(u, ()):
            if v not in dist:
                bisect.insort(heap, (d + w, next(tie), v, u))  # shifts the tail
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
