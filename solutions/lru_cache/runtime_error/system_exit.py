"""Cheat attempt: raises SystemExit(0) in the middle of a test."""

import sys


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.data = {}

    def get(self, key):
        sys.exit(0)

    def put(self, key, value) -> None:
        self.data[key] = value
