"""The large input of the top_k_stream suite, built from a seed on both sides of the boundary (here
for the reference, and in the candidate's worker: testing.generated), and what both sides compare.
Standard library only: the worker runs this file too."""

import random


def large_stream(distinct, more_adds, every, seed):
    """Every event arrives once (`distinct` of them, in a scrambled order, counts 1-3), then
    `more_adds` more adds (counts 1-5), every other one on a hot set of 300 events; a top() call
    after every `every`-th add."""
    rng = random.Random(seed)
    names = [f"event-{i * 7919 % distinct:05d}" for i in range(distinct)]
    adds = list(zip(names, rng.choices(range(1, 4), k=distinct)))
    hot = rng.choices(names[:300], k=more_adds // 2)
    anywhere = rng.choices(names, k=more_adds // 2)
    repeats = [name for pair in zip(hot, anywhere) for name in pair]
    adds += zip(repeats, rng.choices(range(1, 6), k=more_adds))
    calls = []
    for i, item in enumerate(adds, 1):
        calls.append(("add", item))
        if i % every == 0:
            calls.append(("top", ()))
    return calls


def tops(calls, results):
    """What each top() call returned, in order (add's None left out)."""
    return [result for (name, _), result in zip(calls, results) if name == "top"]
