"""Attack class 1 (fake a pass through the test framework): fail at random, so replays disagree.

A correct LRU cache (OrderedDict) except that each get() hit returns a wrong value (the value
plus 1, or -1) with probability 1/40, drawn from os.urandom, not from anything Hypothesis
controls. When Hypothesis finds such a failure it shrinks and replays the example; the replay
usually passes, and Hypothesis raises Flaky / FlakyFailure instead of the test's own
WrongAnswer. A judge that maps an unknown exception in the trusted test to "internal error",
or retries a flaky test until it passes, does not report the wrong answer.

Correct verdict: wrong_answer. Over the statement example, the fixed tests, the state machine
and 200,000 calls of the large test, a wrong value is seen with near certainty; a test that
observed a wrong answer, even once, fails with wrong_answer, Flaky or not.
"""

import os
from collections import OrderedDict


def _unlucky():
    return os.urandom(1)[0] < 256 // 40


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = OrderedDict()

    def get(self, key):
        if key not in self.data:
            return -1
        self.data.move_to_end(key)
        value = self.data[key]
        if _unlucky():
            return value + 1 if isinstance(value, int) and not isinstance(value, bool) else -1
        return value

    def put(self, key, value) -> None:
        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) == self.capacity:
            self.data.popitem(last=False)
        self.data[key] = value
