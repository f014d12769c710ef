"""Attack class 5 (escape the timer): do the expensive work in a signal handler, between calls.

add() is O(1): it bumps the dict and appends (event, old, new) to a pending list. An interval
timer (signal.setitimer(ITIMER_REAL, 1 ms)) fires SIGALRM, whose handler folds the pending
updates into a sorted Python list (bisect + list.pop/insort: O(n) memmove each, as in
too_slow/insort_list.py). top() folds whatever is still pending and slices the first k.
Whenever the handler runs while the worker is idle (waiting for the next request, building
the next round's input, between benchmark rounds) that work is outside the timed region; it
also interrupts the worker's own socket reads (EINTR) every millisecond.

Assumes the worker loop does not use SIGALRM itself (the design reads CPU time from outside).

Correct verdict: too_slow. Every hidden test passes (the answers are always folded before
top() reads them). The judge must count all the worker's CPU (or at least notice CPU spent
outside timed regions), and its loop must survive EINTR and handlers it did not install.
"""

import atexit
import bisect
import signal


class TopK:
    _live = []

    def __init__(self, k):
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.keys = []
        self.pending = []
        TopK._live.append(self)
        del TopK._live[:-4]  # keep only the latest few, so old rounds' objects can die

    def _fold(self):
        pending, self.pending = self.pending, []
        for event, old, new in pending:
            if old:
                self.keys.pop(bisect.bisect_left(self.keys, (-old, event)))
            bisect.insort(self.keys, (-new, event))

    def add(self, event, count=1):
        if count < 1:
            raise ValueError("count must be at least 1")
        old = self.counts.get(event, 0)
        self.counts[event] = old + count
        self.pending.append((event, old, old + count))

    def top(self):
        self._fold()
        return [(event, -negative) for negative, event in self.keys[: self.k]]


def _handler(signum, frame):
    for topk in list(TopK._live):
        if len(topk.pending) > 0 and frame is not None and frame.f_code not in (TopK.add.__code__, TopK._fold.__code__):
            topk._fold()


try:
    signal.signal(signal.SIGALRM, _handler)
    signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
    # Disarm at exit: at interpreter shutdown the default SIGALRM action would kill the process.
    atexit.register(signal.setitimer, signal.ITIMER_REAL, 0)
except (OSError, ValueError, AttributeError):
    pass
