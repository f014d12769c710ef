"""Mistake: the function is called has_cycle, not the contract's find_cycle."""


def has_cycle(graph):
    return None
