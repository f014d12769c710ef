"""Attack class 5 (escape the timer): a cost added to every run, of a random length.

too_slow/adv_padding_every_run.py pads every run with the same loop, which cancels in the
differences of times at the bench's third size. Here each cache spins a loop of a random length,
0 to 20 ms (about three times that file's padding at most), so that the differences are noisy:
a best time that happens to hold a short padding at one size and a long one at the next could
flatten the growth measured between them. No knowledge of the sizes is needed.

The cache is too_slow/dict_next_iter.py (correct, O(capacity) per evicting put).

Correct verdict: too_slow. The third size is decided only where the rounds' best and
second-best times agree, and the least padding a size's rounds draw tends to 0 at every size
alike as the rounds go on.
"""

import random

_MISSING = object()
_PAD = random.Random()


class LRUCache:
    def __init__(self, capacity: int) -> None:
        for _ in range(_PAD.randrange(1_700_000)):  # padding: random, in every run
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
