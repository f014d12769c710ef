"""Mistake: an iterative DFS that keeps (node, index) pairs and reads graph[v][i], which only
works for lists and tuples: successors given as a set raise TypeError ('set' object is not
subscriptable)."""

GREY, BLACK = 1, 2


def find_cycle(graph):
    colour = {}
    parent = {}
    for root in graph:
        if root in colour:
            continue
        colour[root] = GREY
        stack = [[root, 0]]
        while stack:
            top = stack[-1]
            v, i = top
            successors = graph.get(v, ())
            if i == len(successors):
                colour[v] = BLACK
                stack.pop()
                continue
            top[1] += 1
            w = successors[i]  # BUG: sets and frozensets have no index
            state = colour.get(w)
            if state is None:
                colour[w] = GREY
                parent[w] = v
                stack.append([w, 0])
            elif state == GREY:
                cycle = [v]
                while v != w:
                    v = parent[v]
                    cycle.append(v)
                cycle.reverse()
                return cycle
    return None
