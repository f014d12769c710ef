"""Cheat attempt: prints what a passing pytest run prints, but evicts the wrong key."""

print("=" * 30 + " 42 passed in 0.50s " + "=" * 30)


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        print("PASSED")
        return self.data.get(key, -1)

    def put(self, key, value) -> None:
        print("passed")
        if key not in self.data and len(self.data) == self.capacity:
            del self.data[next(reversed(self.data))]  # evicts the newest key
        self.data[key] = value
