"""Mistake: answers the yes/no question (True/False) instead of returning a cycle or None."""

GREY, BLACK = 1, 2


def find_cycle(graph):
    colour = {}
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
                    stack.append((w, iter(graph.get(w, ()))))
                    break
                if state == GREY:
                    return True
            else:
                colour[v] = BLACK
                stack.pop()
    return False
