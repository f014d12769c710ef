"""Mistake: add ignores its count argument and always adds 1."""

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
        old = self.counts.get(event, 0)
        if old:
            self.keys.remove((-old, event))
        self.counts[event] = old + 1
        self.keys.add((-(old + 1), event))

    def top(self) -> list[tuple[str, int]]:
        return [(event, -negative) for negative, event in self.keys[: self.k]]
