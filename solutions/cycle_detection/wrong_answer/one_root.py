"""Mistake: searches only from the first node, so a cycle in a part of the graph that node
cannot reach (another component, or an earlier node) is never found."""

GREY, BLACK = 1, 2


def find_cycle(graph):
    if not graph:
        return None
    root = next(iter(graph))  # BUG: every node must be a start node until it is coloured
    colour = {root: GREY}
    parent = {}
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
