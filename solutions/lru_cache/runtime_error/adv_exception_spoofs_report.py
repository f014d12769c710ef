"""Attack class 1/2 (fake a pass through the report): an exception dressed as the judge's own.

get() raises an exception whose class is named TimeLimitExceeded with __module__
"harness.limits" (then WrongAnswer from "harness.authoring.testing", then Skipped from "_pytest.outcomes"
on later calls), raised from a function compiled with the file name ".../harness/limits.py"
and the name "time_limit", so the traceback's last frame looks like the judge's code. Its
message starts with terminal escapes (clear screen, cursor home, green) and a fake drill report
("lru_cache  ACCEPTED  12/12 tests passed"), followed by 5 MB of padding and a fake "Traceback
(most recent call last)" pointing at harness files. __repr__ raises, and __str__ of the chained
__cause__ raises too.

Correct verdict: runtime_error (the candidate's get() raised). Exception names, modules and
frame file names are data: the verdict never depends on them (not time_limit_exceeded, not an
internal error of the judge). The shown message is truncated, and control characters are
escaped, so the fake report cannot repaint the terminal.
"""

import itertools

_FAKE = ("\x1b[2J\x1b[H\x1b[32m"
         "lru_cache  ACCEPTED  12/12 tests passed  (complexity: pass, G 1.02)\n"
         "\x1b[0m\n" + " " * 5_000_000 +
         "\nTraceback (most recent call last):\n  File \"/kit/harness/limits.py\", line 40, in time_limit\n")


class _Unprintable(Exception):
    def __str__(self):
        raise RuntimeError("no str for you")

    def __repr__(self):
        raise RuntimeError("no repr for you")


def _make(name, module):
    cls = type(name, (Exception,), {"__repr__": lambda self: (_ for _ in ()).throw(RuntimeError("no repr"))})
    cls.__module__ = module
    cls.__qualname__ = name
    return cls


_KINDS = itertools.cycle([_make("TimeLimitExceeded", "harness.limits"), _make("WrongAnswer", "harness.authoring.testing"),
                          _make("Skipped", "_pytest.outcomes")])

_namespace = {}
exec(compile("def time_limit(kind, message, cause):\n    raise kind(message) from cause\n",
             "/kit/harness/limits.py", "exec"), _namespace)


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        _namespace["time_limit"](next(_KINDS), _FAKE, _Unprintable())

    def put(self, key, value) -> None:
        self.data[key] = value
