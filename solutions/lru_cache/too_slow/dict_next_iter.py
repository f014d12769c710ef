"""Too slow, though every hidden test passes: a plain dict keeps insertion order, so
pop + reinsert refreshes recency and the first key is the least recently used.

The trap is eviction: `next(iter(d))` starts at the front of the dict's entry array and
skips the holes that deleted keys leave there until the next resize. When every put
evicts, the holes pile up, and each eviction costs O(capacity): measured at capacity
65,536 it is 14x slower than a linked list, at 256 it is faster. OrderedDict's
popitem(last=False) is O(1).
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
