"""A dict of counts plus a SortedList of (-count, event) keys, ranked on every add (the complexity benchmark's baseline).

add removes the event's old key and inserts the new one: O(log n) each.
top() slices the first k keys: O(log n + k). Sorting by (-count, event) puts the
highest count first and breaks ties by event name ascending.
"""

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
        if old is None:
            new = count
        else:
            self.keys.remove((-old, event))
            new = old + count
        self.counts[event] = new
        self.keys.add((-new, event))

    def top(self) -> list[tuple[str, int]]:
        return [(event, -negative) for negative, event in self.keys[: self.k]]
