"""Mistake: accepts capacity 0 and negative capacities instead of raising ValueError."""

from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.data = OrderedDict()

    def get(self, key):
        if key not in self.data:
            return -1
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value) -> None:
        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) >= self.capacity:
            if not self.data:
                return
            self.data.popitem(last=False)
        self.data[key] = value
