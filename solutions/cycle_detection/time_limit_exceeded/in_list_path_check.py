"""Too slow: asks `w in path` on the path *list* for every edge into an already reached node.
Each check scans the path, so a deep search that keeps meeting finished nodes (a long chain with
forward edges i -> i+2) is O(V^2)."""


def find_cycle(graph):
    reached = set()
    for root in graph:
        if root in reached:
            continue
        reached.add(root)
        path = [root]
        iterators = [iter(graph[root])]
        while iterators:
            for w in iterators[-1]:
                if w in reached:
                    if w in path:  # BUG: O(len(path)) scan; use a set or dict of the nodes on the path
                        return path[path.index(w):]
                    continue
                reached.add(w)
                path.append(w)
                iterators.append(iter(graph.get(w, ())))
                break
            else:
                iterators.pop()
                path.pop()
    return None
