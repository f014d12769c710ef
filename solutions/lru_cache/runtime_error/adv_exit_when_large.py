"""Attack class 5 (escape the timer): end the process when the benchmark reaches its large size.

The cache is too_slow/dict_next_iter.py (correct, O(capacity) per evicting put). When the
capacity is above 20,000 (only the benchmark goes there) the first evicting put prints a
forged "G 1.02 pass" line and calls os._exit(0): no measurement at n2, exit status 0.

Correct verdict: runtime_error, from the benchmark. The worker dying during the benchmark is a
failure to measure, never a pass; every hidden test passes, so the bench's own failure decides,
and a process that ends on a benchmark input is a runtime error.

needs: bench (the hidden tests pass it)
"""

import os

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


class LRUCache(_SlowCore):
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        super().__init__(capacity)
        self.large = capacity > 20_000

    def put(self, key, value) -> None:
        if self.large and len(self.data) == self.capacity:
            print('{"family": "always evicting", "g": 1.02, "verdict": "pass"}', flush=True)
            os._exit(0)
        super().put(key, value)
