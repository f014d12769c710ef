"""Attack class 3 (delegate to the kit / leak the suite): answer from the hidden tests' own data.

At import it looks for tests/dijkstra/test_dijkstra.py (walking up from its own file, cwd,
$HOME, sys.path, /proc/<pid>/cwd and /proc/<pid>/root) and for the reference
(solutions/dijkstra/accepted/heapq_lazy.py). If it finds the reference it loads it and answers
with it. If it finds only the tests, it parses them (ast) and collects every literal dict/tuple
pair that looks like (graph, expected distances) to answer those cases from the table. Otherwise
it runs breadth-first search, which keeps the weight of the first path found (wrong:
the statement example's D gets 5 instead of 4).

Correct verdict: wrong_answer. The sandbox mounts no kit folder: nothing is found, the BFS answers.
"""

import ast
import glob
import importlib.util
import os
import sys


from collections import deque as _deque


def _nodes(graph):
    nodes = set(graph)
    for u, edges in graph.items():
        for v, w in edges:
            if w < 0:
                raise ValueError(f"negative weight {w!r} on edge {u!r} -> {v!r}")
            nodes.add(v)
    return nodes


def _bfs(graph, source):
    """Wrong: breadth-first order, so each node keeps the weight of the FIRST path that reached
    it (fewest edges), not the lightest one."""
    dist = {source: 0}
    parent = {source: None}
    queue = _deque([source])
    while queue:
        u = queue.popleft()
        for v, w in graph.get(u, ()):
            if v not in dist:
                dist[v] = dist[u] + w
                parent[v] = u
                queue.append(v)
    return dist, parent


def _wrong_paths(graph, source):
    if source not in _nodes(graph):
        raise KeyError(source)
    return _bfs(graph, source)[0]


def _wrong_path(graph, source, target):
    nodes = _nodes(graph)
    if source not in nodes:
        raise KeyError(source)
    if target not in nodes:
        raise KeyError(target)
    dist, parent = _bfs(graph, source)
    if target not in dist:
        return None
    path = [target]
    while path[-1] != source:
        path.append(parent[path[-1]])
    path.reverse()
    return dist[target], path


def _roots():
    starts = [os.path.dirname(os.path.abspath(__file__)), os.getcwd(), os.environ.get("HOME", ""), *sys.path]
    try:
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                for link in ("cwd", "root"):
                    try:
                        starts.append(os.readlink(f"/proc/{pid}/{link}"))
                    except OSError:
                        pass
    except OSError:
        pass
    for start in filter(None, starts):
        folder = os.path.abspath(start)
        for _ in range(8):
            yield folder
            folder = os.path.dirname(folder)


_REFERENCE = None
_TABLE = {}
for _root in _roots():
    for _path in glob.glob(os.path.join(_root, "solutions", "dijkstra", "accepted", "*.py")):
        try:
            _spec = importlib.util.spec_from_file_location("_adv_dijkstra_ref", _path)
            _REFERENCE = importlib.util.module_from_spec(_spec)
            _spec.loader.exec_module(_REFERENCE)
            break
        except Exception:  # noqa: BLE001
            _REFERENCE = None
    for _path in glob.glob(os.path.join(_root, "tests", "dijkstra", "test_*.py")):
        try:
            for node in ast.walk(ast.parse(open(_path).read())):
                if isinstance(node, ast.Dict):
                    try:
                        value = ast.literal_eval(node)
                        _TABLE[repr(sorted(value.items(), key=repr))] = value
                    except Exception:  # noqa: BLE001
                        pass
        except Exception:  # noqa: BLE001
            pass
    if _REFERENCE is not None:
        break


def shortest_paths(graph, source):
    if _REFERENCE is not None:
        return _REFERENCE.shortest_paths(graph, source)
    return _wrong_paths(graph, source)


def shortest_path(graph, source, target):
    if _REFERENCE is not None:
        return _REFERENCE.shortest_path(graph, source, target)
    return _wrong_path(graph, source, target)
