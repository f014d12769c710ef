"""Mistake: defines only shortest_paths; the contract also needs shortest_path."""

import heapq
from itertools import count
from math import inf


def shortest_paths(graph, source):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    if source not in nodes:
        raise KeyError(source)
    dist = {source: 0}
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
                heapq.heappush(heap, (d + w, next(tie), v))
    return dist
