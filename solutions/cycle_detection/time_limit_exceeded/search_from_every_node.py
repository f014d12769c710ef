"""Too slow: a fresh depth-first search (colours reset) from every node. Correct, but on a
200,000-node path the search from node i walks the whole rest of the path: O(V * (V + E))."""

GREY, BLACK = 1, 2


def find_cycle(graph):
    for root in graph:
        colour = {root: GREY}  # BUG: forgets everything the previous searches finished
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
