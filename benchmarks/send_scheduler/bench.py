"""Complexity benchmark for send_scheduler: submit O(log n), tick O((s + 1) log n) for s sent.

`prepare` (untimed) plays each family's set-up calls; the timed part, built inside the timed
run, is then a fixed number of rounds of "submit a new message, tick", each tick sending about
one message. So the figures are the cost per submit and per tick at size n, and each family
puts the size where one kind of slow solution looks:
- n messages waiting on 16 numbers: a tick that scans (or sorts) the waiting messages is O(n);
- n accounts on one number, each with a message waiting: a ring whose front is found by a scan
  over its accounts (min over join times, a cursor over every account) is O(accounts) per send;
- n numbers, each with a message waiting and its next token at its own time: a tick that visits
  every number to see whether it can send is O(numbers).
Every answer (submit's bool, a copy of each tick's list) is compared with the reference's.
"""

from __future__ import annotations

import random

from harness.sandbox.benchkit import Answers, Family

TARGET = "submit in O(log n), tick in O((s + 1) log n) for s messages sent; n = waiting messages, accounts or numbers"
ROUNDS = 1000
LONG = 10**6  # validity_s and dedupe_window_s: nothing expires during a run


def _tag(rng: random.Random) -> str:
    return f"{rng.randrange(1 << 30):08x}"  # new ids every round: nothing to remember between rounds


# --- n messages waiting on 16 numbers --------------------------------------------------------------

NUMBERS = 16


def many_messages(n: int, rng: random.Random) -> dict:
    """Number i gets n / 16 messages (8 accounts, mixed priorities) at t = i / 16 and sends one
    then, so the 16 buckets come due 1/16 s apart, one per timed tick."""
    tag = _tag(rng)
    calls = []
    for i in range(NUMBERS):
        t = i / NUMBERS
        for k in range(n // NUMBERS):
            calls.append(("submit", (f"w{tag}-{i}-{k}", f"acct{rng.randrange(8)}", f"+1555{i:04d}",
                                     rng.choice((0, 5, 9, 9)), t)))
        calls.append(("tick", (t,)))
    return {"rates": {f"+1555{i:04d}": 1 for i in range(NUMBERS)}, "burst": 1, "calls": calls}


def many_messages_rounds(n: int, rng: random.Random, setup: dict) -> list:
    tag = _tag(rng)
    return [(f"r{tag}-{j}", f"acct{rng.randrange(8)}", f"+1555{rng.randrange(NUMBERS):04d}", rng.choice((0, 9)),
             1 + j / NUMBERS) for j in range(ROUNDS)]


# --- n accounts on one number --------------------------------------------------------------------


def many_accounts(n: int, rng: random.Random) -> dict:
    """n accounts, two marketing messages each, on one number at 1 per second. Submitted account
    by account, so that only the round-robin keeps an account's second message behind every
    other account's first (a queue in submit order would send it second)."""
    tag = _tag(rng)
    calls = [("submit", (f"a{tag}-{a}-{k}", f"acct{tag}-{a}", "+15550000", 9, 0)) for a in range(n) for k in range(2)]
    calls.append(("tick", (0,)))
    return {"rates": {"+15550000": 1}, "burst": 1, "calls": calls, "accounts": [f"acct{tag}-{a}" for a in range(n)]}


def many_accounts_rounds(n: int, rng: random.Random, setup: dict) -> list:
    tag = _tag(rng)
    accounts = setup["accounts"]
    return [(f"r{tag}-{j}", accounts[rng.randrange(n)], "+15550000", 9, 1 + j) for j in range(ROUNDS)]


# --- n numbers -----------------------------------------------------------------------------------


def many_numbers(n: int, rng: random.Random) -> dict:
    """n numbers, two messages each; tick(0) sends one on each, and number i's next token comes
    about 1 + i / n seconds later (its rate is 1 / (1 + i / n)), one number per timed tick."""
    tag = _tag(rng)
    calls = [("submit", (f"n{tag}-{i}-{k}", f"acct{i % 7}", f"+1{i:07d}", 5, 0)) for i in range(n) for k in range(2)]
    calls.append(("tick", (0,)))
    return {"rates": {f"+1{i:07d}": 1 / (1 + i / n) for i in range(n)}, "burst": 1, "calls": calls}


def many_numbers_rounds(n: int, rng: random.Random, setup: dict) -> list:
    tag = _tag(rng)
    return [(f"r{tag}-{j}", f"acct{j % 7}", f"+1{rng.randrange(n):07d}", 5, 1 + (j + 0.5) / n) for j in range(ROUNDS)]


# Most telling first: the bench stops at the first family that fails. Sizes: the buckets' exact
# arithmetic (Fraction) makes set-up cost ~0.25 ms per message; untimed, but every round pays it.
FAMILIES = [
    Family("n messages waiting on 16 numbers, one sent per tick", (512, 16384), many_messages, unit="waiting messages",
           timed=many_messages_rounds),
    Family("n accounts on one number, one sent per tick", (256, 8192), many_accounts, unit="accounts",
           timed=many_accounts_rounds),
    Family("n numbers with a message waiting, one sends per tick", (256, 8192), many_numbers, unit="numbers",
           timed=many_numbers_rounds),
]


def prepare(module, setup):
    scheduler = module.Scheduler(setup["rates"], setup["burst"], LONG, LONG)
    for method, args in setup["calls"]:
        getattr(scheduler, method)(*args)
    return scheduler


def run(module, scheduler, rounds) -> tuple[int, Answers]:
    """Every answer: submit's bool, and a copy of each tick's list."""
    submit, tick = scheduler.submit, scheduler.tick
    answers = Answers()
    add = answers.append
    for msg_id, account, number, priority, now in rounds:
        add(submit(msg_id, account, number, priority, now))
        add(list(tick(now)))
    return 2 * len(rounds), answers
