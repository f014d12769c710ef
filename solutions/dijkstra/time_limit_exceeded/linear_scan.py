"""Too slow: textbook O(V^2) Dijkstra; each step scans every unsettled node in a Python loop
to find the closest one, instead of using a priority queue."""

from math import inf


def _nodes(graph):
    nodes = list(graph)
    seen = set(nodes)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            if v not in seen:
                seen.add(v)
                nodes.append(v)
    return nodes


def _dijkstra(graph, source):
    nodes = _nodes(graph)
    if source not in nodes:
        raise KeyError(source)
    dist = {node: inf for node in nodes}
    parent = {}
    dist[source] = 0
    unsettled = set(nodes)
    while unsettled:
        best, u, found = inf, None, False  # not `u is None`: None can be a node
        for node in unsettled:
            if dist[node] < best:
                best, u, found = dist[node], node, True
        if not found:
            break  # the rest is unreachable
        unsettled.remove(u)
        for v, w in graph.get(u, ()):
            if best + w < dist[v]:
                dist[v] = best + w
                parent[v] = u
    return {node: d for node, d in dist.items() if d < inf}, parent, set(nodes)


def shortest_paths(graph, source):
    return _dijkstra(graph, source)[0]


def shortest_path(graph, source, target):
    dist, parent, nodes = _dijkstra(graph, source)
    if target not in nodes:
        raise KeyError(target)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path
