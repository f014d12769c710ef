"""A max-heap of (-count, event) entries with lazy deletion and periodic compaction.

add pushes the event's new entry and leaves the old one in the heap: O(log h).
An entry is stale when its count is no longer the event's count; since counts only
grow, each event has exactly one live entry. top() pops entries, discards stale ones
for good, keeps the first k live ones and pushes them back: O((k + s) log h), where
the s stale pops were paid for by the adds that made them stale.
When stale entries outnumber live ones the heap is rebuilt from the counts in O(n),
so it never holds more than about 2n entries (h = O(n)) and the rebuild is O(1)
amortized per add.
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
            self.heap = [(-c, e) for e, c in self.counts.items()]
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
