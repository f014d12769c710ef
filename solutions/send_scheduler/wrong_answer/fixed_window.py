"""A fixed one-second window instead of a token bucket: each number may send max(burst, rate)
messages per whole second [k, k + 1). At rate 1 it sends at 0.999 and again at 1.0: a double
burst at the window's boundary, over the rate."""

import heapq
import math
from collections import deque


def _is_time(x):
    return type(x) in (int, float) and math.isfinite(x) and x >= 0


class Scheduler:
    def __init__(self, mps_per_number, burst=1, validity_s=14400, dedupe_window_s=86400):
        for number, rate in mps_per_number.items():
            if type(rate) not in (int, float) or not math.isfinite(rate) or rate <= 0:
                raise ValueError(f"bad rate for {number!r}")
        if type(burst) is not int or burst < 1:
            raise ValueError("bad burst")
        if not _is_time(validity_s) or validity_s <= 0 or not _is_time(dedupe_window_s) or dedupe_window_s < validity_s:
            raise ValueError("bad windows")
        self.order = list(mps_per_number)
        self.per_window = {n: max(burst, int(r)) for n, r in mps_per_number.items()}
        self.window = {n: (None, 0) for n in mps_per_number}  # (second, sent in it)
        self.validity, self.dedupe = validity_s, dedupe_window_s
        self.queues = {n: [deque() for _ in range(10)] for n in mps_per_number}  # per priority: ring of [account, deque]
        self.seen = {}
        self.clock = 0
        self.messages = []  # [t0, msg_id, number, priority, account, waiting]

    def _check(self, now):
        if not _is_time(now) or now < self.clock:
            raise ValueError("bad now")

    def _move(self, now):
        self.clock = now
        for m in self.messages:
            if m[5] and now - m[0] >= self.validity:
                m[5] = False
        for rings in self.queues.values():
            for p, ring in enumerate(rings):
                rings[p] = deque(entry for entry in ring if any(m[5] for m in entry[1]))
                for entry in rings[p]:
                    entry[1] = deque(m for m in entry[1] if m[5])
        self.seen = {k: t for k, t in self.seen.items() if now - t < self.dedupe}

    def submit(self, msg_id, account, from_number, priority, now):
        self._check(now)
        if from_number not in self.queues or type(priority) is not int or not 0 <= priority <= 9:
            raise ValueError("bad submit")
        self._move(now)
        if msg_id in self.seen:
            return False
        self.seen[msg_id] = now
        m = [now, msg_id, from_number, priority, account, True]
        self.messages.append(m)
        ring = self.queues[from_number][priority]
        for entry in ring:
            if entry[0] == account:
                entry[1].append(m)
                break
        else:
            ring.append([account, deque([m])])
        return True

    def tick(self, now):
        self._check(now)
        self._move(now)
        out = []
        for number in self.order:
            second = math.floor(now)
            start, used = self.window[number]
            if start != second:
                used = 0
            while used < self.per_window[number]:
                ring = next((r for r in self.queues[number] if r), None)
                if ring is None:
                    break
                entry = ring.popleft()
                m = entry[1].popleft()
                m[5] = False
                if entry[1]:
                    ring.append(entry)
                out.append(m[1])
                used += 1
            self.window[number] = (second, used)
        return out

    def pending(self):
        return sum(m[5] for m in self.messages)
