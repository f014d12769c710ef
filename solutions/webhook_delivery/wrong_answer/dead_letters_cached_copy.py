"""Wrong: dead_letters() hands out one cached copy of the queue again and again until the next event
dies, so every caller shares one list: a caller that changes it (or keeps it) changes what the
next dead_letters() returns. The statement says a new list each time.
"""

import heapq
from collections import deque


class Dispatcher:
    def __init__(self, send, max_attempts=5, base_delay_s=1.0, dedupe_window_s=86400):
        if not (max_attempts >= 1 and base_delay_s > 0 and dedupe_window_s >= 0):
            raise ValueError("need max_attempts >= 1, base_delay_s > 0 and dedupe_window_s >= 0")
        self._clock = 0  # the largest now of the calls that did not raise
        self._send = send
        self._max_attempts = max_attempts
        self._base = base_delay_s
        self._window = dedupe_window_s
        self._heap = []  # (due, submit number, event_id, endpoint, payload, failures so far)
        self._submitted = 0
        self._live = set()  # ids with an attempt still to come
        self._seen = {}  # id -> time of its accepted submit, while inside the window
        self._expiry = deque()  # (accepted time, id), oldest first
        self._dead = []
        self._dead_copy = None

    def _forget(self, now):
        expiry, seen, window = self._expiry, self._seen, self._window
        while expiry and expiry[0][0] + window <= now:
            accepted, event_id = expiry.popleft()
            if seen.get(event_id) == accepted:
                del seen[event_id]

    def _advance_clock(self, now):
        """ValueError, before anything changes, for a time that is not finite or is before the clock."""
        if not self._clock <= now < float("inf"):
            raise ValueError(f"now={now!r}: must be finite and >= the clock ({self._clock!r})")
        self._clock = now

    def submit(self, event_id, endpoint, payload, now):
        self._advance_clock(now)
        self._forget(now)
        if event_id in self._seen or event_id in self._live:
            return False
        self._seen[event_id] = now
        self._expiry.append((now, event_id))
        self._live.add(event_id)
        heapq.heappush(self._heap, (now, self._submitted, event_id, endpoint, payload, 0))
        self._submitted += 1
        return True

    def tick(self, now):
        self._advance_clock(now)
        self._forget(now)
        heap, send = self._heap, self._send
        while heap and heap[0][0] <= now:
            _, order, event_id, endpoint, payload, failures = heapq.heappop(heap)
            try:
                send(endpoint, payload)
            except Exception:
                failures += 1
                if failures >= self._max_attempts:
                    self._live.discard(event_id)
                    self._dead.append((event_id, endpoint, payload))
                else:
                    due = now + self._base * 2 ** (failures - 1)
                    heapq.heappush(heap, (due, order, event_id, endpoint, payload, failures))
            else:
                self._live.discard(event_id)

    def dead_letters(self):
        # A copy made once per change of the queue, and handed out again until the next death.
        if self._dead_copy is None or len(self._dead_copy) != len(self._dead):
            self._dead_copy = list(self._dead)
        return self._dead_copy

    def pending(self):
        return len(self._live)
