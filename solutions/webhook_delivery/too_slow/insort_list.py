"""Too slow (misses the complexity target, passes the hidden tests): the schedule as a plain Python
list kept sorted with bisect.insort, due attempts taken with list.pop(0).

Finding the place is O(log n), but insort shifts the tail of the list and pop(0) shifts all of it:
O(n) per submit and per attempt. The shift is a C memmove, a few microseconds at 50,000 pending
events, so the large hidden test passes; the complexity benchmark (n growing 32-fold, each new
event due before every waiting retry) sees the O(n).
"""

import bisect
from collections import deque


class Dispatcher:
    def __init__(self, send, max_attempts=5, base_delay_s=1.0, dedupe_window_s=86400):
        if not (max_attempts >= 1 and base_delay_s > 0 and dedupe_window_s >= 0):
            raise ValueError("need max_attempts >= 1, base_delay_s > 0 and dedupe_window_s >= 0")
        self._clock = 0  # the largest now of the calls that did not raise
        self.send = send
        self.max_attempts = max_attempts
        self.base = base_delay_s
        self.window = dedupe_window_s
        self.queue = []  # (due, number, event_id, endpoint, payload, failures), sorted
        self.live = set()
        self.seen = {}
        self.expiry = deque()
        self.dead = []
        self.count = 0

    def _prune(self, now):
        while self.expiry and self.expiry[0][0] + self.window <= now:
            accepted, event_id = self.expiry.popleft()
            if self.seen.get(event_id) == accepted:
                del self.seen[event_id]

    def _advance_clock(self, now):
        """ValueError, before anything changes, for a time that is not finite or is before the clock."""
        if not self._clock <= now < float("inf"):
            raise ValueError(f"now={now!r}: must be finite and >= the clock ({self._clock!r})")
        self._clock = now

    def submit(self, event_id, endpoint, payload, now):
        self._advance_clock(now)
        self._prune(now)
        if event_id in self.live or event_id in self.seen:
            return False
        self.live.add(event_id)
        self.seen[event_id] = now
        self.expiry.append((now, event_id))
        bisect.insort(self.queue, (now, self.count, event_id, endpoint, payload, 0))
        self.count += 1
        return True

    def tick(self, now):
        self._advance_clock(now)
        self._prune(now)
        queue = self.queue
        retries = []
        while queue and queue[0][0] <= now:
            _, number, event_id, endpoint, payload, failures = queue.pop(0)
            try:
                self.send(endpoint, payload)
            except Exception:
                failures += 1
                if failures < self.max_attempts:
                    retries.append((now + self.base * 2 ** (failures - 1), number, event_id, endpoint, payload, failures))
                    continue
                self.dead.append((event_id, endpoint, payload))
            self.live.discard(event_id)
        for entry in retries:
            bisect.insort(queue, entry)

    def dead_letters(self):
        return list(self.dead)

    def pending(self):
        return len(self.live)
