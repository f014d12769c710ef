"""Helpers for the rate_limiter hidden suite (not collected: no test_ prefix).

- `Timeline` records every call as (sent, returned, result) on the real monotonic clock and
  checks the results against the sliding-log rule with a load-proof oracle: a call *must* be
  denied only if `limit` grants are certainly inside its window, and *must* be allowed only if
  fewer than `limit` grants can possibly be inside it. A slow, loaded machine can only make a
  call undecided, never wrong.
- `Worker` is the candidate in another sandboxed process (another application server) with its
  own Redis client and RateLimiter, optionally with its clocks skewed; `race` sends many such
  processes their calls at the same moment, round after round.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable

import redis as redis_py

from harness.testing import WrongAnswer, another_worker, call_many_together, fail, other_workers, redis_url

PACE = 0.003  # between calls that are not meant to share a millisecond
ATTEMPTS = 3

_clock = time.monotonic
_sleep = time.sleep

# Slack for comparing the Redis server's clock with ours: timer resolution and rounding to ms.
EPS = 0.03


@dataclass
class Call:
    who: str
    key: str
    sent: float  # seconds since the timeline's start, on the real monotonic clock
    returned: float
    result: Any


class Text(str):
    """A value shown as-is in a failure report (harness.testing.show prints str values with repr otherwise)."""

    _raw = True


def _fmt_t(t: float) -> str:
    return f"t={t:+.3f}s"


class Timeline:
    """The calls of one scenario, and the sliding-log oracle that judges them."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.t0 = _clock()
        self.calls: list[Call] = []

    def now(self) -> float:
        return _clock() - self.t0

    def sleep_until(self, t: float) -> None:
        delay = t - self.now()
        if delay > 0:
            _sleep(delay)

    def call(self, limiter: Any, key: str, who: str = "", pace: float = 0.0) -> Any:
        sent = self.now()
        result = limiter.allow(key)
        returned = self.now()
        self.add(who, key, sent, returned, result)
        if pace:
            _sleep(pace)
        return result

    def burst(self, limiter: Any, key: str, n: int, who: str = "", pace: float = 0.0) -> list[Any]:
        return [self.call(limiter, key, who, pace) for _ in range(n)]

    def add(self, who: str, key: str, sent: float, returned: float, result: Any) -> Call:
        call = Call(who, key, sent, returned, result)
        self.calls.append(call)
        if type(result) is not bool:
            raise WrongAnswer(
                f"allow({key!r}) must return True or False",
                input=self.describe(),
                expected=Text("a bool"),
                actual=result,
            )
        return call

    def add_remote(self, who: str, key: str, records: list[tuple[float, float, Any]]) -> list[Call]:
        """Calls a worker made: (sent, returned, result) on the absolute monotonic clock."""
        return [self.add(who, key, s - self.t0, r - self.t0, res) for s, r, res in records]

    # --- the oracle -------------------------------------------------------------------

    def _grants_before(self, call: Call) -> list[Call]:
        out = []
        for other in self.calls:
            if other is call:
                break
            if other.key == call.key and other.result is True:
                out.append(other)
        return out

    def surely_in(self, call: Call) -> list[Call]:
        """Grants that are inside this call's window however the server stamped them."""
        return [g for g in self._grants_before(call) if call.returned - g.sent < self.window - EPS]

    def maybe_in(self, call: Call) -> list[Call]:
        """Grants that could be inside this call's window (not certainly more than `window` old)."""
        return [g for g in self._grants_before(call) if call.sent - g.returned <= self.window + EPS]

    def must(self, call: Call) -> bool | None:
        """True: must be allowed; False: must be denied; None: too close to a boundary to say."""
        if len(self.surely_in(call)) >= self.limit:
            return False
        if len(self.maybe_in(call)) < self.limit:
            return True
        return None

    def check(self, case: str) -> None:
        """Raise WrongAnswer at the first call whose result the sliding-log rule rules out."""
        w = f"{self.window:g} s"
        for call in self.calls:
            wanted = self.must(call)
            if wanted is None or call.result is wanted:
                continue
            where = f"allow({call.key!r}) at {_fmt_t(call.sent)}" + (f" from {call.who}" if call.who else "")
            if wanted is False:
                grants = self.surely_in(call)
                detail = (
                    f"{where} returned True, but {len(grants)} calls for {call.key!r} had already been allowed "
                    f"in the {w} before it (at {_short_list(grants)}); "
                    f"the limit is {self.limit} per {w}"
                )
            else:
                inside = self.maybe_in(call)
                old = [g for g in self._grants_before(call) if g not in inside]
                n = len(inside)
                count = "no call" if n == 0 else ("only 1 call" if n == 1 else f"only {n} calls")
                detail = (
                    f"{where} returned False, but {count} for {call.key!r} {'was' if n < 2 else 'were'} allowed "
                    f"in the {w} before it" + (f" (at {_short_list(inside)})" if inside else "")
                )
                if old:
                    these = "the call allowed at" if len(old) == 1 else "the calls allowed at"
                    detail += f"; {these} {_short_list(old)} {'is' if len(old) == 1 else 'are'} more than {w} old and no longer count{'s' if len(old) == 1 else ''}"
                detail += f"; the limit is {self.limit} per {w}"
            raise WrongAnswer(f"{case}: {detail}", input=self.describe(), expected=wanted, actual=call.result)

    def describe(self, limit: int = 80) -> str:
        """The timeline, with runs of identical calls collapsed."""
        parts: list[str] = []
        i = 0
        calls = self.calls
        while i < len(calls):
            j = i
            c = calls[i]
            while j + 1 < len(calls) and (calls[j + 1].who, calls[j + 1].key, calls[j + 1].result) == (c.who, c.key, c.result):
                j += 1
            who = f"[{c.who}] " if c.who else ""
            if j - i >= 2:
                parts.append(f"{_fmt_t(c.sent)}..{calls[j].sent:+.3f}s {who}{j - i + 1} x allow({c.key!r}) -> {c.result!r}")
            else:
                for k in range(i, j + 1):
                    parts.append(f"{_fmt_t(calls[k].sent)} {who}allow({calls[k].key!r}) -> {calls[k].result!r}")
            i = j + 1
        head = f"RateLimiter(redis, limit={self.limit}, window={self.window:g}); "
        if len(parts) > limit:
            parts = parts[:10] + [f"... {len(parts) - limit} more ..."] + parts[-(limit - 10):]
        return head + "; ".join(parts)


def _short_list(calls: list[Call]) -> str:
    if len(calls) <= 4:
        return ", ".join(_fmt_t(c.sent) for c in calls)
    return f"{_fmt_t(calls[0].sent)} .. {_fmt_t(calls[-1].sent)} ({len(calls)} calls)"


def server_offset(client: redis_py.Redis, timeline: Timeline) -> float:
    """Redis server time (epoch seconds) minus timeline time, from the best of a few TIME calls."""
    best = None
    for _ in range(5):
        before = timeline.now()
        seconds, micros = client.time()
        after = timeline.now()
        if best is None or after - before < best[0]:
            best = (after - before, seconds + micros / 1e6 - (before + after) / 2)
    assert best is not None
    return best[1]


# --- other application servers: the candidate in processes of its own --------------------------


class Worker:
    """Another application server: the candidate's module in a process of its own (clocks
    optionally skewed), with its own Redis client and RateLimiter. Every call is timed here."""

    def __init__(self, name: str, limit: int, window: float, skew: float = 0.0, client: Any = None) -> None:
        """`client`: the Redis client to hand it (a RedisCluster, say); by default one of the run's server."""
        self.name = name
        module = another_worker(skew_s=skew)
        self.limiter = module.RateLimiter(client if client is not None else redis_py.Redis.from_url(redis_url()), limit, window)

    def calls(self, key: str, n: int = 1, pace: float = 0.0) -> list[tuple[float, float, Any]]:
        """n calls of allow(key), each as (sent, returned, result) on this process's monotonic clock."""
        records = []
        for _ in range(n):
            sent = _clock()
            result = self.limiter.allow(key)
            records.append((sent, _clock(), result))
            if pace:
                _sleep(pace)
        return records

    def close(self) -> None:
        """Nothing to do: the judge ends a test's extra processes with the test."""


def race(processes: int, rounds: int, per_round: int, limit: int, window: float, prefix: str,
         client_for: Callable[[int], Any] | None = None) -> list[list[int]]:
    """Each round, `processes` processes get their calls at the same moment and each calls
    allow() on one fresh key `per_round` times. Returns, per process, how many calls were
    allowed in each round. `client_for(p)`: the Redis client process p gets (by default, one
    of the run's server)."""
    def client(p: int) -> Any:
        return client_for(p) if client_for is not None else redis_py.Redis.from_url(redis_url())

    limiters = [module.RateLimiter(client(p), limit, window) for p, module in enumerate(other_workers(processes))]
    allowed: list[list[int]] = [[] for _ in range(processes)]
    for r in range(rounds):
        key = f"{prefix}{r}"
        results = call_many_together([(limiter, [("allow", (key,))] * per_round) for limiter in limiters])
        for p, values in enumerate(results):
            for value in values:
                if type(value) is not bool:
                    raise WrongAnswer("allow() must return True or False", expected=Text("a bool"), actual=value)
            allowed[p].append(sum(values))
    return allowed


def check_race(results: list[list[int]], processes: int, per_round: int, limit: int, *, prefix: str, clients: str) -> None:
    """Every round of `race` allowed exactly `limit` calls. `clients` says what each process held (for the input line)."""
    rounds = len(results[0]) if results else 0
    for rnd in range(rounds):
        per_process = [results[p][rnd] for p in range(processes)]
        total = sum(per_process)
        if total != limit:
            detail = (
                f"{total} calls were allowed for one key with limit {limit}: a read-decide-write over several "
                f"round trips lets concurrent callers all take the last free slots; make the decision atomic "
                f"(one Lua script, or WATCH/MULTI/EXEC with retries)"
                if total > limit else
                f"only {total} calls were allowed although {processes * per_round} were made in the round; a call must "
                f"be allowed whenever fewer than {limit} were allowed (an optimistic transaction that loses a "
                f"race must retry, not deny)"
            )
            fail(
                f"round {rnd + 1} of {rounds}: {detail}",
                input=f"RateLimiter({clients}, limit={limit}, window=3600) in each of {processes} processes; each round "
                      f"they start together on a barrier and each calls allow('{prefix}{rnd}') {per_round} times",
                expected=Text(f"{limit} allowed in total"),
                actual=Text(f"{total} allowed (per process: {per_process})"),
            )


def check_clock_skew(slow: Worker, fast: Worker, limit: int, window: float, keys: tuple[str, str], where: str = "") -> None:
    """Two processes whose clocks are 30 s slow and 30 s fast share one limit on two keys (the
    key templates take the attempt number), and old grants leave the window on time. Timing can
    blur one attempt: up to ATTEMPTS are made, and the first with its critical calls decided counts."""
    for attempt in range(ATTEMPTS):
        tl = Timeline(limit, window)
        k1, k2 = (key.format(attempt) for key in keys)
        tl.add_remote(slow.name, k1, slow.calls(k1, limit, pace=PACE))
        tl.add_remote(fast.name, k1, fast.calls(k1, 1))
        tl.add_remote(fast.name, k2, fast.calls(k2, limit, pace=PACE))
        tl.add_remote(slow.name, k2, slow.calls(k2, 1))
        tl.sleep_until(max(c.returned for c in tl.calls if c.key == k2) + window + 0.25)
        tl.add_remote(slow.name, k2, slow.calls(k2, 1))
        tl.check(f"{where}application servers' clocks disagree by 60 s; the limit must hold across them and old "
                 "grants must leave the window on time (use the Redis server's clock, TIME, not time.time())")
        critical = [tl.calls[limit], tl.calls[2 * limit + 1], tl.calls[2 * limit + 2]]
        if [tl.must(c) for c in critical] == [False, False, True]:
            return
