"""Mistake: top() pops the k best entries off the heap and never pushes them back, so
calling top() changes the counter: the next top() is missing those events."""

import heapq


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.heap = []

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        new = self.counts.get(event, 0) + count
        self.counts[event] = new
        heapq.heappush(self.heap, (-new, event))

    def top(self) -> list[tuple[str, int]]:
        heap, counts = self.heap, self.counts
        live = []
        while heap and len(live) < self.k:
            entry = heapq.heappop(heap)
            if counts[entry[1]] == -entry[0]:
                live.append(entry)
        return [(event, -negative) for negative, event in live]
