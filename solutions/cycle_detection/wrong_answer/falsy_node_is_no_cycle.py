"""Mistake: the search returns the node where a back edge lands and the caller tests it with
`if hit:`, so a cycle closing at node 0 (or "" or ()) is taken for "no cycle"."""

GREY, BLACK = 1, 2


def _search(graph, root, colour, parent):
    """Return (v, w) for a back edge v -> w found from root, or (None, None)."""
    colour[root] = GREY
    stack = [(root, iter(graph[root]))]
    while stack:
        v, successors = stack[-1]
        for w in successors:
            state = colour.get(w)
            if state is None:
                colour[w] = GREY
                parent[w] = v
                stack.append((w, iter(graph.get(w, ()))))
                break
            if state == GREY:
                return v, w
        else:
            colour[v] = BLACK
            stack.pop()
    return None, None


def find_cycle(graph):
    colour = {}
    parent = {}
    for root in graph:
        if root in colour:
            continue
        v, hit = _search(graph, root, colour, parent)
        if hit:  # BUG: node 0 is falsy; should be `if hit is not None`
            cycle = [v]
            while v != hit:
                v = parent[v]
                cycle.append(v)
            cycle.reverse()
            return cycle
    return None
