"""Mistake: keeps counts for only k candidate events (a size-k "leaderboard").

An event that is not a candidate, or that gets evicted, loses its count: a new event
only gets in if its count beats the weakest candidate, so an event that arrives in
small amounts never gets in, and an evicted event that comes back starts over.
These late bloomers are missing from top() although their totals belong there.
"""


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.candidates = {}

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        if event in self.candidates or len(self.candidates) < self.k:
            self.candidates[event] = self.candidates.get(event, 0) + count
            return
        weakest = min(self.candidates, key=lambda e: (self.candidates[e], [-ord(ch) for ch in e]))
        if count > self.candidates[weakest]:
            del self.candidates[weakest]  # its count is forgotten
            self.candidates[event] = count

    def top(self) -> list[tuple[str, int]]:
        return sorted(self.candidates.items(), key=lambda item: (-item[1], item[0]))
