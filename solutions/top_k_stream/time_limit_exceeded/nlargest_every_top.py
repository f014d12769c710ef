"""Too slow: a dict of counts, and top() runs heapq.nsmallest(k, counts.items(), key=(-count, name))
-- the heapq.nlargest idiom -- over every event on every call.

A size-k heap makes top() O(n log k) instead of O(n log n), but that is still a pass
over all n distinct events per call; with top() every few adds on 30,000 events the
large input does thousands of full scans.
"""

import heapq


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
        return heapq.nsmallest(self.k, self.counts.items(), key=lambda item: (-item[1], item[0]))
