"""Attack class 5 (escape the timer): pad the small benchmark sizes so the growth looks linear.

The solver is too_slow/path_insert_front.py (correct; the path is built with path.insert(0, v),
O(P^2) for a path of P nodes: the benchmark's chain family goes from 2,000 to 128,000 nodes).
When the path has between 1,000 and 4,000 nodes (the chain family's small size; the hidden
tests' long paths are longer, their others shorter), it also builds and throws away a phantom
path of L = sqrt(128,000 x P) nodes with insert(0): cost proportional to 128,000 x P, i.e.
exactly what an O(P^2) build costs at the large size, scaled linearly. At n1 the candidate then
costs what a linear solution with a 64x worse constant would; at n2 it costs what it really
costs: the two-size growth is about 1, whatever the statistic does with constant per-call padding.

Correct verdict: too_slow. Only a judge that measures more than two sizes (the padded size
stands out), jitters the sizes so they cannot be recognised, or caps the absolute slowdown at
the largest size (here tens of times the reference) can see it.
"""

import math


# too_slow/path_insert_front.py: correct Dijkstra, but the path is built with path.insert(0, v), O(P^2).
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


def _slow_paths(graph, source):
    if source not in _nodes(graph):
        raise KeyError(source)
    return _dijkstra(graph, source)[0]


def _slow_path(graph, source, target):
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


def shortest_paths(graph, source):
    return _slow_paths(graph, source)


def shortest_path(graph, source, target):
    found = _slow_path(graph, source, target)
    if found is not None and 1000 <= len(found[1]) <= 4000:
        phantom = []
        for i in range(int(math.sqrt(128_000 * len(found[1])))):
            phantom.insert(0, i)
    return found
