"""Expires in arrival order: one deque of events, popped from the left while the front has left
the window. A late event queued behind a newer one stays in the window until that newer one
leaves: out-of-order events are counted (and their values used) after they expired."""

from collections import deque
from math import ceil, inf, isfinite

from sortedcontainers import SortedList


class WindowStats:
    def __init__(self, window_s: float = 60, lateness_s: float = 5) -> None:
        if not (isfinite(window_s) and isfinite(lateness_s)) or window_s <= 0 or lateness_s < 0:
            raise ValueError("window_s must be > 0 and lateness_s >= 0")
        self.window_s, self.lateness_s = window_s, lateness_s
        self.newest = self.clock = -inf
        self.events = deque()
        self.values = {}
        self.n_dropped = 0

    def record(self, key, ts, value):
        if not (isfinite(ts) and isfinite(value)):
            raise ValueError("ts and value must be finite")
        if ts < self.newest - self.lateness_s:
            self.n_dropped += 1
            return
        self.newest = max(self.newest, ts)
        if ts > self.clock:
            self.clock = ts
            self._expire(ts - self.window_s)
        elif ts <= self.clock - self.window_s:
            return
        self.events.append((ts, key, value))
        self.values.setdefault(key, SortedList()).add(value)

    def count(self, key, now):
        self._advance(now)
        return len(self.values.get(key, ()))

    def percentile(self, key, p, now):
        if not 0 < p <= 100:
            raise ValueError("p must be in (0, 100]")
        self._advance(now)
        values = self.values.get(key)
        if not values:
            return None
        return values[max(1, ceil(p * len(values) / 100)) - 1]

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
        while self.events and self.events[0][0] <= horizon:
            _, key, value = self.events.popleft()
            self.values[key].remove(value)
