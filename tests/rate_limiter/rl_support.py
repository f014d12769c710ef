"""Helpers for the rate_limiter hidden suite (not collected: no test_ prefix).

- `Timeline` records every call as (sent, returned, result) on the real monotonic clock and
  checks the results against the sliding-log rule with a load-proof oracle: a call *must* be
  denied only if `limit` grants are certainly inside its window, and *must* be allowed only if
  fewer than `limit` grants can possibly be inside it. A slow, loaded machine can only make a
  call undecided, never wrong.
- `Worker` is a forked process with its own Redis client and its own RateLimiter, optionally with
  its clocks skewed; `race` runs many processes that start each round together on a barrier.
"""

from __future__ import annotations

import datetime as _datetime
import multiprocessing
import multiprocessing.connection
import os
import time
import traceback
from dataclasses import dataclass
from typing import Any

import redis as redis_py

from harness.testing import WrongAnswer, redis_url, solution

# The real clocks, bound before any worker patches the time module.
_clock = time.monotonic
_sleep = time.sleep

# Slack for comparing the Redis server's clock with ours: timer resolution and rounding to ms.
EPS = 0.03

_fork = multiprocessing.get_context("fork")


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


# --- worker processes ---------------------------------------------------------------------


def _describe_exception(exc: BaseException) -> str:
    module = solution()
    path = os.path.realpath(getattr(module, "__file__", "") or "")
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if os.path.realpath(f.filename) == path]
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if frames:
        f = frames[-1]
        text += f" (at {os.path.basename(f.filename)}, line {f.lineno}, in {f.name}: {(f.line or '').strip()})"
    return text


def _portable(result: Any) -> Any:
    return result if type(result) in (bool, int, float, str, bytes, type(None)) else f"<{type(result).__name__}> {result!r}"


def _skew_clocks(skew: float) -> None:
    """Make this process's wall and monotonic clocks run `skew` seconds off, like another machine's."""
    module = solution()
    names = ("time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns")
    real = {name: getattr(time, name) for name in names}
    skew_ns = int(skew * 1e9)
    fake = {
        name: (lambda f=fn: f() + skew_ns) if name.endswith("_ns") else (lambda f=fn: f() + skew)
        for name, fn in real.items()
    }
    for name, fn in fake.items():
        setattr(time, name, fn)
    real_datetime = _datetime.datetime
    shift = _datetime.timedelta(seconds=skew)

    class SkewedDatetime(real_datetime):
        @classmethod
        def now(cls, tz=None):
            return real_datetime.now(tz) + shift

        @classmethod
        def utcnow(cls):
            return real_datetime.utcnow() + shift

        @classmethod
        def today(cls):
            return real_datetime.today() + shift

    _datetime.datetime = SkewedDatetime
    # Names the solution bound directly: `from time import time`, `from datetime import datetime`.
    for attr, value in list(vars(module).items()):
        for name, fn in real.items():
            if value is fn:
                setattr(module, attr, fake[name])
        if value is real_datetime:
            setattr(module, attr, SkewedDatetime)


def _worker_main(conn: Any, url: str, limit: int, window: float, skew: float) -> None:
    try:
        if skew:
            _skew_clocks(skew)
        client = redis_py.Redis.from_url(url)
        limiter = solution().RateLimiter(client, limit, window)
        conn.send(("ok", None))
        while True:
            message = conn.recv()
            if message is None:
                break
            key, n, pace = message
            records = []
            for _ in range(n):
                sent = _clock()
                result = limiter.allow(key)
                records.append((sent, _clock(), _portable(result)))
                if pace:
                    _sleep(pace)
            conn.send(("ok", records))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        try:
            conn.send(("error", _describe_exception(exc)))
        except Exception:  # noqa: BLE001
            pass
    finally:
        conn.close()


class Worker:
    """Another process (another application server) with its own client and RateLimiter."""

    def __init__(self, name: str, limit: int, window: float, skew: float = 0.0) -> None:
        self.name = name
        self.conn, child = _fork.Pipe()
        self.proc = _fork.Process(target=_worker_main, args=(child, redis_url(), limit, window, skew), daemon=True)
        self.proc.start()
        child.close()
        self._answer(f"RateLimiter(redis, {limit}, {window:g})")

    def _answer(self, what: str) -> Any:
        try:
            status, value = self.conn.recv()
        except EOFError:
            self.proc.join(1)
            raise WrongAnswer(
                f"{self.name} ended during {what} (exit status {self.proc.exitcode}); "
                "a solution must return, not exit or crash the process",
                has_values=False,
            ) from None
        if status == "error":
            raise WrongAnswer(f"{what} raised an exception in {self.name}", expected=Text("no exception"), actual=Text(value))
        return value

    def calls(self, key: str, n: int = 1, pace: float = 0.0) -> list[tuple[float, float, Any]]:
        self.conn.send((key, n, pace))
        return self._answer(f"allow({key!r})")

    def close(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(2)
        self.conn.close()


def _race_main(conn: Any, url: str, barrier: Any, limit: int, window: float, rounds: int, per_round: int, prefix: str) -> None:
    try:
        client = redis_py.Redis.from_url(url)
        limiter = solution().RateLimiter(client, limit, window)
        allowed = []
        for r in range(rounds):
            barrier.wait(timeout=30)
            key = f"{prefix}{r}"
            got = 0
            for _ in range(per_round):
                result = limiter.allow(key)
                if type(result) is not bool:
                    conn.send(("bad", _portable(result)))
                    return
                got += result
            allowed.append(got)
        conn.send(("ok", allowed))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        barrier.abort()
        try:
            conn.send(("error", _describe_exception(exc)))
        except Exception:  # noqa: BLE001
            pass
    finally:
        conn.close()


def race(processes: int, rounds: int, per_round: int, limit: int, window: float, prefix: str) -> list[list[int]]:
    """Each round, `processes` processes wait on one barrier and then call allow() on one fresh key
    `per_round` times each. Returns, per process, how many calls were allowed in each round."""
    barrier = _fork.Barrier(processes)
    workers = []
    try:
        for _ in range(processes):
            parent, child = _fork.Pipe()
            proc = _fork.Process(
                target=_race_main,
                args=(child, redis_url(), barrier, limit, window, rounds, per_round, prefix),
                daemon=True,
            )
            proc.start()
            child.close()
            workers.append((parent, proc))
        results: dict[int, list[int]] = {}
        pending = {conn: i for i, (conn, _) in enumerate(workers)}
        while pending:
            for conn in multiprocessing.connection.wait(list(pending)):
                i = pending.pop(conn)
                try:
                    status, value = conn.recv()
                except EOFError:
                    code = workers[i][1].exitcode
                    raise WrongAnswer(
                        f"process {i + 1} of {processes} ended while calling allow() (exit status {code}); "
                        "a solution must return, not exit or crash the process",
                        has_values=False,
                    ) from None
                if status == "error":
                    raise WrongAnswer(
                        f"allow() raised an exception in process {i + 1} of {processes} calling it concurrently",
                        expected=Text("no exception"),
                        actual=Text(value),
                    )
                if status == "bad":
                    raise WrongAnswer("allow() must return True or False", expected=Text("a bool"), actual=value)
                results[i] = value
        return [results[i] for i in range(processes)]
    finally:
        barrier.abort()
        for conn, proc in workers:
            proc.join(0.5)
            if proc.is_alive():
                proc.kill()
                proc.join(2)
            conn.close()
