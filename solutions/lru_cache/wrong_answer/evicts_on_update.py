"""Mistake: checks for a full cache before checking whether the key is already there,
so updating an existing key at capacity evicts an innocent key."""

from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = OrderedDict()

    def get(self, key):
        if key not in self.data:
            return -1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value) -> None:
        if len(self.data) == self.capacity:
            self.data.popitem(last=False)
        self.data[key] = value
        self.data.move_to_end(key)
