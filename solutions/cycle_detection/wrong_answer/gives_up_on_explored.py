"""Mistake (networkx issue #2323): when the search meets an already explored node it abandons
the whole search from the current start node instead of just skipping that edge, so a cycle
found further along (1 -> 2 -> 1 after 2 -> 0 in DiGraph 1->0, 2->0, 1->2, 2->1) is missed."""


def find_cycle(graph):
    explored = set()
    for root in graph:
        if root in explored:
            continue
        path = [root]
        on_path = {root}
        iterators = [iter(graph[root])]
        while iterators:
            for w in iterators[-1]:
                if w in on_path:
                    return path[path.index(w):]
                if w in explored:
                    iterators.clear()  # BUG: "already explored, no loop possible from here": gives up
                    break
                on_path.add(w)
                path.append(w)
                iterators.append(iter(graph.get(w, ())))
                break
            else:
                iterators.pop()
                v = path.pop()
                on_path.discard(v)
                explored.add(v)
        explored.update(path)
    return None
