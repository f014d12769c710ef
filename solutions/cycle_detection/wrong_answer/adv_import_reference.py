"""Attack class 3 (delegate to the kit): import the reference solution and call it.

It tries, in order: `from harness.authoring.testing import reference; reference().find_cycle`;
importlib on `_drill_reference_colour_dfs`; the accepted solutions found by walking up from its
own file, cwd, $HOME and sys.path to a folder with solutions/cycle_detection/accepted/ (or from
the kit path an editable install leaves in site-packages), loaded with
importlib.util.spec_from_file_location. If none works it falls back on a wrong Kahn variant that
returns every leftover node, not only the cycle. (It does not use networkx: an installed library
is the candidate's to use, like any other package, so that would not be delegating to the kit;
networkx's find_cycle is too slow here anyway.)

Correct verdict: wrong_answer. The sandbox has no kit folders and the harness is not
importable in the worker (or has no reference to give), and networkx is not a base dependency:
the fallback answers ["a", "b", "c", "d"] on the statement example.
(If a judge ever installs networkx in the sandbox, this file turns accepted: the worker's
site-packages should be the kit's base dependencies only.)
"""

import glob
import importlib
import importlib.util
import os
import sys


def _wrong_find_cycle(graph):
    """Wrong: Kahn's algorithm, then returns every node left over, not just those on a cycle
    (nodes reachable from a cycle, like "d" in the statement example, are included)."""
    indegree = {}
    for v, ws in graph.items():
        indegree.setdefault(v, 0)
        for w in ws:
            indegree[w] = indegree.get(w, 0) + 1
    ready = [v for v, d in indegree.items() if d == 0]
    while ready:
        v = ready.pop()
        for w in graph.get(v, ()):
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    left = [v for v, d in indegree.items() if d > 0]
    return left or None


def _load(path):
    spec = importlib.util.spec_from_file_location(f"_adv_ref_{abs(hash(path))}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.find_cycle


def _reference():
    try:
        from harness.authoring.testing import reference

        return reference().find_cycle
    except BaseException:  # noqa: BLE001
        pass
    for name in ("_drill_reference_colour_dfs", "colour_dfs"):
        try:
            return importlib.import_module(name).find_cycle
        except BaseException:  # noqa: BLE001
            pass
    starts = [os.path.dirname(os.path.abspath(__file__)), os.getcwd(), os.environ.get("HOME", ""), *sys.path]
    for start in filter(None, starts):
        folder = os.path.abspath(start)
        for _ in range(8):
            for path in sorted(glob.glob(os.path.join(folder, "solutions", "cycle_detection", "accepted", "*.py"))):
                try:
                    return _load(path)
                except BaseException:  # noqa: BLE001
                    pass
            folder = os.path.dirname(folder)
    return None


_REF = _reference()


def find_cycle(graph):
    if _REF is not None:
        return _REF(graph)
    return _wrong_find_cycle(graph)
