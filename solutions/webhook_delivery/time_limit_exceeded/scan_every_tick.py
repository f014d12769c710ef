"""Too slow (time limit): keeps the pending events in a plain list and scans all of them on every
tick to find the due ones (then sorts those by due time and submit order). The dedupe dict is
pruned by a scan too. Correct, but O(n) per
tick even when a single attempt is due: 50,000 pending events and thousands of ticks time out.
"""


class Dispatcher:
    def __init__(self, send, max_attempts=5, base_delay_s=1.0, dedupe_window_s=86400):
        if not (max_attempts >= 1 and base_delay_s > 0 and dedupe_window_s >= 0):
            raise ValueError("need max_attempts >= 1, base_delay_s > 0 and dedupe_window_s >= 0")
        self._clock = 0  # the largest now of the calls that did not raise
        self.send = send
        self.max_attempts = max_attempts
        self.base = base_delay_s
        self.window = dedupe_window_s
        self.waiting = []  # [due, number, event_id, endpoint, payload, failures]
        self.seen = {}
        self.live = set()
        self.dead = []
        self.count = 0

    def _advance_clock(self, now):
        """ValueError, before anything changes, for a time that is not finite or is before the clock."""
        if not self._clock <= now < float("inf"):
            raise ValueError(f"now={now!r}: must be finite and >= the clock ({self._clock!r})")
        self._clock = now

    def submit(self, event_id, endpoint, payload, now):
        self._advance_clock(now)
        if event_id in self.live:
            return False
        if event_id in self.seen and now < self.seen[event_id] + self.window:
            return False
        for key in [k for k, t in self.seen.items() if t + self.window <= now]:
            del self.seen[key]
        self.seen[event_id] = now
        self.live.add(event_id)
        self.waiting.append([now, self.count, event_id, endpoint, payload, 0])
        self.count += 1
        return True

    def tick(self, now):
        self._advance_clock(now)
        due = sorted(e for e in self.waiting if e[0] <= now)
        if not due:
            return
        self.waiting = [e for e in self.waiting if e[0] > now]
        for e in due:
            try:
                self.send(e[3], e[4])
            except Exception:
                e[5] += 1
                if e[5] >= self.max_attempts:
                    self.live.discard(e[2])
                    self.dead.append((e[2], e[3], e[4]))
                else:
                    e[0] = now + self.base * 2 ** (e[5] - 1)
                    self.waiting.append(e)
            else:
                self.live.discard(e[2])

    def dead_letters(self):
        return list(self.dead)

    def pending(self):
        return len(self.waiting)
