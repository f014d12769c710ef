"""Attack class 5/2 (escape the timer via the reply encoder): build the answer only when it is sent.

shortest_path returns (distance, path) where path is a list subclass whose own storage is EMPTY
and whose __iter__/__len__/__getitem__/__reduce_ex__/__repr__ run Dijkstra's parent walk with
path.insert(0, v) (O(P^2), too_slow/path_insert_front.py's cost) the first time anyone looks.
The benchmark never looks at the return value, so the O(P^2) part is never timed there; an
encoder that converts a list subclass with list(x) (which calls __iter__) builds the right path
after the call has returned, outside the per-call CPU window. The distances are right.

Correct verdict: wrong_answer. A subclass is converted to its base type by its storage (what
`expected == actual` compared in-process, via list's C-level storage, never __iter__): the path
is [], not [source, ..., target]. A judge whose encoder runs __iter__ would instead accept it
in the suite and time nothing in the benchmark.
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


class _LazyPath(list):
    def __init__(self, parent, source, target):
        super().__init__()
        self._args = (parent, source, target)
        self._built = None

    def _build(self):
        if self._built is None:
            parent, source, target = self._args
            path = [target]
            while path[0] != source:
                path.insert(0, parent[path[0]])
            self._built = path
        return self._built

    def __iter__(self):
        return iter(self._build())

    def __len__(self):
        return len(self._build())

    def __getitem__(self, index):
        return self._build()[index]

    def __reduce_ex__(self, protocol):
        return (list, (self._build(),))

    def __repr__(self):
        return repr(self._build())


def shortest_paths(graph, source):
    return _slow_paths(graph, source)


def shortest_path(graph, source, target):
    nodes = _nodes(graph)
    if source not in nodes:
        raise KeyError(source)
    if target not in nodes:
        raise KeyError(target)
    dist, parent = _dijkstra(graph, source, target)
    if target not in dist:
        return None
    return dist[target], _LazyPath(parent, source, target)
