"""Mistake: equal counts come out in arrival order, not by event name.

The keys are (-count, arrival number): the first event seen wins a tie.
"""

from sortedcontainers import SortedList


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.arrival = {}
        self.keys = SortedList()

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        if event not in self.arrival:
            self.arrival[event] = len(self.arrival)
            self.counts[event] = 0
        else:
            self.keys.remove((-self.counts[event], self.arrival[event], event))
        self.counts[event] += count
        self.keys.add((-self.counts[event], self.arrival[event], event))

    def top(self) -> list[tuple[str, int]]:
        return [(event, -negative) for negative, _, event in self.keys[: self.k]]
