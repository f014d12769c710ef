"""Hidden suite for rate_limiter. The judge loads the candidate as the module `rate_limiter` and
gives the run a private Redis (problem.toml: needs = ["redis"]).

Timing: every decision the suite checks is judged by the load-proof oracle in rl_support
(a call is only required to be allowed/denied when that holds however late the server
stamped it), and the scenarios put their decisions 0.1-0.5 s away from any boundary. A
scenario whose critical calls a stalled machine pushed into the undecided zone is re-run on
fresh keys (up to 3 times), so heavy load can neither fail a correct solution nor (short of
stalls of hundreds of milliseconds, three times in a row) let a wrong one through.
"""

import itertools
import math

import pytest
import redis as redis_py
from hypothesis import given, settings
from hypothesis import strategies as st
from rate_limiter import RateLimiter
from rl_support import ATTEMPTS, PACE, Text, Timeline, Worker, check_clock_skew, check_race, race, server_offset

from harness.testing import CallLog, WrongAnswer, check_raises, fail, redis_url



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


@pytest.fixture
def workers():
    started = []

    def start(name, limit, window, skew=0.0):
        w = Worker(name, limit, window, skew)
        started.append(w)
        return w

    yield start
    for w in started:
        w.close()


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


def test_instances_and_processes_share_the_limit(r, workers):
    """two RateLimiter objects, and two processes, on the same Redis share one limit per key"""
    tl = Timeline(3, 3600)
    a = RateLimiter(r, 3, 3600)
    b = RateLimiter(r, 3, 3600)
    for limiter, who in [(a, "instance a"), (a, "instance a"), (b, "instance b"), (a, "instance a"), (b, "instance b")]:
        tl.call(limiter, "alice", who=who, pace=PACE)
    tl.check("two RateLimiter instances on one Redis")
    p1 = workers("process 1", 3, 3600)
    p2 = workers("process 2", 3, 3600)
    tl.add_remote("process 1", "bob", p1.calls("bob", 3, pace=PACE))
    tl.add_remote("process 2", "bob", p2.calls("bob", 1, pace=PACE))
    tl.call(a, "bob", who="this process")
    tl.add_remote("process 1", "carol", p1.calls("carol", 1, pace=PACE))
    tl.add_remote("process 2", "carol", p2.calls("carol", 2, pace=PACE))
    tl.add_remote("process 1", "carol", p1.calls("carol", 1, pace=PACE))
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
    for which, key in script:
        log.note(f"{which}.allow({prefix + key!r})")
        result = limiters[which].allow(prefix + key)
        expected = counts.get(key, 0) < limit
        if result is not expected:
            raise WrongAnswer(
                f"{which}.allow({prefix + key!r}): {counts.get(key, 0)} calls for this key were allowed so far "
                f"(limit {limit} per 3600 s)",
                input=str(log), expected=expected, actual=result,
            )
        counts[key] = counts.get(key, 0) + expected


# --- timing: windows slide, old grants leave, denied calls are free --------------------------


def test_no_burst_across_a_window_boundary(r):
    """3 calls just before a whole-second boundary and 3 just after it: a sliding window denies the last 3 (a fixed window allows 6)"""
    limit, window = 3, 1.0
    limiter = RateLimiter(r, limit, window)
    for attempt in range(ATTEMPTS):
        tl = Timeline(limit, window)
        key = f"boundary-{attempt}"
        offset = server_offset(r, tl)
        server_now = tl.now() + offset
        boundary = (math.floor(server_now / window) + 1) * window
        if boundary - server_now < 0.4:
            boundary += window
        b = boundary - offset  # the boundary on the timeline's clock
        tl.sleep_until(b - 0.25)
        tl.burst(limiter, key, limit, pace=PACE)
        tl.sleep_until(b + 0.1)
        tl.burst(limiter, key, limit, pace=PACE)
        tl.check(f"{limit} calls 0.25 s before a window boundary of the server clock (a multiple of "
                 f"{window:g} s) and {limit} calls 0.1 s after it; at most {limit} may be allowed in any {window:g} s")
        first, second = tl.calls[:limit], tl.calls[limit:]
        if (all(c.returned < b - 0.02 for c in first) and all(c.sent > b + 0.02 for c in second)
                and all(tl.must(c) is False for c in second)):
            return


def test_denied_calls_do_not_use_quota(r):
    """a client that keeps calling while limited is let through again once its old grants leave the window"""
    limit, window = 2, 1.0
    limiter = RateLimiter(r, limit, window)
    for attempt in range(ATTEMPTS):
        tl = Timeline(limit, window)
        key = f"hammer-{attempt}"
        tl.burst(limiter, key, limit)
        last = tl.calls[-1].returned
        while tl.now() < last + window + 0.3:
            tl.sleep_until(tl.calls[-1].sent + 0.05)
            tl.call(limiter, key)
        tl.check(f"after {limit} allowed calls the client retried every 50 ms; denied calls do not use quota, "
                 f"so once the allowed calls are {window:g} s old the next call must be allowed")
        if any(tl.must(c) is False for c in tl.calls[limit:]):
            return


def test_old_grants_stop_counting_while_the_key_lives(r):
    """staggered calls: a grant older than the window stops counting even while newer grants keep the key alive"""
    limit, window = 2, 1.0
    limiter = RateLimiter(r, limit, window)
    for attempt in range(ATTEMPTS):
        tl = Timeline(limit, window)
        key = f"staggered-{attempt}"
        schedule = [0.0, 0.45, 1.15, 1.25, 1.7]  # allowed, allowed, allowed (the first left), denied, allowed
        for t in schedule:
            tl.sleep_until(t)
            tl.call(limiter, key)
        tl.check(f"calls at t = {', '.join(f'{t:g}' for t in schedule)} s with limit {limit} per {window:g} s")
        c, d = tl.calls[2], tl.calls[3]
        if tl.must(c) is True and tl.must(d) is False:
            return


# --- distributed: clocks and concurrency -----------------------------------------------------


def test_application_clocks_do_not_matter(r, workers):
    """two processes whose clocks are 30 s fast and 30 s slow share one limit (time must come from the Redis server)"""
    limit, window = 3, 1.0
    slow = workers("process S, clock 30 s slow", limit, window, skew=-30.0)
    fast = workers("process F, clock 30 s fast", limit, window, skew=+30.0)
    check_clock_skew(slow, fast, limit, window, ("skew-1-{}", "skew-2-{}"))


def test_concurrent_processes_never_exceed_the_limit(r):
    """6 processes call allow() on the same key at the same moment, 40 rounds: exactly the limit is allowed each round"""
    processes, rounds, per_round, limit = 6, 40, 8, 10
    results = race(processes, rounds, per_round, limit, 3600, prefix="race-")
    check_race(results, processes, per_round, limit, prefix="race-", clients="redis")
