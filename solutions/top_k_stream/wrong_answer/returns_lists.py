"""Mistake: top() returns [event, count] lists instead of (event, count) tuples."""

from sortedcontainers import SortedList


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.keys = SortedList()

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        old = self.counts.get(event)
        if old is not None:
            self.keys.remove((-old, event))
        new = (old or 0) + count
        self.counts[event] = new
        self.keys.add((-new, event))

    def top(self) -> list[tuple[str, int]]:
        return [[event, -negative] for negative, event in self.keys[: self.k]]
