"""Attack class 4/6 (memory): keep a deep copy of every input, forever, and more of them each call.

Every call appends 2^k fresh copies of the graph's adjacency lists (k = calls so far) plus a
10 MiB padding block per copy to a module-level list, so memory doubles call after call; a
single large test (40,000 nodes) reaches 1 GiB within a few calls. It stops itself at 3 GiB of
padding so an unsandboxed run cannot take the machine down, and then answers correctly.

Correct verdict: memory_limit_exceeded: the statement example's second call asks for 2,048
copies (20 GiB) and MemoryError is raised in the candidate's code, uncaught.
"""


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

_HOARD = []
_padding = [0]


def _hoard(graph):
    copies = 2 ** min(len(_HOARD) + 3, 12)
    for _ in range(copies):
        if _padding[0] >= 3 << 30:
            return
        _HOARD.append(({u: list(edges) for u, edges in graph.items()}, bytearray(10 << 20)))
        _padding[0] += 10 << 20


def shortest_paths(graph, source):
    _hoard(graph)
    return _slow_paths(graph, source)


def shortest_path(graph, source, target):
    _hoard(graph)
    return _slow_path(graph, source, target)
