"""Attack class 5 (escape the timer): dilute the growth ratio with constant work on every call.

The cache is too_slow/dict_next_iter.py (correct; eviction skips the holes deleted keys leave in
the dict, O(capacity) per evicting put: 14x the reference at capacity 65,536). Every get/put
also burns about 2 us of pure-Python busy work, calibrated at import. Against a growth statistic
G = (c(n2)/r(n2)) / (c(n1)/r(n1)), the padding inflates c(n1)/r(n1) several-fold and pulls G
under the pass threshold; 2 us x 200,000 calls (0.4 s) still fits the large hidden test's 1 s floor.

Correct verdict: too_slow. The design's statistic must not be diluted by constant per-call
padding (e.g. compare marginal cost per call between sizes, or subtract a per-call constant
fitted on three or more sizes).
"""

import time

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


def _calibrate(target_s=2e-6):
    n = 1000
    while True:
        started = time.perf_counter()
        for _ in range(100):
            x = 0
            for i in range(n):
                x += i
        per_call = (time.perf_counter() - started) / 100
        if per_call > 1e-4 or n > 10**6:
            return max(1, int(n * target_s / per_call))
        n *= 4


_PAD = _calibrate()


def _pad():
    x = 0
    for i in range(_PAD):
        x += i
    return x


class LRUCache(_SlowCore):
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        super().__init__(capacity)

    def get(self, key):
        _pad()
        return super().get(key)

    def put(self, key, value) -> None:
        _pad()
        super().put(key, value)
