"""Adversarial: raises the recursion limit at import (sys.setrecursionlimit(10**6)), then
searches recursively. On CPython 3.11 a Python-to-Python call does not use the C stack, so
nothing else stops a 200,000-deep recursion. The statement fixes the limit at 1000 for the
candidate's code: sys.setrecursionlimit raises RuntimeError, so this file cannot be imported."""

import sys

sys.setrecursionlimit(10**6)

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
