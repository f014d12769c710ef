"""Attack class 5 (escape the timer): memoise the answer by the input's content across rounds.

The search is too_slow/list_pop0_queue.py (correct; Kahn with queue.pop(0), O(V^2) memmove on
the benchmark's wide DAG). Before searching, it fingerprints the graph in O(V + E): a hash of
every (node, successors) pair plus the sizes, and keeps the answer in a dict keyed by that
fingerprint (a copy of the graph is stored too, so a collision is checked by comparison, O(V + E)).
A fresh copy of the same input every round defeats memoisation by id(), not by content: rounds
2+ cost O(V + E), and the benchmark keeps the fastest round.

Correct verdict: too_slow. Every round must be a different input (a new seed, or relabelled
nodes), or the statistic must not keep only the fastest repeat of one input.
"""


def _slow_find_cycle(graph):
    """too_slow/list_pop0_queue.py: Kahn with queue.pop(0), O(V^2) memmove on a wide DAG."""
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

_MEMO = {}


def _fingerprint(graph):
    h = len(graph)
    edges = 0
    for v, ws in graph.items():
        ws = tuple(ws) if not isinstance(ws, (set, frozenset)) else tuple(sorted(ws, key=repr))
        edges += len(ws)
        h = hash((h, v, ws))
    return (h, len(graph), edges)


def find_cycle(graph):
    key = _fingerprint(graph)
    hit = _MEMO.get(key)
    if hit is not None:
        snapshot, answer = hit
        if snapshot == {v: list(ws) for v, ws in graph.items()}:
            return None if answer is None else list(answer)
    answer = _slow_find_cycle(graph)
    if len(_MEMO) >= 4:  # a few large graphs at most: snapshots of 200,000-node graphs are big
        _MEMO.clear()
    _MEMO[key] = ({v: list(ws) for v, ws in graph.items()}, None if answer is None else list(answer))
    return answer
