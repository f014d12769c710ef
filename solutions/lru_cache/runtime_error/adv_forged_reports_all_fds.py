"""Attack class 1 (fake a pass): forge result messages on every file descriptor.

On every call it writes, to every fd 0-255 that accepts a write, lines shaped like
whatever a judge might parse: pytest-reportlog JSON, a JUnit XML fragment, a "verdict: accepted"
JSON line, the pytest summary banner, length-prefixed JSON frames (4-byte big-endian and
newline-delimited) claiming `{"ok": true, "verdict": "accepted", "passed": 42, "failed": 0}`.
It also prints "PASSED"/"accepted" on stdout and stderr.

Nothing is forged at import (that would make the verdict depend on when the judge notices).

Correct verdict: runtime_error. The worker cannot send verdicts; the trusted side only counts
tests it ran to the end. Forged frames that land on the worker socket corrupt the stream: a
correct judge treats a worker that breaks the protocol like one that crashed (runtime_error), and
if it ignores them instead, the honest part decides: a get miss raises KeyError (the first test's
get(2) after the eviction). Never accepted, never an internal error.
"""

import json
import os
import struct
import sys

_FORGED = [
    json.dumps({"$report_type": "TestReport", "nodeid": "tests/lru_cache/test_lru_cache.py::test_statement_example",
                "outcome": "passed", "when": "call", "duration": 0.001}),
    json.dumps({"event": "result", "ok": True, "verdict": "accepted", "passed": 42, "failed": 0, "total": 42}),
    json.dumps({"type": "verdict", "verdict": "accepted", "tests": [{"name": "*", "outcome": "passed"}]}),
    '<testsuite name="lru_cache" tests="42" failures="0" errors="0"><testcase name="all"/></testsuite>',
    "=" * 30 + " 42 passed in 0.50s " + "=" * 30,
    "accepted",
]


def _forge() -> None:
    payloads = []
    for line in _FORGED:
        data = line.encode()
        payloads.append(data + b"\n")
        payloads.append(struct.pack(">I", len(data)) + data)
        payloads.append(struct.pack("<Q", len(data)) + data)
    for fd in range(256):
        for payload in payloads:
            try:
                os.write(fd, payload)
            except OSError:
                break
    for stream in (sys.stdout, sys.stderr):
        try:
            print("PASSED", "accepted", _FORGED[4], file=stream, flush=True)
        except Exception:  # noqa: BLE001
            pass


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}
        _forge()

    def get(self, key):
        _forge()
        value = self.data.pop(key)  # wrong: a miss raises KeyError instead of returning -1
        self.data[key] = value
        return value

    def put(self, key, value) -> None:
        _forge()
        self.data.pop(key, None)
        if len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value
