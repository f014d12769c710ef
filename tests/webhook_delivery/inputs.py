"""Summaries of the webhook_delivery suite that only the candidate's own process can compute (see
testing.call_many's `as_returned`). Standard library only: the worker runs this file too."""


def lists_returned_twice(calls, results):
    """[i, j] (0-based, i < j) for each call j that returned the very list object an earlier call i
    returned: one object handed out twice, such as the dispatcher's own list. [] if none."""
    first = {}
    shared = []
    for j, value in enumerate(results):
        if isinstance(value, list):
            i = first.setdefault(id(value), j)
            if i != j:
                shared.append([i, j])
    return shared
