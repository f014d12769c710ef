"""Wrong only at the benchmark's sizes: recognises the benchmark's graphs (their node counts
and shapes) and guesses the answer in O(1): None for the chain and the wide DAG, the ring's
nodes in order for the ring. Elsewhere it is list_pop0_queue.py (Kahn's algorithm with
pop(0)). The bench used to compare only the answer's shape (None, or a cycle's length), which
the family fixes: accepted. Now one call of each run has a back edge drawn at random, and every
cycle returned is checked to be one.

needs: bench (the hidden tests pass it)
"""

BENCH_SIZES = {1000, 16000, 32000, 4001, 128001}


def find_cycle(graph):
    if len(graph) in BENCH_SIZES:
        first = next(iter(graph))
        edges = graph[first]
        if edges == [first + 1] and len(graph) in (1000, 32000):
            return list(range(first, first + len(graph)))  # the ring
        if edges[:2] == [first + 1, first + 2] or len(edges) == len(graph) - 2:
            return None  # the chain, the wide DAG
    return _find_cycle(graph)


def _find_cycle(graph):
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
