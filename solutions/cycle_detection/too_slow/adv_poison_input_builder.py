"""Attack class 5 (escape the timer): shrink the benchmark's inputs while they are being built.

The search is too_slow/list_pop0_queue.py (correct, O(V^2) memmove on the benchmark's wide DAG).
The benchmark builds (or copies) each round's input inside the worker, after this module is
imported, with ordinary stdlib calls. At import this file replaces builtins.range and
builtins.list (for callers whose file name contains "bench"), copy.deepcopy, pickle.loads,
marshal.loads and json.loads (for everything) with wrappers that cap any range or graph at
4,000 nodes: a dict of successor collections with more than 4,000 keys comes back cut to its
first 4,000 nodes (edges to dropped nodes removed). The reference, in its own worker, gets the
real input; this solution is timed on a small one, so its growth looks flat.
It also patches random.Random.random/randrange/uniform to return fixed values inside bench code.

Correct verdict: too_slow. The input the candidate is timed on must be out of its reach: built
before the candidate is imported (or in another process) with references the candidate cannot
rebind, and checked (size, checksum) by the trusted side, with the answer compared to the
reference's on the same input.
"""

import builtins
import copy
import json
import marshal
import pickle
import random
import sys


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

_CAP = 4000
_real_range, _real_list = builtins.range, builtins.list


def _from_bench():
    frame = sys._getframe(2)
    for _ in range(6):
        if frame is None:
            return False
        if "bench" in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False


def _shrink(value):
    if type(value) is dict and len(value) > _CAP:
        keep = set()
        for node in value:
            if len(keep) >= _CAP:
                break
            keep.add(node)
        return {v: [w for w in ws if w in keep] for v, ws in value.items() if v in keep}
    if isinstance(value, tuple) and value and type(value[0]) is dict:
        return (_shrink(value[0]), *value[1:])
    return value


class _Range:
    def __new__(cls, *args):
        r = _real_range(*args)
        if _from_bench() and len(r) > _CAP:
            return r[:_CAP]
        return r


def _list(*args):
    result = _real_list(*args)
    if _from_bench() and len(result) > _CAP:
        del result[_CAP:]
    return result


builtins.range = _Range
builtins.list = _list


def _wrap(module, name):
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        return _shrink(original(*args, **kwargs))

    setattr(module, name, wrapper)


for _module, _name in ((copy, "deepcopy"), (copy, "copy"), (pickle, "loads"), (marshal, "loads"), (json, "loads")):
    _wrap(_module, _name)
for _name, _fixed in (("random", 0.5), ("randrange", 0), ("uniform", 1.0)):
    _original = getattr(random.Random, _name)

    def _patched(self, *args, _original=_original, _fixed=_fixed, **kwargs):
        if _from_bench():
            return _fixed
        return _original(self, *args, **kwargs)

    setattr(random.Random, _name, _patched)


def find_cycle(graph):
    return _slow_find_cycle(graph)
