"""Attack class 7 (import time): phone home before the judge has started any test.

At import it tries, each with a 1 s timeout: TCP to 127.0.0.1 on $DRILL_ADV_LISTEN_PORT and on
ports 22, 80, 443, 6379, 8000, 8080; TCP to the unroutable 10.255.255.1:80; a DNS lookup of
example.com (getaddrinfo); a UDP datagram to 127.0.0.53:53; an AF_UNIX connect to every *.sock
under /run, /var/run and /tmp (the Redis socket of another problem's run, docker.sock). Each
opened connection gets one line with the pid, cwd and environment. Then it raises ImportError
listing what connected, which the judge shows to the candidate.

Correct verdict: invalid_solution: the import raises (or, if the seccomp filter kills socket(),
the process ended during the import). A kit test should check its listener saw nothing and the
message lists no successful connection.
"""

import glob
import os
import socket

_line = f"ADV pid={os.getpid()} cwd={os.getcwd()} env names={sorted(os.environ)}\n".encode()
_results = []


def _try(family, kind, address):
    try:
        with socket.socket(family, kind) as s:
            s.settimeout(1.0)
            s.connect(address)
            s.sendall(_line)
            _results.append(f"connected {address}")
    except OSError as exc:
        _results.append(f"{address}: {type(exc).__name__}")


_ports = [int(p) for p in os.environ.get("DRILL_ADV_LISTEN_PORT", "").split(",") if p.isdigit()]
for _port in _ports + [22, 80, 443, 6379, 8000, 8080]:
    _try(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", _port))
_try(socket.AF_INET, socket.SOCK_STREAM, ("10.255.255.1", 80))
_try(socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.53", 53))
try:
    _results.append(f"dns {socket.getaddrinfo('example.com', 80)[:1]}")
except OSError as exc:
    _results.append(f"dns: {type(exc).__name__}")
for _path in glob.glob("/run/**/*.sock", recursive=True)[:20] + glob.glob("/var/run/*.sock") + glob.glob("/tmp/**/*.sock", recursive=True)[:20]:
    _try(socket.AF_UNIX, socket.SOCK_STREAM, _path)

raise ImportError("network check failed: " + "; ".join(_results))


def find_cycle(graph):  # never reached
    return None
