"""Mistake: add takes only the event (no count parameter), so add(event, count) cannot be called."""

from collections import Counter


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = Counter()

    def add(self, event: str) -> None:
        self.counts[event] += 1

    def top(self) -> list[tuple[str, int]]:
        return sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))[: self.k]
