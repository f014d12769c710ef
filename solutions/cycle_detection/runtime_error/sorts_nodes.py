"""Mistake: sorts the nodes "for a deterministic answer"; nodes of different types (1, "1",
(1,)) cannot be compared: TypeError."""

GREY, BLACK = 1, 2


def find_cycle(graph):
    colour = {}
    parent = {}
    for root in sorted(graph):  # BUG: nodes need not be comparable
        if root in colour:
            continue
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
                    cycle = [v]
                    while v != w:
                        v = parent[v]
                        cycle.append(v)
                    cycle.reverse()
                    return cycle
            else:
                colour[v] = BLACK
                stack.pop()
    return None
