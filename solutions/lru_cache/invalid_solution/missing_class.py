"""Mistake: the class has another name than the contract's LRUCache."""


class LruCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity

    def get(self, key):
        return -1

    def put(self, key, value) -> None:
        pass
