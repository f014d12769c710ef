"""Too slow: Kahn's algorithm with a plain list as its queue, `queue.pop(0)`.

Correct, and fine on chains and rings, where the queue stays short. When many nodes become
ready at once (a root with n children), every pop(0) moves the whole rest of the list:
O(V^2) memory moves. The shift is a fast memmove, so it hides at small sizes; the
benchmark's wide DAG goes up to 128,000 nodes, where it dominates. Fix: collections.deque
and popleft().
"""


def find_cycle(graph):
    succ = {v: list(ws) for v, ws in graph.items()}
    indegree = dict.fromkeys(succ, 0)
    for ws in succ.values():
        for w in ws:
            indegree[w] = indegree.get(w, 0) + 1
    queue = [v for v, d in indegree.items() if d == 0]
    while queue:
        v = queue.pop(0)  # shifts every element behind it
        for w in succ.get(v, ()):
            indegree[w] -= 1
            if indegree[w] == 0:
                queue.append(w)
    left = {v: True for v, d in indegree.items() if d > 0}  # a dict: ordered, unlike a set
    if not left:
        return None
    pred = {}
    for v in left:
        for w in succ.get(v, ()):
            if w in left and w not in pred:
                pred[w] = v
    position = {}
    walk = []
    v = next(iter(left))
    while v not in position:
        position[v] = len(walk)
        walk.append(v)
        v = pred[v]
    cycle = walk[position[v]:]
    cycle.reverse()
    return cycle
