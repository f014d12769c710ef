"""Mistake: one `visited` set, and any edge to an already visited node is taken for a cycle.

That node may be finished (a diamond, or a cross edge into a subtree explored earlier, as in
networkx issue #2439), not on the current path, so acyclic graphs are reported cyclic.
"""


def find_cycle(graph):
    visited = set()
    parent = {}
    for root in graph:
        if root in visited:
            continue
        visited.add(root)
        stack = [(root, iter(graph[root]))]
        while stack:
            v, successors = stack[-1]
            for w in successors:
                if w in visited:  # BUG: visited is not the same as "on the current path"
                    cycle = [v]
                    while cycle[-1] != w and cycle[-1] in parent:
                        cycle.append(parent[cycle[-1]])
                    cycle.reverse()
                    return cycle
                visited.add(w)
                parent[w] = v
                stack.append((w, iter(graph.get(w, ()))))
                break
            else:
                stack.pop()
    return None
