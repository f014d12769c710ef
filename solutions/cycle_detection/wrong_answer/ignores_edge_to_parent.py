"""Mistake: an undirected-graph habit, ignoring the edge back to the DFS parent.

In a directed graph u -> v -> u is a real two-node cycle, so it is missed.
"""

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
                if v in parent and w == parent[v]:
                    continue  # BUG: only right for undirected graphs
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
