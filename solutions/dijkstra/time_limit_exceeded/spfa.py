"""Too slow: SPFA (queue-based Bellman-Ford) instead of Dijkstra. A node goes back on the
FIFO queue every time its distance improves, and each time it is taken off it scans
all its edges again: fast on random graphs, O(V * E) in the worst case, e.g. a hub
whose distance improves once per step along a long chain."""

from collections import deque
from math import inf


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _spfa(graph, source):
    nodes = _nodes(graph)
    if source not in nodes:
        raise KeyError(source)
    dist = {source: 0}
    parent = {source: None}
    queue = deque([source])
    queued = {source}
    while queue:
        u = queue.popleft()
        queued.discard(u)
        du = dist[u]
        for v, w in graph.get(u, ()):
            if du + w < dist.get(v, inf):
                dist[v] = du + w
                parent[v] = u
                if v not in queued:
                    queued.add(v)
                    queue.append(v)
    return dist, parent, nodes


def shortest_paths(graph, source):
    return _spfa(graph, source)[0]


def shortest_path(graph, source, target):
    dist, parent, nodes = _spfa(graph, source)
    if target not in nodes:
        raise KeyError(target)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
