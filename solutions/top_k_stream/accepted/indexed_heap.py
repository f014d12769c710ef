"""An indexed binary max-heap (event -> position) plus a best-first walk for top().

Counts only grow, so add is an increase-key: update the count and sift the event up,
O(log n), with the position map kept in step. Heap order is (count desc, name asc).
top() never pops: it walks the heap best-first with a small frontier heap of
positions, starting at the root; the next best event is always the root or a child of
one already taken. k steps of O(log k) each: O(k log k), and the heap is untouched.
"""

import heapq


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.events = []  # heap array of event names
        self.counts = {}
        self.pos = {}

    def _before(self, a: str, b: str) -> bool:
        ca, cb = self.counts[a], self.counts[b]
        return ca > cb or (ca == cb and a < b)

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        events, pos = self.events, self.pos
        if event in pos:
            self.counts[event] += count
            i = pos[event]
        else:
            self.counts[event] = count
            i = len(events)
            events.append(event)
        # sift up
        while i > 0:
            parent = (i - 1) >> 1
            other = events[parent]
            if not self._before(event, other):
                break
            events[i] = other
            pos[other] = i
            i = parent
        events[i] = event
        pos[event] = i

    def top(self) -> list[tuple[str, int]]:
        events, counts = self.events, self.counts
        n = len(events)
        result = []
        if not n:
            return result
        frontier = [(-counts[events[0]], events[0], 0)]
        while frontier and len(result) < self.k:
            negative, event, i = heapq.heappop(frontier)
            result.append((event, -negative))
            for child in (2 * i + 1, 2 * i + 2):
                if child < n:
                    name = events[child]
                    heapq.heappush(frontier, (-counts[name], name, child))
        return result
