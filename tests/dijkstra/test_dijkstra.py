"""Hidden suite for dijkstra. The judge loads the candidate as the module `dijkstra`.

Any shortest path is accepted: a path is checked as a witness (starts at the source,
ends at the target, no node twice, real edges only, its weight equal to the reported
distance), and distances are compared with an oracle written here (Bellman-Ford on
small graphs, the reference on the large ones) within a float tolerance.
"""

import dis
import gc
import math
import random
import sys
from contextlib import contextmanager

from dijkstra import shortest_path, shortest_paths
from hypothesis import given, settings
from hypothesis import strategies as st

from harness.authoring.testing import Raw, ahead, call_with_inputs, fail, reference, reference_ahead, show, within_reference_budget

REL_TOL = 1e-9
ABS_TOL = 1e-9

# --- the oracle -------------------------------------------------------------------------------


def _nodes(graph):
    """Every node: the keys and every neighbour, in order of first appearance."""
    nodes = dict.fromkeys(graph)
    for edges in graph.values():
        for v, _ in edges:
            nodes.setdefault(v)
    return list(nodes)


def _lightest(graph):
    """(u, v) -> the lightest weight among the parallel edges u -> v."""
    best = {}
    for u, edges in graph.items():
        for v, w in edges:
            if (u, v) not in best or w < best[(u, v)]:
                best[(u, v)] = w
    return best


def _oracle(graph, source):
    """Distances from source to every reachable node: Bellman-Ford, fine on small graphs."""
    edges = list(_lightest(graph).items())
    dist = {source: 0}
    for _ in range(len(_nodes(graph))):
        changed = False
        for (u, v), w in edges:
            if u in dist and (v not in dist or dist[u] + w < dist[v]):
                dist[v] = dist[u] + w
                changed = True
        if not changed:
            break
    return dist


# --- checking a result ---------------------------------------------------------------------


def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _close(a, b):
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def _call_text(name, graph, *args, shown=None):
    call = f"{name}(graph, {', '.join(show(a, 80) for a in args)})"
    return f"{call} with graph = {show(graph, 2000)}" if shown is None else f"{call} on {shown}"


def _check_distances(result, expected, *, input, large=False):
    """result must have exactly expected's keys, each distance within tolerance.

    Small cases show both whole dicts; large ones show the first node that is wrong.
    """

    def show_case(message, node, want, got):
        if large:
            fail(message, input=input, expected=want, actual=got)
        fail(message, input=input, expected=expected, actual=result)

    if not isinstance(result, dict):
        fail("shortest_paths must return a dict {node: distance}", input=input,
             expected=Raw(f"a dict of {len(expected):,} nodes") if large else expected, actual=result)
    extra = [node for node in result if node not in expected]
    if extra:
        node = extra[0]
        got = result[node]
        if _is_number(got) and math.isinf(got):
            message = (f"node {node!r} is not reachable from the source, so it must not be a key: "
                       f"leave unreachable nodes out instead of reporting them as inf")
        else:
            message = f"node {node!r} is not reachable from the source (or is not a node at all), but it is in the result"
        if len(extra) > 1:
            message += f" ({len(extra):,} such keys)"
        show_case(message, node, Raw(f"no key {node!r}"), {node: got})
    missing = [node for node in expected if node not in result]
    if missing:
        node = missing[0]
        message = f"node {node!r} is reachable from the source (distance {expected[node]!r}), but it is not in the result"
        if len(missing) > 1:
            message += f" ({len(missing):,} reachable nodes missing)"
        show_case(message, node, {node: expected[node]}, Raw(f"no key {node!r}"))
    for node, want in expected.items():
        got = result[node]
        if not _is_number(got):
            show_case(f"the distance to {node!r} must be an int or a float, not {type(got).__name__}", node, {node: want}, {node: got})
        if not _close(got, want):
            show_case(f"wrong distance to node {node!r}", node, {node: want}, {node: got})


def _edge_weight(graph, u, v):
    """The lightest weight of the edges u -> v, or None if there is none."""
    best = None
    for x, w in graph.get(u, ()):
        if x == v and (best is None or w < best):
            best = w
    return best


def _check_path(graph, source, target, result, want, *, input):
    """result of shortest_path(graph, source, target); want is the true distance or None if unreachable."""
    if want is None:
        if result is not None:
            fail(f"{target!r} is not reachable from {source!r}, so shortest_path must return None", input=input, expected=None, actual=result)
        return
    expected = Raw(f"({want!r}, a path [{source!r}, ..., {target!r}] of weight {want!r})")
    if result is None:
        fail(f"{target!r} is reachable from {source!r}, but shortest_path returned None", input=input, expected=expected, actual=None)
    if not isinstance(result, tuple) or len(result) != 2:
        fail("shortest_path must return a tuple (distance, path)", input=input, expected=expected, actual=result)
    distance, path = result
    if not _is_number(distance):
        fail(f"the distance must be an int or a float, not {type(distance).__name__}", input=input, expected=expected, actual=result)
    if not _close(distance, want):
        fail(f"wrong distance from {source!r} to {target!r}", input=input, expected=expected, actual=result)
    if not isinstance(path, list):
        fail(f"the path must be a list, not {type(path).__name__}", input=input, expected=expected, actual=result)
    if not path:
        fail("the path is empty; it must be [source, ..., target]", input=input, expected=expected, actual=result)
    if path[0] != source:
        hint = " (is it reversed? it must go from source to target)" if path[-1] == source and path[0] == target else ""
        fail(f"the path must start at the source {source!r}{hint}", input=input, expected=expected, actual=result)
    if path[-1] != target:
        fail(f"the path must end at the target {target!r}", input=input, expected=expected, actual=result)
    seen = set()
    for node in path:
        if node in seen:
            fail(f"the path visits {node!r} twice; a shortest path needs no node twice", input=input, expected=expected, actual=result)
        seen.add(node)
    total = 0
    for u, v in zip(path, path[1:]):
        w = _edge_weight(graph, u, v)
        if w is None:
            fail(f"the path steps {u!r} -> {v!r}, which is not an edge of the graph", input=input, expected=expected, actual=result)
        total += w
    if not _close(total, distance):
        fail(f"the path's weight is {total!r} but the reported distance is {distance!r}: the path does not match the distance",
             input=input, expected=expected, actual=result)


def _snapshot(graph):
    """What the graph looks like: the keys in order, each neighbour collection's type and contents."""
    return [(u, type(edges), list(edges)) for u, edges in graph.items()]


def _restore(before):
    return {u: edges for u, _, edges in before}


def _graph_value(before, u):
    """graph[u] as it was before the call."""
    for key, kind, edges in before:
        if key == u:
            return kind(edges) if kind in (list, tuple) else edges
    return None


def _check_unchanged(graph, before, *, input):
    after = _snapshot(graph)
    if after == before:
        return
    old = {u: (kind, edges) for u, kind, edges in before}
    new = {u: (kind, edges) for u, kind, edges in after}
    added = [u for u in new if u not in old]
    removed = [u for u in old if u not in new]
    changed = [u for u in old if u in new and new[u] != old[u]]
    if changed and not added and not removed:
        u = changed[0]
        fail(f"the input graph was modified: graph[{u!r}] changed; leave the input as it was", input=input,
             expected=Raw(f"graph[{u!r}] == {show(_graph_value(before, u))}"), actual=Raw(f"graph[{u!r}] == {show(graph[u])}"))
    what = f"key {added[0]!r} was added" if added else f"key {removed[0]!r} was removed" if removed else "its keys were reordered"
    fail(f"the input graph was modified: {what}; leave the input as it was", input=input,
         expected=Raw(f"graph == {show(_restore(before))}"), actual=Raw(f"graph == {show(graph)}"))


# --- time limits: keep the traceback printable ------------------------------------------


def _line_before(code, offset):
    """The line of the last instruction at or before `offset` that has one."""
    line = code.co_firstlineno
    for start, lineno in dis.findlinestarts(code):
        if start > offset:
            break
        if lineno is not None:
            line = lineno
    return line


# --- calling the candidate -----------------------------------------------------------------


def _paths(graph, source, expected=None):
    """shortest_paths(graph, source) checked against expected (or the oracle) and for leaving graph alone."""
    input = _call_text("shortest_paths", graph, source)
    before = _snapshot(graph)
    result, (after, _) = call_with_inputs(shortest_paths, graph, source)
    original = _restore(before)
    _check_distances(result, _oracle(original, source) if expected is None else expected, input=input)
    _check_unchanged(after, before, input=input)
    return result


def _path(graph, source, target, want="oracle"):
    """shortest_path(graph, source, target) checked as a witness; want is the distance or None."""
    input = _call_text("shortest_path", graph, source, target)
    if want == "oracle":
        want = _oracle(graph, source).get(target)
    before = _snapshot(graph)
    result, (after, _, _) = call_with_inputs(shortest_path, graph, source, target)
    _check_path(_restore(before), source, target, result, want, input=input)
    _check_unchanged(after, before, input=input)
    return result


def _raises(exc_type, fn, graph, *args, why):
    name = "shortest_paths" if fn is shortest_paths else "shortest_path"
    input = _call_text(name, graph, *args)
    try:
        result = fn(graph, *args)
    except exc_type:
        return
    except Exception as exc:  # noqa: BLE001 - shown as what happened instead
        fail(f"{name} must raise {exc_type.__name__}: {why}", input=input,
             expected=Raw(f"raises {exc_type.__name__}"), actual=Raw(f"raised {type(exc).__name__}: {exc}"))
    fail(f"{name} must raise {exc_type.__name__}: {why}", input=input,
         expected=Raw(f"raises {exc_type.__name__}"), actual=Raw(f"returned {show(result)}"))


# --- the statement's examples --------------------------------------------------------------

EXAMPLE_1 = {
    "A": [("B", 4), ("C", 1)],
    "B": [("D", 1)],
    "C": [("B", 2), ("D", 5)],
    "D": [],
}

EXAMPLE_2 = {
    1: [(2, 7), (2, 3), (3, 0.5)],
    2: [(4, 1)],
    3: [(2, 2)],
    5: [(1, 1)],
}


def test_statement_example_weights():
    """statement example 1: the lighter path with more edges wins"""
    _paths(EXAMPLE_1, "A", {"A": 0, "B": 3, "C": 1, "D": 4})
    _path(EXAMPLE_1, "A", "D", 4)
    _path(EXAMPLE_1, "D", "A", None)
    _path(EXAMPLE_1, "B", "B", 0)


def test_statement_example_parallel_and_unreachable():
    """statement example 2: parallel edges, a neighbour-only node, an unreachable node"""
    _paths(EXAMPLE_2, 1, {1: 0, 2: 2.5, 3: 0.5, 4: 3.5})
    _path(EXAMPLE_2, 1, 4, 3.5)
    _path(EXAMPLE_2, 1, 5, None)
    _paths(EXAMPLE_2, 4, {4: 0})


def test_statement_example_errors():
    """statement example 3: a negative weight raises ValueError, a missing node KeyError"""
    _raises(ValueError, shortest_paths, {"a": [("b", 2)], "b": [("c", -1)], "c": []}, "a", why="the graph has a negative weight")
    _raises(ValueError, shortest_paths, {"a": [("b", 2)], "x": [("y", -1)]}, "a",
            why="the graph has a negative weight (on an edge the source cannot reach, but anywhere counts)")
    _raises(KeyError, shortest_paths, EXAMPLE_2, 9, why="the source 9 is not a node")
    _raises(KeyError, shortest_path, EXAMPLE_2, 1, "z", why="the target 'z' is not a node")


# --- edge cases ----------------------------------------------------------------------------


def test_single_node():
    """a single node, with and without a self-loop: distance 0, path [source]"""
    _paths({"a": []}, "a", {"a": 0})
    _path({"a": []}, "a", "a", 0)
    _paths({"a": [("a", 5)]}, "a", {"a": 0})
    _path({"a": [("a", 5)]}, "a", "a", 0)


def test_neighbour_only_nodes():
    """a node that appears only as a neighbour is a node: a valid source and target"""
    graph = {1: [(2, 5)], 3: [(2, 1), (4, 2)]}
    _paths(graph, 2, {2: 0})
    _paths(graph, 4, {4: 0})
    _path(graph, 1, 2, 5)
    _path(graph, 2, 1, None)
    _path(graph, 2, 2, 0)
    _path(graph, 3, 4, 2)
    _path(graph, 4, 2, None)


def test_weights_not_edge_counts():
    """the shortest path is the lightest, not the one with the fewest edges"""
    graph = {"s": [("t", 10), ("a", 1)], "a": [("b", 1)], "b": [("c", 1)], "c": [("t", 1)], "t": []}
    _paths(graph, "s", {"s": 0, "a": 1, "b": 2, "c": 3, "t": 4})
    _path(graph, "s", "t", 4)


def test_final_when_popped_not_pushed():
    """a node's distance is final when it leaves the queue: a later, longer route can still improve a node already queued"""
    graph = {"s": [("a", 5), ("b", 1)], "b": [("a", 1)], "a": [("c", 1)], "c": []}
    _paths(graph, "s", {"s": 0, "a": 2, "b": 1, "c": 3})
    _path(graph, "s", "c", 3)
    graph = {0: [(1, 10), (2, 1)], 2: [(3, 1)], 3: [(4, 1)], 4: [(1, 1)], 1: [(5, 0)]}
    _paths(graph, 0, {0: 0, 1: 4, 2: 1, 3: 2, 4: 3, 5: 4})


def test_distance_improves_many_times():
    """a node whose distance improves several times: its older, larger queue entries are stale and must not count"""
    graph = {
        "s": [("a", 10), ("b", 1)],
        "b": [("a", 7), ("c", 1)],
        "c": [("a", 4), ("d", 1)],
        "d": [("a", 0)],
        "a": [("e", 1), ("f", 3)],
        "e": [("f", 1)],
    }
    _paths(graph, "s", {"s": 0, "a": 3, "b": 1, "c": 2, "d": 3, "e": 4, "f": 5})
    _path(graph, "s", "f", 5)
    _path(graph, "s", "a", 3)


def test_path_matches_distance():
    """the path is the one the distance was measured on (a parent changes only when the distance improves)"""
    graph = {"s": [("a", 1), ("b", 2)], "a": [("t", 2)], "b": [("t", 2)], "t": []}
    _path(graph, "s", "t", 3)
    graph = {"s": [("b", 5), ("a", 1)], "b": [("t", 0)], "a": [("c", 1)], "c": [("t", 1)], "t": [("b", 0)]}
    _path(graph, "s", "t", 3)
    _path(graph, "s", "b", 3)


def test_path_direction():
    """the path goes from source to target, with the source first"""
    graph = {1: [(2, 1)], 2: [(3, 1)], 3: [(4, 1)]}
    _path(graph, 1, 4, 3)
    _path(graph, 2, 4, 2)
    _path(graph, 4, 1, None)


def test_zero_weights_and_zero_cycles():
    """zero-weight edges and cycles of weight zero"""
    graph = {"a": [("b", 0), ("d", 2)], "b": [("c", 0), ("a", 0)], "c": [("a", 0), ("d", 1)], "d": [("d", 0)]}
    _paths(graph, "a", {"a": 0, "b": 0, "c": 0, "d": 1})
    _path(graph, "a", "d", 1)
    _path(graph, "b", "a", 0)
    _path(graph, "c", "b", 0)
    _path(graph, "a", "a", 0)
    graph = {0: [(1, 0)], 1: [(2, 0)], 2: [(0, 0), (3, 0.0)], 3: []}
    _paths(graph, 0, {0: 0, 1: 0, 2: 0, 3: 0})
    _path(graph, 0, 3, 0)
    _path(graph, 3, 0, None)


def test_zero_cycle_between_source_and_target():
    """a zero-weight cycle a <-> b on the way to the target: a parent changes only on a shorter route (relaxing on an equal one makes a and b each other's parent)"""
    graph = {"s": [("a", 1)], "a": [("b", 0)], "b": [("a", 0), ("t", 5)], "t": []}
    _path(graph, "s", "t", 6)
    graph = {0: [(1, 2)], 1: [(2, 0.0)], 2: [(3, 0), (4, 1)], 3: [(1, 0)], 4: []}
    _path(graph, 0, 4, 3)


def test_self_loops():
    """self-loops, including zero-weight ones, change nothing"""
    graph = {"a": [("a", 0), ("a", 3), ("b", 2)], "b": [("b", 1), ("c", 1)], "c": [("c", 0)]}
    _paths(graph, "a", {"a": 0, "b": 2, "c": 3})
    _path(graph, "a", "a", 0)
    _path(graph, "a", "c", 3)
    _path(graph, "c", "c", 0)


def test_parallel_edges():
    """parallel edges: only the lightest counts, wherever it is listed"""
    graph = {"a": [("b", 5), ("b", 2), ("b", 9)], "b": [("c", 1.5), ("c", 0.5)], "c": [("a", 1), ("a", 0)]}
    _paths(graph, "a", {"a": 0, "b": 2, "c": 2.5})
    _path(graph, "a", "c", 2.5)
    _path(graph, "c", "b", 2)
    graph = {0: [(1, 3), (2, 1), (1, 1)], 2: [(1, 1)]}
    _paths(graph, 0, {0: 0, 1: 1, 2: 1})
    _path(graph, 0, 1, 1)


def test_disconnected_graph():
    """unreachable nodes are left out of shortest_paths (not reported as inf) and give None"""
    graph = {1: [(2, 1)], 2: [(1, 1)], 3: [(4, 1)], 4: [], 5: [], 6: [(1, 1)]}
    _paths(graph, 1, {1: 0, 2: 1})
    _paths(graph, 5, {5: 0})
    _paths(graph, 3, {3: 0, 4: 1})
    _path(graph, 1, 4, None)
    _path(graph, 1, 6, None)
    _path(graph, 5, 1, None)
    _path(graph, 6, 2, 2)


def test_missing_nodes_raise_key_error():
    """a source or target that is not a node raises KeyError"""
    graph = {"a": [("b", 1)], "c": []}
    _raises(KeyError, shortest_paths, graph, "z", why="the source 'z' is not a node")
    _raises(KeyError, shortest_paths, {}, 0, why="the empty graph has no nodes")
    _raises(KeyError, shortest_path, graph, "z", "a", why="the source 'z' is not a node")
    _raises(KeyError, shortest_path, graph, "a", "z", why="the target 'z' is not a node")
    _raises(KeyError, shortest_path, graph, "c", "z", why="the target 'z' is not a node")
    _raises(KeyError, shortest_path, {}, 0, 0, why="the empty graph has no nodes")
    _raises(KeyError, shortest_paths, {1: [(2, 1)]}, 3, why="the source 3 is not a node")


NETWORKX_4314 = {1: [(2, -1), (3, -1)], 2: [(5, -1)], 3: [(5, -2)], 5: []}


def test_negative_weights_raise_value_error():
    """a negative weight anywhere raises ValueError, never a silently wrong distance (networkx issue #4314)"""
    cases = [
        (NETWORKX_4314, 1, 5, "the DAG from networkx issue #4314 has negative weights"),
        ({"a": [("b", 1)], "b": [("c", -0.5)], "c": []}, "a", "c", "the edge b -> c weighs -0.5"),
        ({"a": [("a", -1)]}, "a", "a", "the self-loop a -> a weighs -1"),
        ({"a": [("b", 3), ("b", -3)]}, "a", "b", "one of the parallel edges a -> b weighs -3"),
        ({"a": [("b", 1)], "b": [], "x": [("y", -2)]}, "a", "b", "the edge x -> y weighs -2 (unreachable from a, but anywhere counts)"),
        ({"a": [("b", 1)], "b": [("a", -1)]}, "a", "b", "the edge b -> a weighs -1"),
        ({"a": [], "b": [("a", -1)]}, "a", "a", "the edge b -> a weighs -1 (into the source, from a node it cannot reach)"),
    ]
    for graph, source, target, why in cases:
        _raises(ValueError, shortest_paths, graph, source, why=why)
        _raises(ValueError, shortest_path, graph, source, target, why=why)


def test_float_weights_within_tolerance():
    """int and float weights mixed; float sums compared within a tolerance"""
    graph = {"s": [("a", 0.1), ("b", 0.3)], "a": [("b", 0.2)], "b": [("c", 1)], "c": [("d", 2.5)], "d": []}
    _paths(graph, "s", {"s": 0, "a": 0.1, "b": 0.3, "c": 1.3, "d": 3.8})
    _path(graph, "s", "b", 0.3)
    _path(graph, "s", "d", 3.8)
    graph = {0: [(1, 1e6), (2, 0.001)], 2: [(1, 999_999.5)], 1: [(3, 1e-3)]}
    _paths(graph, 0, {0: 0, 1: 999_999.501, 2: 0.001, 3: 999_999.502})
    _path(graph, 0, 3, 999_999.502)
    graph = {"x": [("y", 0.1)] , "y": [("z", 0.1)], "z": [("w", 0.1)]}
    _paths(graph, "x", {"x": 0, "y": 0.1, "z": 0.2, "w": 0.3})
    _path(graph, "x", "w", 0.3)


def test_node_types():
    """nodes that are strings, tuples and falsy values (0, '', ()), and nodes of different types in one graph, with equal distances"""
    _paths({0: [(1, 2)], 1: [(0, 1)]}, 1, {0: 1, 1: 0})
    _path({0: [(1, 2)], 1: [(0, 1)]}, 1, 0, 1)
    _paths({"": [("x", 0)], "x": [("", 3)]}, "x", {"": 3, "x": 0})
    _path({(): [((0, 0), 1)], (0, 0): [((0, 1), 1)]}, (), (0, 1), 2)
    grid = {(r, c): [((r + 1, c), 1), ((r, c + 1), 1)] for r in range(3) for c in range(3)}
    _paths(grid, (0, 0))
    _path(grid, (0, 0), (2, 2), 4)
    mixed = {
        0: [("a", 1), ((1, 2), 1), (2.5, 1), ("", 2)],
        "a": [(7, 1), ("b", 1)],
        (1, 2): [(7, 1), (("x",), 1)],
        2.5: [("b", 1), (("x",), 1), (frozenset({1}), 1)],
        "": [(7, 0)],
        7: [(0, 1)],
    }
    _paths(mixed, 0, {0: 0, "a": 1, (1, 2): 1, 2.5: 1, "": 2, 7: 2, "b": 2, ("x",): 2, frozenset({1}): 2})
    for target in ("b", 7, ("x",), frozenset({1})):
        _path(mixed, 0, target, 2)
    _path(mixed, "a", 0, 2)


def test_none_is_a_node():
    """None is a hashable like any other, so it can be a node: "no target" must not be spelt None (a search for None as the target would stop there)"""
    graph = {"s": [(None, 1), ("a", 5)], None: [("a", 1)], "a": [("t", 1)]}
    _paths(graph, "s", {"s": 0, None: 1, "a": 2, "t": 3})
    _path(graph, "s", "t", 3)
    _path(graph, "s", None, 1)
    _paths(graph, None, {None: 0, "a": 1, "t": 2})


def test_adjacency_tuples_and_graph_unchanged():
    """neighbour lists given as tuples; the graph is left unchanged (no keys added, no lists sorted or emptied)"""
    graph = {"a": (("c", 2), ("b", 1)), "b": (("c", 0),), "c": ()}
    _paths(graph, "a", {"a": 0, "b": 1, "c": 1})
    _path(graph, "a", "c", 1)
    graph = {3: [(1, 5), (2, 1), (1, 2)], 2: [(1, 0), (4, 7)]}
    _paths(graph, 3, {3: 0, 1: 1, 2: 1, 4: 8})
    _path(graph, 3, 4, 8)
    _path(graph, 4, 3, None)


def test_long_path():
    """a chain of 5,000 nodes: the path has 5,000 nodes (no recursion: Python stops at depth 1,000)"""
    n = 5_000
    graph = {i: [(i + 1, 1)] for i in range(n - 1)}
    graph[n - 1] = []
    shown = f"a chain 0 -> 1 -> ... -> {n - 1}, every weight 1"
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000)
    try:
        result = shortest_paths(graph, 0)
        _check_distances(result, {i: i for i in range(n)}, input=_call_text("shortest_paths", graph, 0, shown=shown), large=True)
        result = shortest_path(graph, 0, n - 1)
        _check_path(graph, 0, n - 1, result, n - 1, input=_call_text("shortest_path", graph, 0, n - 1, shown=shown))
    finally:
        sys.setrecursionlimit(old)


# --- property-based ------------------------------------------------------------------------

_LABELS = (0, 1, 2, 3, "a", "b", "", (0,), (1, "x"))
_WEIGHTS = st.one_of(
    st.integers(0, 9),
    st.sampled_from([0.0, 0.1, 0.2, 0.25, 0.3, 1.5]),
    st.floats(0, 50, allow_nan=False, allow_infinity=False),
)


@st.composite
def _graphs(draw, *, negative=False):
    """A small weighted digraph and a source; some nodes only as neighbours, some keys without edges."""
    n = draw(st.integers(1, 7))
    labels = draw(st.permutations(_LABELS))[:n]
    edges = draw(st.lists(st.tuples(st.sampled_from(labels), st.sampled_from(labels), _WEIGHTS), max_size=3 * n))
    if negative:
        u, v = draw(st.sampled_from(labels)), draw(st.sampled_from(labels))
        w = draw(st.one_of(st.integers(-9, -1), st.floats(-50, -1e-3, allow_nan=False)))
        edges.insert(draw(st.integers(0, len(edges))), (u, v, w))
    out = {}
    for u, v, w in edges:
        out.setdefault(u, []).append((v, w))
    keys = [u for u in labels if u in out or draw(st.booleans())]
    graph = {u: (out.get(u, []) if draw(st.booleans()) else tuple(out.get(u, ()))) for u in draw(st.permutations(keys))}
    nodes = _nodes(graph) or [labels[0]]
    source = draw(st.sampled_from(nodes))
    return graph, source


@settings(max_examples=100)
@given(_graphs())
def test_random_graphs(case):
    """random small weighted digraphs: distances match a Bellman-Ford oracle, exactly the reachable nodes are keys, every path is a valid shortest path or None (property-based)"""
    graph, source = case
    if source not in _nodes(graph):
        _raises(KeyError, shortest_paths, graph, source, why=f"the source {source!r} is not a node")
        return
    dist = _oracle(graph, source)
    _paths(graph, source, dist)
    for target in _nodes(graph):
        _path(graph, source, target, dist.get(target))


@settings(max_examples=30)
@given(_graphs(negative=True))
def test_random_graphs_negative_weight(case):
    """random small digraphs with one negative weight somewhere: both functions raise ValueError (property-based)"""
    graph, source = case
    if source not in _nodes(graph):
        return
    _raises(ValueError, shortest_paths, graph, source, why="the graph has a negative weight")
    target = _nodes(graph)[-1]
    _raises(ValueError, shortest_path, graph, source, target, why="the graph has a negative weight")


# --- large inputs, last --------------------------------------------------------------------


@contextmanager
def _collector_paused():
    """No cyclic-GC pauses while a large input is built and timed: a full collection walks
    every object alive, the large graph included, and would add noise to both timings."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _reference_on(build, source, target):
    """The reference's answers on a large graph (run ahead of a save in watch mode)."""
    return reference_ahead(lambda: (reference().shortest_paths(build(), source), reference().shortest_path(build(), source, target)))


def _large(graph, source, target, expected, what, shown, target_note):
    """Time shortest_paths + shortest_path on a large graph against the reference, then check both."""

    def candidate_run():
        return shortest_paths(graph, source), shortest_path(graph, source, target)

    # A 2 s floor: the sorted-list queue (too_slow/, memmove-bound) takes about 1 s here and must
    # pass the tests to be judged by the benchmark; the time_limit_exceeded ones take 10 s and more.
    paths, path = within_reference_budget(candidate_run, expected, what=what, floor_s=2.0)
    dist = expected()[0]
    _check_distances(paths, dist, input=_call_text("shortest_paths", graph, source, shown=shown), large=True)
    path_input = _call_text("shortest_path", graph, source, target, shown=f"{shown} ({target_note})")
    _check_path(graph, source, target, path, dist.get(target), input=path_input)


ADVERSARIAL_CHAIN = 20_000
ADVERSARIAL_FANS = 20_000


def _adversarial(k, fans, seed):
    """A chain 0 -> 1 -> ... -> k listed back to front, each chain node i -> hub with weight 3k - 2i,
    hub -> fans, fans -> three random fans each.

    Bellman-Ford (in dict order) moves one step along the chain per pass: k passes over every edge.
    The hub's distance improves once per chain node (k + 1 times, each smaller), so an implementation
    that does not skip stale queue entries scans the hub's `fans` edges k + 1 times; SPFA does too.
    And there are k + fans + 2 nodes, all reachable, for O(V^2) minimum scans.
    """
    rng = random.Random(seed)
    hub = k + 1
    first_fan = k + 2
    n = first_fan + fans
    graph = {}
    for i in range(k, -1, -1):
        graph[i] = [(i + 1, 1), (hub, 3 * k - 2 * i)] if i < k else [(hub, 3 * k - 2 * i)]
    graph[hub] = [(f, 1) for f in range(first_fan, n)]
    randrange = rng.randrange
    for f in range(first_fan, n):
        graph[f] = [(randrange(first_fan, n), randrange(1, 1_000_000)) for _ in range(3)]
    return graph


def _built(build, *args, **kwargs):
    with _collector_paused():
        return build(*args, **kwargs)


ADVERSARIAL_GRAPH = ahead(lambda: _built(_adversarial, ADVERSARIAL_CHAIN, ADVERSARIAL_FANS, seed=4314))
ADVERSARIAL_TARGET = ADVERSARIAL_CHAIN + 2 + ADVERSARIAL_FANS // 2
ADVERSARIAL_EXPECTED = _reference_on(ADVERSARIAL_GRAPH, 0, ADVERSARIAL_TARGET)


def test_large_adversarial_graph():
    """large input 1 (built against slow approaches): 40,002 nodes, a 20,000-edge chain listed back to front, a hub whose distance improves 20,001 times"""
    k, fans = ADVERSARIAL_CHAIN, ADVERSARIAL_FANS
    with _collector_paused():
        graph = ADVERSARIAL_GRAPH()
        edges = sum(len(e) for e in graph.values())
        shown = (f"{len(graph):,} nodes, {edges:,} edges: a chain 0 -> 1 -> ... -> {k:,} (weight 1 each) with the keys in "
                 f"reverse order, an edge from every chain node i to a hub {k + 1} weighing {3 * k} - 2i, the hub -> "
                 f"{fans:,} fan nodes (weight 1), each fan -> 3 random fans (weights 1 to 10^6)")
        what = f"large input 1, shortest_paths + shortest_path on {len(graph):,} nodes and {edges:,} edges"
        target = ADVERSARIAL_TARGET
        _large(graph, 0, target, ADVERSARIAL_EXPECTED, what, shown, f"target: fan node {target:,}, reached through the whole chain and the hub")


RANDOM_NODES = 30_000
RANDOM_SEED = 146
RANDOM_TARGET = 1_563  # with this seed, about the median distance from node 0: shortest_path settles half the graph


def _random_graph(n, m, seed):
    rng = random.Random(seed)
    rand = rng.random
    graph = {u: [] for u in range(n)}
    for _ in range(m):
        weight = 0 if rand() < 0.02 else round(rand() * 1000, 3)
        graph[int(rand() * n)].append((int(rand() * n), weight))
    return graph


RANDOM_GRAPH = ahead(lambda: _built(_random_graph, RANDOM_NODES, 4 * RANDOM_NODES, seed=RANDOM_SEED))
RANDOM_EXPECTED = _reference_on(RANDOM_GRAPH, 0, RANDOM_TARGET)


def test_large_random_graph():
    """large input 2: a random sparse graph, 30,000 nodes, 120,000 edges with float weights (some zero)"""
    n = RANDOM_NODES
    with _collector_paused():
        graph = RANDOM_GRAPH()
        shown = f"a random graph of {n:,} nodes 0..{n - 1:,}, {4 * n:,} edges, weights uniform floats in [0, 1000] (2% zero)"
        what = f"large input 2, shortest_paths + shortest_path on {n:,} nodes and {4 * n:,} edges"
        _large(graph, 0, RANDOM_TARGET, RANDOM_EXPECTED, what, shown, f"target {RANDOM_TARGET:,}")
