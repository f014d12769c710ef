"""Correct, but every call scans every waiting message: expiry by a pass over the whole list, and
each send finds its message with another pass. O(n) per call: with 20,000 messages waiting and
thousands of calls, far over the time limit."""

import math
from fractions import Fraction


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
        self.rates = {n: Fraction(r) for n, r in mps_per_number.items()}
        self.burst = Fraction(burst)
        self.level = {n: (self.burst, Fraction(0)) for n in mps_per_number}
        self.validity, self.window = Fraction(validity_s), Fraction(dedupe_window_s)
        self.rings = {}  # (number, priority) -> [account, ...]
        self.waiting = []  # [t0, msg_id, number, priority, account], submit order
        self.seen = {}
        self.clock = 0

    def _move(self, now):
        self.clock = now
        now = Fraction(now)
        self.waiting = [m for m in self.waiting if now - m[0] < self.validity]
        self.seen = {k: t for k, t in self.seen.items() if now - t < self.window}
        live = {(m[2], m[3], m[4]) for m in self.waiting}
        for key, ring in self.rings.items():
            ring[:] = [a for a in ring if (key[0], key[1], a) in live]

    def submit(self, msg_id, account, from_number, priority, now):
        if not _is_time(now) or now < self.clock or from_number not in self.rates:
            raise ValueError("bad submit")
        if type(priority) is not int or not 0 <= priority <= 9:
            raise ValueError("bad priority")
        self._move(now)
        if msg_id in self.seen:
            return False
        self.seen[msg_id] = Fraction(now)
        self.waiting.append([Fraction(now), msg_id, from_number, priority, account])
        ring = self.rings.setdefault((from_number, priority), [])
        if account not in ring:
            ring.append(account)
        return True

    def tick(self, now):
        if not _is_time(now) or now < self.clock:
            raise ValueError("bad now")
        self._move(now)
        now_f = Fraction(now)
        out = []
        for number, rate in self.rates.items():
            level, at = self.level[number]
            level = min(self.burst, level + (now_f - at) * rate)
            while level >= 1:
                mine = [m for m in self.waiting if m[2] == number]
                if not mine:
                    break
                priority = min(m[3] for m in mine)
                ring = self.rings[(number, priority)]
                account = ring.pop(0)
                m = next(m for m in mine if m[3] == priority and m[4] == account)
                self.waiting.remove(m)
                if any(x[3] == priority and x[4] == account for x in self.waiting if x[2] == number):
                    ring.append(account)
                out.append(m[1])
                level -= 1
            self.level[number] = (level, now_f)
        return out

    def pending(self):
        return len(self.waiting)
