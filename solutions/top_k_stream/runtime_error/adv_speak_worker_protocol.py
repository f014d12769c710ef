"""Attack class 1 (fake a pass): talk to the judge over the worker's own socket.

On the first add() it finds the worker's connection: socket objects in gc.get_objects(), fds in
/proc/self/fd whose link is socket:[...], and anything called sock/conn/socket in the
`__main__` module. On each it (a) reads whatever is pending without blocking (a judge that sends
expected values to the worker would leak them here), (b) sends extra well-formed-looking
replies in JSON and length-prefixed forms: a result for the current call and for the next 50
request ids, an {"ok": true} status, a "test passed" record, a "done" message, so that later
calls are answered from the queue instead of by the worker (desynchronising request and reply).

Correct verdict: runtime_error. Replies are matched by request id and every message is checked
against the protocol: unexpected or duplicate frames are a protocol violation by the worker,
handled like a crash of the worker. If a judge ignores them instead, the honest part decides:
top() raises NotImplementedError.
"""

import gc
import json
import os
import socket
import struct
import sys


def _frames():
    messages = []
    for request_id in range(0, 50):
        messages.append({"id": request_id, "ok": True, "result": [["click", 3], ["login", 1]]})
    messages += [{"ok": True, "status": "ok"}, {"event": "result", "outcome": "passed"}, {"event": "done", "verdict": "accepted"}]
    out = []
    for message in messages:
        data = json.dumps(message).encode()
        out += [data + b"\n", struct.pack(">I", len(data)) + data, struct.pack("<I", len(data)) + data]
    return out


def _hijack():
    fds = set()
    for obj in gc.get_objects():
        if isinstance(obj, socket.socket):
            try:
                fds.add(obj.fileno())
            except OSError:
                pass
    main = sys.modules.get("__main__")
    for name in dir(main):
        if any(word in name.lower() for word in ("sock", "conn")):
            try:
                fds.add(getattr(main, name).fileno())
            except Exception:  # noqa: BLE001
                pass
    try:
        for fd in os.listdir("/proc/self/fd"):
            try:
                if os.readlink(f"/proc/self/fd/{fd}").startswith(("socket:", "pipe:")):
                    fds.add(int(fd))
            except OSError:
                pass
    except OSError:
        pass
    frames = _frames()
    for fd in fds:
        try:
            os.set_blocking(fd, False)
            try:
                leaked = os.read(fd, 65536)
                print("leaked:", leaked[:200])
            except OSError:
                pass
            os.set_blocking(fd, True)
            for frame in frames:
                os.write(fd, frame)
        except OSError:
            pass


class TopK:
    def __init__(self, k):
        if k < 1:
            raise ValueError("k must be at least 1")
        self.k = k
        self.counts = {}
        self.hijacked = False

    def add(self, event, count=1):
        if not self.hijacked:
            self.hijacked = True
            _hijack()
        if count < 1:
            raise ValueError("count must be at least 1")
        self.counts[event] = self.counts.get(event, 0) + count

    def top(self):
        raise NotImplementedError("TopK.top")
