"""Mistake: `or -1` turns stored falsy values (0, '', None) into misses."""

from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = OrderedDict()

    def get(self, key):
        value = self.data.get(key)
        if not value:
            return -1
        self.data.move_to_end(key)
        return value

    def put(self, key, value) -> None:
        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) == self.capacity:
            self.data.popitem(last=False)
        self.data[key] = value
