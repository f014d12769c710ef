"""Attack class 1 (fake a pass): raise BaseExceptions that test runners treat as "stop", not "fail".

get() raises KeyboardInterrupt first (pytest ends the session and may report only what ran),
then SystemExit(0), GeneratorExit, StopIteration and StopAsyncIteration on later calls; each is
raised with a message claiming success. A worker loop written as `except Exception:` lets these
escape and ends the worker with status 0; a trusted side that maps KeyboardInterrupt to
"the user pressed Ctrl-C" aborts the run and may record nothing, or a partial "pass".

Correct verdict: runtime_error. The first get() raises; every one of these is the candidate's
exception (or the worker ending mid-test), and the test that was running fails.
"""

_order = [KeyboardInterrupt, SystemExit, GeneratorExit, StopIteration, StopAsyncIteration]
_calls = [0]


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        kind = _order[_calls[0] % len(_order)]
        _calls[0] += 1
        if kind is SystemExit:
            raise SystemExit(0)
        raise kind("all tests passed")

    def put(self, key, value) -> None:
        self.data.pop(key, None)
        if len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value
