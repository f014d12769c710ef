"""Wrong: the reference's deferred ranking, but keyed on `(-float(count), event)`. Beyond 2**53 a
float cannot hold every int, so counts 2**60 + 1 and 2**60 compare equal and the tie goes to the
smaller name: TopK(1); add("b", 2**60 + 1); add("a", 2**60); top() returns [("a", 2**60)].
"""

from sortedcontainers import SortedList


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts: dict[str, int] = {}
        self.keys = SortedList()  # (-float(count), event)
        self.pending: dict[str, int] = {}

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        self.pending[event] = self.pending.get(event, 0) + count

    def top(self) -> list[tuple[str, int]]:
        for event, added in self.pending.items():
            ranked = self.counts.get(event, 0)
            if ranked:
                self.keys.remove((-float(ranked), event))
            self.counts[event] = ranked + added
            self.keys.add((-float(ranked + added), event))
        self.pending.clear()
        return [(event, self.counts[event]) for _, event in self.keys.islice(0, self.k)]
