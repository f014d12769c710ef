"""Attack class 5 (escape the timer): remember every call sequence and replay it next round.

The cache is too_slow/dict_next_iter.py (correct, O(capacity) per evicting put), wrapped in a
global trie of call sequences: (capacity) -> (op, key, value) -> ... -> recorded result. While
a new cache follows a recorded path it only logs the calls and returns the recorded results,
O(1) each; at the first call that leaves the path it replays the log into the real cache and
records from there. The benchmark repeats the same workload (a fresh copy of the same input) in
every round and keeps the fastest round, so rounds 2+ cost O(1) per call and the minimum hides
the first round. In the hidden tests the replay is always right: LRU results depend only on the
call sequence.

Correct verdict: too_slow. Fresh copies are not enough: each round needs a different input
(another seed), or the statistic must not be the minimum over rounds of the same input.
"""

_MISSING = object()


class _SlowCore:
    """dict_next_iter: correct, but eviction skips the holes deleted keys leave: O(capacity) when every put evicts."""

    def __init__(self, capacity):
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        value = self.data.pop(key, _MISSING)
        if value is _MISSING:
            return -1
        self.data[key] = value
        return value

    def put(self, key, value):
        if self.data.pop(key, _MISSING) is _MISSING and len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value

_TRIES = {}


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.real = _SlowCore(capacity)
        self.pending = []  # calls answered from the trie, not yet applied to self.real
        self.node = _TRIES.setdefault(capacity, [None, {}])  # [result, children]

    def _call(self, sig, method, *args):
        node = self.node
        if node is not None:
            try:
                nxt = node[1].get(sig)
            except TypeError:  # unhashable value: stop memoising this cache
                nxt = None
                self.node = node = None
            if nxt is not None:
                self.pending.append((method, args))
                self.node = nxt
                return nxt[0]
        for pending_method, pending_args in self.pending:
            getattr(self.real, pending_method)(*pending_args)
        self.pending = []
        result = getattr(self.real, method)(*args)
        if node is not None:
            new = [result, {}]
            node[1][sig] = new
            self.node = new
        return result

    def get(self, key):
        return self._call(("get", key), "get", key)

    def put(self, key, value) -> None:
        return self._call(("put", key, value), "put", key, value)
