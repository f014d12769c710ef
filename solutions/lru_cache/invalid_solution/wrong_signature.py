"""Mistake: put takes a single (key, value) pair instead of two arguments."""


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        return self.data.get(key, -1)

    def put(self, item) -> None:
        key, value = item
        self.data[key] = value
