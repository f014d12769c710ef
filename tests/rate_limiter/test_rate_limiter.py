"""Hidden suite for rate_limiter. The judge loads the candidate as the module `rate_limiter` and
gives the run a private Redis (problem.toml: needs = ["redis"]).

Timing: every decision the suite checks is judged by the load-proof oracle in rl_support
(a call is only required to be allowed/denied when that holds however late the server
stamped it, give or take EPS = 30 ms), and the scenarios put their deciding calls MARGIN =
70 ms beyond that (60 ms or more from any boundary), on windows of 0.3 s. A scenario whose
deciding calls a stalled machine pushed into the undecided zone is re-run on fresh keys (up to
5 times, each after a pause of 0.1 * 2^(k-1) s and with its window and margins 1, 1, 2, 3, 4 times
as wide: rl_support.backoff and slack), so heavy load cannot fail a correct solution; if no attempt is decided, the run is
undecided (testing.undecided), never a pass, so load cannot let a wrong one through either. The four
timed scenarios and the race run side by side (rl_support.Stage): the first of their tests runs
them all, so the timed ones sleep at the same time while the race's processes start, and each
test reports its own scenario's outcome.
"""

import itertools
import math
import time

import pytest
import redis as redis_py
from hypothesis import given, settings
from hypothesis import strategies as st
from rate_limiter import RateLimiter
from rl_support import (
    ATTEMPTS, EPS, MARGIN, PACE, WINDOW, Stage, Text, Timeline, Worker, backoff, check_race, clock_skew, drive, race,
    server_offset, slack, start_workers,
)

from harness.authoring.testing import CallLog, WrongAnswer, call_many, check_raises, fail, redis_url, undecided


@pytest.fixture(scope="module")
def client():
    r = redis_py.Redis.from_url(redis_url())
    yield r
    r.close()


@pytest.fixture(autouse=True)
def r(client):
    """A clean database for every test."""
    client.flushdb()
    return client


@pytest.fixture(scope="module")
def stage(client):
    """The scenarios of the timed tests and of the race, run side by side when the first of their
    tests runs: the timed ones sleep at the same time, while the other processes start."""
    return Stage({
        "clock skew": lambda: clock_skew(
            lambda: Worker("process S, clock 30 s slow", 3, WINDOW, skew=-30.0),
            lambda: Worker("process F, clock 30 s fast", 3, WINDOW, skew=+30.0),
            3, WINDOW, ("skew-1-{}", "skew-2-{}")),
        "boundary": lambda: boundary_scenario(client),
        "hammer": lambda: hammer_scenario(client),
        "staggered": lambda: staggered_scenario(client),
        "race": race_scenario,
    }, reset=client.flushdb)


# --- statement example and edge cases ------------------------------------------------------


def test_statement_example(r):
    """the example from the statement: 3 calls per 60 s, the 4th is denied, another key has its own limit"""
    tl = Timeline(3, 60)
    limiter = RateLimiter(r, 3, 60)
    tl.burst(limiter, "alice", 4, pace=PACE)
    tl.call(limiter, "bob", pace=PACE)
    tl.call(limiter, "alice", pace=PACE)
    tl.check("the statement example")


def test_bad_arguments_raise_value_error(r):
    """limit < 1 or window <= 0 raise ValueError"""
    for limit, window in [(0, 1.0), (-1, 1.0), (-100, 60), (5, 0), (5, 0.0), (5, -1), (5, -0.5), (0, 0)]:
        check_raises(
            ValueError, RateLimiter, r, limit, window,
            case=f"RateLimiter(redis, {limit}, {window}) must raise ValueError",
            input=f"RateLimiter(redis, limit={limit}, window={window})",
        )
    for limit, window in [(1, 0.5), (1, 1), (10, 0.001), (1000, 86400)]:
        try:
            RateLimiter(r, limit, window)
        except ValueError as exc:
            fail(f"RateLimiter(redis, {limit}, {window}) is valid and must not raise",
                 input=f"RateLimiter(redis, limit={limit}, window={window})", expected=Text("a RateLimiter"),
                 actual=Text(f"ValueError: {exc}"))


def test_limit_one(r):
    """limit 1: the first call per key is allowed, every other call in the window is denied"""
    tl = Timeline(1, 3600)
    limiter = RateLimiter(r, 1, 3600)
    for key in ["alice", "alice", "alice", "bob", "alice", "bob", "carol"]:
        tl.call(limiter, key, pace=PACE)
    tl.check("limit 1")


def test_keys_do_not_interfere(r):
    """every key has its own limit: one busy key does not use up another key's quota"""
    tl = Timeline(2, 3600)
    limiter = RateLimiter(r, 2, 3600)
    for key in ["alice", "alice", "alice", "bob", "alice", "bob", "bob",
                "user:1", "user:10", "user:1", "user:10", "user:1", "Alice", "alice ", "Alice"]:
        tl.call(limiter, key, pace=PACE)
    tl.check("keys are independent")


def test_instances_and_processes_share_the_limit(r):
    """two RateLimiter objects, and two processes, on the same Redis share one limit per key"""
    tl = Timeline(3, 3600)
    a = RateLimiter(r, 3, 3600)
    b = RateLimiter(r, 3, 3600)
    for limiter, who in [(a, "instance a"), (a, "instance a"), (b, "instance b"), (a, "instance a"), (b, "instance b")]:
        tl.call(limiter, "alice", who=who, pace=PACE)
    tl.check("two RateLimiter instances on one Redis")
    p1, p2 = drive(start_workers(["process 1", "process 2"], 3, 3600))
    tl.add_remote(p1.name, "bob", p1.calls("bob", 3, pace=PACE))
    tl.add_remote(p2.name, "bob", p2.calls("bob", 1, pace=PACE))
    tl.add_remote(p1.name, "carol", p1.calls("carol", 1, pace=PACE))
    tl.add_remote(p2.name, "carol", p2.calls("carol", 2, pace=PACE))
    tl.add_remote(p1.name, "carol", p1.calls("carol", 1, pace=PACE))
    tl.check("several processes (application servers) sharing one Redis must enforce one limit together")


def test_every_key_has_a_ttl(r):
    """every key the limiter writes has a TTL of at most a few windows (nothing leaks once traffic stops)"""
    window = 5.0
    tl = Timeline(2, window)
    limiter = RateLimiter(r, 2, window)
    single = RateLimiter(r, 1, window)
    for key in ["alice", "alice", "alice", "bob", "user:42", "user:42"]:
        tl.call(limiter, key, pace=PACE)
    for key in ["carol", "carol", "dave"]:
        tl.call(single, key, pace=PACE)
    keys = sorted(r.scan_iter(count=1000))
    if not keys:
        fail("after these calls Redis holds no keys at all: the limiter must keep its state in the shared Redis, "
             "not in process memory", input=tl.describe(), expected=Text("the limiter's keys in Redis"), actual=Text("no keys"))
    longest = 3 * window
    for key in keys:
        pttl = r.pttl(key)
        if pttl == -1:
            fail(f"key {key!r} has no TTL, so it stays in Redis forever once traffic stops; give every key you "
                 f"write an expiry (PEXPIRE) of about one window", input=tl.describe(),
                 expected=Text(f"a TTL of at most {longest:g} s (3 windows)"), actual=Text(f"PTTL {key!r} = -1 (no expiry)"))
        if pttl > longest * 1000:
            fail(f"key {key!r} expires only in {pttl / 1000:.1f} s: it outlives the traffic by far more than a "
                 f"window", input=tl.describe(), expected=Text(f"a TTL of at most {longest:g} s (3 windows)"),
                 actual=Text(f"PTTL {key!r} = {pttl} ms"))


def test_state_outlives_a_long_window(r):
    """a window of many hours: the grant must stay in Redis for the whole window (a TTL shorter than the window forgets it early)"""
    window, slack_ms = 36_000.0, 10_000  # 10 hours; the slack covers the time between the call and the reading
    tl = Timeline(1, window)
    limiter = RateLimiter(r, 1, window)
    tl.call(limiter, "alice", pace=PACE)
    tl.check("limit 1 over a 10-hour window")
    ttls = {key: r.pttl(key) for key in r.scan_iter(count=1000)}
    longest = max((t for t in ttls.values() if t > 0), default=None)
    if longest is not None and longest < window * 1000 - slack_ms:
        fail(f"every key the limiter wrote expires within {longest / 1000:,.1f} s, but the grant must count for the whole "
             f"window of {window:,.0f} s: once the keys are gone a second call would be allowed. Give the keys a TTL of "
             f"at least the window", input=tl.describe(), expected=Text(f"a key with a TTL of about {window:,.0f} s"),
             actual=Text(", ".join(f"PTTL {k!r} = {t} ms" for k, t in sorted(ttls.items()))))


def test_same_instant_calls_each_count(r):
    """a burst of calls on one key, many in the same millisecond: every allowed call counts"""
    limit, calls = 20, 30
    limiter = RateLimiter(r, limit, 3600)
    for k in range(5):
        tl = Timeline(limit, 3600)
        key = f"burst-{k}"
        results = tl.burst(limiter, key, calls)
        allowed = sum(results)
        if allowed != limit:
            tl.check(f"{calls} calls in a fast burst (several per millisecond): exactly {limit} may be allowed, "
                     f"{allowed} were; calls made at the same instant must each count (a timestamp alone is not "
                     f"a unique sorted-set member)")
        tl.check("a fast burst of calls")


_example_ids = itertools.count()


@settings(max_examples=60, deadline=None)
@given(
    limit=st.integers(1, 4),
    script=st.lists(st.tuples(st.sampled_from("ab"), st.sampled_from(["k1", "k2", "k3"])), max_size=25),
)
def test_random_sequences_against_a_counter(client, limit, script):
    """random calls on several keys through two instances match a per-key counter while nothing expires (property-based)"""
    prefix = f"p{next(_example_ids)}-"
    log = CallLog()
    log.note(f"a = RateLimiter(redis, {limit}, 3600); b = RateLimiter(redis, {limit}, 3600)")
    limiters = {"a": RateLimiter(client, limit, 3600), "b": RateLimiter(client, limit, 3600)}
    counts: dict[str, int] = {}
    # The model does not depend on the answers: each run of calls on one instance is one message.
    for which, run in itertools.groupby(script, key=lambda step: step[0]):
        keys = [key for _, key in run]
        base = len(log.calls)
        for key in keys:
            log.note(f"{which}.allow({prefix + key!r})")
        try:
            results = call_many(limiters[which], [("allow", (prefix + key,)) for key in keys])
        except BaseException as exc:
            done = getattr(exc, "completed", None)
            if done is not None:  # the calls up to the one that raised
                del log.calls[base + done + 1:]
            raise
        for i, (key, result) in enumerate(zip(keys, results)):
            expected = counts.get(key, 0) < limit
            if result is not expected:
                del log.calls[base + i + 1:]
                raise WrongAnswer(
                    f"{which}.allow({prefix + key!r}): {counts.get(key, 0)} calls for this key were allowed so far "
                    f"(limit {limit} per 3600 s)",
                    input=str(log), expected=expected, actual=result,
                )
            counts[key] = counts.get(key, 0) + expected


# --- timing: windows slide, old grants leave, denied calls are free --------------------------
# Windows of WINDOW = 0.3 s. The scenarios are generators run side by side by the `stage`
# (see rl_support.run_together): `yield t` sleeps until monotonic time t, while the others go on.


def boundary_scenario(r):
    limit = 3
    for attempt in range(ATTEMPTS):
        if attempt:
            yield time.monotonic() + backoff(attempt)
        # The bursts' distance from the boundary: each burst stays 60 ms or more clear of the 20 ms
        # by which the boundary's estimate may be off, and the second burst ends 80 ms or more before
        # the first burst's first call is `window - EPS` old (at the first width; all three grow with it).
        window, before, after = (x * slack(attempt) for x in (WINDOW, 0.1, 0.08))
        limiter = RateLimiter(r, limit, window)
        tl = Timeline(limit, window)
        key = f"boundary-{attempt}"
        offset = server_offset(r, tl)
        server_now = tl.now() + offset
        boundary = (math.floor(server_now / window) + 1) * window
        if boundary - server_now < before + 0.02:
            boundary += window
        b = boundary - offset  # the boundary on the timeline's clock
        yield tl.at(b - before)
        yield from tl.steps(limiter, key, limit, pace=PACE)
        yield tl.at(b + after)
        yield from tl.steps(limiter, key, limit, pace=PACE)
        tl.check(f"{limit} calls {before:g} s before a window boundary of the server clock (a multiple of "
                 f"{window:g} s) and {limit} calls {after:g} s after it; at most {limit} may be allowed in any {window:g} s")
        first, second = tl.calls[:limit], tl.calls[limit:]
        if (all(c.returned < b - 0.02 for c in first) and all(c.sent > b + 0.02 for c in second)
                and all(tl.must(c) is False for c in second)):
            return
    undecided("bursts around a window boundary", ATTEMPTS)


def test_no_burst_across_a_window_boundary(stage):
    """3 calls just before a window boundary of the server clock and 3 just after it (windows of 0.3 s): a sliding window denies the last 3 (a fixed window allows 6)"""
    stage.check("boundary")


def hammer_scenario(r):
    limit = 2
    for attempt in range(ATTEMPTS):
        if attempt:
            yield time.monotonic() + backoff(attempt)
        window, every, margin = (x * slack(attempt) for x in (WINDOW, 0.05, MARGIN))
        limiter = RateLimiter(r, limit, window)
        tl = Timeline(limit, window)
        key = f"hammer-{attempt}"
        yield from tl.steps(limiter, key, limit)
        last = tl.calls[-1].returned
        while tl.now() < last + window + EPS + margin:
            yield tl.at(tl.calls[-1].sent + every)
            tl.call(limiter, key)
        tl.check(f"after {limit} allowed calls the client retried every {every * 1000:g} ms; denied calls do not use "
                 f"quota, so once the allowed calls are {window:g} s old the next call must be allowed")
        decided = [tl.must(c) for c in tl.calls[limit:]]
        if False in decided and True in decided[decided.index(False):]:
            return
    undecided("a client retrying while limited", ATTEMPTS)


def test_denied_calls_do_not_use_quota(stage):
    """a client that keeps calling while limited is let through again once its old grants leave the window"""
    stage.check("hammer")


def staggered_scenario(r):
    limit = 2
    for attempt in range(ATTEMPTS):
        if attempt:
            yield time.monotonic() + backoff(attempt)
        window, margin, gap = (x * slack(attempt) for x in (WINDOW, MARGIN, 0.02))
        limiter = RateLimiter(r, limit, window)
        # allowed, allowed, allowed (the first has left), denied (the second and third are inside), allowed
        second = 2 * EPS + 2 * margin + gap
        third = window + EPS + margin
        tl = Timeline(limit, window)
        # A whole second of the server clock `lead` after the first call, well before the second: a clock
        # that runs back there (TIME's seconds and microseconds added in different units) still counts
        # the first grant at the third call.
        offset, lead = server_offset(r, tl), 0.1 * slack(attempt)
        start = math.ceil(tl.now() + offset + lead + 0.02) - offset - lead
        schedule = [start + t for t in (0.0, second, third, third + gap, second + window + EPS + margin)]
        key = f"staggered-{attempt}"
        for t in schedule:
            yield tl.at(t)
            tl.call(limiter, key)
        tl.check(f"calls at t = {', '.join(f'{t:.2f}' for t in schedule)} s with limit {limit} per {window:g} s")
        c, d = tl.calls[2], tl.calls[3]
        if tl.must(c) is True and tl.must(d) is False:
            return
    undecided("staggered calls", ATTEMPTS)


def test_old_grants_stop_counting_while_the_key_lives(stage):
    """staggered calls across a whole second of the server clock: a grant older than the window stops counting even while newer grants keep the key alive"""
    stage.check("staggered")


# --- distributed: clocks and concurrency -----------------------------------------------------


def test_application_clocks_do_not_matter(stage):
    """two processes whose clocks are 30 s fast and 30 s slow share one limit (time must come from the Redis server)"""
    stage.check("clock skew")


def race_scenario():
    processes, rounds, per_round, limit = 6, 40, 8, 10
    results = yield from race(processes, rounds, per_round, limit, 3600, prefix="race-")
    check_race(results, processes, per_round, limit, prefix="race-", clients="redis")


def test_concurrent_processes_never_exceed_the_limit(stage):
    """6 processes call allow() on the same key at the same moment, 40 rounds: exactly the limit is allowed each round"""
    stage.check("race")
