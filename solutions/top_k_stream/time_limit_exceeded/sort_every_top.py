"""Too slow: a dict of counts, and top() sorts every event by (-count, name) on every call.

add is O(1), but top() is O(n log n) for n distinct events, and top() is called every
few adds: the large input does thousands of full sorts of 30,000 events.
"""


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        self.counts[event] = self.counts.get(event, 0) + count

    def top(self) -> list[tuple[str, int]]:
        ranked = sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
        return ranked[: self.k]
