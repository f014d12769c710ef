"""Attack class 5 (dilute the statistic): the insort list (too_slow/insort_list.py, O(n) memmove
per add) plus about 10 us of calibrated busy work on every call, the example in the issue.

The padding is the same at every size, so it inflates the small runs' time as much as the large
ones' and pulls the growth ratio G towards 1 (it got G 1.6-1.7 against a plain G test).
31,200 calls x 10 us still fit the large hidden test's 1 s floor.

Correct verdict: too_slow (the report must say why).
"""

import bisect
import time


def _calibrate(target_s: float = 10e-6) -> int:
    n = 1000
    while True:
        started = time.process_time()
        for _ in range(20):
            x = 0
            for i in range(n):
                x += i
        per_call = (time.process_time() - started) / 20
        if per_call > 2e-3 or n > 10**7:
            return max(1, int(n * target_s / per_call))
        n *= 4


_PAD = _calibrate()


def _pad() -> int:
    x = 0
    for i in range(_PAD):
        x += i
    return x


class TopK:
    def __init__(self, k: int) -> None:
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts: dict[str, int] = {}
        self.keys: list[tuple[int, str]] = []

    def add(self, event: str, count: int = 1) -> None:
        _pad()
        if count < 1:
            raise ValueError("count must be at least 1")
        old = self.counts.get(event)
        if old is None:
            new = count
        else:
            self.keys.pop(bisect.bisect_left(self.keys, (-old, event)))
            new = old + count
        self.counts[event] = new
        bisect.insort(self.keys, (-new, event))

    def top(self) -> list[tuple[str, int]]:
        _pad()
        return [(event, -negative) for negative, event in self.keys[: self.k]]
