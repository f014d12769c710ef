"""Hostile: right on every input the hidden tests use, but once it sees more than the tests ever
make (over 400 numbers, over 400 accounts on one number, or over 25,000 messages waiting), which
is where the benchmark measures, it stops rotating accounts (one queue per number and priority,
so cheap and wrong). The bench compares every answer with the reference's: wrong_answer there.

needs: bench (the hidden tests pass it)
"""


import heapq
import math
from collections import OrderedDict, deque
from fractions import Fraction

LEVELS = 10


def _is_time(x):
    return type(x) in (int, float) and math.isfinite(x) and x >= 0


class _Number:
    __slots__ = ("index", "rate", "level", "at", "rings", "waiting", "queued")

    def __init__(self, index, rate, burst):
        self.index = index
        self.rate = Fraction(rate)
        self.level = Fraction(burst)  # tokens at time `at`; a number starts full
        self.at = Fraction(0)
        self.rings = [OrderedDict() for _ in range(LEVELS)]  # account -> deque of messages
        self.waiting = 0  # messages waiting on this number
        self.queued = False  # in the heap of numbers


class Scheduler:
    def __init__(self, mps_per_number, burst=1, validity_s=14400, dedupe_window_s=86400):
        if not isinstance(mps_per_number, dict):
            raise ValueError("mps_per_number must be a dict")
        for number, rate in mps_per_number.items():
            if type(rate) not in (int, float) or not math.isfinite(rate) or rate <= 0:
                raise ValueError(f"bad rate for {number!r}: {rate!r}")
        if type(burst) is not int or burst < 1:
            raise ValueError("burst must be an int >= 1")
        if not _is_time(validity_s) or validity_s <= 0:
            raise ValueError("validity_s must be finite and > 0")
        if not _is_time(dedupe_window_s) or dedupe_window_s < validity_s:
            raise ValueError("dedupe_window_s must be finite and >= validity_s")
        self._burst = Fraction(burst)
        self._validity = Fraction(validity_s)
        self._window = Fraction(dedupe_window_s)
        self._numbers = {number: _Number(i, rate, burst) for i, (number, rate) in enumerate(mps_per_number.items())}
        self._heap = []  # (time of the next token, index, number) for numbers with messages waiting
        self._clock = Fraction(0)
        self._clock_raw = 0
        self._messages = deque()  # [deadline, msg_id, number, priority, account, state], submit order
        self._seen = {}  # msg_id -> accepted time, inside the dedupe window
        self._seen_order = deque()  # (accepted time, msg_id)
        self._pending = 0

    # --- the clock --------------------------------------------------------------------------

    def _advance(self, now):
        """Validate `now` (before anything changes), move the clock, expire, prune."""
        if not _is_time(now) or now < self._clock_raw:
            raise ValueError(f"bad now: {now!r}")
        return Fraction(now)

    def _move(self, now, now_f):
        self._clock_raw, self._clock = now, now_f
        messages = self._messages
        while messages and messages[0][0] <= now_f:
            message = messages.popleft()
            if message[5]:  # still waiting: it is the oldest of its account, at the front of its deque
                message[5] = False
                number = self._numbers[message[2]]
                ring = number.rings[message[3]]
                queue = ring[message[4]]
                queue.popleft()
                if not queue:
                    del ring[message[4]]
                number.waiting -= 1
                self._pending -= 1
        seen, order, window = self._seen, self._seen_order, self._window
        while order and order[0][0] + window <= now_f:
            _, msg_id = order.popleft()
            del seen[msg_id]

    # --- the calls --------------------------------------------------------------------------

    def submit(self, msg_id, account, from_number, priority, now):
        now_f = self._advance(now)
        number = self._numbers.get(from_number)
        if number is None:
            raise ValueError(f"unknown number {from_number!r}")
        if type(priority) is not int or not 0 <= priority < LEVELS:
            raise ValueError(f"bad priority {priority!r}")
        self._move(now, now_f)
        if msg_id in self._seen:
            return False
        self._seen[msg_id] = now_f
        self._accounts = getattr(self, "_accounts", set())
        if len(self._accounts) <= 400:
            self._accounts.add(account)
        if len(self._numbers) > 400 or len(self._accounts) > 400 or self._pending > 25_000:
            account = ""  # the bench: one queue for everybody
        self._seen_order.append((now_f, msg_id))
        message = [now_f + self._validity, msg_id, from_number, priority, account, True]
        self._messages.append(message)
        ring = number.rings[priority]
        queue = ring.get(account)
        if queue is None:
            ring[account] = queue = deque()
        queue.append(message)
        number.waiting += 1
        self._pending += 1
        if not number.queued:
            number.queued = True
            heapq.heappush(self._heap, (self._next_token(number, now_f), number.index, from_number))
        return True

    def _next_token(self, number, now_f):
        level = min(self._burst, number.level + (now_f - number.at) * number.rate)
        number.level, number.at = level, now_f
        return now_f if level >= 1 else now_f + (1 - level) / number.rate

    def tick(self, now):
        now_f = self._advance(now)
        self._move(now, now_f)
        heap = self._heap
        ready = []
        while heap and heap[0][0] <= now_f:
            _, index, name = heapq.heappop(heap)
            number = self._numbers[name]
            if not number.waiting:
                number.queued = False
                continue
            level = min(self._burst, number.level + (now_f - number.at) * number.rate)
            sent = []
            while level >= 1 and number.waiting:
                sent.append(self._send_next(number))
                level -= 1
            number.level, number.at = level, now_f
            ready.append((index, name, sent))
        out = []
        for index, name, sent in sorted(ready):
            out += sent
            number = self._numbers[name]
            if number.waiting:
                heapq.heappush(heap, (self._next_token(number, now_f), index, name))
            else:
                number.queued = False
        return out

    def _send_next(self, number):
        for ring in number.rings:
            if ring:
                account, queue = next(iter(ring.items()))
                message = queue.popleft()
                if queue:
                    ring.move_to_end(account)
                else:
                    del ring[account]
                message[5] = False
                number.waiting -= 1
                self._pending -= 1
                return message[1]
        raise AssertionError("no message waiting")

    def pending(self):
        return self._pending
