"""Cheat attempt: ends the process with status 0 in the middle of a test."""

import os


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.data = {}

    def get(self, key):
        os._exit(0)

    def put(self, key, value) -> None:
        self.data[key] = value
