"""Attack class 5 (escape the timer): shrink the benchmark's inputs while they are being built.

The search is too_slow/list_pop0_queue.py (correct, O(V^2) memmove on the benchmark's wide DAG).
The benchmark builds (or copies) each round's input inside the worker, after this module is
imported, with ordinary stdlib calls. At import this file shadows list() in
the globals of any module whose name or file contains "bench" (through a sys.meta_path finder,
and on every call for modules already loaded), and replaces copy.deepcopy, pickle.loads,
marshal.loads and json.loads (for graphs of the benchmark's sizes, 4,001 to 150,000 nodes; the
hidden tests use fewer or 200,000) with wrappers that cap any list or graph at 4,000 nodes: such
a dict comes back cut to its first 4,000 nodes (edges to dropped nodes removed). The reference, in its own worker, gets the
real input; this solution is timed on a small one, so its growth looks flat.
It also patches random.Random.random/randrange/uniform to return fixed values inside bench code.

Verdict: wrong_answer. The trusted side compares every answer with the reference's on the same
input: the bench's graphs now carry a back edge drawn from the round's rng, so its fixed draws
change the graph in its own worker only, and its answers differ from the reference's. (When the
bench compared only the answer's shape, which its fixed draws did not change, it was too_slow.)

needs: bench (the hidden tests pass it)
"""

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
_real_list = list


def _from_bench():
    frame = sys._getframe(2)
    if frame.f_globals is globals():  # this module's own calls: never
        return False
    for _ in range(4):
        if frame is None:
            return False
        if "bench" in frame.f_code.co_filename:
            return True
        frame = frame.f_back
    return False


def _shrink(value):
    # Only the benchmark's sizes (up to 128,001 nodes); the hidden tests' graphs are small or
    # 200,000 nodes, and must arrive intact for the answers to stay right.
    if type(value) is dict and _CAP < len(value) <= 150_000:
        keep = set()
        for node in value:
            if len(keep) >= _CAP:
                break
            keep.add(node)
        return {v: [w for w in ws if w in keep] for v, ws in value.items() if v in keep}
    if isinstance(value, tuple) and value and type(value[0]) is dict:
        return (_shrink(value[0]), *value[1:])
    return value


def _list(*args):
    result = _real_list(*args)
    if len(result) > _CAP:
        del result[_CAP:]
    return result


def _poison(namespace):
    # Shadow the builtins in the benchmark module's own globals only: replacing builtins.list
    # itself would break every isinstance(x, list) in the worker.
    # (range is left alone: capping it desynchronises index-based builders into IndexError.)
    namespace["list"] = _list


def _poison_loaded():
    for name, module in _real_list(sys.modules.items()):
        if "bench" in name or "bench" in str(getattr(module, "__file__", "")):
            if getattr(module, "__dict__", {}).get("list") is not _list:
                _poison(module.__dict__)


class _BenchFinder:
    """Wraps the loader of any module whose name contains "bench" so it runs poisoned."""

    def find_spec(self, name, path=None, target=None):
        if "bench" not in name:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
                original = spec.loader.exec_module

                def exec_module(module, original=original):
                    _poison(module.__dict__)
                    original(module)

                spec.loader.exec_module = exec_module
                return spec
        return None


sys.meta_path.insert(0, _BenchFinder())
_poison_loaded()


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
    _poison_loaded()  # a bench module loaded by spec_from_file_location bypasses sys.meta_path
    return _slow_find_cycle(graph)
