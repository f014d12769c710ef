"""Mistake: a lazy max-heap whose compaction rebuilds the heap only from events counted more
than once, so an event seen once drops out of the heap for good at the first compaction.

Everything else is right (stale entries skipped, live ones pushed back), so it passes
short streams; it fails once enough updates pile up between two top() calls.
"""

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
        if len(self.heap) > 2 * len(self.counts) + 16:
            # "events seen once are noise": but they still count
            self.heap = [(-c, e) for e, c in self.counts.items() if c > 1]
            heapq.heapify(self.heap)

    def top(self) -> list[tuple[str, int]]:
        heap, counts = self.heap, self.counts
        live = []
        while heap and len(live) < self.k:
            entry = heapq.heappop(heap)
            if counts[entry[1]] == -entry[0]:
                live.append(entry)
        for entry in live:
            heapq.heappush(heap, entry)
        return [(event, -negative) for negative, event in live]
