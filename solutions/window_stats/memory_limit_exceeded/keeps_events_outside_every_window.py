"""Mistake: stores every accepted event, even one already outside every window a query may still
ask about (ts <= clock - window_s, late but within lateness_s); it is expired only when the clock
next moves. With lateness_s >= window_s and no newer event, such events pile up without bound:
memory is O(events in the window + keys).
"""

from heapq import heappop, heappush
from math import ceil, inf, isfinite

from sortedcontainers import SortedList


class WindowStats:
    def __init__(self, window_s: float = 60, lateness_s: float = 5) -> None:
        if not (isfinite(window_s) and window_s > 0):
            raise ValueError("window_s must be finite and > 0")
        if not (isfinite(lateness_s) and lateness_s >= 0):
            raise ValueError("lateness_s must be finite and >= 0")
        self._window = window_s
        self._lateness = lateness_s
        self._newest = -inf   # the newest accepted timestamp, over every key
        self._clock = -inf    # max(newest, the latest query's now): no query may go before it
        self._events = []     # heap of (ts, key, value): every event still stored
        self._values = {}     # key -> SortedList of the values of its stored events
        self._dropped = 0

    def record(self, key: str, ts: float, value: float) -> None:
        if not (isfinite(ts) and isfinite(value)):
            raise ValueError("ts and value must be finite")
        if ts < self._newest - self._lateness:
            self._dropped += 1
            return
        if ts > self._newest:
            self._newest = ts
        if ts > self._clock:
            self._clock = ts
            self._expire(ts - self._window)
        heappush(self._events, (ts, key, value))
        values = self._values.get(key)
        if values is None:
            values = self._values[key] = SortedList()
        values.add(value)

    def count(self, key: str, now: float) -> int:
        self._advance(now)
        values = self._values.get(key)
        return len(values) if values is not None else 0

    def percentile(self, key: str, p: float, now: float):
        if not 0 < p <= 100:
            raise ValueError("p must be in (0, 100]")
        self._advance(now)
        values = self._values.get(key)
        if not values:
            return None
        # the statement's float formula, in its order; at least 1 (p * n / 100 underflows to 0 for a subnormal p)
        return values[max(1, ceil(p * len(values) / 100)) - 1]

    def dropped(self) -> int:
        return self._dropped

    def _advance(self, now: float) -> None:
        if not isfinite(now):
            raise ValueError("now must be finite")
        if now < self._clock:
            raise ValueError("now is before the newest timestamp or an earlier query's now")
        self._clock = now
        self._expire(now - self._window)

    def _expire(self, horizon: float) -> None:
        """Forget every event with ts <= horizon (it has left the window for good)."""
        events, values = self._events, self._values
        while events and events[0][0] <= horizon:
            _, key, value = heappop(events)
            values[key].remove(value)
