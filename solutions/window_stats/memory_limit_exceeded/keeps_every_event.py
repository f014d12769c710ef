"""Never forgets anything: every event stays in a per-key list sorted by time, and queries
bisect to the window. The answers are right, but memory grows with the whole stream, not
with the window."""

from bisect import bisect_right, insort
from math import ceil, inf, isfinite


class WindowStats:
    def __init__(self, window_s: float = 60, lateness_s: float = 5) -> None:
        if not (isfinite(window_s) and isfinite(lateness_s)) or window_s <= 0 or lateness_s < 0:
            raise ValueError("window_s must be > 0 and lateness_s >= 0")
        self.window_s, self.lateness_s = window_s, lateness_s
        self.newest = self.clock = -inf
        self.by_key = {}  # key -> list of (ts, value), sorted
        self.n_dropped = 0

    def record(self, key, ts, value):
        if not (isfinite(ts) and isfinite(value)):
            raise ValueError("ts and value must be finite")
        if ts < self.newest - self.lateness_s:
            self.n_dropped += 1
            return
        self.newest = max(self.newest, ts)
        self.clock = max(self.clock, ts)
        events = self.by_key.setdefault(key, [])
        if not events or events[-1][0] <= ts:
            events.append((ts, value))
        else:
            insort(events, (ts, value))

    def _window(self, key, now):
        if not isfinite(now):
            raise ValueError("now must be finite")
        if now < self.clock:
            raise ValueError("now is before the clock")
        self.clock = now
        events = self.by_key.get(key, [])
        lo = bisect_right(events, (now - self.window_s, inf))
        hi = bisect_right(events, (now, inf))
        return events, lo, hi

    def count(self, key, now):
        _, lo, hi = self._window(key, now)
        return hi - lo

    def percentile(self, key, p, now):
        if not 0 < p <= 100:
            raise ValueError("p must be in (0, 100]")
        events, lo, hi = self._window(key, now)
        if hi == lo:
            return None
        values = sorted(v for _, v in events[lo:hi])
        return values[max(1, ceil(p * len(values) / 100)) - 1]

    def dropped(self):
        return self.n_dropped
