"""A problem's `recursion_limit` (problem.toml): the worker fixes the limit before the candidate's
import, and every way to raise it from Python is refused (worker.fix_recursion_limit). Each route is
tried in a fresh interpreter, as the candidate's code would try it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from harness.problems.catalogue import get
from harness.worker.loading import load_request

SANDBOX = Path(__file__).resolve().parents[2] / "harness" / "sandbox"

ROUTES = {
    "sys.setrecursionlimit": "sys.setrecursionlimit(10**6)",
    "importlib.reload(sys)": "import importlib; importlib.reload(sys); sys.setrecursionlimit(10**6)",
    "the import system's copy of sys": "import _imp, importlib.machinery as m; _imp.create_builtin(m.ModuleSpec('sys', None)).setrecursionlimit(10**6)",
    "a dict holding it, found with gc": "import gc; [d['setrecursionlimit'](10**6) for d in gc.get_objects() if type(d) is dict and 'setrecursionlimit' in d]",
    "the original function, found with gc": "import gc; [f for f in gc.get_objects() if type(f).__name__ == 'builtin_function_or_method' and f.__name__ == 'setrecursionlimit'][0](10**6)",
    "a subinterpreter": "import _xxsubinterpreters as s; s.run_string(s.create(), 'import sys; sys.setrecursionlimit(10**6)')",
    "ctypes": "import ctypes; ctypes.pythonapi.Py_SetRecursionLimit(10**6)",
    "_ctypes at an address, without dlopen": "import _ctypes; _ctypes.call_function(1, ())",
    "/proc/self/mem": "open('/proc/self/mem', 'r+b')",
}


def _run(code: str) -> subprocess.CompletedProcess[str]:
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(SANDBOX.parent)!r})
        from sandbox.worker import fix_recursion_limit
        fix_recursion_limit(1000)
        try:
            {code}
        except Exception as exc:
            print("refused", type(exc).__name__, exc)
        print("limit", sys.getrecursionlimit())
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize("route", list(ROUTES))
def test_every_route_to_a_higher_limit_is_refused(route: str) -> None:
    result = _run(ROUTES[route])
    assert "refused" in result.stdout, (route, result.stdout, result.stderr)
    assert result.stdout.strip().endswith("limit 1000"), (route, result.stdout, result.stderr)


def test_recursion_stops_at_the_fixed_limit() -> None:
    result = _run("def deep(n): return 0 if n == 0 else deep(n - 1)\n            deep(5000)")
    assert "refused RecursionError" in result.stdout, result.stdout + result.stderr


def test_the_limit_reaches_the_worker_from_problem_toml() -> None:
    assert load_request(get("cycle_detection"), "/w", "cycle_detection.py")["recursion_limit"] == 1000
    assert load_request(get("lru_cache"), "/w", "lru_cache.py")["recursion_limit"] is None
