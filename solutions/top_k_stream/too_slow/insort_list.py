"""Misses the complexity target but passes the hidden tests: a plain sorted Python list of
(-count, event) keys maintained with bisect.

add finds the old key with bisect (O(log n)) but list.pop(i) and bisect.insort shift
the tail of the list: O(n) per add. top() slices the first k keys: O(k). The shift is
a C memmove, so at 30,000 distinct events it is only a few microseconds and the large
test (limit max(1 s, 5 x the reference)) does not catch it; only a growth benchmark
(n growing 32-fold) does.
"""

import bisect


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.keys = []

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        old = self.counts.get(event)
        if old is None:
            new = count
        else:
            self.keys.pop(bisect.bisect_left(self.keys, (-old, event)))
            new = old + count
        self.counts[event] = new
        bisect.insort(self.keys, (-new, event))

    def top(self) -> list[tuple[str, int]]:
        return [(event, -negative) for negative, event in self.keys[: self.k]]
