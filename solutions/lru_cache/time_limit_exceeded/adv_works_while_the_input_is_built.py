"""Attack class 5 (escape the timer): do the large case's work while the judge builds its input.

The large case's calls are not sent: the worker builds them itself from a seed, with the kit's
inputs.py, inside the case, and that build is not charged to the candidate up to an allowance.
This file swaps random.Random for a subclass whose constructor, when it sees a seed, reads
inputs.py (it is in the sandbox, read-only), builds the same calls itself and plays them on a
slow cache that keeps its recency order in a list (O(capacity) per call), storing every answer.
The cache the suite then drives answers the large case from that table in O(1); small cases
use the slow list cache directly (correct).

Correct verdict: time_limit_exceeded. The precomputation takes seconds, and only twice the
judge's own build (plus 50 ms) is excused. Were the build excused without a bound, this would
be accepted.
"""

import random
import sys

_table = {}


class _ListLRU:
    def __init__(self, capacity):
        self.capacity, self.data, self.order = capacity, {}, []

    def get(self, key):
        if key not in self.data:
            return -1
        self.order.remove(key)
        self.order.append(key)
        return self.data[key]

    def put(self, key, value):
        if key in self.data:
            self.order.remove(key)
        elif len(self.data) == self.capacity:
            del self.data[self.order.pop(0)]
        self.order.append(key)
        self.data[key] = value


def _precompute(seed):
    frame = sys._getframe(2)  # inputs.py's builder: its arguments say which calls it makes
    args = frame.f_locals
    if "capacity" not in args or "operations" not in args:
        return
    capacity, operations = args["capacity"], args["operations"]
    draw = _OriginalRandom(seed).random
    keys = 2 * capacity
    cache = _ListLRU(capacity)
    answers = []
    for i in range(operations):
        if draw() < 0.5:
            answers.append(cache.get(int(draw() * keys)))
        else:
            answers.append(cache.put(int(draw() * keys), i))
    _table[capacity] = answers


_OriginalRandom = random.Random


class _Watching(_OriginalRandom):
    def __init__(self, seed=None):
        super().__init__(seed)
        if seed is not None:
            _precompute(seed)


random.Random = _Watching


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.slow = _ListLRU(capacity)
        self.answers = None
        self.step = 0

    def _from_table(self) -> bool:
        # The suite makes the cache before the batch whose input is built: look at the first call.
        if self.step == 0 and self.answers is None:
            self.answers = _table.pop(self.capacity, None)
        return self.answers is not None

    def _answer(self):
        value = self.answers[self.step]
        self.step += 1
        return value

    def get(self, key):
        if self._from_table():
            return self._answer()
        return self.slow.get(key)

    def put(self, key, value) -> None:
        if self._from_table():
            self._answer()
            return
        self.slow.put(key, value)
