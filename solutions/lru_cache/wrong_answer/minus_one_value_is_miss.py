"""Mistake: get reads `self.data.get(key, -1)` and treats -1 as a miss, so a stored value -1 comes
back right but is not made the most recently used: capacity 2: put(a, -1), put(b, 1), get(a),
put(c, 3) evicts a instead of b, and get(b) returns 1 instead of -1.
"""

from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = OrderedDict()

    def get(self, key):
        value = self.data.get(key, -1)
        if value == -1:
            return -1
        self.data.move_to_end(key)
        return value

    def put(self, key, value) -> None:
        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) == self.capacity:
            self.data.popitem(last=False)
        self.data[key] = value
