"""Hidden suite for send_scheduler. The judge loads the candidate as the module `send_scheduler`.

The oracle is a brute-force model: every message ever accepted in one list, every send time of
every number kept, each bucket's level recomputed from its whole send history with Fractions,
the rings as plain lists. Scripts follow the model (never the candidate's answers), so a whole
case goes to the candidate's worker in one Batch; a refused call ends its batch (call_raises).
Each tick's answer is judged by a function that, on a difference, says which rule broke:
a message that was not waiting, a number over its rate, too few sent, priority, round-robin
(starvation), FIFO, or the order of the list.
"""

import math
import random
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st
from send_scheduler import Scheduler

from harness.authoring.testing import Batch, CallLog, Raw, WrongAnswer, ahead, call_many, check_raises, reference, reference_ahead, within_reference_budget

F = Fraction
REFUSED = "refused"


def _t(x):
    return repr(x) if isinstance(x, float) else str(x)


def _tokens(level):
    """A level as the failure shows it: exact when it is not a short decimal."""
    f = float(level)
    return f"{f:g}" if F(f) == level else f"{f!r} (exactly {level})"


# --- the oracle ----------------------------------------------------------------------------------


class _Message:
    def __init__(self, seq, msg_id, account, number, priority, now, model):
        self.seq, self.msg_id, self.account, self.number, self.priority = seq, msg_id, account, number, priority
        self.t0 = F(now)
        self.t0_raw = now
        self.expires = self.t0 + model.validity
        self.free_at = self.t0 + model.window  # when its id is no longer a duplicate
        self.state = "waiting"  # then "sent" or "expired"


class Model:
    """The contract, brute force."""

    def __init__(self, rates, burst=1, validity_s=14400, dedupe_window_s=86400):
        self.order = list(rates)
        self.rate = {n: F(r) for n, r in rates.items()}
        self.burst = F(burst)
        self.validity = F(validity_s)
        self.window = F(dedupe_window_s)
        self.messages = []  # every accepted message, in submit order
        self.sent_at = {n: [] for n in rates}  # exact time of every send, per number
        self.rings = {}  # (number, priority) -> [account, ...], front first
        self.clock = None  # the raw now of the latest call that did not raise
        self.after_sends = {}  # number -> (sends so far, level just after the last, its time): a cache of level()

    # the rules
    def refusal(self, now, number=None, priority=None, submit=False):
        if type(now) not in (int, float) or not math.isfinite(now) or now < 0:
            return f"now = {now!r} is not a finite number >= 0"
        if self.clock is not None and now < self.clock:
            return f"now = {_t(now)} is before the clock ({_t(self.clock)}): time never goes back"
        if submit and number not in self.rate:
            return f"{number!r} is not one of the numbers ({', '.join(map(repr, self.order))})"
        if submit and (type(priority) is not int or not 0 <= priority <= 9):
            return f"priority {priority!r} is not an int from 0 to 9"
        return None

    def move(self, now):
        self.clock = now
        now_f = F(now)
        for m in self.messages:
            if m.state == "waiting" and m.expires <= now_f:
                m.state = "expired"
        for key, ring in self.rings.items():
            ring[:] = [a for a in ring if self.waiting_of(key[0], key[1], a)]

    def waiting_of(self, number, priority, account):
        return [m for m in self.messages if m.state == "waiting" and m.number == number and m.priority == priority
                and m.account == account]

    def duplicate_of(self, msg_id, now):
        now_f = F(now)
        for m in self.messages:
            if m.msg_id == msg_id and now_f < m.free_at:
                return m
        return None

    def submit(self, msg_id, account, number, priority, now):
        self.move(now)
        if self.duplicate_of(msg_id, now):
            return False
        m = _Message(len(self.messages), msg_id, account, number, priority, now, self)
        self.messages.append(m)
        ring = self.rings.setdefault((number, priority), [])
        if account not in ring:
            ring.append(account)
        return True

    def level(self, number, now):
        """The bucket's level at `now`, recomputed from the number's whole send history."""
        level, last, r = self.burst, None, self.rate[number]
        sends = self.sent_at[number]
        done, cached_level, cached_last = self.after_sends.get(number, (0, None, None))
        if done:
            level, last = cached_level, cached_last
        for t in sends[done:]:
            if last is not None:
                level = min(self.burst, level + (t - last) * r)
            level -= 1
            last = t
        self.after_sends[number] = (len(sends), level, last)
        if last is not None:
            level = min(self.burst, level + (F(now) - last) * r)
        return level

    def next_on(self, number):
        for priority in range(10):
            ring = self.rings.get((number, priority))
            if ring:
                return priority, ring[0], self.waiting_of(number, priority, ring[0])[0]
        return None

    def tick(self, now):
        self.move(now)
        out = []
        for number in self.order:
            level = self.level(number, now)
            while level >= 1:
                nxt = self.next_on(number)
                if nxt is None:
                    break
                priority, account, m = nxt
                m.state = "sent"
                ring = self.rings[(number, priority)]
                ring.pop(0)
                if self.waiting_of(number, priority, account):
                    ring.append(account)
                self.sent_at[number].append(F(now))
                level -= 1
                out.append(m.msg_id)
        return out

    def pending(self):
        return sum(m.state == "waiting" for m in self.messages)


# --- a tick's diagnosis -----------------------------------------------------------------------------


class _TickContext:
    """What the model knew just before a tick: enough to say which rule an answer broke."""

    def __init__(self, model, now):
        now_f = F(now)
        self.now = now
        self.by_id = {}  # msg_id -> the latest accepted message with that id, as it was before the tick
        for m in model.messages:
            self.by_id[m.msg_id] = (m.number, m.priority, m.account, m.state, m.t0_raw, m.seq)
        self.expiring = {m.msg_id for m in model.messages if m.state == "waiting" and now_f - m.t0 >= model.validity}
        self.validity = model.validity
        self.order = list(model.order)
        self.levels = {n: model.level(n, now) for n in model.order}
        self.rings = {k: list(v) for k, v in model.rings.items()}

    def explain(self, expected, actual):
        """None when `actual` is right; else what is wrong with it."""
        if type(actual) is not list:
            return f"tick must return a list of msg_ids, not {type(actual).__name__}"
        if actual == expected:
            return None
        if len(set(actual)) != len(actual):
            dup = next(x for x in actual if actual.count(x) > 1)
            return f"{dup!r} is in the list twice: a message is sent once"
        for msg_id in actual:
            info = self.by_id.get(msg_id)
            if info is None:
                return f"{msg_id!r} was never accepted (a duplicate, or never submitted), so it cannot be sent"
            number, priority, account, state, t0, _ = info
            if state == "sent":
                return f"{msg_id!r} was already sent: a message is sent once"
            if state == "expired" or msg_id in self.expiring:
                return (f"{msg_id!r} has expired: submitted at {_t(t0)}, it expires at {_t(t0)} + validity_s "
                        f"{_tokens(self.validity)} <= now {_t(self.now)}, and is never sent late")
        by_number = {}
        for msg_id in actual:
            by_number.setdefault(self.by_id[msg_id][0], []).append(msg_id)
        want_by_number = {}
        for msg_id in expected:
            want_by_number.setdefault(self.by_id[msg_id][0], []).append(msg_id)
        for number in self.order:
            got, want = by_number.get(number, []), want_by_number.get(number, [])
            level = self.levels[number]
            if len(got) > len(want):
                if len(got) > level:
                    return (f"{number!r} sent {len(got)} message(s), but its bucket held {_tokens(level)} token(s) at "
                            f"now = {_t(self.now)}: a number never goes over its rate (each send takes a whole token; "
                            f"the level is min(burst, L + (now - t) * rate), exactly)")
            if len(got) < len(want):
                return (f"{number!r} sent {len(got)} message(s), but its bucket held {_tokens(level)} token(s) and it had "
                        f"messages waiting: tick sends while the bucket holds a whole token ({len(want)} here)")
        for number in self.order:
            got, want = by_number.get(number, []), want_by_number.get(number, [])
            for i, (g, w) in enumerate(zip(got, want)):
                if g == w:
                    continue
                gn, gp, ga, _, gt, _ = self.by_id[g]
                wn, wp, wa, _, wt, _ = self.by_id[w]
                if gp != wp:
                    return (f"{number!r}'s send #{i + 1}: {g!r} (priority {gp}) went before {w!r} (priority {wp}): "
                            f"the most urgent waiting priority goes first, and 0 is the most urgent")
                if ga != wa:
                    ring = self.rings.get((number, gp), [])
                    return (f"{number!r}'s send #{i + 1}: {g!r} of account {ga!r} went before {w!r} of account {wa!r}: "
                            f"round-robin within priority {gp}, whose ring was {ring!r} before this tick (front first); "
                            f"the front account sends, then moves to the back, so no account's flood starves another")
                return (f"{number!r}'s send #{i + 1}: {g!r} (submitted at {_t(gt)}) went before {w!r} (submitted at "
                        f"{_t(wt)}), both of account {ga!r}: FIFO within an account, oldest submit first")
        return ("the messages are right but the list's order is not: grouped by number, the numbers in the order "
                f"of mps_per_number ({', '.join(map(repr, self.order))}), each number's in the order it sent them")


# --- a case: the scheduler, the model, the batch -------------------------------------------------


class Session:
    def __init__(self, rates, *args, log_limit=80):
        self.log = CallLog(limit=log_limit)
        self.model = Model(rates, *args)
        self.obj = self.log.new(Scheduler, rates, *args)
        self.batch = Batch(self.obj, self.log)

    def submit(self, msg_id, account, number, priority, now):
        model = self.model
        why = model.refusal(now, number, priority, submit=True)
        if why:
            self.batch.call_raises("submit", msg_id, account, number, priority, now, raises=ValueError,
                                   case=f"submit(..., now={_t(now)}) must raise ValueError: {why} (and change nothing)")
            return REFUSED
        first = model.duplicate_of(msg_id, now) if model.clock is None or now >= model.clock else None
        expected = model.submit(msg_id, account, number, priority, now)
        if expected:
            case = f"submit({msg_id!r}, ..., now={_t(now)}) must return True"
            earlier = [m for m in model.messages[:-1] if m.msg_id == msg_id]
            if earlier:
                e = earlier[-1]
                case += (f": {msg_id!r} was accepted at {_t(e.t0_raw)}, and {_t(now)} >= {_t(e.t0_raw)} + "
                         f"dedupe_window_s {_tokens(model.window)}, so the id is free again (a new message)")
        else:
            case = (f"submit({msg_id!r}, ..., now={_t(now)}) must return False: {msg_id!r} was accepted at "
                    f"{_t(first.t0_raw)} and {_t(now)} < {_t(first.t0_raw)} + dedupe_window_s {_tokens(model.window)} "
                    f"(a duplicate, whether the first is waiting, sent or expired)")
        self.batch.call("submit", msg_id, account, number, priority, now, expect=expected, case=case)
        return expected

    def tick(self, now):
        model = self.model
        why = model.refusal(now)
        if why:
            self.batch.call_raises("tick", now, raises=ValueError, case=f"tick({_t(now)}) must raise ValueError: {why}")
            return REFUSED
        context = _TickContext(model, now)
        expected = model.tick(now)
        self.batch.call("tick", now, expect=expected, case=f"tick({_t(now)})",
                        judge=lambda actual: context.explain(expected, actual))
        return expected

    def pending(self, why=""):
        model = self.model
        expected = model.pending()
        states = {}
        for m in model.messages:
            states[m.state] = states.get(m.state, 0) + 1
        summary = ", ".join(f"{k} {v}" for k, v in sorted(states.items())) or "none accepted"
        self.batch.call("pending", expect=expected,
                        case=f"pending() must count the messages accepted, not sent and not expired as of the clock "
                             f"({summary}){why}")
        return expected

    def check(self):
        self.batch.check()


def _play(session, script):
    for step in script:
        getattr(session, step[0])(*step[1:])
    session.check()
    return session


N1, N2, N3 = "+15550001", "+15550002", "+15550003"


# --- the statement ---------------------------------------------------------------------------------


def test_statement_example():
    """the example from the statement"""
    s = Session({N1: 1, N2: 2}, 2, 10, 30)
    _play(s, [("submit", "m1", "acme", N1, 9, 0), ("submit", "m2", "acme", N1, 9, 0), ("submit", "m3", "acme", N1, 9, 0),
              ("submit", "b1", "bolt", N1, 9, 0), ("submit", "m1", "acme", N1, 9, 0.5), ("pending",), ("tick", 1),
              ("submit", "otp", "bolt", N1, 0, 1), ("tick", 1.5), ("tick", 2), ("tick", 3),
              ("submit", "x1", "acme", N2, 5, 3), ("tick", 3), ("pending",), ("tick", 10), ("pending",), ("tick", 9),
              ("submit", "z", "acme", "+15559999", 0, 10), ("submit", "b1", "bolt", N1, 9, 29.5),
              ("submit", "y1", "bolt", N2, 0, 30), ("submit", "m1", "acme", N1, 9, 30), ("tick", 30), ("pending",)])


def test_statement_exact_edge():
    """the statement's exact edge: at 3 per second, the float just below 1/3 holds no token"""
    _play(Session({"n": 3}), [("submit", "a", "x", "n", 0, 0), ("submit", "b", "x", "n", 0, 0), ("tick", 0),
                              ("tick", 0.3333333333333333), ("tick", 0.33333333333333337), ("pending",)])


def test_defaults():
    """the defaults: burst 1, validity_s 14400, dedupe_window_s 86400"""
    s = Session({"n": 1})
    script = [("submit", f"m{i}", "a", "n", 5, 0) for i in range(3)] + [("tick", 0), ("tick", 0.5), ("tick", 1)]
    script += [("submit", "q", "a", "n", 5, 14399.75), ("pending",), ("tick", 14400), ("pending",),
               ("submit", "m0", "a", "n", 5, 86399.5), ("submit", "m0", "a", "n", 5, 86400), ("tick", 86400),
               ("submit", "m0", "a", "n", 5, 172799.75), ("pending",)]
    _play(s, script)


def test_constructor_checks():
    """the constructor raises ValueError for a bad rate, burst, validity_s or dedupe_window_s"""
    bad = [({"n": 0}, ()), ({"n": -1}, ()), ({"n": math.nan}, ()), ({"n": math.inf}, ()), ({"n": "1"}, ()),
           ({"n": 1}, (0,)), ({"n": 1}, (1.5,)), ({"n": 1}, (-2,)), ({"n": 1}, (1, 0)), ({"n": 1}, (1, -5)),
           ({"n": 1}, (1, math.inf)), ({"n": 1}, (1, math.nan)), ({"n": 1}, (1, 10, 5)), ({"n": 1}, (1, 10, math.inf)),
           ({"a": 1, "b": 0}, ())]
    for rates, args in bad:
        text = f"Scheduler({rates!r}{''.join(', ' + repr(a) for a in args)})"
        check_raises(ValueError, Scheduler, rates, *args, case=f"{text} must raise ValueError", input=text)
    # validity_s == dedupe_window_s is allowed; an empty dict too (every submit is then refused)
    _play(Session({"n": 1}, 1, 10, 10), [("submit", "a", "x", "n", 0, 0), ("tick", 0), ("submit", "a", "x", "n", 0, 10),
                                         ("tick", 10)])
    _play(Session({}), [("pending",), ("submit", "a", "x", "n", 0, 0), ("tick", 0), ("pending",)])


# --- token buckets ----------------------------------------------------------------------------------


def test_bucket_starts_full():
    """the bucket starts full: the first tick sends up to burst at once"""
    for burst in (1, 2, 5):
        s = Session({"n": 1}, burst)
        _play(s, [("submit", f"m{i}", "a", "n", 3, 0.5) for i in range(7)] + [("tick", 0.5), ("tick", 0.75),
                                                                                ("tick", 1.5), ("pending",)])


def test_burst_after_idle_is_capped():
    """after a long idle, a number sends at most burst at once: the bucket never fills past burst"""
    s = Session({"n": 2}, 3)
    script = [("tick", 0), ("tick", 100)]
    script += [("submit", f"m{i}", "a", "n", 1, 1000) for i in range(10)]
    script += [("tick", 1000), ("tick", 1000), ("tick", 1000.25), ("tick", 1000.5), ("tick", 1001), ("tick", 5000),
               ("pending",)]
    _play(s, script)


def test_refill_is_continuous():
    """the level refills continuously: fractions of a token add up, and a level below one sends nothing"""
    s = Session({"n": 0.5}, 1)
    script = [("submit", f"m{i}", "a", "n", 2, 0) for i in range(5)]
    script += [("tick", 0), ("tick", 1), ("tick", 1.5), ("tick", 1.9375), ("tick", 2), ("tick", 3.999), ("tick", 4),
               ("tick", 7.75), ("tick", 8.5), ("tick", 9.75), ("pending",)]
    _play(s, script)


def test_exact_token_edges():
    """levels just below and exactly at one token, where float arithmetic rounds the other way"""
    # rate 3: 1/3 s per token; rate 10: 0.1 s; rate 0.1: 10 s, but 0.1 as a float is a bit more than 1/10
    cases = [
        (3, [0, 0.3333333333333333, 0.33333333333333337, 0.6666666666666666, 0.6666666666666667, 1.0]),
        (10, [0, 0.1, 0.2, 0.30000000000000004, 0.3, 0.4, 0.7000000000000001]),
        (0.1, [0, 9.999999999999998, 10, 19.999999999999996, 20]),
        (0.3, [0, 3.333333333333333, 3.3333333333333335, 6.666666666666667]),
    ]
    for rate, times in cases:
        s = Session({"n": rate}, 1)
        _play(s, [("submit", f"m{i}", "a", "n", 0, 0) for i in range(len(times))] + [("tick", t) for t in times]
              + [("pending",)])
    # The same edge reached by many small ticks: refilling on every tick or only when sending
    # must agree (exact arithmetic is history-independent; float sums are not).
    s = Session({"n": 10}, 1)
    script = [("submit", f"m{i}", "a", "n", 0, 0) for i in range(6)]
    t = 0.0
    for _ in range(30):
        script.append(("tick", t))
        t += 0.01
    _play(s, script + [("pending",)])
    s = Session({"n": 3, "m": 3}, 2)
    script = [("submit", f"{n}{i}", "a", n, 0, 0) for n in "nm" for i in range(6)] + [("tick", 0)]
    for k in range(1, 8):
        script += [("tick", k / 3)] + [("tick", k / 3 + 0.1)] * (k % 2)
    _play(s, script + [("pending",)])


def test_no_double_burst_at_a_second_boundary():
    """a fixed one-second window would send again at 1.0 after 0.999; the bucket does not"""
    s = Session({"n": 1}, 1)
    _play(s, [("submit", f"m{i}", "a", "n", 1, 0) for i in range(4)]
          + [("tick", 0.999), ("tick", 1.0), ("tick", 1.998), ("tick", 1.999), ("tick", 2.5), ("tick", 2.999),
             ("pending",)])
    s = Session({"n": 4}, 4)
    _play(s, [("submit", f"m{i}", "a", "n", 1, 0) for i in range(12)]
          + [("tick", 0.875), ("tick", 1.0), ("tick", 1.25), ("tick", 2.0), ("pending",)])


def test_numbers_kept_apart():
    """each number has its own bucket, whatever the accounts: one number's queue never slows another"""
    s = Session({N1: 1, N2: 2, N3: 0.5}, 2)
    script = []
    for i in range(6):
        for number in (N3, N1, N2):
            script.append(("submit", f"{number[-1]}-{i}", ("acme", "bolt")[i % 2], number, i % 3, 0))
    script += [("tick", 0), ("tick", 0.5), ("tick", 1), ("tick", 2), ("tick", 4), ("pending",)]
    _play(s, script)


def test_the_rate_is_per_number_not_per_account():
    """two accounts on one number share its bucket: the number never goes over its rate"""
    s = Session({"n": 1}, 1)
    script = [("submit", f"{a}{i}", a, "n", 4, 0) for i in range(3) for a in ("acme", "bolt", "cask")]
    script += [("tick", 0), ("tick", 0.5), ("tick", 1), ("tick", 1), ("tick", 3), ("pending",)]
    _play(s, script)


# --- what a number sends next -----------------------------------------------------------------------


def test_priority_first():
    """0 is the most urgent: a passcode submitted after a marketing flood goes first"""
    s = Session({"n": 1}, 2)
    script = [("submit", f"mkt{i}", "shop", "n", 9, 0) for i in range(6)]
    script += [("tick", 0), ("submit", "otp1", "bank", "n", 0, 0.5), ("submit", "tx1", "bank", "n", 4, 0.5),
               ("submit", "otp2", "shop", "n", 0, 0.75), ("tick", 1), ("tick", 2), ("tick", 3),
               ("submit", "tx2", "shop", "n", 5, 3), ("submit", "tx3", "shop", "n", 4, 3), ("tick", 5), ("tick", 6),
               ("pending",)]
    _play(s, script)


def test_round_robin_against_a_flood():
    """one account's flood does not starve another: accounts on a number take turns"""
    s = Session({"n": 1}, 1)
    script = [("submit", f"flood{i}", "bulk", "n", 7, 0) for i in range(20)]
    script += [("submit", "hello", "tiny", "n", 7, 0.5), ("tick", 1), ("tick", 2), ("tick", 3), ("tick", 4)]
    script += [("submit", "again", "tiny", "n", 7, 4), ("submit", "new", "late", "n", 7, 4.5), ("tick", 5), ("tick", 6),
               ("tick", 7), ("tick", 8), ("pending",)]
    _play(s, script)


def test_round_robin_exactly():
    """the ring: join at the back, the front sends and moves to the back, an emptied account leaves"""
    s = Session({"n": 1}, 3)
    script = [("submit", "c1", "cask", "n", 2, 0), ("submit", "a1", "acme", "n", 2, 0), ("submit", "a2", "acme", "n", 2, 0),
              ("submit", "b1", "bolt", "n", 2, 0), ("submit", "a3", "acme", "n", 2, 0), ("submit", "c2", "cask", "n", 2, 0)]
    # ring [cask, acme, bolt]: cask, acme, bolt -> [cask, acme]
    script += [("tick", 0)]
    # bolt empty and gone; it rejoins at the back; cask sends, then acme, then bolt
    script += [("submit", "b2", "bolt", "n", 2, 0.5), ("tick", 3)]
    # acme still has a3: ring [acme]; dune joins behind it
    script += [("submit", "d1", "dune", "n", 2, 3), ("submit", "d2", "dune", "n", 2, 3), ("tick", 4), ("tick", 5),
               ("tick", 6), ("tick", 7), ("pending",)]
    _play(s, script)


def test_rings_are_per_priority_and_number():
    """each (number, priority) has its own ring: a passcode does not move anyone in the marketing ring"""
    s = Session({N1: 1, N2: 1}, 1)
    script = [("submit", "a1", "acme", N1, 9, 0), ("submit", "b1", "bolt", N1, 9, 0), ("submit", "a2", "acme", N1, 9, 0),
              ("submit", "b2", "bolt", N1, 9, 0), ("submit", "x1", "bolt", N2, 9, 0), ("submit", "x2", "acme", N2, 9, 0)]
    script += [("tick", 0), ("submit", "otp", "bolt", N1, 0, 0.5), ("submit", "otp2", "acme", N2, 1, 0.5),
               ("tick", 1), ("tick", 2), ("tick", 3), ("tick", 4), ("pending",)]
    _play(s, script)


def test_fifo_within_an_account():
    """an account's messages on a number and priority go out oldest first"""
    s = Session({"n": 2}, 4)
    ids = ["zz", "aa", "mm", "bb", "yy"]
    _play(s, [("submit", m, "acme", "n", 3, i * 0.25) for i, m in enumerate(ids)] + [("tick", 1.25), ("tick", 5)])


def test_list_order_by_numbers_dict_order():
    """tick's list is grouped by number, in the order of mps_per_number, not by submit time or by name"""
    s = Session({"zeta": 2, "alpha": 2, "mid": 2}, 2)
    script = [("submit", "m1", "a", "mid", 0, 0), ("submit", "z1", "a", "alpha", 5, 0), ("submit", "y1", "b", "zeta", 9, 0),
              ("submit", "m2", "b", "mid", 0, 0), ("submit", "z2", "b", "alpha", 0, 0), ("submit", "y2", "a", "zeta", 9, 0),
              ("tick", 0), ("submit", "y3", "a", "zeta", 0, 1), ("submit", "z3", "a", "alpha", 0, 1), ("tick", 1)]
    _play(s, script)


# --- expiry and duplicates --------------------------------------------------------------------------


def test_expiry_boundary():
    """a message expires at t0 + validity_s exactly: sent just before, never at or after"""
    s = Session({"n": 1}, 1, 5, 5)
    script = [("submit", "a", "x", "n", 1, 0), ("submit", "b", "x", "n", 1, 0), ("submit", "c", "x", "n", 1, 0.5),
              ("tick", 0), ("tick", 4.999), ("pending",), ("tick", 5), ("pending",), ("tick", 5.5), ("pending",)]
    _play(s, script)
    s = Session({"n": 0.25}, 1, 2.5, 10)
    _play(s, [("submit", "a", "x", "n", 0, 1), ("submit", "b", "x", "n", 0, 1.25), ("tick", 1), ("tick", 3.5),
              ("pending",), ("tick", 3.75), ("pending",)])


def test_expiry_with_no_tick_between():
    """expiry needs no tick: pending() drops a message at its deadline, and a later tick never sends it"""
    s = Session({"n": 1}, 1, 10, 20)
    _play(s, [("submit", "a", "x", "n", 1, 0), ("submit", "b", "x", "n", 1, 0), ("tick", 0), ("pending",),
              ("submit", "c", "y", "n", 1, 9.75), ("pending",), ("submit", "d", "y", "n", 1, 10), ("pending",),
              ("tick", 10), ("tick", 19.75), ("pending",), ("tick", 19.875), ("pending",)])


def test_expired_account_leaves_its_ring():
    """an account whose waiting messages all expire leaves its ring, and rejoins at the back"""
    s = Session({"n": 1}, 3, 10, 10)
    # ring [xeno, acme, yak]; at 10.25 acme's only message (and xeno's first) has expired, so acme
    # has left from the middle of the ring: its next message joins behind yak
    script = [("submit", "x1", "xeno", "n", 4, 0.125), ("submit", "a1", "acme", "n", 4, 0.25),
              ("submit", "y1", "yak", "n", 4, 0.375), ("submit", "x2", "xeno", "n", 4, 5), ("submit", "y2", "yak", "n", 4, 5),
              ("pending",), ("submit", "a2", "acme", "n", 4, 10.25), ("pending",), ("tick", 10.25), ("tick", 11.25),
              ("tick", 14), ("pending",)]
    _play(s, script)
    # the same when the emptied account is at the back, and when a whole ring empties
    s = Session({"n": 1}, 2, 4, 4)
    script = [("submit", "a1", "acme", "n", 1, 0), ("submit", "b1", "bolt", "n", 1, 1), ("submit", "b2", "bolt", "n", 1, 1),
              ("submit", "c1", "cask", "n", 1, 1), ("tick", 1), ("submit", "c2", "cask", "n", 1, 2),
              ("submit", "a2", "acme", "n", 1, 5.5), ("submit", "b3", "bolt", "n", 1, 5.5), ("tick", 5.5), ("tick", 6.5),
              ("tick", 7.5), ("pending",)]
    _play(s, script)


def test_validity_and_window_of_a_second_or_less():
    """validity_s and dedupe_window_s only need to be > 0: 1 s, half a second and 2**-20 s are legal, with exact edges"""
    for validity, window in ((1, 1), (0.5, 0.5), (0.5, 1), (2 ** -20, 2 ** -20), (2 ** -20, 0.75)):
        s = Session({"n": 2}, 1, validity, window)
        script = [("submit", "a", "x", "n", 0, 0), ("submit", "b", "x", "n", 0, 0), ("tick", 0), ("pending",),
                  ("submit", "a", "x", "n", 0, window / 2), ("pending",), ("tick", validity), ("pending",),
                  ("submit", "a", "x", "n", 0, window), ("submit", "c", "y", "n", 0, window), ("pending",),
                  ("tick", window + validity / 2), ("tick", window + validity), ("pending",)]
        _play(s, script)


def test_duplicates_waiting_sent_expired():
    """a duplicate id returns False and queues nothing, whether the first is waiting, sent or expired"""
    s = Session({"n": 1}, 1, 3, 10)
    script = [("submit", "m", "acme", "n", 5, 0), ("submit", "m", "bolt", "n", 0, 0.5), ("pending",), ("tick", 1),
              ("submit", "m", "acme", "n", 5, 1), ("pending",), ("tick", 2),
              ("submit", "e", "acme", "n", 5, 2), ("submit", "f", "acme", "n", 5, 2), ("tick", 2), ("tick", 5),
              ("pending",), ("submit", "f", "acme", "n", 5, 6), ("submit", "e", "acme", "n", 5, 8), ("tick", 9), ("pending",)]
    _play(s, script)


def test_dedupe_window_boundary():
    """the dedupe window ends at t0 + dedupe_window_s exactly, counted from the accepted submit"""
    s = Session({"n": 10}, 5, 2, 4)
    script = [("submit", "id", "a", "n", 5, 1), ("submit", "id", "a", "n", 5, 2), ("submit", "id", "a", "n", 5, 4.75),
              ("tick", 4.875), ("submit", "id", "a", "n", 5, 4.9999), ("submit", "id", "b", "n", 1, 5), ("tick", 5),
              ("submit", "id", "a", "n", 5, 8.999), ("submit", "id", "a", "n", 5, 9), ("tick", 9), ("pending",)]
    _play(s, script)


# --- refused calls -----------------------------------------------------------------------------------


def test_refused_calls_raise_and_change_nothing():
    """bad now (NaN, inf, negative, backwards), unknown number, bad priority: ValueError, and nothing changes"""
    s = Session({N1: 1, N2: 1}, 1, 10, 20)
    script = [("submit", "a", "acme", N1, 5, 1), ("submit", "b", "acme", N1, 5, 1), ("tick", 1), ("pending",)]
    # refused submits: the id stays free, the queue, the clock and the buckets unchanged
    script += [("submit", "c", "acme", "+15559999", 5, 11), ("submit", "c", "acme", N1, 10, 11),
               ("submit", "c", "acme", N1, -1, 11), ("submit", "c", "acme", N1, True, 11),
               ("submit", "c", "acme", N1, 1.0, 11), ("submit", "c", "acme", N1, "0", 11),
               ("submit", "c", "acme", N1, 5, math.nan), ("submit", "c", "acme", N1, 5, math.inf),
               ("submit", "c", "acme", N1, 5, -1), ("submit", "c", "acme", N1, 5, 0.5),
               ("submit", "c", "acme", N1, 5, "2"), ("submit", "c", "acme", N1, 5, None), ("pending",)]
    # the clock is still 1: b has not expired (it would at 11), and an earlier-than-11 now is fine
    script += [("tick", math.nan), ("tick", -math.inf), ("tick", 0.5), ("tick", True), ("pending",),
               ("submit", "c", "acme", N1, 5, 1.5), ("tick", 1.75), ("tick", 2), ("pending",),
               ("submit", "d", "bolt", N2, 0, 2), ("tick", 1.9), ("submit", "d", "bolt", N2, 0, 3), ("tick", 3),
               ("pending",)]
    _play(s, script)


def test_duplicate_moves_the_clock():
    """a duplicate is not refused: it returns False and moves the clock (a later now before it raises)"""
    s = Session({"n": 1}, 1, 5, 10)
    _play(s, [("submit", "a", "x", "n", 1, 0), ("submit", "b", "x", "n", 1, 0), ("tick", 0), ("submit", "a", "x", "n", 1, 5),
              ("pending",), ("tick", 4), ("tick", 5), ("pending",)])


# --- property-based ----------------------------------------------------------------------------------

_NUMBERS = [N2, N3, N1]  # the dict's order is not the names' order
_ACCOUNTS = ["acme", "bolt", "cask", "dune"]
_PRIORITIES = [0, 0, 1, 5, 9, 9, 9]
_IDS = [f"m{i}" for i in range(6)]
_DTS = [0, 0, 0.25, 0.5, 1, 1, 2, 0.1, 1 / 3, 0.125, 3]
_BAD = ["back", "nan", "inf", "negative", "number", "priority_high", "priority_bool", "priority_float", "tick_back"]


def _time(model, mode, k):
    """A now drawn relative to the model, so that boundaries are hit exactly."""
    clock = model.clock if model.clock is not None else 0
    if mode == "plus":
        return clock + _DTS[k % len(_DTS)]
    waiting = [m for m in model.messages if m.state == "waiting"]
    if mode == "expiry" and waiting:
        m = waiting[k % len(waiting)]
        t = float(m.t0 + model.validity) - (0.125 if k % 3 == 2 else 0)
        return t if t >= clock else clock
    if mode == "token" and waiting:
        numbers = sorted({m.number for m in waiting})
        number = numbers[k % len(numbers)]
        level = model.level(number, clock)
        at = F(clock) + max(F(0), (1 - level) / model.rate[number]) if level < 1 else F(clock)
        t = float(at)
        if k % 3 == 1:
            t = math.nextafter(t, math.inf)
        elif k % 3 == 2:
            t = math.nextafter(t, -math.inf)
        return t if t >= clock else clock
    if mode == "window":
        accepted = model.messages
        if accepted:
            m = accepted[k % len(accepted)]
            t = float(m.t0 + model.window) - (0.25 if k % 2 else 0)
            if t >= clock:
                return t
    return clock


# One draw per step (a pre-built step, weighted by repetition) plus one for k: Hypothesis's own
# drawing was most of this test's time with a tuple of draws per step.
_SUBMITS = [("submit", i, account, n, priority, mode) for i in range(10) for account in _ACCOUNTS for n in range(3)
            for priority in (0, 1, 5, 9) for mode in ("plus", "plus", "expiry", "window", "token")]
_FLOODS = [("flood", account, n, priority, size) for account in _ACCOUNTS for n in range(3) for priority in (0, 5, 9)
           for size in (2, 5, 8)]
_TICKS = [("tick", mode) for mode in ("plus", "plus", "expiry", "token", "token")]
_STEP_CHOICES = (_SUBMITS + _TICKS * (len(_SUBMITS) // 6) + _FLOODS * (len(_SUBMITS) // (4 * len(_FLOODS)))
                 + [("pending",)] * (len(_SUBMITS) // 10) + [("bad", bad) for bad in _BAD] * (len(_SUBMITS) // 50))
random.Random(7).shuffle(_STEP_CHOICES)  # Hypothesis favours a list's first entries: mix the kinds
_STEP = st.tuples(st.sampled_from(_STEP_CHOICES), st.integers(0, 30))


@settings(max_examples=120, deadline=None)
@given(rates=st.lists(st.sampled_from([1, 2, 0.5, 3, 10, 0.25, 4]), min_size=1, max_size=3),
       burst=st.sampled_from([1, 1, 2, 3]), validity=st.sampled_from([2, 3.5, 10, 1.25]),
       extra_window=st.sampled_from([0, 1, 100]), steps=st.lists(_STEP, min_size=15, max_size=40))
def test_random_scripts_against_model(rates, burst, validity, extra_window, steps):
    """random submits, floods, ticks and refused calls, on the buckets', expiry's and dedupe's edges, against a brute-force model (property-based)"""
    numbers = {_NUMBERS[i]: r for i, r in enumerate(rates)}
    s = Session(numbers, burst, validity, validity + extra_window)
    model = s.model
    fresh = 0
    for step, k in steps:
        kind = step[0]
        clock = model.clock if model.clock is not None else 0
        if kind == "submit":
            _, i, account, n, priority, mode = step
            if i < len(_IDS):
                msg_id = _IDS[i]
            elif mode == "window" and model.messages:
                msg_id = model.messages[k % len(model.messages)].msg_id
            else:
                fresh += 1
                msg_id = f"f{fresh}"
            s.submit(msg_id, account, _NUMBERS[n % len(rates)], priority, _time(model, mode, k))
        elif kind == "flood":
            _, account, n, priority, size = step
            for _ in range(size):
                fresh += 1
                s.submit(f"f{fresh}", account, _NUMBERS[n % len(rates)], priority, clock)
                s.pending()
        elif kind == "tick":
            s.tick(_time(model, step[1], k))
        elif kind == "pending":
            s.pending()
        else:
            _, bad = step
            number = _NUMBERS[k % len(rates)]
            if bad == "back" and clock > 0:
                s.submit(_IDS[k % 6], "acme", number, 1, clock - 0.25)
            elif bad == "tick_back" and clock > 0:
                s.tick(math.nextafter(clock, -math.inf))
            elif bad == "nan":
                s.tick(math.nan)
            elif bad == "inf":
                s.submit(_IDS[k % 6], "acme", number, 1, math.inf)
            elif bad == "negative":
                s.tick(-0.5)
            elif bad == "number":
                s.submit(_IDS[k % 6], "acme", "+19990000", 1, clock + 1)
            elif bad == "priority_high":
                s.submit(_IDS[k % 6], "acme", number, 10, clock + 1)
            elif bad == "priority_bool":
                s.submit(_IDS[k % 6], "acme", number, False, clock + 1)
            elif bad == "priority_float":
                s.submit(_IDS[k % 6], "acme", number, 2.0, clock + 1)
        s.pending()  # after every operation, refused ones included
    s.tick((model.clock or 0) + 0.5)
    s.tick((model.clock or 0) + 1000)
    s.pending(" (after a last tick long after everything)")
    s.check()


# --- the large input, last ----------------------------------------------------------------------------

_L_NUMBERS, _L_ACCOUNTS, _L_MESSAGES, _L_TICKS, _L_STEP = 50, 4, 20_000, 4_000, 0.01


def _large_calls():
    """20,000 messages over 50 numbers (rates 0.5 to 1.5 per second) and 4 accounts per number, with
    mixed priorities, submitted in the first second; then 4,000 ticks 0.01 s apart, a new message
    with every 10th. Each tick sends a few messages while 20,000 wait."""
    rng = random.Random(2027)
    calls = []
    for i in range(_L_MESSAGES):
        n = rng.randrange(_L_NUMBERS)
        calls.append(("submit", (f"SM{i:06d}", f"acct-{n}-{rng.randrange(_L_ACCOUNTS)}", f"+1555{n:04d}",
                                 rng.choice((0, 3, 9, 9, 9)), (i // 100) / 200)))
    for j in range(_L_TICKS):
        now = 1 + j * _L_STEP
        if j % 10 == 0:
            n = rng.randrange(_L_NUMBERS)
            calls.append(("submit", (f"NEW{j:05d}", f"acct-{n}-0", f"+1555{n:04d}", rng.choice((0, 9)), now)))
        calls.append(("tick", (now,)))
    return calls


def _large_rates():
    return {f"+1555{n:04d}": 0.5 + (n % 5) * 0.25 for n in range(_L_NUMBERS)}


LARGE_CALLS = ahead(_large_calls)


def _play_reference(calls):
    obj = reference().Scheduler(_large_rates(), 2, 3600, 3600)
    return [getattr(obj, method)(*args) for method, args in calls]


LARGE_EXPECTED = reference_ahead(lambda: _play_reference(LARGE_CALLS()))


def test_large_input_within_time_limit():
    """large input: 20,000 waiting messages over 50 numbers, 4,000 ticks sending a few each, within the time limit"""
    calls = LARGE_CALLS()
    what = (f"Scheduler(50 numbers at 0.5 to 1.5 per second, burst 2, validity_s 3600, dedupe_window_s 3600); "
            f"{_L_MESSAGES:,} messages over 200 accounts, then {_L_TICKS:,} ticks {_L_STEP} s apart, a new message "
            f"with every 10th")
    actual = within_reference_budget(lambda: call_many(Scheduler(_large_rates(), 2, 3600, 3600), calls), LARGE_EXPECTED,
                                     what=what)
    expected = LARGE_EXPECTED()
    if expected == actual and all(type(a) is type(e) for a, e in zip(actual, expected)):
        return
    i = next((i for i, (e, a) in enumerate(zip(expected, actual)) if e != a or type(e) is not type(a)),
             min(len(expected), len(actual)))
    method, args = calls[i] if i < len(calls) else ("?", ())
    raise WrongAnswer(f"large input: call #{i + 1:,}, {method}{args!r}, is wrong", input=Raw(what),
                      expected=expected[i] if i < len(expected) else None, actual=actual[i] if i < len(actual) else None)
