"""Attack class 5 (escape the timer): refuse the sizes only the benchmark uses.

The cache is too_slow/dict_next_iter.py (correct, O(capacity) per evicting put). The hidden
tests use capacities up to 20,000; the benchmark's large sizes are 32,768 and above. Above
20,000 the constructor raises ValueError("capacity too large for this cache"), so the slow size
is never measured: a judge that reads "could not be measured" as inconclusive, or drops the
family, lets it through.

Correct verdict: runtime_error, from the benchmark. It passes every hidden test, and a solution
that raises on the benchmark's sizes (the statement allows capacity up to 10^5) is never accepted:
the exception is a runtime error.

needs: bench (the hidden tests pass it)
"""

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
        if capacity > 20_000:
            raise ValueError("capacity too large for this cache")
        super().__init__(capacity)
