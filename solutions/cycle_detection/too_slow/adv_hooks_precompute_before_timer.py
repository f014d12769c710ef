"""Attack class 5 (escape the timer): compute the answer in hooks that fire before the clock starts.

The search is too_slow/list_pop0_queue.py (correct, O(V^2) memmove on the benchmark's wide DAG).
It installs every hook CPython offers that runs candidate code while the worker itself is busy:
gc.callbacks (a collection runs while the next round's input is built or copied, or when the
worker calls gc.collect() before timing), sys.setprofile (fires on each C call the worker loop
makes, e.g. the socket send that says "timer start"), sys.addaudithook (cannot be removed;
fires on many stdlib events), and a `copy`/`pickle`/`marshal` hook. Each hook looks for large
dicts of lists (gc.get_objects(), the caller's frame locals) that look like a finished graph and
solves them, keyed by id() (holding the graph, so the id is not reused) and verified by size. find_cycle then answers in O(1) when the graph
was pre-solved, and otherwise searches.

Correct verdict: too_slow. Work done between the worker's "start" and the parent's clock read,
or before the start, still has to be counted: build and copy the input where the candidate cannot
run (before import, or in another process), clear gc.callbacks and profile/trace hooks, or
account for all of the worker's CPU per round, not only the timed call.
"""

import gc
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

_SOLVED = {}
_BUSY = [False]


def _looks_like_graph(obj):
    if type(obj) is not dict or len(obj) < 2000:
        return False
    for ws in list(obj.values())[:3]:
        if not isinstance(ws, (list, tuple, set, frozenset)):
            return False
    return True


def _presolve(candidates):
    if _BUSY[0]:
        return
    _BUSY[0] = True
    try:
        for obj in candidates:
            if _looks_like_graph(obj) and id(obj) not in _SOLVED:
                # Keep the graph itself: its id cannot be reused while it is held here.
                _SOLVED[id(obj)] = (obj, len(obj), _slow_find_cycle(obj))
        while len(_SOLVED) > 2:
            del _SOLVED[next(iter(_SOLVED))]
    except Exception:  # noqa: BLE001
        pass
    finally:
        _BUSY[0] = False


def _gc_hook(phase, info):
    if phase == "stop" and info.get("generation") == 2:
        _presolve(gc.get_objects())


def _profile(frame, event, arg):
    if event == "c_call" and getattr(arg, "__name__", "") in ("sendall", "send", "sendmsg", "write", "collect"):
        _presolve(frame.f_locals.values())


def _audit(event, args):
    if event in ("socket.sendmsg", "socket.sendto", "marshal.loads", "pickle.find_class", "copy.deepcopy", "gc.get_objects"):
        if event != "gc.get_objects":
            _presolve(gc.get_objects())


gc.callbacks.append(_gc_hook)
sys.setprofile(_profile)  # active only between calls (see find_cycle): it would slow the search itself
try:
    sys.addaudithook(_audit)
except Exception:  # noqa: BLE001
    pass


def find_cycle(graph):
    sys.setprofile(None)
    try:
        hit = _SOLVED.pop(id(graph), None)
        if hit is not None and hit[0] is graph and hit[1] == len(graph):
            return hit[2]
        return _slow_find_cycle(graph)
    finally:
        sys.setprofile(_profile)
