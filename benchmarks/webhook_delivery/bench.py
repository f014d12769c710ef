"""Complexity benchmark for webhook_delivery: submit O(log n), tick O((d + 1) log n).

n is the number of pending events. `prepare` (untimed) makes n events fail their first
attempt, 8 per tick, so that they wait for a retry (and all their ids stay inside the default 1-day dedupe window). The timed part, built inside the timed run, is
then a fixed 1,000 rounds of "submit a new event, tick": each tick delivers the new event,
and every 100th also retries 8 of the fill's events (due then, failing again), with n events
waiting. So the figures are the cost per submit and per tick at n pending:
- a heap (or a SortedList) is O(log n) per round;
- scanning the pending events on each tick, or sorting them, is O(n) per round;
- a sorted Python list (bisect.insort, pop(0)) shifts itself on every round: each new event is
  due before every waiting retry, so it goes in at the front (memmove, O(n), invisible to
  operation counts, and only dominant past tens of thousands of events);
- pruning the dedupe window by scanning every remembered id is O(n) per call.
"""

from __future__ import annotations

import random

from harness.sandbox.benchkit import Answers, Family

TARGET = "submit in O(log n), tick in O((d + 1) log n) for d attempts, n pending events"
TIMED_ROUNDS = 1000
GROUP = 8
STEP = 0.001
RETRY_AFTER = 10_000.0  # base_delay_s: the timed rounds start when the first retries come due
DOWN = "https://down.example/hook"
UP = "https://up.example/hook"


_attempts: list = []  # every attempt send() was asked to make, in order


def _send(endpoint, payload):
    _attempts.append((endpoint, payload))
    if endpoint == DOWN:
        raise ConnectionError("503")


EARLY = 80  # fill events whose retry comes due during the timed rounds, at every size
# (more of them dilute the memmove of a sorted-list dispatcher: 1,600, 8 retries every 5th round, with
# the fill's attempts freed inside the timed run, took insort_list.py from G 8.5 to 3.5)


def waiting_retries(n: int, rng: random.Random) -> list:
    """n events that fail their first attempt, 8 per tick. The first EARLY are spread over the
    first second, so that their retries (RETRY_AFTER later) come due during the timed rounds,
    8 at a time every 100th round; the rest wait for a retry due after the timed rounds."""
    fill = []
    tag = rng.randrange(1 << 30)  # new ids every round: nothing to remember between rounds
    for i in range(n):
        at = (i // GROUP) * (TIMED_ROUNDS * GROUP // EARLY) * STEP if i < EARLY else 1.0 + ((i - EARLY) // GROUP) * STEP
        fill.append(("submit", (f"wait-{tag}-{i:07d}", DOWN, i, at)))
        if i % GROUP == GROUP - 1 or i == n - 1:
            fill.append(("tick", (at,)))
    return fill


def new_events(n: int, rng: random.Random, fill: list) -> list:
    tag = rng.randrange(1 << 30)
    return [(f"new-{tag}-{j:05d}", RETRY_AFTER + j * STEP, j) for j in range(TIMED_ROUNDS)]


# The bench stops at the first failing family; there is one, and it is the telling one.
FAMILIES = [
    # 64,000 at the top: a memmove of the whole list only dominates past tens of thousands.
    Family("n retries waiting, each tick delivers one new event", (2000, 64000), waiting_retries, unit="pending events",
           timed=new_events),
]


def prepare(module, fill):
    dispatcher = module.Dispatcher(_send, 3, RETRY_AFTER, 86400)
    for method, args in fill:
        getattr(dispatcher, method)(*args)
    del _attempts[:]  # the fill's attempts, freed here rather than inside the timed run
    return dispatcher


def run(module, dispatcher, rounds) -> tuple[int, Answers]:
    """Every call's answer, checked against the reference's: submit's bool, and for each tick
    its None with the attempts it made (endpoint and payload, in order). pending() is not asked:
    a solution may count its events in O(n), and that is not what is timed."""
    submit, tick = dispatcher.submit, dispatcher.tick
    answers = Answers()
    add = answers.append
    for event_id, now, payload in rounds:
        add(submit(event_id, UP, payload, now))
        add((tick(now), _attempts[:]))
        del _attempts[:]
    return 2 * len(rounds), answers
