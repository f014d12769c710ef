"""Attack class 1 (fake a pass): raise pytest's own control-flow exceptions from inside a method.

get() raises, in turn, pytest.skip.Exception, pytest.xfail.Exception, unittest.SkipTest,
_pytest.outcomes.Exit, and, when pytest is not importable in the sandbox, look-alike classes
named `Skipped`/`XFailed`/`Exit`/`Failed` whose __module__ and __qualname__ claim to be
`_pytest.outcomes` and whose message says "passed". A judge that re-raises the worker's exception
by name on the trusted side, or that lets pytest see a Skipped, turns the test into a skip (not a
failure) or stops the session "cleanly".

Correct verdict: runtime_error. Whatever the worker raises is the candidate's exception: the
trusted test fails with runtime_error; exception names/modules are data, never re-instantiated.
"""

import itertools

_kinds = []
try:
    import pytest

    _kinds += [pytest.skip.Exception, pytest.xfail.Exception]
    from _pytest.outcomes import Exit

    _kinds.append(Exit)
except BaseException:  # noqa: BLE001
    pass
try:
    import unittest

    _kinds.append(unittest.SkipTest)
except BaseException:  # noqa: BLE001
    pass


def _lookalike(name, base):
    cls = type(name, (base,), {})
    cls.__module__ = "_pytest.outcomes"
    cls.__qualname__ = name
    return cls


_kinds += [_lookalike("Skipped", BaseException), _lookalike("XFailed", Exception),
           _lookalike("Exit", SystemExit), _lookalike("Failed", BaseException)]
_cycle = itertools.cycle(_kinds)


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        kind = next(_cycle)
        try:
            exc = kind("PASSED: skipping, test passed (allow_module_level)")
        except TypeError:
            exc = kind()
        raise exc

    def put(self, key, value) -> None:
        self.data.pop(key, None)
        if len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value
