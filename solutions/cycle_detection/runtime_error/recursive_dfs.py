"""Mistake: a recursive depth-first search. Correct, but a 200,000-node path makes it recurse
200,000 calls deep, far past Python's default recursion limit of 1000: RecursionError."""

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
