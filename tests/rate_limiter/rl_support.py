"""Helpers for the rate_limiter hidden suite (not collected: no test_ prefix).

- `Timeline` records every call as (sent, returned, result) on the real monotonic clock and
  checks the results against the sliding-log rule with a load-proof oracle: a call *must* be
  denied only if `limit` grants are certainly inside its window, and *must* be allowed only if
  fewer than `limit` grants can possibly be inside it. A slow, loaded machine can only make a
  call undecided, never wrong.
- The timed scenarios (and the race) are generators: each yields the moment (on the monotonic
  clock) at which it wants to go on, and `run_together` runs several of them on one thread, side
  by side, so that their sleeps overlap, and other processes start meanwhile (`in_background`);
  `Stage` runs several tests' scenarios together once and hands each test its own outcome.
- `Worker` is the candidate in another sandboxed process (another application server) with its
  own Redis client and RateLimiter, optionally with its clocks skewed; `race` sends many such
  processes their calls at the same moment, round after round.
"""

from __future__ import annotations

import heapq
import math
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable, Generator

import redis as redis_py

from harness.authoring.testing import JudgeFault, WrongAnswer, another_worker, call_many_together, fail, other_workers, redis_url, solution, undecided

PACE = 0.003  # between calls that are not meant to share a millisecond
ATTEMPTS = 5  # a timed scenario's attempts; if none is decided, the run is undecided (testing.undecided)


def slack(attempt: int) -> float:
    """How much wider a timed scenario's window and margins are at this attempt (1, 1, 2, 3, 4 x):
    an attempt a busy machine left undecided is made again with more room for late wake-ups. The
    check itself is the same sliding-log rule at every width, so more room never passes a wrong answer."""
    return float(max(1, attempt))


def backoff(attempt: int) -> float:
    """Seconds a scenario waits before this attempt, to let a busy moment pass: 0, 0.1, 0.2, 0.4, 0.8."""
    return 0.0 if attempt == 0 else 0.1 * 2 ** (attempt - 1)


_clock = time.monotonic
_sleep = time.sleep

# Slack for comparing the Redis server's clock with ours: timer resolution and rounding to ms.
EPS = 0.03
# The timed scenarios' window, and how far they put each call that decides them beyond the
# moment from which it is decided: a wake-up up to MARGIN late still leaves it decided; a later
# one only leaves it undecided, and the attempt is made again on fresh keys.
WINDOW = 0.3
MARGIN = 0.07

Scenario = Generator[float, None, Any]  # yields the monotonic time at which it goes on


@dataclass
class Call:
    who: str
    key: str
    sent: float  # seconds since the timeline's start, on the real monotonic clock
    returned: float
    result: Any


class Text(str):
    """A value shown as-is in a failure report (harness.authoring.testing.show prints str values with repr otherwise)."""

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

    def at(self, t: float) -> float:
        """Timeline time t on the monotonic clock: what a scenario yields to go on at t."""
        return self.t0 + t

    def steps(self, limiter: Any, key: str, n: int, who: str = "", pace: float = 0.0) -> Scenario:
        """n calls of allow(key), `pace` seconds apart: a scenario's part (`yield from`)."""
        for i in range(n):
            if i and pace:
                yield _clock() + pace
            self.call(limiter, key, who)

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


# --- running scenarios side by side ------------------------------------------------------------

QUIET = math.inf  # yielded by a scenario: go on once no other scenario is waiting for a moment


def run_together(scenarios: dict[str, Callable[[], Scenario]]) -> dict[str, Exception | None]:
    """Runs the scenarios side by side on this thread: each yields the monotonic time at which it
    wants to go on (or QUIET), and the earliest goes next. Their calls take well under a
    millisecond, and the oracle judges each call by when it was really sent and answered, so one
    scenario's calls can only make another's undecided, never wrong. Returns each finished
    scenario's outcome: None if it passed, else what it raised. A WrongAnswer is that scenario's
    alone; anything else (the candidate raised, its process died) ends the run there, and the
    scenarios still running get no outcome (run them again, alone). A limit (TimeLimitExceeded,
    a BaseException) ends the test."""
    outcomes: dict[str, Exception | None] = {}
    running = {name: start() for name, start in scenarios.items()}
    queue = [(_clock(), i, name) for i, name in enumerate(running)]
    try:
        while queue:
            when, i, name = heapq.heappop(queue)
            delay = when - _clock()
            if 0 < delay < QUIET:
                _sleep(delay)
            try:
                heapq.heappush(queue, (next(running[name]), i, name))
            except StopIteration:
                outcomes[name] = None
            except (WrongAnswer, JudgeFault) as exc:  # this scenario's alone
                outcomes[name] = exc
            except Exception as exc:  # noqa: BLE001 - the candidate's error: this scenario's outcome
                outcomes[name] = exc
                break
    finally:
        for scenario in running.values():
            scenario.close()  # the unfinished ones: their `finally` clauses run now
    return outcomes


class Stage:
    """Scenarios of several tests, run together (`run_together`) when the first of those tests
    asks for its own, so that their sleeps and the start of their processes overlap; each test
    then raises its own scenario's outcome. A scenario the joint run did not finish (another
    one's error ended it) runs again, alone, in its own test, after `reset` (which empties the
    servers): the unfinished run left its keys there, and in the first test, which the
    fixtures emptied only before the joint run, a correct solution would count them."""

    def __init__(self, scenarios: dict[str, Callable[[], Scenario]], *, reset: Callable[[], Any]) -> None:
        self.scenarios = scenarios
        self.reset = reset
        self.outcomes: dict[str, Exception | None] | None = None

    def check(self, name: str) -> None:
        """Raise what scenario `name` raised (nothing if it passed)."""
        if self.outcomes is None:
            self.outcomes = run_together(self.scenarios)
        if name in self.outcomes:
            outcome = self.outcomes.pop(name)
        else:
            self.reset()
            outcome = run_together({name: self.scenarios[name]}).get(name)
        if outcome is not None:
            raise outcome


def drive(part: Scenario) -> Any:
    """Runs a scenario, or a part of one (start_workers, race), on its own; what it returns."""
    try:
        while True:
            delay = next(part) - _clock()
            if 0 < delay < QUIET:
                _sleep(delay)
    except StopIteration as stop:
        return stop.value
    finally:
        part.close()


_PARKED = threading.Event()  # never set: see in_background
_starting: list[int] = []  # the batches being started now (at most one)


def in_background(*starts: Callable[[], Any]) -> Scenario:
    """A scenario's part (`x, y = yield from in_background(f, g)`): f() and g() each on a thread of
    its own while the other scenarios go on; their results. For starting processes: a thread only
    waits on them, and never touches the main process's channel (the scenarios use it). One batch
    at a time: a scenario that asks while another one's are starting waits its turn (the first
    asker, the Stage's first scenario, gets its processes soonest). A worker dies with the thread
    that started it (bwrap --die-with-parent is a per-thread PDEATHSIG), so each thread then stays
    parked, a daemon, until the run ends; the judge closes the processes when the test ends."""
    while _starting:
        yield _clock() + 0.005
    _starting.append(1)
    results: list[Any] = [None] * len(starts)
    errors: list[BaseException] = []
    done: list[int] = []

    def run(i: int, start: Callable[[], Any]) -> None:
        try:
            results[i] = start()
        except BaseException as exc:  # noqa: BLE001 - raised in the scenario's thread below
            errors.append(exc)
        done.append(i)
        _PARKED.wait()

    for i, start in enumerate(starts):
        threading.Thread(target=run, args=(i, start), name="rl-start-processes", daemon=True).start()
    try:
        while len(done) < len(starts):
            yield _clock() + 0.005
    finally:
        _starting.clear()
    if errors:
        raise errors[0]
    return results


# --- other application servers: the candidate in processes of its own --------------------------


class Worker:
    """An application server: the candidate's module in a process of its own (clocks optionally
    skewed), with its own Redis client and RateLimiter. Every call is timed here."""

    def __init__(self, name: str, limit: int, window: float, skew: float = 0.0, client: Any = None, module: Any = None) -> None:
        """`client`: the Redis client to hand it (a RedisCluster, say); by default one of the run's server.
        `module`: the candidate's module in an already started process (by default a new one)."""
        self.name = name
        if module is None:
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


def start_workers(names: list[str], limit: int, window: float, clients: list[Any] | None = None, *,
                  main: bool = True) -> Scenario:
    """A scenario's part (`yield from`): application servers with true clocks, one per name. With
    `main`, the first is the candidate's main process (where the suite's own RateLimiter objects
    live too); the others start side by side, in the background. `clients[i]`: the Redis client of
    the i-th (by default, one of the run's server)."""
    def client(i: int) -> Any:
        return clients[i] if clients else None

    first = 1 if main else 0

    def others() -> list[Worker]:
        modules = other_workers(len(names) - first)
        return [Worker(name, limit, window, client=client(i), module=module)
                for i, (name, module) in enumerate(zip(names[first:], modules), start=first)]

    started = (yield from in_background(others))[0] if len(names) > first else []
    return [Worker(names[0], limit, window, client=client(0), module=solution()), *started] if main else started


def race(processes: int, rounds: int, per_round: int, limit: int, window: float, prefix: str,
         client_for: Callable[[int], Any] | None = None, *, main: bool = True) -> Scenario:
    """A scenario's part (`results = yield from race(...)`). `processes` processes (with `main`,
    the main one and others; all started in the background) wait until the other scenarios'
    timing is done; then, each round, they get their calls at the same moment and each calls
    allow() on one fresh key `per_round` times. Returns, per process, how many calls were allowed
    in each round. `client_for(p)`: the Redis client process p gets (by default, one of the run's
    server)."""
    def client(p: int) -> Any:
        return client_for(p) if client_for is not None else redis_py.Redis.from_url(redis_url())

    workers = yield from start_workers([f"process {p}" for p in range(processes)], limit, window,
                                       clients=[client(p) for p in range(processes)], main=main)
    yield QUIET
    allowed: list[list[int]] = [[] for _ in range(processes)]
    for r in range(rounds):
        key = f"{prefix}{r}"
        results = call_many_together([(w.limiter, [("allow", (key,))] * per_round) for w in workers])
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


def clock_skew(start_slow: Callable[[], Worker], start_fast: Callable[[], Worker], limit: int, window: float,
               keys: tuple[str, str], where: str = "") -> Scenario:
    """Two processes whose clocks are 30 s slow and 30 s fast (started side by side, in the
    background) share one limit on two keys (the key templates take the attempt number), and old
    grants leave the window on time. Timing can blur one attempt: up to ATTEMPTS are made, and
    the first with its critical calls decided counts."""
    slow, fast = yield from in_background(start_slow, start_fast)
    for attempt in range(ATTEMPTS):
        if attempt:  # the workers' limiters have a fixed window: only the pause grows
            yield _clock() + backoff(attempt)
        tl = Timeline(limit, window)
        k1, k2 = (key.format(attempt) for key in keys)
        yield from tl.steps(slow.limiter, k1, limit, slow.name, pace=PACE)
        yield from tl.steps(fast.limiter, k1, 1, fast.name)
        yield from tl.steps(fast.limiter, k2, limit, fast.name, pace=PACE)
        yield from tl.steps(slow.limiter, k2, 1, slow.name)
        yield tl.at(max(c.returned for c in tl.calls if c.key == k2) + window + EPS + MARGIN)
        yield from tl.steps(slow.limiter, k2, 1, slow.name)
        tl.check(f"{where}application servers' clocks disagree by 60 s; the limit must hold across them and old "
                 "grants must leave the window on time (use the Redis server's clock, TIME, not time.time())")
        critical = [tl.calls[limit], tl.calls[2 * limit + 1], tl.calls[2 * limit + 2]]
        if [tl.must(c) for c in critical] == [False, False, True]:
            return
    undecided(f"{where}clocks 60 s apart", ATTEMPTS)
