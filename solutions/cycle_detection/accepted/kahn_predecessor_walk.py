"""Kahn's topological sort decides whether there is a cycle; a walk over predecessors extracts one.

Repeatedly remove nodes of in-degree 0. If every node goes, the graph is acyclic. Each node
left over still has an edge from another left-over node (otherwise its in-degree would have
reached 0), so walking from any of them to a left-over predecessor must eventually revisit a
node: the walk from that node's first visit is a cycle, traversed backwards.

Counting in-degrees, the queue and the walk each touch every node and edge a bounded number of
times: O(V + E) time and memory, no recursion.
"""

from collections import deque


def find_cycle(graph):
    succ = {v: list(ws) for v, ws in graph.items()}
    indegree = dict.fromkeys(succ, 0)
    for ws in succ.values():
        for w in ws:
            indegree[w] = indegree.get(w, 0) + 1
    queue = deque(v for v, d in indegree.items() if d == 0)
    while queue:
        v = queue.popleft()
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
