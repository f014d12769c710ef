"""Mistake: add inserts the event's new key but never removes its old one, so an event
added several times can appear several times in top(), once with each count it had."""

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
        self.counts[event] = self.counts.get(event, 0) + count
        self.keys.add((-self.counts[event], event))

    def top(self) -> list[tuple[str, int]]:
        return [(event, -negative) for negative, event in self.keys[: self.k]]
