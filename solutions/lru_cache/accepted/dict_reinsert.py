"""A plain dict keeps insertion order (Python 3.7+): re-inserting a key moves it to the end.

The least recently used key is the first one; pop + reinsert refreshes recency.
"""

_MISSING = object()


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        value = self.data.pop(key, _MISSING)
        if value is _MISSING:
            return -1
        self.data[key] = value
        return value

    def put(self, key, value) -> None:
        if self.data.pop(key, _MISSING) is _MISSING and len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value
