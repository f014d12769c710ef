"""Large inputs of the lru_cache suite, built from a seed on both sides of the boundary (here for the
reference, and in the candidate's worker: testing.generated), and the summary both sides compare.
Standard library only: the worker runs this file too."""

import random


def mixed_calls(capacity, operations, seed):
    """`operations` calls, half get and half put, on 2 x capacity keys; put's value is the call's
    index, or -1 (a value like any other, which a hit returns and refreshes) at every 8th index."""
    draw = random.Random(seed).random  # random() only: with randrange, building took almost twice as long
    keys = 2 * capacity
    return [("get", (int(draw() * keys),)) if draw() < 0.5 else ("put", (int(draw() * keys), i if i & 7 else -1))
            for i in range(operations)]


def hits_and_checksum(calls, results):
    """(hits, checksum of the values the gets returned); or, at the first get that returned
    something other than an int, (hits so far, checksum so far, what it returned and where)."""
    hits = checksum = 0
    for step, ((name, args), found) in enumerate(zip(calls, results)):
        if name != "get":
            continue
        if type(found) is not int:
            return hits, checksum, f"call #{step + 1:,}: get{args!r} returned a {type(found).__name__}"
        if found != -1:
            hits += 1
            checksum = (checksum * 31 + found) % 1_000_000_007
    return hits, checksum
