"""Complexity benchmark for webhook_delivery: submit O(log n), tick O((d + 1) log n).

n is the number of pending events. `prepare` (untimed) makes n events fail their first
attempt, 8 per tick, so that they all wait for a retry far in the future (and all their ids
stay inside the default 1-day dedupe window). The timed part is then a fixed 1,000 rounds of
"submit a new event, tick": each tick makes exactly one attempt (the new event, delivered),
with n events waiting. So the figures are the cost per submit and per tick at n pending:
- a heap (or a SortedList) is O(log n) per round;
- scanning the pending events on each tick, or sorting them, is O(n) per round;
- a sorted Python list (bisect.insort, pop(0)) shifts itself on every round: each new event is
  due before every waiting retry, so it goes in at the front (memmove, O(n), invisible to
  operation counts, and only dominant past tens of thousands of events);
- pruning the dedupe window by scanning every remembered id is O(n) per call.
"""

from __future__ import annotations

import random

from harness.benchkit import Family

TARGET = "submit in O(log n), tick in O((d + 1) log n) for d attempts, n pending events"
TIMED_ROUNDS = 1000
GROUP = 8
STEP = 0.001
RETRY_AFTER = 10_000.0  # base_delay_s: the fill's retries are due long after the timed rounds
DOWN = "https://down.example/hook"
UP = "https://up.example/hook"


_delivered = [0]


def _send(endpoint, payload):
    if endpoint == DOWN:
        raise ConnectionError("503")
    _delivered[0] += 1


def waiting_retries(n: int, rng: random.Random) -> dict:
    fill = []
    tag = rng.randrange(1 << 30)  # new ids every round: nothing to remember between rounds
    for i in range(n):
        fill.append(("submit", (f"wait-{tag}-{i:07d}", DOWN, i, (i // GROUP) * STEP)))
        if i % GROUP == GROUP - 1 or i == n - 1:
            fill.append(("tick", ((i // GROUP) * STEP,)))
    start = (n // GROUP + 1) * STEP
    rounds = [(f"new-{tag}-{j:05d}", start + j * STEP) for j in range(TIMED_ROUNDS)]
    return {"fill": fill, "rounds": rounds}


# The bench stops at the first failing family; there is one, and it is the telling one.
FAMILIES = [
    # 64,000 at the top: a memmove of the whole list only dominates past tens of thousands.
    Family("n retries waiting, each tick delivers one new event", (2000, 64000), waiting_retries, unit="pending events"),
]


def prepare(module, workload):
    dispatcher = module.Dispatcher(_send, 3, RETRY_AFTER, 86400)
    for method, args in workload["fill"]:
        getattr(dispatcher, method)(*args)
    return dispatcher, workload["rounds"]


def run(module, state) -> tuple[int, int]:
    """The calls, and how many deliveries they made, checked against the reference's (pending()
    is not asked: a solution may count its events in O(n), and that is not what is timed)."""
    dispatcher, rounds = state
    submit, tick = dispatcher.submit, dispatcher.tick
    before = _delivered[0]
    for event_id, now in rounds:
        submit(event_id, UP, 0, now)
        tick(now)
    return 2 * len(rounds), _delivered[0] - before
