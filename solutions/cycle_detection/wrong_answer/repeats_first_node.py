"""Mistake: returns the cycle as a closed walk [v0, ..., vm, v0]; the format lists each node once."""

GREY, BLACK = 1, 2


def find_cycle(graph):
    colour = {}
    parent = {}
    for root in graph:
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
                    return cycle + [cycle[0]]  # BUG: repeats v0 at the end
            else:
                colour[v] = BLACK
                stack.pop()
    return None
