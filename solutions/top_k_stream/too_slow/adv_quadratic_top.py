"""Too slow: sorted_list.py (a sorted list of (-count, event), ranked on every add), but top()
builds its answer by concatenation, `answer = answer + [pair]`: O(k^2) per top(). Invisible at
k = 10; the bench's large-k family used to call no top() at all, so this was accepted. That
family now asks 16,000 / k top() calls per run, at k up to 8,000."""

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
        answer = []
        for negative, event in self.keys[: self.k]:
            answer = answer + [(event, -negative)]
        return answer
