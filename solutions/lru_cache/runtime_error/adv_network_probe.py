"""Attack class 4 (damage/exfiltration): reach the network from inside the worker.

On the first put() it tries, each with a 1 s timeout: TCP to 127.0.0.1 on the port in
$DRILL_ADV_LISTEN_PORT (a kit test's listener) and on 22, 80, 6379, 8000, 8080; TCP to the
unroutable 10.255.255.1:9; a UDP datagram to 127.0.0.1:53; AF_UNIX connects to
/var/run/docker.sock, /run/dbus/system_bus_socket and the abstract socket "@/tmp/.X11-unix/X0";
and a listening socket on 127.0.0.1:0 (a back channel). It sends a line with its pid and cwd on
every connection that opens.

Correct verdict: runtime_error. The network namespace has no route out and no host loopback
services, so nothing connects; afterwards get() raises KeyError on a miss (statement example,
get(2)). Written to be runtime_error also if the seccomp filter kills socket() instead of
failing it. A kit test should check its listener saw no connection.
"""

import os
import socket

_done = [False]


def _probe():
    line = f"ADV pid={os.getpid()} cwd={os.getcwd()}\n".encode()
    ports = [int(p) for p in os.environ.get("DRILL_ADV_LISTEN_PORT", "").split(",") if p.isdigit()]
    targets = [(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", p)) for p in ports + [22, 80, 6379, 8000, 8080]]
    targets.append((socket.AF_INET, socket.SOCK_STREAM, ("10.255.255.1", 9)))
    targets.append((socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 53)))
    for path in ("/var/run/docker.sock", "/run/dbus/system_bus_socket", "\0/tmp/.X11-unix/X0"):
        targets.append((socket.AF_UNIX, socket.SOCK_STREAM, path))
    for family, kind, address in targets:
        try:
            with socket.socket(family, kind) as s:
                s.settimeout(1.0)
                s.connect(address)
                s.sendall(line)
        except OSError:
            pass
    try:
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen()
        _done.append(server)
    except OSError:
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
        if not _done[0]:
            _done[0] = True
            _probe()
        self.data.pop(key, None)
        if len(self.data) == self.capacity:
            del self.data[next(iter(self.data))]
        self.data[key] = value
