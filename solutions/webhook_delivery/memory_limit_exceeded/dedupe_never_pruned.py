"""Wrong (memory): a dedupe dict that is never pruned. It keeps id -> accepted time for every
event ever submitted and checks the window on lookup, so every answer is right, but its memory
grows with every event, long after their windows passed. The statement requires the dedupe
memory to be pruned (O(pending + ids inside the window)); the hidden memory test catches it.
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
        seen = self._seen.get(event_id)
        if event_id in self._live or (seen is not None and now < seen + self._window):
            return False
        self._seen[event_id] = now
        self._live.add(event_id)
        heapq.heappush(self._heap, (now, self._submitted, event_id, endpoint, payload, 0))
        self._submitted += 1
        return True

    def tick(self, now):
        self._advance_clock(now)
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
        return list(self._dead)

    def pending(self):
        return len(self._live)
