"""Mistake: Kahn's algorithm that deletes finished nodes from the caller's dict (and adds the
successor-only nodes to it); the statement says the input graph is read-only."""


def find_cycle(graph):
    for ws in list(graph.values()):
        for w in ws:
            graph.setdefault(w, [])  # BUG: modifies the caller's graph
    indegree = dict.fromkeys(graph, 0)
    for ws in graph.values():
        for w in ws:
            indegree[w] += 1
    ready = [v for v, d in indegree.items() if d == 0]
    while ready:
        v = ready.pop()
        for w in graph.pop(v):  # BUG: modifies the caller's graph
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    if not graph:
        return None
    pred = {}
    for v, ws in graph.items():
        for w in ws:
            pred.setdefault(w, v)
    seen, walk = {}, []
    v = next(iter(graph))
    while v not in seen:
        seen[v] = len(walk)
        walk.append(v)
        v = pred[v]
    return walk[seen[v]:][::-1]
