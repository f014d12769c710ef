"""Hide memory from the memory check: the two-queue solution (accepted/two_queues.py), which also
keeps every event it is given, forever, as 64 bytes in a file in its private /tmp (a tmpfs: RAM
that the process's resident size does not show). It keeps them until /tmp is full, then in a pipe.

Correct verdict: wrong_answer. Keeping every event is what the memory test forbids ("old events
must go"), wherever they are kept: the judge counts what the worker holds in its /tmp beside its
resident memory (worker_memory_bytes), and a pipe holds at most 64 KB (F_SETPIPE_SZ is refused).
"""

import os

_kept = []


def _keep(key, ts, value) -> None:
    line = f"{key}|{ts!r}|{value!r}".encode()[:63].ljust(63) + b"\n"
    if not _kept:
        try:
            _kept.append(open(f"/tmp/events-{os.getpid()}", "ab", buffering=0))
        except OSError:
            _kept.append(None)
    try:
        if _kept[0] is not None:
            _kept[0].write(line)
            return
    except OSError:
        _kept[0] = None  # full: a pipe, then (nobody reads it)
    if len(_kept) == 1:
        r, w = os.pipe()
        os.set_blocking(w, False)
        _kept.append((r, w))
    try:
        os.write(_kept[1][1], line)
    except OSError:
        pass


from collections import deque
from heapq import heappop, heappush
from math import ceil, inf, isfinite

from sortedcontainers import SortedList


class WindowStats:
    def __init__(self, window_s: float = 60, lateness_s: float = 5) -> None:
        if not (isfinite(window_s) and isfinite(lateness_s)) or window_s <= 0 or lateness_s < 0:
            raise ValueError("window_s must be > 0 and lateness_s >= 0")
        self.window_s = window_s
        self.lateness_s = lateness_s
        self.newest = -inf
        self.clock = -inf
        self.in_order = deque()   # (ts, key, value), ts non-decreasing
        self.late = []            # heap of (ts, key, value)
        self.values = {}
        self.n_dropped = 0

    def record(self, key, ts, value):
        if not (isfinite(ts) and isfinite(value)):
            raise ValueError("ts and value must be finite")
        _keep(key, ts, value)
        if ts < self.newest - self.lateness_s:
            self.n_dropped += 1
            return
        if ts > self.clock:
            self.clock = ts
            self._expire(ts - self.window_s)
        elif ts <= self.clock - self.window_s:
            return
        if ts >= self.newest:
            self.newest = ts
            self.in_order.append((ts, key, value))
        else:
            heappush(self.late, (ts, key, value))
        sl = self.values.get(key)
        if sl is None:
            sl = self.values[key] = SortedList()
        sl.add(value)

    def count(self, key, now):
        self._advance(now)
        sl = self.values.get(key)
        return len(sl) if sl else 0

    def percentile(self, key, p, now):
        if not 0 < p <= 100:
            raise ValueError("p must be in (0, 100]")
        self._advance(now)
        sl = self.values.get(key)
        if not sl:
            return None
        return sl[max(1, ceil(p * len(sl) / 100)) - 1]

    def dropped(self):
        return self.n_dropped

    def _advance(self, now):
        if not isfinite(now):
            raise ValueError("now must be finite")
        if now < self.clock:
            raise ValueError("now is before the clock")
        self.clock = now
        self._expire(now - self.window_s)

    def _expire(self, horizon):
        in_order, late, values = self.in_order, self.late, self.values
        while True:
            if in_order and in_order[0][0] <= horizon and (not late or in_order[0][0] <= late[0][0]):
                _, key, value = in_order.popleft()
            elif late and late[0][0] <= horizon:
                _, key, value = heappop(late)
            else:
                return
            values[key].remove(value)
