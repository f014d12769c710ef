"""Mistake: get on a missing key raises KeyError instead of returning -1."""


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        value = self.data.pop(key)
        self.data[key] = value
        return value

    def put(self, key, value) -> None:
        self.data.pop(key, None)
        if len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value
