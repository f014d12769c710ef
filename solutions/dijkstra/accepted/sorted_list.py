"""Dijkstra with a sortedcontainers.SortedList as the priority queue.

The list holds (distance, order, node) for each node still waiting, where `order` is
the node's discovery number: it breaks ties, so nodes are never compared. An improved
distance removes the old entry and adds the new one (a true decrease-key), both
O(log V) amortized. O((V + E) log V) time.
"""

from math import inf

from sortedcontainers import SortedList

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
    dist = {source: 0}
    parent = {source: None}
    order = {source: 0}
    queue = SortedList([(0, 0, source)])
    settled = set()
    no_edges = ()
    while queue:
        d, _, u = queue.pop(0)
        settled.add(u)
        if u == target:
            break
        for v, w in graph.get(u, no_edges):
            nd = d + w
            old = dist.get(v, inf)
            if nd < old and v not in settled:
                if old == inf:
                    order[v] = len(order)
                else:
                    queue.remove((old, order[v], v))
                dist[v] = nd
                parent[v] = u
                queue.add((nd, order[v], v))
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
