"""Attack class 5 (escape the timer): skip the work when it looks like the benchmark.

The benchmark never checks what get() returns. When the capacity is a power of two from 256 up
(the bench's sizes; the hidden tests use 1-7 and 20,000), this cache does nothing at all: put()
returns at once and get() returns -1, O(1) and wrong. Otherwise it is too_slow/dict_next_iter.py
(correct, O(capacity) per evicting put), so every hidden test passes and the benchmark times
nothing.

Correct verdict: wrong_answer: at capacity 256 it is simply wrong (capacity <= 10^5 is in the
contract). The judge must check the benchmark's results against the reference (a checksum of
every round's return values, computed on the trusted side), or it accepts this file.

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
        super().__init__(capacity)
        self.skip = capacity >= 256 and capacity & (capacity - 1) == 0

    def get(self, key):
        if self.skip:
            return -1
        return super().get(key)

    def put(self, key, value) -> None:
        if self.skip:
            return
        super().put(key, value)
