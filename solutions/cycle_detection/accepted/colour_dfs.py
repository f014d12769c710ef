"""Reference: iterative depth-first search with white/grey/black colours and a parent map.

White = not reached yet (absent from `colour`), grey = on the current search path,
black = finished. An edge v -> w closes a cycle exactly when w is grey; an edge into a
black node (a forward or cross edge into a finished subtree, as in a diamond) never does.
The parent map rebuilds the cycle by walking back from v to w.

Every node is coloured once and every edge followed once: O(V + E) time, O(V) memory.
An explicit stack of successor iterators replaces recursion, so a 200,000-node path
needs no deep call stack.
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
