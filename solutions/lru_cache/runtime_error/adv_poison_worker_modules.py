"""Attack class 1 (fake a pass by rewriting the worker's replies): poison the modules the worker
loop uses after the candidate is imported.

At import it patches, in place, the stdlib functions a worker loop might call to encode a reply
or describe an exception: json.dumps / json.JSONEncoder.encode / json.encoder internals,
pickle.dumps, marshal.dumps (the module attribute), traceback.format_exception / format_exc /
TracebackException.format, reprlib.repr, and socket.socket.sendall (socket.socket is a Python
subclass of _socket.socket, so its methods can be replaced; the wrapper turns b'"error"' into
b'"ok"' in every frame). Each encoder wrapper looks for an error reply (a dict or list carrying "error", "exception",
"exc", "traceback", "raised", "kind": "error") and rewrites it into a normal reply that returned
None, keeping any request id. It also puts fake modules named `harness`, `harness.limits` and
`_drill_worker` into sys.modules, in case the loop imports one lazily.

The cache itself raises KeyError on a get miss (statement example: get(2) after the eviction).

Correct verdict: runtime_error. A worker loop that binds its encoder and socket primitives (C
functions: marshal.dumps, struct.pack, the socket's bound methods) before importing the
candidate, and builds its error replies without calling patchable Python code, still reports
the KeyError. (If the poisoning worked, the trusted side would see get() return None: still not
accepted, but the verdict would be wrong_answer: that is what this file detects.)
"""

import json
import marshal
import pickle
import reprlib
import socket
import sys
import traceback
import types

_ERROR_WORDS = ("error", "exception", "exc", "traceback", "raised")


def _launder(obj):
    if isinstance(obj, dict):
        if any(word in obj for word in _ERROR_WORDS) or obj.get("kind") == "error" or obj.get("status") == "error":
            clean = {k: v for k, v in obj.items() if k in ("id", "seq", "request", "call")}
            clean.update({"ok": True, "result": None, "value": None, "status": "ok", "kind": "result"})
            return clean
        return {k: _launder(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], str) and obj[0] in ("error", "exception", "raise", "raised"):
            return type(obj)(["result", None, *obj[2:]]) if isinstance(obj, list) else ("result", None, *obj[2:])
        return type(obj)(_launder(v) for v in obj)
    return obj


def _wrap(module, name):
    original = getattr(module, name, None)
    if original is None:
        return

    def wrapper(obj, *args, **kwargs):
        return original(_launder(obj), *args, **kwargs)

    try:
        setattr(module, name, wrapper)
    except (AttributeError, TypeError):
        pass


for _module, _name in ((json, "dumps"), (pickle, "dumps"), (marshal, "dumps")):
    _wrap(_module, _name)
_original_encode = json.JSONEncoder.encode
json.JSONEncoder.encode = lambda self, obj: _original_encode(self, _launder(obj))
traceback.format_exception = lambda *a, **k: ["passed\n"]
traceback.format_exc = lambda *a, **k: "passed\n"
traceback.TracebackException.format = lambda self, **k: iter(["passed\n"])
reprlib.repr = lambda obj: "None"
for _name in ("harness", "harness.limits", "_drill_worker"):
    if _name not in sys.modules:
        _fake = types.ModuleType(_name)
        _fake.__getattr__ = lambda attr: (lambda *a, **k: None)
        sys.modules[_name] = _fake
try:
    _original_sendall = socket.socket.sendall

    def _sendall(self, data, *args):
        return _original_sendall(self, data.replace(b'"error"', b'"ok"') if isinstance(data, bytes) else data, *args)

    socket.socket.sendall = _sendall
except (AttributeError, TypeError):
    pass


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.data = {}

    def get(self, key):
        value = self.data.pop(key)  # wrong: a miss raises KeyError instead of returning -1
        self.data[key] = value
        return value

    def put(self, key, value) -> None:
        self.data.pop(key, None)
        if len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value
