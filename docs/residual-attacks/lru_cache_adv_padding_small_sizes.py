"""Attack class 5 (escape the timer): pad only at the small benchmark sizes.

The cache is too_slow/dict_next_iter.py (correct, O(capacity) per evicting put). When the
capacity is between 256 and 4,096 (the bench's small sizes; the hidden tests use 1-7 and 20,000)
every call also burns about 5 us. Padding that is not constant per call but shrinks as n grows
makes the small-size run look as slow per call as the large one, so c(n1)/r(n1) rises to meet
c(n2)/r(n2): G near 1 with two sizes, whatever the statistic does with a per-call constant.

Correct verdict: too_slow. A judge can only see this with more than two sizes (the padded ones
show a cost per call that falls as n grows), sizes the solution cannot predict (jittered per run),
or a cap on the candidate's absolute slowdown at the largest size (here about 10x the reference).
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


def _calibrate(target_s=5e-6):
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
        self.padded = 256 <= capacity <= 4096

    def get(self, key):
        if self.padded:
            _pad()
        return super().get(key)

    def put(self, key, value) -> None:
        if self.padded:
            _pad()
        super().put(key, value)
