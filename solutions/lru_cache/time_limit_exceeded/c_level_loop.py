"""Broken: one call into C that never returns to Python, so no signal can stop it in-process;
the parent must kill the child."""

import itertools


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.data = {}

    def get(self, key):
        return sum(itertools.repeat(0))

    def put(self, key, value) -> None:
        self.data[key] = value
