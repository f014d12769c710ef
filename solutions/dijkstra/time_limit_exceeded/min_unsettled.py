"""Too slow: O(V^2) Dijkstra where each step picks the closest node with
`min(unsettled, key=dist.get)`. The scan runs in C, so it is fast per node, but it
still looks at every unsettled node once per step."""

from math import inf


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _dijkstra(graph, source):
    nodes = _nodes(graph)
    if source not in nodes:
        raise KeyError(source)
    dist = dict.fromkeys(nodes, inf)
    dist[source] = 0
    parent = {}
    unsettled = set(nodes)
    while unsettled:
        u = min(unsettled, key=dist.get)
        d = dist[u]
        if d == inf:
            break  # the rest is unreachable
        unsettled.remove(u)
        for v, w in graph.get(u, ()):
            if d + w < dist[v]:
                dist[v] = d + w
                parent[v] = u
    return {node: d for node, d in dist.items() if d < inf}, parent, nodes


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
