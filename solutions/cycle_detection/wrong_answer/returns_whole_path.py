"""Mistake: returns the whole DFS path from the start node when it finds a back edge, so the
tail that led into the cycle comes first and the closing edge back to the start does not exist."""


def find_cycle(graph):
    done = set()
    for root in graph:
        if root in done:
            continue
        path = [root]
        on_path = {root}
        iterators = [iter(graph[root])]
        while iterators:
            for w in iterators[-1]:
                if w in on_path:
                    return list(path)  # BUG: should start at w, i.e. path[path.index(w):]
                if w not in done:
                    on_path.add(w)
                    path.append(w)
                    iterators.append(iter(graph.get(w, ())))
                    break
            else:
                iterators.pop()
                v = path.pop()
                on_path.discard(v)
                done.add(v)
    return None
