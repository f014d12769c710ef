"""Attack class 5 (escape the timer): forge the benchmark's operation counters.

The cache is too_slow/dict_next_iter.py (correct, O(capacity) per evicting put). The count
families build keys from int subclasses whose __hash__/__eq__ add to a global counter that lives
in the same process as the candidate. On every call this file finds every class called Counter
(or any class with an int attribute `operations`) in sys.modules and sets the counter to exactly
3 x (calls so far): a perfectly O(1)-looking count. It also replaces __hash__ on the key's class
when it is an int subclass, so counted keys stop counting.

Correct verdict: too_slow. Counts read from inside the worker are the candidate's to forge: the
trusted side must not trust them (and the timed families catch this core anyway: always evicting).
"""

import sys

_MISSING = object()


class _SlowCore:
    """dict_next_iter: correct, but eviction skips the holes deleted keys leave: O(capacity) when every put evicts."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        value = self.data.pop(key, _MISSING)
        if value is _MISSING:
            return -1
        self.data[key] = value
        return value

    def put(self, key, value):
        if self.data.pop(key, _MISSING) is _MISSING and len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value

_calls = [0]


def _counters():
    found = []
    for module in list(sys.modules.values()):
        for value in list(getattr(module, "__dict__", {}).values()):
            if isinstance(value, type) and isinstance(getattr(value, "operations", None), int):
                found.append(value)
    return found


_COUNTERS = []


def _forge(key):
    _calls[0] += 1
    if _calls[0] % 8192 == 1:  # rescan now and then: the counting module may be imported late
        _COUNTERS[:] = _counters()
    for counter in _COUNTERS:
        try:
            counter.operations = 3 * _calls[0]
        except (AttributeError, TypeError):
            pass
    kind = type(key)
    if kind is not int and isinstance(key, int) and "hash" not in kind.__dict__.get("_adv", ""):
        try:
            kind.__hash__ = int.__hash__
            kind.__eq__ = int.__eq__
            kind._adv = "hash"
        except TypeError:
            pass


class LRUCache(_SlowCore):
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        super().__init__(capacity)

    def get(self, key):
        _forge(key)
        return super().get(key)

    def put(self, key, value) -> None:
        _forge(key)
        super().put(key, value)
