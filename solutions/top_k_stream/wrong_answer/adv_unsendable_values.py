"""Attack class 2 (make the trusted side decide for you): return things that are not plain data.

top() returns, in rotation: a generator over the (wrong, arrival-order) ranking; a lambda; a
list holding an object whose __reduce__ runs os.system("touch /tmp/ADV_REDUCE_RAN") and whose
__getstate__/__setstate__/__getattr__ print "accepted"; a list with a module object and an open
file; an Ellipsis; a type object. A judge that pickles the reply in the worker and unpickles it
on the trusted side runs the candidate's code there; one that sends repr() and eval()s it, too.

Correct verdict: wrong_answer. The first top() in the statement example returns a generator: it
is not a list of tuples. Only plain types cross the socket; anything else is reported as what
it is (a wrong value), and the trusted side never imports, unpickles or evaluates the worker's data.
(Convention assumed: an unsendable return value is a wrong answer, as `expected == actual` was
in-process, not a runtime error.)
"""

import os
import sys


class _WrongCore:
    """Wrong: ties go by arrival order (a stable sort on the count alone), not by event name."""

    def __init__(self, k):
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}

    def add(self, event, count=1):
        if count < 1:
            raise ValueError("count must be at least 1")
        self.counts[event] = self.counts.get(event, 0) + count

    def ranked(self):
        return sorted(self.counts.items(), key=lambda item: -item[1])[: self.k]


class _Payload:
    def __reduce__(self):
        return (os.system, ("touch /tmp/ADV_REDUCE_RAN",))

    def __getstate__(self):
        print("accepted")
        return {}

    def __setstate__(self, state):
        print("accepted")

    def __getattr__(self, name):
        print("accepted")
        raise AttributeError(name)


class TopK(_WrongCore):
    def __init__(self, k):
        super().__init__(k)
        self.calls = 0

    def top(self):
        self.calls += 1
        ranked = self.ranked()
        choice = self.calls % 6
        if choice == 1:
            return (pair for pair in ranked)
        if choice == 2:
            return lambda: ranked
        if choice == 3:
            return [*ranked, _Payload()]
        if choice == 4:
            return [*ranked, sys, open(os.devnull)]
        if choice == 5:
            return Ellipsis
        return type(ranked)
