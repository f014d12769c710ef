"""Mistake: breadth-first search that ignores the weights. Each node keeps the distance of
the first (fewest-edges) route that reaches it, not of the lightest one."""

from collections import deque


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _bfs(graph, source):
    if source not in _nodes(graph):
        raise KeyError(source)
    dist = {source: 0}
    parent = {source: None}
    queue = deque([source])
    while queue:
        u = queue.popleft()
        for v, w in graph.get(u, ()):
            if v not in dist:
                dist[v] = dist[u] + w
                parent[v] = u
                queue.append(v)
    return dist, parent


def shortest_paths(graph, source):
    return _bfs(graph, source)[0]


def shortest_path(graph, source, target):
    if target not in _nodes(graph):
        raise KeyError(target)
    dist, parent = _bfs(graph, source)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
