"""Too slow (time limit): sorts the whole queue on every tick, then takes the due prefix.

The list stays nearly sorted, so Timsort is O(n) per tick rather than O(n log n), and it runs
in C; but it is still every pending event on every tick, even when one attempt is due.
"""

import bisect


class Dispatcher:
    def __init__(self, send, max_attempts=5, base_delay_s=1.0, dedupe_window_s=86400):
        if not (max_attempts >= 1 and base_delay_s > 0 and dedupe_window_s >= 0):
            raise ValueError("need max_attempts >= 1, base_delay_s > 0 and dedupe_window_s >= 0")
        self._clock = 0  # the largest now of the calls that did not raise
        self.send = send
        self.max_attempts = max_attempts
        self.base = base_delay_s
        self.window = dedupe_window_s
        self.queue = []  # (due, number, event_id, endpoint, payload, failures)
        self.live = set()
        self.seen = {}
        self.expiry = []  # (accepted, event_id), in submit order
        self.expired = 0
        self.dead = []
        self.count = 0

    def _prune(self, now):
        while self.expired < len(self.expiry) and self.expiry[self.expired][0] + self.window <= now:
            accepted, event_id = self.expiry[self.expired]
            self.expired += 1
            if self.seen.get(event_id) == accepted:
                del self.seen[event_id]
        if self.expired > 1000 and self.expired * 2 > len(self.expiry):
            del self.expiry[:self.expired]
            self.expired = 0

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
        self.queue.append((now, self.count, event_id, endpoint, payload, 0))
        self.count += 1
        return True

    def tick(self, now):
        self._advance_clock(now)
        self._prune(now)
        self.queue.sort()
        end = bisect.bisect_right(self.queue, (now, float("inf")))
        due, self.queue = self.queue[:end], self.queue[end:]
        for _, number, event_id, endpoint, payload, failures in due:
            try:
                self.send(endpoint, payload)
            except Exception:
                failures += 1
                if failures < self.max_attempts:
                    self.queue.append((now + self.base * 2 ** (failures - 1), number, event_id, endpoint, payload, failures))
                    continue
                self.dead.append((event_id, endpoint, payload))
            self.live.discard(event_id)

    def dead_letters(self):
        return list(self.dead)

    def pending(self):
        return len(self.live)
