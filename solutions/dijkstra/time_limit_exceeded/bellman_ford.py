"""Too slow: Bellman-Ford with early exit instead of Dijkstra. It relaxes every edge once
per pass and stops after a pass that changes nothing; on random graphs that is only a
few passes, but each pass may move the distances just one edge further along a
shortest path, so a long path costs O(V * E)."""

from math import inf


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _bellman_ford(graph, source):
    nodes = _nodes(graph)
    if source not in nodes:
        raise KeyError(source)
    dist = {source: 0}
    parent = {source: None}
    for _ in range(len(nodes)):
        changed = False
        for u, edges in graph.items():
            du = dist.get(u)
            if du is None:
                continue
            for v, w in edges:
                if du + w < dist.get(v, inf):
                    dist[v] = du + w
                    parent[v] = u
                    changed = True
        if not changed:
            break
    return dist, parent, nodes


def shortest_paths(graph, source):
    return _bellman_ford(graph, source)[0]


def shortest_path(graph, source, target):
    dist, parent, nodes = _bellman_ford(graph, source)
    if target not in nodes:
        raise KeyError(target)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
