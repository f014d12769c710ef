"""Accepted: the schedule as a sortedcontainers.SortedList of (due, submit number, event id), the
events in a dict by submit number, and the dedupe window as a dict plus a deque of
(accepted time, id) pruned from its start (the clock never goes back, so it is in order).

submit and each attempt are O(log n) (SortedList add / pop(0) are O(log n) amortized, on
lists of lists of at most ~1,000 items); tick looks only at the due prefix.
"""

from collections import deque

from sortedcontainers import SortedList


class Dispatcher:
    def __init__(self, send, max_attempts=5, base_delay_s=1.0, dedupe_window_s=86400):
        if not (max_attempts >= 1 and base_delay_s > 0 and dedupe_window_s >= 0):
            raise ValueError("need max_attempts >= 1, base_delay_s > 0 and dedupe_window_s >= 0")
        self._clock = 0  # the largest now of the calls that did not raise
        self.send = send
        self.max_attempts = max_attempts
        self.base_delay_s = base_delay_s
        self.dedupe_window_s = dedupe_window_s
        self.schedule = SortedList()  # (due, number, event_id)
        self.events = {}  # number -> [event_id, endpoint, payload, failures]
        self.live_ids = set()
        self.accepted_at = {}  # event_id -> accepted time, inside the window
        self.window = deque()  # (accepted time, event_id), oldest first
        self.dead = []
        self.count = 0

    def _prune(self, now):
        while self.window and self.window[0][0] + self.dedupe_window_s <= now:
            accepted, event_id = self.window.popleft()
            if self.accepted_at.get(event_id) == accepted:
                del self.accepted_at[event_id]

    def _advance_clock(self, now):
        """ValueError, before anything changes, for a time that is not finite or is before the clock."""
        if not self._clock <= now < float("inf"):
            raise ValueError(f"now={now!r}: must be finite and >= the clock ({self._clock!r})")
        self._clock = now

    def submit(self, event_id, endpoint, payload, now):
        self._advance_clock(now)
        self._prune(now)
        if event_id in self.live_ids or event_id in self.accepted_at:
            return False
        self.live_ids.add(event_id)
        self.accepted_at[event_id] = now
        self.window.append((now, event_id))
        self.events[self.count] = [event_id, endpoint, payload, 0]
        self.schedule.add((now, self.count, event_id))
        self.count += 1
        return True

    def tick(self, now):
        self._advance_clock(now)
        self._prune(now)
        while self.schedule and self.schedule[0][0] <= now:
            _, number, event_id = self.schedule.pop(0)
            event = self.events[number]
            try:
                self.send(event[1], event[2])
            except Exception:
                event[3] += 1
                if event[3] < self.max_attempts:
                    self.schedule.add((now + self.base_delay_s * 2 ** (event[3] - 1), number, event_id))
                    continue
                self.dead.append((event_id, event[1], event[2]))
            del self.events[number]
            self.live_ids.discard(event_id)

    def dead_letters(self):
        return self.dead[:]

    def pending(self):
        return len(self.events)
