"""Attack class 5 (escape the timer): the same cost added to every run, whatever its size.

The cache is too_slow/dict_next_iter.py (correct, O(capacity) per evicting put). Its constructor
also spins a loop of about 7 ms of CPU, and the bench builds one cache per run: the loop lifts the
run's time at capacity 1,024 far more than at 32,768. From the two sizes alone, "always evicting"
measured G 1.28, E 2.18 (the excess rule needs G > 1.3), 10x the reference at 32,768: a pass,
where the file alone fails with G 8.0. No knowledge of the sizes is needed.

Correct verdict: too_slow. A pass over 2x the reference's time is measured again at a third size
(complexity.marginal_growth), where the padding cancels in the differences of times: G_d 4.1.
"""

_MISSING = object()


class LRUCache:
    def __init__(self, capacity: int) -> None:
        for _ in range(600_000):  # padding: the same cost in every run
            pass
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        value = self.data.pop(key, _MISSING)
        if value is _MISSING:
            return -1
        self.data[key] = value
        return value

    def put(self, key, value) -> None:
        if self.data.pop(key, _MISSING) is _MISSING and len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value
