"""Attack class 5 (escape the timer): run the search in a forked child and read its answer.

find_cycle() forks; the child runs the search (too_slow/list_pop0_queue.py, correct but O(V^2)
on a wide DAG), writes the answer as repr() to a pipe and exits; the parent waits on the pipe
(no CPU) and eval()s the reply. The parent's own CPU time never includes the child's, so a
judge that reads only the worker's utime+stime (not its children's, not the cgroup's) times
nothing but a fork and a wait.

Correct verdict: runtime_error. seccomp forbids fork/clone: os.fork() raises (not caught) or
the filter kills the worker; either fails the statement example. (With fork allowed and
children's CPU counted, it would be too_slow; with only the parent timed, accepted.)
"""

import ast
import os


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


def find_cycle(graph):
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        answer = _slow_find_cycle(graph)
        with os.fdopen(write_end, "w") as pipe:
            pipe.write(repr(answer))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        reply = pipe.read()
    os.waitpid(pid, 0)
    return ast.literal_eval(reply)
