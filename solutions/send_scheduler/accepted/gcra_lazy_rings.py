"""GCRA (the generic cell rate algorithm) instead of counting tokens: per number, the exact time
`tat` at which its bucket would be full again. A send at `now` is allowed when
tat - (burst - 1) / rate <= now, and moves tat to max(tat, now) + 1 / rate: the same bucket,
in exact arithmetic. Numbers wait in a heap keyed by the time they may send next. Rings are
deques of (account, generation) with lazy deletion: an account that leaves its ring (emptied by
a send or by expiry) bumps its generation, so its old entry is skipped when it reaches the front.

submit O(log n), tick O((s + 1) log n); every ring entry is pushed and popped once.
"""

import heapq
import math
from collections import deque
from fractions import Fraction


def _time(x):
    return type(x) in (int, float) and math.isfinite(x) and x >= 0


class _Account:
    __slots__ = ("queue", "generation")

    def __init__(self):
        self.queue = deque()
        self.generation = 0


class _Number:
    __slots__ = ("index", "step", "slack", "tat", "rings", "accounts", "waiting", "queued")

    def __init__(self, index, rate, burst):
        self.index = index
        self.step = 1 / Fraction(rate)  # seconds per token
        self.slack = (burst - 1) * self.step  # how far ahead of now tat may be and still send
        self.tat = Fraction(0)  # full at time 0 and ever since
        self.rings = [deque() for _ in range(10)]  # (account, generation)
        self.accounts = [{} for _ in range(10)]  # account -> _Account
        self.waiting = 0
        self.queued = False

    def may_send_at(self):
        return self.tat - self.slack


class Scheduler:
    def __init__(self, mps_per_number, burst=1, validity_s=14400, dedupe_window_s=86400):
        if not isinstance(mps_per_number, dict):
            raise ValueError("mps_per_number must be a dict")
        for number, rate in mps_per_number.items():
            if type(rate) not in (int, float) or not math.isfinite(rate) or rate <= 0:
                raise ValueError(f"bad rate for {number!r}")
        if type(burst) is not int or burst < 1:
            raise ValueError("bad burst")
        if not _time(validity_s) or validity_s <= 0 or not _time(dedupe_window_s) or dedupe_window_s < validity_s:
            raise ValueError("bad validity_s or dedupe_window_s")
        self._numbers = {n: _Number(i, r, burst) for i, (n, r) in enumerate(mps_per_number.items())}
        self._validity, self._window = Fraction(validity_s), Fraction(dedupe_window_s)
        self._heap = []
        self._clock = 0
        self._expiry = deque()  # [deadline, number, priority, account, waiting?]
        self._seen = {}
        self._seen_order = deque()
        self._pending = 0

    def _check_now(self, now):
        if not _time(now) or now < self._clock:
            raise ValueError(f"bad now {now!r}")

    def _move(self, now):
        self._clock = now
        now = Fraction(now)
        expiry = self._expiry
        while expiry and expiry[0][0] <= now:
            entry = expiry.popleft()
            if entry[4]:
                entry[4] = False
                number = self._numbers[entry[1]]
                state = number.accounts[entry[2]][entry[3]]
                state.queue.popleft()
                if not state.queue:
                    state.generation += 1  # leaves the ring; its entry there goes stale
                number.waiting -= 1
                self._pending -= 1
        order = self._seen_order
        while order and order[0][0] + self._window <= now:
            del self._seen[order.popleft()[1]]
        return now

    def submit(self, msg_id, account, from_number, priority, now):
        self._check_now(now)
        number = self._numbers.get(from_number)
        if number is None:
            raise ValueError(f"unknown number {from_number!r}")
        if type(priority) is not int or not 0 <= priority <= 9:
            raise ValueError(f"bad priority {priority!r}")
        now = self._move(now)
        if msg_id in self._seen:
            return False
        self._seen[msg_id] = now
        self._seen_order.append((now, msg_id))
        state = number.accounts[priority].get(account)
        if state is None:
            state = number.accounts[priority][account] = _Account()
        if not state.queue:
            state.generation += 1
            number.rings[priority].append((account, state.generation))
        entry = [now + self._validity, from_number, priority, account, True, msg_id]
        state.queue.append(entry)
        self._expiry.append(entry)
        number.waiting += 1
        self._pending += 1
        if not number.queued:
            number.queued = True
            heapq.heappush(self._heap, (max(now, number.may_send_at()), number.index, from_number))
        return True

    def tick(self, now):
        self._check_now(now)
        now = self._move(now)
        heap, ready = self._heap, []
        while heap and heap[0][0] <= now:
            _, index, name = heapq.heappop(heap)
            number = self._numbers[name]
            sent = []
            while number.waiting and number.may_send_at() <= now:
                sent.append(self._send_one(number))
                number.tat = max(number.tat, now) + number.step
            ready.append((index, name, sent))
        out = []
        for index, name, sent in sorted(ready):
            out += sent
            number = self._numbers[name]
            if number.waiting:
                heapq.heappush(heap, (max(now, number.may_send_at()), index, name))
            else:
                number.queued = False
        return out

    def _send_one(self, number):
        for priority, ring in enumerate(number.rings):
            accounts = number.accounts[priority]
            while ring:
                account, generation = ring.popleft()
                state = accounts[account]
                if generation != state.generation or not state.queue:
                    continue  # it left the ring since this entry was made
                entry = state.queue.popleft()
                entry[4] = False
                if state.queue:
                    ring.append((account, generation))
                else:
                    state.generation += 1
                number.waiting -= 1
                self._pending -= 1
                return entry[5]
        raise AssertionError("nothing waiting")

    def pending(self):
        return self._pending
