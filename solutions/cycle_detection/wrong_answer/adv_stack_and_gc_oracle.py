"""Attack class 3 (delegate to the kit): look for the suite's expected answer or oracle in memory.

On every call it walks the caller frames (sys._getframe) and every object the garbage collector
knows (gc.get_objects): it looks for locals/attributes named expected/oracle/ref/reference/answer,
for modules named `_drill_reference_*`, `harness.authoring.testing`, `test_cycle_detection`, and for any
other function called find_cycle (the reference's); it also runs inspect.stack() and reads each
frame's source file. If it finds a reference find_cycle it returns that; if it finds an
`expected` value, it returns that. Otherwise it falls back on a wrong Kahn variant that returns
every leftover node, not only the cycle.

Correct verdict: wrong_answer. The suite, its oracles and the reference live in the trusted
process; the worker's frames hold only the worker loop and plain call arguments, so nothing is
found and the fallback answers ["a", "b", "c", "d"] on the statement example.
"""

import gc
import inspect
import sys


def _wrong_find_cycle(graph):
    """Wrong: Kahn's algorithm, then returns every node left over, not just those on a cycle
    (nodes reachable from a cycle, like "d" in the statement example, are included)."""
    indegree = {}
    for v, ws in graph.items():
        indegree.setdefault(v, 0)
        for w in ws:
            indegree[w] = indegree.get(w, 0) + 1
    ready = [v for v, d in indegree.items() if d == 0]
    while ready:
        v = ready.pop()
        for w in graph.get(v, ()):
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    left = [v for v, d in indegree.items() if d > 0]
    return left or None

_NAMES = ("expected", "oracle", "ref", "reference", "answer", "want", "witness")


def _oracle(graph):
    me = sys.modules[__name__]
    frame = sys._getframe(1)
    while frame is not None:
        for name, value in frame.f_locals.items():
            if name in _NAMES and (value is None or isinstance(value, list)):
                return ("value", value)
        frame = frame.f_back
    for name, module in list(sys.modules.items()):
        if module is me:
            continue
        if name.startswith("_drill_reference") or name in ("harness.authoring.testing", "test_cycle_detection"):
            function = getattr(module, "find_cycle", None)
            if callable(function):
                return ("function", function)
    for obj in gc.get_objects():
        if inspect.isfunction(obj) and obj.__name__ == "find_cycle" and obj.__module__ != __name__:
            return ("function", obj)
    try:
        for info in inspect.stack()[1:]:
            if "test_" in info.filename or "reference" in info.filename:
                return ("source", info.filename)
    except Exception:  # noqa: BLE001
        pass
    return None


def find_cycle(graph):
    found = _oracle(graph)
    if found is not None:
        kind, value = found
        if kind == "value":
            return value
        if kind == "function":
            return value(graph)
    return _wrong_find_cycle(graph)
