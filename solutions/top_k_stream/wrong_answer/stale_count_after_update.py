"""Mistake: only a new event is put into the sorted keys; adding to an event already seen
updates the dict but not its key, so top() shows (and ranks by) its first count."""

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
        if event in self.counts:
            self.counts[event] += count
        else:
            self.counts[event] = count
            self.keys.add((-count, event))

    def top(self) -> list[tuple[str, int]]:
        return [(event, -negative) for negative, event in self.keys[: self.k]]
