"""Broken: every put keeps a huge history, so memory grows without bound."""


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}
        self.history = []

    def get(self, key):
        return self.data.get(key, -1)

    def put(self, key, value) -> None:
        while True:
            self.history.append(bytearray(50_000_000))
