"""Mistake: imports a module that is not installed."""

import numpyy  # noqa: F401


class LRUCache:
    pass
