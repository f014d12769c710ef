"""Adversarial: raises the recursion limit by any route that works, then searches recursively:
sys.setrecursionlimit, the original function restored by importlib.reload(sys) or found with gc,
ctypes' Py_SetRecursionLimit, each tried in turn, every refusal swallowed. The worker refuses
them all, so the recursion stops at depth 1000: RecursionError on the 200,000-node path."""

import sys


def _raise_the_limit(limit):
    def by_gc():
        import gc

        for obj in gc.get_objects():
            if isinstance(obj, dict) and callable(obj.get("setrecursionlimit")) and obj.get("setrecursionlimit") is not sys.setrecursionlimit:
                obj["setrecursionlimit"](limit)
                return

    def by_reload():
        import importlib

        importlib.reload(sys)
        sys.setrecursionlimit(limit)

    def by_ctypes():
        import ctypes

        ctypes.pythonapi.Py_SetRecursionLimit(ctypes.c_int(limit))

    for route in (lambda: sys.setrecursionlimit(limit), by_reload, by_gc, by_ctypes):
        try:
            route()
        except Exception:  # noqa: BLE001 - try the next route
            continue
        if sys.getrecursionlimit() >= limit:
            return


_raise_the_limit(10**6)

GREY, BLACK = 1, 2


def find_cycle(graph):
    colour = {}
    parent = {}

    def visit(v):
        colour[v] = GREY
        for w in graph.get(v, ()):
            state = colour.get(w)
            if state is None:
                parent[w] = v
                found = visit(w)  # BUG: one Python call per node on the path
                if found is not None:
                    return found
            elif state == GREY:
                cycle = [v]
                while cycle[-1] != w:
                    cycle.append(parent[cycle[-1]])
                cycle.reverse()
                return cycle
        colour[v] = BLACK
        return None

    for root in graph:
        if root not in colour:
            found = visit(root)
            if found is not None:
                return found
    return None
