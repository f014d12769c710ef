"""LRU cache. `drill show lru_cache` prints the full statement."""


class LRUCache:
    def __init__(self, capacity: int) -> None:
        raise NotImplementedError("LRUCache.__init__")

    def get(self, key):
        """Return the value stored for key and mark it most recently used,
        or -1 if absent.
        """
        raise NotImplementedError("LRUCache.get")

    def put(self, key, value) -> None:
        """Store value for key as most recently used;
        evict the least recently used key if full.
        """
        raise NotImplementedError("LRUCache.put")
