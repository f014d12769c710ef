"""Attack class 1 (fake a pass): patch the test framework from inside the candidate's process.

At import it tries to turn every test into a no-op that passes: `_pytest.python.Function.runtest`,
`_pytest.runner.call_and_report`, `pytest.fail`, `unittest.TestCase.run`, Hypothesis'
`run_state_machine_as_test`, and `harness.authoring.testing.check/check_raises/within_reference_budget`
(whatever is importable), and sets PYTEST_PLUGINS / PYTEST_ADDOPTS / PYTHONSTARTUP for any child.
With the old in-process judge this can make every test "pass".

Correct verdict: wrong_answer. In the new design the suite, pytest and the checks run in the trusted
runner; the worker's copies of these modules (if they import at all) are not the ones deciding.
The cache itself evicts the NEWEST key and never refreshes on get, so the statement example fails.
"""

import os
import sys

_PATCHED = []


def _noop(*args, **kwargs):
    return None


def _patch(module_name, attr_path, value):
    try:
        __import__(module_name)
        obj = sys.modules[module_name]
        *parents, last = attr_path.split(".")
        for part in parents:
            obj = getattr(obj, part)
        setattr(obj, last, value)
        _PATCHED.append(f"{module_name}.{attr_path}")
    except BaseException:  # noqa: BLE001 - the attack must never break the import
        pass


_patch("_pytest.python", "Function.runtest", lambda self: None)
_patch("_pytest.runner", "call_and_report", lambda item, when, log=True, **kw: None)
_patch("_pytest.outcomes", "fail", _noop)
_patch("pytest", "fail", _noop)
_patch("unittest", "TestCase.run", lambda self, result=None: result)
_patch("hypothesis.stateful", "run_state_machine_as_test", _noop)
_patch("harness.authoring.testing", "check", _noop)
_patch("harness.authoring.testing", "check_raises", _noop)
_patch("harness.authoring.testing", "fail", _noop)
_patch("harness.authoring.testing", "within_reference_budget", lambda candidate, reference_run, **kw: reference_run())

# For any pytest/python the judge might start from this process or inherit the environment from.
os.environ["PYTEST_PLUGINS"] = __name__
os.environ["PYTEST_ADDOPTS"] = "-p no:terminal --co -q"
os.environ["PYTHONSTARTUP"] = __file__ if "__file__" in globals() else ""


def pytest_runtest_call(item):  # a plugin hook, in case PYTEST_PLUGINS loads this module
    return True


def pytest_collection_modifyitems(session, config, items):
    items.clear()


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        return self.data.get(key, -1)  # wrong: a hit does not refresh recency

    def put(self, key, value) -> None:
        if key not in self.data and len(self.data) == self.capacity:
            del self.data[next(reversed(self.data))]  # wrong: evicts the newest key
        self.data[key] = value
