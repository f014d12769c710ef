"""Iterative DFS that keeps the current path as a list plus a dict node -> index on the path.

An edge to a node on the path closes a cycle: the answer is the path from that node's index
on. Finished nodes go to `done` and are never entered again, so an edge into them is ignored.
Each node is pushed and popped once and each edge followed once: O(V + E), and the on-path test
is a dict lookup, never a scan of the path list.
"""


def find_cycle(graph):
    done = set()
    for root in graph:
        if root in done:
            continue
        path = [root]
        index = {root: 0}
        iterators = [iter(graph[root])]
        while iterators:
            for w in iterators[-1]:
                if w in index:
                    return path[index[w]:]
                if w not in done:
                    index[w] = len(path)
                    path.append(w)
                    iterators.append(iter(graph.get(w, ())))
                    break
            else:
                iterators.pop()
                v = path.pop()
                del index[v]
                done.add(v)
    return None
