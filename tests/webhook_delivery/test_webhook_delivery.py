"""Hidden suite for webhook_delivery. The judge loads the candidate as the module `webhook_delivery`.

Everything runs on the clock the suite passes in: nothing sleeps. `send` is a plain function of
this suite (on the sandboxed judge the candidate's worker calls it back across the process
boundary): it receives an endpoint `str` and a plain-data payload, records the attempt, and
raises a builtin exception when the drawn script says this attempt fails. Every payload carries
its submission's number "n", which is how the script (and the diagnosis) tells events apart.
"""

import functools
import itertools
import math
import threading

from hypothesis import given, settings
from hypothesis import strategies as st
from webhook_delivery import Dispatcher

from harness.authoring.testing import (Batch, CallLog, MemoryGrowth, Raw, WrongAnswer, ahead, call_many, check, check_raises, fail, local_callable,
                             reference, within_reference_budget, worker_memory_bytes)

# Builtin exception types only: on the sandboxed judge a callback's exception reaches the
# candidate as the same builtin type.
_ERRORS = (ConnectionError, TimeoutError, RuntimeError, ValueError, OSError, KeyError, ZeroDivisionError)
ALWAYS = 10**9  # "fails every attempt"


def _t(x):
    """A time as the log shows it: short where that is exact, every digit where it is not."""
    return f"{x:g}" if not isinstance(x, float) or float(f"{x:g}") == x else repr(x)


def _ordinal(k):
    return f"{k}{'th' if 10 <= k % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(k % 10, 'th')}"


# --- send: the suite's side -----------------------------------------------------------------


class _Endpoints:
    """The webhook endpoints of one case: which attempts fail, and every attempt made so far."""

    def __init__(self):
        self.fails_first = {}  # submission number -> how many of its first attempts fail
        self.tried = {}  # submission number -> attempts made so far
        self.calls = []  # (submission number, endpoint) per attempt, in order
        self.bad_calls = []  # descriptions of calls that carried no known submission

    def send(self, endpoint, payload):
        n = payload.get("n") if isinstance(payload, dict) else None
        if n not in self.fails_first:
            self.bad_calls.append(f"send({endpoint!r}, {payload!r})")
            return None
        k = self.tried.get(n, 0)
        self.tried[n] = k + 1
        failed = k < self.fails_first[n]
        self.calls.append((n, endpoint, failed))
        if failed:
            raise _ERRORS[(n + k) % len(_ERRORS)](f"{endpoint}: attempt {k + 1} failed (503)")
        return "200 OK"


# --- the model: a brute-force dispatcher, independent of any heap -----------------------------


class _Event:
    def __init__(self, n, event_id, endpoint, payload, now):
        self.n, self.event_id, self.endpoint, self.payload = n, event_id, endpoint, payload
        self.accepted = now
        self.due = now
        self.failures = 0
        self.state = "pending"
        self.failed_at = []  # the tick times of its failed attempts


class _Model:
    def __init__(self, max_attempts, base, window):
        self.max_attempts, self.base, self.window = max_attempts, base, window
        self.events = []  # every accepted submission, in submit order (index = submit number)
        self.by_n = {}
        self.dead = []
        self.clock = 0  # the largest now of the calls that did not raise

    def refuses(self, now):
        return not (math.isfinite(now) and now >= self.clock)

    def is_duplicate(self, event_id, now):
        for e in self.events:
            if e.event_id == event_id and (e.state == "pending" or now < e.accepted + self.window):
                return e
        return None

    def submit(self, n, event_id, endpoint, payload, now):
        self.clock = now
        if self.is_duplicate(event_id, now):
            return False
        e = _Event(n, event_id, endpoint, payload, now)
        e.order = len(self.events)
        self.events.append(e)
        self.by_n[n] = e
        return True

    def due_now(self, now):
        self.clock = now
        return sorted((e for e in self.events if e.state == "pending" and e.due <= now), key=lambda e: (e.due, e.order))

    def apply(self, e, failed, now):
        if not failed:
            e.state = "delivered"
            return
        e.failures += 1
        e.failed_at.append(now)
        if e.failures >= self.max_attempts:
            e.state = "dead"
            self.dead.append((e.event_id, e.endpoint, e.payload))
        else:
            e.due = now + self.base * 2 ** (e.failures - 1)

    def pending(self):
        return sum(e.state == "pending" for e in self.events)

    def next_due(self):
        """The earliest due time of an attempt still to come, or None."""
        return min((e.due for e in self.events if e.state == "pending"), default=None)


# --- one case: the dispatcher under test, the model beside it, and the log ----------------------


class _Session:
    def __init__(self, max_attempts=5, base_delay_s=1.0, dedupe_window_s=86400, *, defaults=False):
        self.log = CallLog(limit=80)
        self.ends = _Endpoints()
        self.model = _Model(max_attempts, base_delay_s, dedupe_window_s)
        self.next_n = 0
        self.duplicates = {}  # submission number of a rejected submit -> (event_id, now)
        if defaults:
            self.log.note("Dispatcher(send)")
            self.obj = Dispatcher(self.ends.send)
        else:
            self.log.note(f"Dispatcher(send, max_attempts={max_attempts}, base_delay_s={base_delay_s!r}, "
                          f"dedupe_window_s={dedupe_window_s!r})")
            self.obj = Dispatcher(self.ends.send, max_attempts, base_delay_s, dedupe_window_s)

    def _label(self, n):
        e = self.model.by_n.get(n)
        if e is not None:
            return f"{e.event_id!r} (submit #{n + 1})" if self._ambiguous(e.event_id) else repr(e.event_id)
        event_id, now = self.duplicates.get(n, ("?", 0))
        return f"the duplicate submit of {event_id!r} at t={_t(now)}"

    def _ambiguous(self, event_id):
        return sum(e.event_id == event_id for e in self.model.events) > 1

    def submit(self, event_id, endpoint="https://hooks.example/sms", fails=0, now=0, extra=None):
        """Submit; `fails` is how many of this submission's first attempts fail. Returns the model's answer."""
        n = self.next_n
        self.next_n += 1
        payload = {"n": n, **(extra or {})}
        self.ends.fails_first[n] = fails
        expected = self.model.submit(n, event_id, endpoint, payload, now)
        if not expected:
            self.duplicates[n] = (event_id, now)
        actual = self.log.call(self.obj, "submit", event_id, endpoint, payload, now)
        if actual is not expected and actual != expected:
            if expected:
                why = self._why_accepted(event_id, now)
            else:
                first = self.model.is_duplicate(event_id, now)
                why = (f"{event_id!r} was accepted at t={_t(first.accepted)} and is "
                       f"{'still pending' if first.state == 'pending' else first.state}")
                if first.state != "pending":
                    why += (f"; t={_t(now)} < {_t(first.accepted)} + dedupe_window_s {_t(self.model.window)}: "
                            f"a duplicate returns False, whether the first is pending, delivered or dead")
                else:
                    why += ": a pending event always blocks its id"
            raise WrongAnswer(f"submit({event_id!r}, ..., now={_t(now)}) returned {actual!r}: {why}",
                              input=self.log, expected=expected, actual=actual)
        if fails and expected:
            self.log.calls[-1] += ("  [every attempt fails]" if fails >= ALWAYS else
                                   f"  [its first {fails} attempt{'s' if fails > 1 else ''} fail{'' if fails > 1 else 's'}]")
        return expected

    def _why_accepted(self, event_id, now):
        """Why the submit just accepted by the model (its newest event) is a new event."""
        last = [e for e in self.model.events[:-1] if e.event_id == event_id]
        if not last:
            return f"{event_id!r} was never submitted before, so it must be accepted (True)"
        e = last[-1]
        return (f"{event_id!r} was accepted at t={_t(e.accepted)} and is {e.state}; its window ended at "
                f"{_t(e.accepted)} + {_t(self.model.window)} = {_t(e.accepted + self.model.window)} <= t={_t(now)}, "
                f"so this is a new event (True)")

    def tick(self, now, why=""):
        model, ends = self.model, self.ends
        expected = model.due_now(now)
        start = len(ends.calls)
        self.log.note(f"tick({_t(now)})")
        result = self.obj.tick(now)
        made = ends.calls[start:]
        if ends.bad_calls:
            fail(f"tick({_t(now)}) called send with a payload that was never submitted: {ends.bad_calls[0]}",
                 input=self.log)
        if made:
            marks = [f"{self._short(n)} {'fails' if failed else 'ok'}" for n, _, failed in made]
            self.log.calls[-1] += f"  [send: {', '.join(marks)}]"
        self._compare(now, expected, made, why)
        for e, (_, _, failed) in zip(expected, made):
            model.apply(e, failed, now)
        if result is not None:
            fail(f"tick must return None; it returned {result!r}", input=self.log)

    def _short(self, n):
        e = self.model.by_n.get(n)
        return repr(e.event_id) if e is not None else f"duplicate#{n + 1}"

    def _compare(self, now, expected, made, why):
        want = [e.n for e in expected]
        got = [n for n, _, _ in made]
        if want == got and all(ep == self.model.by_n[n].endpoint for n, ep, _ in made):
            return
        msg = self._diagnose(now, expected, made)
        names = lambda ns: "[" + ", ".join(self._short(n) for n in ns) + "]"  # noqa: E731
        raise WrongAnswer(f"tick({_t(now)}): {msg}{why}", input=self.log, expected=Raw(f"attempts {names(want)}"),
                          actual=Raw(f"attempts {names(got)}"))

    def _diagnose(self, now, expected, made):
        model = self.model
        want = [e.n for e in expected]
        for n, endpoint, _ in made:
            e = model.by_n.get(n)
            if e is None:
                event_id, at = self.duplicates[n]
                return (f"it sent the payload of the duplicate submit of {event_id!r} at t={_t(at)}: a duplicate "
                        f"submit changes nothing and is never delivered")
            if endpoint != e.endpoint:
                return f"it sent {e.event_id!r} to {endpoint!r}, but it was submitted for {e.endpoint!r}"
            times = sum(1 for m, _, _ in made if m == n)
            if times > 1:
                return (f"it attempted {self._label(n)} {times} times in one tick: after a failure at t={_t(now)} the next "
                        f"attempt is due at {_t(now)} + {_t(model.base)} * 2**(k - 1) > {_t(now)}, never in the same tick "
                        f"(failure_time is the tick's now)")
            if n in want:
                continue
            if e.state == "delivered":
                return f"it attempted {self._label(n)} again, but it was already delivered: at most one delivery per event"
            if e.state == "dead":
                return (f"it attempted {self._label(n)} after its {_ordinal(e.failures)} failure, but max_attempts is "
                        f"{model.max_attempts}: it is dead (in the dead-letter queue) after max_attempts failed attempts, "
                        f"the first attempt included")
            return f"it attempted {self._label(n)} too early: {self._due_text(e)}, and {_t(now)} < {_t(e.due)}"
        got = [n for n, _, _ in made]
        for e in expected:
            if e.n not in got:
                return (f"{self._label(e.n)} was not attempted, but {self._due_text(e)} <= {_t(now)}: every attempt due "
                        f"by now is made in this tick{self._after_raise(now, made)}")
        for i, (n, _, _) in enumerate(made):
            if n != want[i]:
                a, b = model.by_n[want[i]], model.by_n[n]
                return (f"attempts in the wrong order: {self._label(a.n)} (due {_t(a.due)}, submit #{a.order + 1}) comes "
                        f"before {self._label(b.n)} (due {_t(b.due)}, submit #{b.order + 1}): oldest due first, "
                        f"equal due times in submit order")
        return "the attempts differ"

    def _after_raise(self, now, made):
        for n, _, failed in made:
            if failed:
                return f" (send raised for {self._short(n)}: that must not stop the other attempts)"
        return ""

    def _due_text(self, e):
        if e.failures == 0:
            return f"its first attempt is due at its submit time {_t(e.due)}"
        k, at = e.failures, e.failed_at[-1]
        return (f"its {_ordinal(k)} attempt failed at t={_t(at)}, so its next is due at {_t(at)} + {_t(self.model.base)} * "
                f"2**{k - 1} = {_t(e.due)}")

    def pending(self, why=""):
        actual = self.log.call(self.obj, "pending")
        expected = self.model.pending()
        if actual != expected or isinstance(actual, bool):
            states = [f"{e.event_id!r} {e.state}" for e in self.model.events]
            fail(f"pending() must count the events with an attempt still to come{why} ({', '.join(states) or 'none submitted'})",
                 input=self.log, expected=expected, actual=actual)

    def dead_letters(self, why=""):
        actual = self.log.call(self.obj, "dead_letters")
        expected = list(self.model.dead)
        check(actual, expected, case=f"dead_letters() must list every dead event as (event_id, endpoint, payload), "
                                     f"in the order they died{why}", input=self.log)
        for entry in actual:
            if type(entry) is not tuple:
                fail(f"each dead letter must be a tuple (event_id, endpoint, payload), not {type(entry).__name__}",
                     input=self.log, expected=expected, actual=actual)

    def refused(self, method, *args, why):
        """A call that must raise ValueError and change nothing: no send, and the same pending() and
        dead_letters() as before it (later calls check the rest: the clock, the dedupe memory)."""
        start = len(self.ends.calls)
        self.log.note(f"{method}({', '.join(repr(a) for a in args)})")
        check_raises(ValueError, getattr(self.obj, method), *args, case=f"{method} with {why} must raise ValueError",
                     input=self.log)
        self._refused_made_nothing(start)
        self.pending(" (after a refused call, which changes nothing)")
        self.dead_letters(" (after a refused call, which changes nothing)")

    def _refused_made_nothing(self, start):
        if len(self.ends.calls) > start or self.ends.bad_calls:
            fail("a refused call (it raised ValueError) must change nothing, but it called send", input=self.log)

    def attempts_of(self, event_id):
        return [n for n, _, _ in self.ends.calls if self.model.by_n.get(n) and self.model.by_n[n].event_id == event_id]


class _BatchedSession(_Session):
    """The same case, its calls sent in batches (harness.authoring.testing.Batch): submits, pending() and
    dead_letters() wait for the next tick or refused call, which sends them all in one message.
    Every call is still checked in order, as if each had been checked at once."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = Batch(self.obj, self.log)

    def submit(self, event_id, endpoint="https://hooks.example/sms", fails=0, now=0, extra=None):
        n = self.next_n
        self.next_n += 1
        payload = {"n": n, **(extra or {})}
        self.ends.fails_first[n] = fails
        expected = self.model.submit(n, event_id, endpoint, payload, now)
        if expected:
            why = self._why_accepted(event_id, now)
        else:
            self.duplicates[n] = (event_id, now)
            first = self.model.is_duplicate(event_id, now)
            why = (f"{event_id!r} was accepted at t={_t(first.accepted)} and is "
                   + ("still pending: a pending event always blocks its id" if first.state == "pending" else
                      f"{first.state}, and t={_t(now)} < {_t(first.accepted)} + {_t(self.model.window)} = "
                      f"{_t(first.accepted + self.model.window)}: a duplicate returns False"))
        self.batch.call("submit", event_id, endpoint, payload, now, expect=expected,
                        case=f"submit({event_id!r}, ..., now={_t(now)}): {why}")

    def look(self, why=""):
        """pending() and dead_letters(), queued."""
        states = ", ".join(f"{e.event_id!r} {e.state}" for e in self.model.events) or "none submitted"
        self.batch.call("pending", expect=self.model.pending(),
                        case=f"pending() must count the events with an attempt still to come{why} ({states})")
        self.batch.call("dead_letters", expect=list(self.model.dead),
                        case=f"dead_letters() must list every dead event as (event_id, endpoint, payload) tuples, "
                             f"in the order they died{why}")

    def tick(self, now, why=""):
        model, ends = self.model, self.ends
        expected = model.due_now(now)
        self.batch.call("tick", now, expect=None, case=f"tick({_t(now)}) must return None")
        start = len(ends.calls)
        self.batch.check()
        made = ends.calls[start:]
        if ends.bad_calls:
            fail(f"tick({_t(now)}) called send with a payload that was never submitted: {ends.bad_calls[0]}",
                 input=self.log)
        if made:
            marks = [f"{self._short(n)} {'fails' if failed else 'ok'}" for n, _, failed in made]
            self.log.calls[-1] += f"  [send: {', '.join(marks)}]"
        self._compare(now, expected, made, why)
        for e, (_, _, failed) in zip(expected, made):
            model.apply(e, failed, now)

    def refused(self, method, *args, why):
        start = len(self.ends.calls)
        self.batch.call_raises(method, *args, raises=ValueError, case=f"{method} with {why} must raise ValueError")
        self._refused_made_nothing(start)
        self.look(" (after a refused call, which changes nothing)")


# --- the statement -------------------------------------------------------------------------------


def test_statement_example():
    """the example from the statement"""
    s = _Session(3, 1.0, 60)
    ok, down = "https://ok.example/hook", "https://down.example/hook"
    s.submit("SM1:failed", ok, 0, 0, {"sid": "SM1"})
    s.submit("SM2:failed", down, ALWAYS, 0, {"sid": "SM2"})
    s.submit("SM1:failed", ok, 0, 0.5, {"sid": "SM1"})
    s.pending()
    s.tick(1.0)
    s.pending()
    for now in (1.5, 2.5, 4.4, 4.5):
        s.tick(now)
    s.dead_letters()
    s.pending()
    s.submit("SM2:failed", down, ALWAYS, 30, {"sid": "SM2"})
    s.submit("SM1:failed", ok, 0, 60, {"sid": "SM1"})
    s.pending()


def test_statement_ties():
    """the ties example from the statement: c, a, b in submit order, first attempts and retries"""
    s = _Session(2, 1.0, 60)
    for event_id in "cab":
        s.submit(event_id, fails=ALWAYS, now=0)
    s.tick(0)
    s.tick(1)
    s.dead_letters()


# --- the schedule ----------------------------------------------------------------------------------


def test_backoff_schedule_defaults():
    """defaults (5 attempts, 1 s base): an always-failing event is tried at 0, 1, 3, 7, 15, then dead"""
    s = _Session(defaults=True)
    s.submit("evt-1", fails=ALWAYS, now=0)
    for i in range(0, 41):
        s.tick(i / 2)
        if i % 8 == 0:
            s.pending()
    s.dead_letters()
    s.pending()


def test_backoff_is_exponential():
    """base 0.25 s and 8 attempts: retries 0.25, 0.5, 1, 2, 4, 8, 16 s after each failure"""
    s = _Session(8, 0.25, 1000)
    s.submit("evt-1", fails=ALWAYS, now=10)
    s.submit("evt-2", fails=5, now=10)
    for i in range(0, 260):
        s.tick(10 + i / 8)
    s.dead_letters()
    s.pending()


def test_failure_time_is_the_tick_time():
    """late ticks: the next attempt is due base * 2**(k-1) after the tick that failed, not after the due time"""
    s = _Session(5, 1.0, 1000)
    s.submit("evt-1", fails=ALWAYS, now=0)
    for now in (0, 2.5, 4.4, 4.5, 8.0, 8.5, 9.0, 12.0, 16.4, 16.5, 20.5, 30):
        s.tick(now)
    s.dead_letters()
    s = _Session(4, 2.0, 1000)
    s.submit("evt-2", fails=ALWAYS, now=1)
    for now in (3, 3.5, 5, 5.5, 9.5, 10, 17.5, 18, 100):
        s.tick(now, " (a late tick moves the whole schedule: failure_time is the tick's now)")
    s.dead_letters()


def test_never_before_due():
    """a tick 0.001 s before an attempt is due does not make it; the tick at the due time does"""
    s = _Session(4, 1.5, 1000)
    s.submit("evt-1", fails=ALWAYS, now=2)
    for now in (2, 3.499, 3.5, 6.499, 6.5, 12.499, 12.5):
        s.tick(now)
    s.dead_letters()
    s = _Session(3, 0.5, 1000)
    s.submit("evt-2", fails=1, now=100)
    s.tick(100)
    s.tick(100.499, " (due at 100.5: 100.499 is too early)")
    s.tick(100.5)
    s.pending()


# Failure times from 0.1 to near 10^9 (where one float is 1.2e-7 s) and delays whose float sums
# round up (0.1 + 0.2) or down (0.1 + 0.7): due times exactly as the statement's expression gives them.
_MAGNITUDES = (0.1, 1000.1, 1_000_000.3, 998_000_000.7)


def test_due_time_exact_to_the_float():
    """due times to the float: a tick one float before the due time (failure_time + base_delay_s * 2**(k-1) in float) makes nothing, at the due time or one float after it makes the attempt"""
    for t0 in _MAGNITUDES:
        for base in (0.2, 0.7, 0.3):
            s = _Session(6, base, 1000)
            s.submit("evt", fails=ALWAYS, now=t0)
            s.tick(t0)
            for k in range(1, 6):
                due = s.model.by_n[0].due
                s.tick(math.nextafter(due, -math.inf), f" (one float before the due time {due!r})")
                s.tick(due if k % 2 else math.nextafter(due, math.inf))
            s.dead_letters()


def test_every_due_attempt_in_the_first_tick_after():
    """one tick long after several due times makes every due attempt, once each, oldest due first"""
    s = _Session(5, 1.0, 1000)
    s.submit("late", fails=ALWAYS, now=0)
    s.submit("early", fails=0, now=0)
    s.tick(0)
    s.submit("new-1", now=5)
    s.submit("new-2", fails=1, now=5.5)
    s.tick(50)
    s.tick(51)
    s.pending()


def test_exactly_max_attempts():
    """exactly max_attempts attempts (the first included), then the dead-letter queue, for 1 to 6"""
    for max_attempts in range(1, 7):
        s = _Session(max_attempts, 1.0, 1000)
        s.submit(f"evt-{max_attempts}", fails=ALWAYS, now=0)
        for now in range(0, 70):
            s.tick(now)
        s.pending()
        s.dead_letters(f" (max_attempts = {max_attempts})")
        check(len(s.attempts_of(f"evt-{max_attempts}")), max_attempts,
              case=f"max_attempts = {max_attempts}: the number of send calls for an event that always fails",
              input=s.log)


def test_success_on_last_attempt():
    """an event that fails max_attempts - 1 times is delivered on its last attempt, not dead-lettered"""
    for max_attempts in (2, 3, 5):
        s = _Session(max_attempts, 1.0, 1000)
        s.submit("evt", fails=max_attempts - 1, now=0)
        for now in range(0, 40):
            s.tick(now)
        s.dead_letters()
        s.pending()


# --- send raising -----------------------------------------------------------------------------------


def test_raising_send_does_not_stop_the_tick():
    """send raising for one event: the other events due in the same tick are still attempted, in order"""
    s = _Session(3, 1.0, 1000)
    s.submit("a", fails=ALWAYS, now=0)
    s.submit("b", fails=0, now=0)
    s.submit("c", fails=2, now=0)
    s.submit("d", fails=0, now=0)
    s.tick(0)
    s.pending()
    s.tick(1)
    s.tick(3)
    s.pending()
    s.dead_letters()


def test_every_exception_type_is_a_failure():
    """send raising ConnectionError, TimeoutError, RuntimeError, ValueError, OSError, KeyError...: all failures"""
    s = _Session(3, 1.0, 1000)
    for i in range(len(_ERRORS) + 2):
        s.submit(f"evt-{i}", fails=ALWAYS if i % 2 else 1, now=0)
    for now in range(0, 8):
        s.tick(now)
    s.pending()
    s.dead_letters()


# --- ties --------------------------------------------------------------------------------------------


def test_ties_in_submit_order():
    """equal due times go in submit order, never by event id; retries keep their submit order"""
    s = _Session(3, 2.0, 1000)
    for event_id, fails in (("zeta", ALWAYS), ("alpha", 1), ("mu", ALWAYS), ("beta", 0)):
        s.submit(event_id, fails=fails, now=1)
    s.submit("aaa", fails=ALWAYS, now=3)
    s.tick(3)
    s.tick(5)
    s.tick(9)
    s.tick(20)
    s.dead_letters(" (events that die in one tick: in the order of their last attempts)")


def test_retry_ties_with_a_new_submit():
    """a retry and a later first attempt due at the same time: the earlier submit goes first"""
    s = _Session(3, 1.0, 1000)
    s.submit("new", fails=ALWAYS, now=0)  # submitted first: due again at 1.0
    s.tick(0)
    s.submit("newer", fails=0, now=0.5)
    s.tick(0.75)  # newer delivered here
    s.submit("x", now=1)
    s.tick(1)


# --- idempotency --------------------------------------------------------------------------------------


def test_duplicate_while_pending():
    """a second submit of a pending event_id is ignored (False), and the first is not rescheduled"""
    s = _Session(4, 1.0, 1000)
    s.submit("evt", fails=2, now=0)
    s.submit("evt", now=0)
    s.tick(0)
    s.submit("evt", now=0.5)
    s.submit("evt", endpoint="https://other.example/hook", now=0.9)
    s.tick(1)
    s.tick(3)
    s.pending()
    s.tick(10)


def test_duplicate_after_delivery():
    """a duplicate submit after the event was delivered is ignored: at most one delivery"""
    s = _Session(3, 1.0, 3600)
    s.submit("evt", now=0)
    s.tick(0)
    s.submit("evt", now=1)
    s.tick(1)
    s.submit("evt", now=3599.999)
    s.tick(3599.999)
    s.pending()


def test_duplicate_after_dead_letter():
    """a duplicate submit after the event was dead-lettered is ignored; the dead letter stays"""
    s = _Session(2, 1.0, 600)
    s.submit("evt", fails=ALWAYS, now=0)
    s.tick(0)
    s.tick(1)
    s.dead_letters()
    s.submit("evt", now=2)
    s.tick(2)
    s.submit("evt", now=599)
    s.tick(599)
    s.pending()
    s.dead_letters()


def test_window_expires():
    """the dedupe window ends at t0 + dedupe_window_s exactly: then the id is a new event"""
    s = _Session(2, 1.0, 10)
    s.submit("evt", now=5)
    s.tick(5)
    s.submit("evt", now=14.999)
    s.submit("evt", now=15)
    s.tick(15)
    s.submit("evt", now=24.5)
    s.submit("evt", now=25)
    s.tick(25)
    s.pending()
    s = _Session(1, 1.0, 10)
    s.submit("dead", fails=ALWAYS, now=0)
    s.tick(0)
    s.submit("dead", now=9.999)
    s.submit("dead", fails=ALWAYS, now=10)
    s.tick(10)
    s.dead_letters(" (a resubmit after the window is a new event, and can die again)")


def test_default_window_is_one_day():
    """the default dedupe window is 86400 s: a delivered id is a duplicate until t0 + 86400, and a new event at it"""
    for t0 in (0, 100.5):
        s = _Session(defaults=True)
        s.submit("evt", now=t0)
        s.tick(t0)
        for later in (60, 3600, 86399, math.nextafter(86400, -math.inf)):
            s.submit("evt", now=t0 + later)
        s.submit("evt", now=t0 + 86400)
        s.tick(t0 + 86400)
        s.pending()
    s = _Session(defaults=True)
    s.submit("dead", fails=ALWAYS, now=0)
    for now in (0, 1, 3, 7, 15):
        s.tick(now)
    s.submit("dead", now=86399.5)
    s.submit("dead", now=86400)
    s.tick(86400)
    s.pending()
    s.dead_letters()


def test_window_end_exact_to_the_float():
    """the window ends at t0 + dedupe_window_s as a float sum: one float before it a duplicate, at it a new event"""
    for t0 in _MAGNITUDES:
        for window in (0.2, 0.3, 0.7, 1000):
            s = _Session(2, 1.0, window)
            s.submit("evt", now=t0)
            s.tick(t0)
            end = t0 + window
            s.submit("evt", now=math.nextafter(end, -math.inf))
            s.submit("evt", now=end)
            s.tick(end)
            s.pending()


def test_window_counts_from_the_accepted_submit():
    """ignored duplicates do not extend the window: it counts from the accepted submit"""
    s = _Session(2, 1.0, 10)
    s.submit("evt", now=0)
    s.tick(0)
    for now in (3, 6, 9):
        s.submit("evt", now=now)
    s.submit("evt", now=10)
    s.tick(10)


def test_pending_event_outlives_its_window():
    """an event still pending after its window blocks its id; once dead and out of the window, the id is free"""
    s = _Session(5, 1.0, 2)
    s.submit("evt", fails=ALWAYS, now=0)
    for now in range(0, 16):
        s.tick(now)
        s.submit("evt", now=now + 0.5)
    s.dead_letters()
    s.submit("evt", now=16)
    s.tick(16)
    s.pending()


def test_zero_window():
    """dedupe_window_s = 0: only a pending event blocks its id"""
    s = _Session(2, 1.0, 0)
    s.submit("evt", fails=1, now=0)
    s.submit("evt", now=0)
    s.tick(0)
    s.submit("evt", now=0.5)
    s.tick(1)
    s.submit("evt", now=1)
    s.tick(1)
    s.pending()


# --- outputs ------------------------------------------------------------------------------------------


def test_dead_letters_kept_and_ordered():
    """dead_letters() keeps every dead event, in the order they died, and reading it changes nothing"""
    s = _Session(2, 1.0, 1000)
    s.submit("x", endpoint="https://x.example/hook", fails=ALWAYS, now=0, extra={"status": "undelivered"})
    s.submit("y", endpoint="https://y.example/hook", fails=ALWAYS, now=0.5, extra={"status": "failed", "code": 30003})
    s.dead_letters()
    s.tick(0.5)
    s.dead_letters()
    s.tick(1.5)
    s.dead_letters()
    s.dead_letters(" (read twice)")
    s.submit("z", fails=ALWAYS, now=2)
    s.tick(2)
    s.tick(3)
    s.dead_letters(" (after later ticks)")
    s.dead_letters(" (read again)")


def test_dead_letters_is_a_new_list_each_time():
    """dead_letters() returns a new list on each call: never the dispatcher's own list, nor one it hands out again"""
    d = Dispatcher(local_callable(raises="ConnectionError", message="503 Service Unavailable", times=10**9), 1, 1.0, 1000)
    calls = [("dead_letters", ()), ("dead_letters", ()),
             ("submit", ("a", "https://a.example/hook", {"sid": "a"}, 0)), ("tick", (0,)),
             ("dead_letters", ()), ("dead_letters", ()), ("pending", ()),
             ("submit", ("b", "https://b.example/hook", {"sid": "b"}, 1)), ("tick", (1,)), ("dead_letters", ())]
    script = ("d = Dispatcher(send, max_attempts=1, base_delay_s=1.0, dedupe_window_s=1000)  # send always raises; "
              + "; ".join(f"d.{name}({', '.join(map(repr, args))})" for name, args in calls))
    # The objects are compared where they live, in the candidate's process (a copy of each crosses otherwise).
    shared = call_many(d, calls, summary="lists_returned_twice", as_returned=True)
    if shared:
        i, j = shared[0]
        fail(f"call #{j + 1} returned the very list object call #{i + 1} returned: each dead_letters() must build a new list "
             "(a caller that keeps or changes it must not see or change the dispatcher's own)",
             input=script, expected=Raw("a new list from every dead_letters() call"),
             actual=Raw(f"the same list object from calls #{i + 1} and #{j + 1}"))


def test_pending_counts():
    """pending() counts events with an attempt still to come, due or not: not delivered, not dead"""
    s = _Session(3, 1.0, 1000)
    s.pending()
    for i, fails in enumerate((0, 1, ALWAYS, 0)):
        s.submit(f"evt-{i}", fails=fails, now=0)
    s.submit("evt-0", now=0)
    s.pending(" (after 4 submits and a duplicate, before any tick)")
    s.tick(0)
    s.pending()
    s.tick(1)
    s.pending()
    s.tick(10)
    s.pending()


# --- refused calls ----------------------------------------------------------------------------------


def test_invalid_settings_are_refused():
    """Dispatcher(...) raises ValueError for max_attempts < 1, base_delay_s <= 0 or NaN, dedupe_window_s < 0 or NaN"""
    ends = _Endpoints()
    for max_attempts, base, window, why in (
            (0, 1.0, 60, "max_attempts = 0"), (-1, 1.0, 60, "max_attempts = -1"),
            (3, 0, 60, "base_delay_s = 0"), (3, 0.0, 60, "base_delay_s = 0.0"), (3, -0.5, 60, "base_delay_s = -0.5"),
            (3, math.nan, 60, "base_delay_s = nan"), (3, -math.inf, 60, "base_delay_s = -inf"),
            (3, 1.0, -1, "dedupe_window_s = -1"), (3, 1.0, -0.001, "dedupe_window_s = -0.001"),
            (3, 1.0, math.nan, "dedupe_window_s = nan")):
        check_raises(ValueError, Dispatcher, ends.send, max_attempts, base, window, case=f"Dispatcher(send, ...) with {why}",
                     input=f"Dispatcher(send, max_attempts={max_attempts!r}, base_delay_s={base!r}, dedupe_window_s={window!r})")
    s = _Session(1, 0.001, 0)
    s.submit("evt", fails=ALWAYS, now=0)
    s.tick(0)
    s.dead_letters(" (the smallest valid settings)")


def test_refused_times_change_nothing():
    """submit and tick raise ValueError for NaN, inf, negative and past times, and change nothing: the clock, the queue, the dedupe memory"""
    s = _Session(3, 1.0, 10)
    s.refused("tick", -1, why="now=-1 (before the clock, 0 at the start)")
    s.refused("submit", "early", "https://hooks.example/sms", {"refused": True}, -0.5, why="now=-0.5")
    s.submit("evt", fails=1, now=5)
    s.submit("done", now=5)
    s.tick(5)  # evt fails, due again at 6; done delivered
    for bad, why in ((math.nan, "now=nan"), (math.inf, "now=inf"), (-math.inf, "now=-inf"), (4.5, "now=4.5 < the clock 5"),
                     (math.nextafter(5, 0), "now one float before the clock 5")):
        s.refused("tick", bad, why=why)
        s.refused("submit", "new", "https://hooks.example/sms", {"refused": True}, bad, why=why)
        s.refused("submit", "done", "https://hooks.example/sms", {"refused": True}, bad,
                  why=f"{why}, for a duplicate id (the time is checked first)")
    s.submit("done", now=5)  # still inside its window: the refused calls forgot nothing
    s.submit("new", fails=ALWAYS, now=5.5)
    s.refused("tick", 5.25, why="now=5.25 < the clock 5.5 (set by the last submit)")
    s.tick(6)
    s.submit("dup", now=7)
    s.submit("dup", now=7.5)  # a duplicate (False) moves the clock too
    s.refused("tick", 7.25, why="now=7.25 < the clock 7.5 (set by a duplicate submit, which did not raise)")
    s.tick(8)
    s.pending()
    s.dead_letters()


# --- property-based -------------------------------------------------------------------------------

_IDS = ["a", "b", "c"]
_ENDPOINTS = ["https://a.example/hook", "https://b.example/hook"]
_FAILS = [0, 0, 1, 1, 2, ALWAYS]
# A step is (kind, id, endpoint, fails, dt, side, bad, count); each kind reads the fields it needs.
# "tick": a tick dt later. "tick_due": a tick at the next due time (side 0) or one float before or
# after it (-1, +1). "submit": a submit dt later, its first `fails` attempts failing. "window_end":
# a submit at the end of the id's last window, t0 + dedupe_window_s, or one float either side.
# "burst": `count` submits at one time, due together. "refused": a tick or (side -1) a submit at a
# time that must be refused, then a valid submit of the id at the clock (a refused call changes
# nothing: the id's dedupe state included). After each step, pending() and dead_letters().
_DTS = [0, 0, 0.1, 0.25, 0.5, 1, 2, 5]
_BAD_KINDS = ["nan", "inf", "-inf", "negative", "past", "one float past"]


def _steps(kind, ids=(0,), endpoints=(0,), fails=(0,), dts=(0,), sides=(0,), bad_kinds=("nan",), counts=(2,)):
    """Every step of `kind`: each combination of the fields it reads (the others fixed), one choice."""
    return st.sampled_from([(kind, *fields) for fields in itertools.product(ids, endpoints, fails, dts, sides, bad_kinds, counts)])


# A step is two choices, its kind then its fields (eight choices, one per field, made Hypothesis's
# bookkeeping most of this test's time). A kind's weight is its number of branches (one_of counts
# one strategy object once): tick_due 12, submit 9, window_end 6, refused 6 (a tick 4, a submit
# 2), tick 3, burst 3. A refused tick reads no side; every other field keeps all its values.
_STEP = st.one_of(
    *[_steps("tick_due", sides=(-1, 0, 1)) for _ in range(12)],
    *[_steps("submit", range(3), range(2), _FAILS, _DTS) for _ in range(9)],
    *[_steps("window_end", range(3), range(2), _FAILS, sides=(-1, 0, 1)) for _ in range(6)],
    *[_steps("refused", range(3), range(2), _FAILS, sides=(0,), bad_kinds=_BAD_KINDS) for _ in range(4)],
    *[_steps("refused", range(3), range(2), _FAILS, sides=(-1,), bad_kinds=_BAD_KINDS) for _ in range(2)],
    *[_steps("tick", dts=_DTS) for _ in range(3)],
    *[_steps("burst", fails=_FAILS, counts=(2, 3, 4)) for _ in range(3)],
)
# Start times from 0 to near 10^9 (one float there is 1.2e-7 s) and delays whose float sums round
# both ways (0.1 + 0.2 rounds up, 0.1 + 0.7 down).
_STARTS = [0, 0.1, 1000.1, 1_000_000.3, 998_000_000.7]
_BASES = [0.1, 0.2, 0.3, 0.7, 1.0, 1.5]
_WINDOWS = [0, 0.3, 0.7, 2, 5, 1000]
_BAD_NOW = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf, "negative": -1.0}


@settings(max_examples=100)
@given(max_attempts=st.integers(1, 4), base=st.sampled_from(_BASES), window=st.sampled_from(_WINDOWS),
       start=st.sampled_from(_STARTS), steps=st.lists(_STEP, min_size=4, max_size=25))
def test_random_scripts_against_model(max_attempts, base, window, start, steps):
    """random submits, ticks, refused calls and failing attempts, at due times and window ends and one float either side, match a model (property-based)"""
    s = _BatchedSession(max_attempts, base, window)
    model = s.model
    now = start
    bursts = 0
    for kind, id_index, endpoint_index, fails, dt, side, bad_kind, count in steps:
        event_id, endpoint = _IDS[id_index], _ENDPOINTS[endpoint_index]
        if kind == "tick":
            now += dt
            s.tick(now)
        elif kind == "tick_due":
            due, why = model.next_due(), ""
            if due is not None and due > now:
                now = due if side == 0 else math.nextafter(due, side * math.inf)
                why = f" (one float before the due time {due!r})" if side < 0 else ""
            s.tick(now, why)
        elif kind == "submit":
            now += dt
            s.submit(event_id, endpoint, fails, now)
        elif kind == "window_end":
            accepted = [e for e in model.events if e.event_id == event_id]
            if accepted:
                end = accepted[-1].accepted + window
                now = max(now, end if side == 0 else math.nextafter(end, side * math.inf))
            s.submit(event_id, endpoint, fails, now)
        elif kind == "burst":
            for _ in range(count):
                bursts += 1
                s.submit(f"burst-{bursts}", _ENDPOINTS[bursts % 2], fails, now)
        else:
            bad, clock = _BAD_NOW.get(bad_kind), model.clock
            if bad is None:
                if clock <= 0:
                    continue
                bad = math.nextafter(clock, -math.inf) if bad_kind == "one float past" else clock - min(clock, 0.5) / 2
            what = f"now={bad!r}" + (f" < the clock {clock!r} (the largest now so far)" if math.isfinite(bad) and bad >= 0 else "")
            if side < 0:
                s.refused("submit", event_id, endpoint, {"refused": True}, bad,
                          why=what + " (the time is checked first, even for a duplicate id)")
            else:
                s.refused("tick", bad, why=what)
            s.submit(event_id, endpoint, fails, now)
        s.look()
    s.tick(now + 10**6)
    s.look(" (after a final tick long after everything)")
    s.batch.check()


# --- memory: the dedupe window must be pruned --------------------------------------------------

# Ids as long as real ones (a 34-character message SID and a status): a dict that keeps every id
# grows by ~150 bytes per event, 4.5 MB over the measured 30,000 events; a pruned one by ~0 (the
# suite's own transient lists are kept small, 2,000 events per batch, so they do not move RSS).
_MEM_EVENTS, _MEM_CHUNK, _MEM_WARMUP, _MEM_SLACK = 40_000, 2_000, 10_000, 1_500_000


def _mem_chunk(first):
    calls = []
    for i in range(first, first + _MEM_CHUNK):
        now = i / 100
        calls.append(("submit", (f"SM{i:032x}:undelivered", "https://hooks.example/sms", i, now)))
        if i % 10 == 9:
            calls.append(("tick", (now,)))
    return calls


# The calls do not depend on the candidate: built ahead (before a save in watch mode), each list encoded once.
MEM_CHUNKS = [ahead(functools.partial(_mem_chunk, first)) for first in range(0, _MEM_EVENTS, _MEM_CHUNK)]


def test_dedupe_memory_is_pruned():
    """memory: 40,000 events through a 1 s dedupe window; ids whose window has passed must be forgotten"""
    # Every send succeeds, inside the candidate's process (no round trip per delivery): what is
    # checked here is memory, and pending() / dead_letters() below.
    d = Dispatcher(local_callable(), 3, 1.0, 1.0)
    what = (f"Dispatcher(send, 3, 1.0, dedupe_window_s=1.0); {_MEM_EVENTS:,} events 'SM<32 hex digits>:undelivered' "
            f"submitted at t = i / 100, a tick every 10 submits, every send succeeds")
    start = None
    for first, chunk in zip(range(0, _MEM_EVENTS, _MEM_CHUNK), MEM_CHUNKS):
        call_many(d, chunk())
        if first + _MEM_CHUNK == _MEM_WARMUP:
            # Read from outside the worker; a collection here, in the suite's process, would change
            # nothing there (and cost a full walk of this process's heap).
            start = worker_memory_bytes()
    grown = worker_memory_bytes() - start
    check(d.dead_letters(), [], case="no event may go to the dead-letter queue when every send succeeds", input=what)
    pending = d.pending()
    check(pending, 0, case="pending() after every event was delivered", input=what)
    measured = _MEM_EVENTS - _MEM_WARMUP
    if grown > _MEM_SLACK:
        raise MemoryGrowth(f"memory grew by {grown / 1e6:.1f} MB ({grown / measured:.0f} bytes per event) over the last "
                           f"{measured:,} events, with at most 100 ids inside the 1 s window at any time: ids whose window "
                           f"has passed (and whose event is done) must be forgotten", input=what, has_values=False)


# --- many attempts due in one tick: after the memory test, whose reading its freed memory would hide ---

# 6,000 events submitted 4 per millisecond, none attempted until one tick at t = 5: all 6,000 first
# attempts are due in it. Every send fails inside the candidate's process (no round trip each);
# with max_attempts = 2 their retries all fall due at 5.5, in one tick again, and die there in
# submit order. The reference runs the same calls here, while the candidate's worker runs them.
# Each payload is the event's number (plain data, like the dicts elsewhere): 6,000 dead letters
# of (str, str, int) cross the boundary as one flat list of tuples, not 6,000 nested dicts.
_MANY, _MANY_BASE = 6_000, 0.5
MANY_SUBMITS = ahead(lambda: [("submit", (f"SM{i:032x}:failed", _ENDPOINTS[i % 2], i, (i // 4) / 1000))
                              for i in range(_MANY)])


def _always_fails(endpoint, payload):
    raise ConnectionError("503 Service Unavailable")


def test_many_attempts_due_in_one_tick():
    """6,000 attempts due in one tick: every one is made in that tick, then 6,000 retries due together, in submit order"""
    what = (f"Dispatcher(send, 2, {_MANY_BASE}, 60): {_MANY:,} events submitted 4 per ms from t = 0, every send "
            f"fails; tick(5), tick({5 + _MANY_BASE}), tick(6)")
    submits = MANY_SUBMITS()
    cand = Dispatcher(local_callable(raises="ConnectionError", message="503 Service Unavailable", times=10**9), 2, _MANY_BASE, 60)
    ref = reference().Dispatcher(_always_fails, 2, _MANY_BASE, 60)
    script = [*submits, ("pending", ()), ("tick", (5,)), ("pending", ()), ("tick", (5 + _MANY_BASE,)), ("pending", ()),
              ("tick", (6,)), ("pending", ()), ("dead_letters", ())]
    # The reference runs here while the candidate runs in its worker (this thread only waits on it).
    want = []
    ref_side = threading.Thread(target=lambda: want.extend(getattr(ref, method)(*args) for method, args in script))
    ref_side.start()
    try:
        got = call_many(cand, script)
    finally:
        ref_side.join()
    for i, label in ((_MANY, "before any tick"), (_MANY + 2, "after tick(5): every first attempt was due and failed"),
                     (_MANY + 4, f"after tick({5 + _MANY_BASE}): every retry was due and failed (max_attempts = 2)"),
                     (_MANY + 6, "after tick(6)")):
        check(got[i], want[i], case=f"pending() {label}", input=what)
    dead, want_dead = got[-1], want[-1]
    if dead != want_dead:
        i = next((i for i, (a, b) in enumerate(zip(want_dead, dead)) if a != b), min(len(dead), len(want_dead)))
        fail(f"dead_letters() after every event died: entry #{i + 1} differs (all {_MANY:,} retries were due in "
             f"tick({5 + _MANY_BASE}): made in it, in submit order)", input=what,
             expected=Raw(f"{len(want_dead):,} dead letters, #{i + 1}: {want_dead[i] if i < len(want_dead) else 'none'}"),
             actual=Raw(f"{len(dead):,} dead letters, #{i + 1}: {dead[i] if i < len(dead) else 'none'}"))


# --- the large input, last ---------------------------------------------------------------------

# 50,000 events fail once, five per tick 0.01 s apart (untimed; those sends fail inside the
# candidate's process, see local_callable), and wait for their retry 1,000 s later. Then the
# timed part: 200 ticks 0.01 s apart, each with the 5 retries of one group due, which now
# succeed and come back to the suite to be checked. A solution that looks at every pending
# event (or sorts them) on each tick does 10^7 steps there; a heap does 1,000 pops. (The
# fill is where such a solution spends most: it then fails on the per-test limit instead.)
_LARGE, _GROUP, _STEP, _BASE, _TIMED_TICKS = 50_000, 5, 0.01, 1000.0, 200
_ENDPOINT = "https://hooks.example/sms"


class _Down:
    """Up from t = _BASE (the timed part): records the payload of every attempt."""

    def __init__(self):
        self.sent = []

    def send(self, endpoint, payload):
        self.sent.append(payload)


class _DownUntilBase(_Down):
    """The reference's endpoint: down until t = _BASE, then up."""

    def __init__(self):
        super().__init__()
        self.now = 0.0

    def send(self, endpoint, payload):
        if self.now < _BASE:
            self.sent.append(payload)
            raise ConnectionError("503 Service Unavailable")
        super().send(endpoint, payload)


def _fill_calls():
    calls = []
    for i in range(_LARGE):
        calls.append(("submit", (f"evt-{i:06d}", _ENDPOINT, i, (i // _GROUP) * _STEP)))
        if i % _GROUP == _GROUP - 1:
            calls.append(("tick", ((i // _GROUP) * _STEP,)))
    return calls


def _timed_ticks():
    return [_BASE + g * _STEP for g in range(_TIMED_TICKS)]


LARGE_FILL = ahead(_fill_calls)


def test_large_input_within_time_limit():
    """large input: 50,000 pending events, 200 ticks with 5 attempts due each, within the time limit"""
    what = (f"Dispatcher(send, 3, {_BASE:g}, 86400): {_LARGE:,} events fail their first attempt ({_GROUP} per tick, ticks "
            f"{_STEP} s apart), then {_TIMED_TICKS:,} ticks from t = {_BASE:g}, {_GROUP} retries due in each")
    fill = LARGE_FILL()
    ticks = _timed_ticks()
    down = _Down()
    # The endpoint is down for the first _LARGE attempts, inside the candidate's process (no
    # round trip each: a correct solution makes exactly one attempt per event while filling,
    # which pending() checks); the timed attempts after that come back here, to be checked.
    cand = Dispatcher(local_callable(raises="ConnectionError", message="503 Service Unavailable", times=_LARGE, then=down.send),
                      3, _BASE, 86400)
    ref_down = _DownUntilBase()
    ref = reference().Dispatcher(ref_down.send, 3, _BASE, 86400)
    # The reference fills here while the candidate fills in its worker (this thread only waits on it).
    ref_fill = threading.Thread(target=lambda: [getattr(ref, method)(*args) for method, args in fill])
    ref_fill.start()
    try:
        call_many(cand, fill)
    finally:
        ref_fill.join()
    pending = cand.pending()
    check(pending, _LARGE, case=f"pending() after {_LARGE:,} events failed their first attempt", input=what)
    ref_down.now = _BASE  # the endpoint is back up
    ref_down.sent.clear()

    within_reference_budget(lambda: call_many(cand, [("tick", (t,)) for t in ticks]),
                            lambda: [ref.tick(t) for t in ticks], what=what)
    expected = list(range(_TIMED_TICKS * _GROUP))
    if down.sent != expected:
        got = down.sent
        i = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(got), len(expected)))
        fail(f"large input: the retries were attempted in the wrong order or not at all: attempt #{i + 1} must be "
             f"the event submitted #{i + 1} (oldest due first, ties in submit order)", input=what,
             expected=Raw(f"{len(expected):,} attempts, payloads 0, 1, 2, ..."),
             actual=Raw(f"{len(got):,} attempts, payloads {got[max(0, i - 2):i + 3]} around #{i + 1}"))
    check(cand.pending(), _LARGE - _TIMED_TICKS * _GROUP, case="pending() after the timed ticks", input=what)
