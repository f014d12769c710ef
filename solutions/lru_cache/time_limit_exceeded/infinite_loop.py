"""Broken: get never returns (a loop that waits for a condition that never changes)."""


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        while key not in self.data or True:
            pass

    def put(self, key, value) -> None:
        self.data[key] = value
