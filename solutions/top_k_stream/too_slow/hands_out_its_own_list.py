"""Correct, but top() hands out the list it keeps updating in place, and add() re-sorts the top k.

The hidden tests must see each top() answer as it was when top() returned: a batch of calls
(call_many) keeps a copy of each list answer, as the suite's own play of the reference does.
Without that copy every answer of a batch read as the last state, and this file got
wrong_answer. The complexity bench then rejects it: add() sorts the k entries, O(k log k) per
add, which the family with a large k shows.

Correct verdict: too_slow (its hidden tests pass).
"""


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k, self.counts, self._top = k, {}, []

    def add(self, event: str, count: int = 1) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        total = self.counts[event] = self.counts.get(event, 0) + count
        top = self._top
        for i, (name, _) in enumerate(top):
            if name == event:
                top[i] = (event, total)
                break
        else:
            if len(top) < self.k:
                top.append((event, total))
            elif (-total, event) < (-top[-1][1], top[-1][0]):
                top[-1] = (event, total)
            else:
                return
        top.sort(key=lambda item: (-item[1], item[0]))

    def top(self) -> list:
        return self._top
