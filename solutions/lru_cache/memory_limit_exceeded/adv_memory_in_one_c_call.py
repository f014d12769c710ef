"""Attack class 4/6: one huge allocation inside a single C call.

put() asks for b"x" * 2**40 (1 TiB) in one C-level allocation. A judge that watches RSS from
outside never sees it grow; one that maps "MemoryError" only when it was raised by its own
allocation wrapper, or that treats every exception from a method as runtime_error, gets it wrong.

Correct verdict: memory_limit_exceeded. Under RLIMIT_AS (and even without it, on any machine
with less than 1 TiB) the allocation raises MemoryError in the candidate's put(), uncaught.
"""


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        return self.data.get(key, -1)

    def put(self, key, value) -> None:
        self.data["hog"] = b"x" * 2**40
        self.data[key] = value
