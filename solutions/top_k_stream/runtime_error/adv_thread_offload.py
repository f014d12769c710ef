"""Attack class 5 (escape the timer): keep the ranking up to date in a background thread.

add() only bumps the dict and puts the event on a queue.Queue: O(1) on the calling thread. A
daemon thread takes events off the queue and maintains the sorted list of (-count, event) keys
(bisect + list.pop/insort, O(n) memmove per update: too_slow/insort_list.py's cost). top() waits
for the queue to drain (Queue.join) and slices. A judge that times only the calling thread
(thread_time, /proc/<pid>/task/<tid>/stat, or a per-call wall clock on a 2-core machine where
the helper runs on the other core) sees O(1) adds.

Correct verdict: runtime_error. seccomp forbids creating threads: Thread.start() raises
RuntimeError("can't start new thread") in TopK(), not caught, or the filter kills the worker;
either fails the first test. (Under a judge that allowed threads and timed the whole process,
it would be too_slow; under one that timed one thread, accepted.)
"""

import bisect
import queue
import threading


class TopK:
    def __init__(self, k):
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.keys = []
        self.pending = queue.Queue()
        self.worker = threading.Thread(target=self._maintain, daemon=True)
        self.worker.start()

    def _maintain(self):
        while True:
            event, old, new = self.pending.get()
            if old:
                self.keys.pop(bisect.bisect_left(self.keys, (-old, event)))
            bisect.insort(self.keys, (-new, event))
            self.pending.task_done()

    def add(self, event, count=1):
        if count < 1:
            raise ValueError("count must be at least 1")
        old = self.counts.get(event, 0)
        self.counts[event] = old + count
        self.pending.put((event, old, old + count))

    def top(self):
        self.pending.join()
        return [(event, -negative) for negative, event in self.keys[: self.k]]
