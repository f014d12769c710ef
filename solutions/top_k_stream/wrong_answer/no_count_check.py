"""Mistake: accepts count 0 and negative counts instead of raising ValueError
(a negative count even lowers the event's total)."""

from sortedcontainers import SortedList


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.keys = SortedList()

    def add(self, event: str, count: int = 1) -> None:
        old = self.counts.get(event)
        if old is not None:
            self.keys.remove((-old, event))
        new = (old or 0) + count
        self.counts[event] = new
        self.keys.add((-new, event))

    def top(self) -> list[tuple[str, int]]:
        return [(event, -negative) for negative, event in self.keys[: self.k]]
