"""A running worker (trusted side): the candidate's process started under the policy of
harness/worker/policy.py, with its rlimits, and read from outside: its CPU clock (the kernel's
count for the process), its exit status, its output files. It runs harness/sandbox/worker.py.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from harness.lifetime import die_with_parent
from harness.worker import messages
from harness.sandbox import protocol
from harness.worker.policy import OPEN_FILES_LIMIT, OUTPUT_LIMIT_BYTES, SANDBOX_PACKAGE, bwrap_base_args, protections, seccomp_program


class WorkerGone(Exception):
    """The worker ended or broke the protocol; `reason` says how."""


@dataclass
class WorkerSpec:
    """What one worker may see."""

    folder: Path                    # a private folder; the file it loads is copied in before `load`
    memory_mb: int
    hash_seed: int = 0
    sockets: tuple[str, ...] = ()   # unix sockets it may connect to (a Redis server's)
    bench_spec: Path | None = None  # benchmarks/<slug>/bench.py, for complexity workers
    inputs: Path | None = None      # tests/<slug>/inputs.py: builders of large inputs (testing.generated)


class WorkerProcess:
    """One started worker: its socket, its host PID, its CPU clock and its output files."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.spec = spec
        self.protections = protections()
        self._tmp = tempfile.TemporaryDirectory(prefix="drill-worker-")
        out_dir = Path(self._tmp.name)
        self.stdout_path, self.stderr_path = out_dir / "stdout", out_dir / "stderr"
        parent_sock, child_sock = socket.socketpair()
        self.sock = parent_sock
        self.returncode: int | None = None
        self.killed_for: str | None = None
        self.folder_in_worker = "/solution" if self.protections.sandboxed else str(spec.folder)
        self.bench_in_worker = (
            None if spec.bench_spec is None else ("/drill/bench.py" if self.protections.sandboxed else str(spec.bench_spec))
        )
        self.inputs_in_worker = None if spec.inputs is None else ("/drill/inputs.py" if self.protections.sandboxed else str(spec.inputs))
        info_r = info_w = seccomp_r = -1
        fds = [child_sock.fileno()]
        try:
            if self.protections.sandboxed:
                assert self.protections.bwrap is not None
                info_r, info_w = os.pipe()
                fds.append(info_w)
                args = [self.protections.bwrap, *bwrap_base_args(), "--info-fd", str(info_w)]
                args += ["--setenv", "PYTHONHASHSEED", str(spec.hash_seed)]
                args += ["--ro-bind", str(SANDBOX_PACKAGE), "/drill/sandbox", "--ro-bind", str(spec.folder), "/solution"]
                if spec.bench_spec is not None:
                    args += ["--ro-bind", str(spec.bench_spec), "/drill/bench.py"]
                if spec.inputs is not None:
                    args += ["--ro-bind", str(spec.inputs), "/drill/inputs.py"]
                for path in spec.sockets:
                    args += ["--ro-bind", path, path]
                program = seccomp_program() if self.protections.seccomp else None
                if program:
                    seccomp_r, w = os.pipe()
                    os.write(w, program)
                    os.close(w)
                    fds.append(seccomp_r)
                    args += ["--seccomp", str(seccomp_r)]
                args += ["--chdir", "/tmp", "--", sys.executable, "-s", "-P", "-u", "/drill/sandbox/worker.py", str(child_sock.fileno())]
                env = None
                cwd = None
            else:
                args = [sys.executable, "-s", "-P", "-u", str(SANDBOX_PACKAGE / "worker.py"), str(child_sock.fileno())]
                env = {"PYTHONHASHSEED": str(spec.hash_seed), "PYTHONDONTWRITEBYTECODE": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                       "HOME": self._tmp.name, "LANG": "C.UTF-8"}
                cwd = self._tmp.name
            with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
                self.proc = subprocess.Popen(
                    args, stdin=subprocess.DEVNULL, stdout=out, stderr=err, pass_fds=fds, env=env, cwd=cwd,
                    preexec_fn=_limits(spec.memory_mb), start_new_session=True,
                )
        except OSError as exc:
            self._close_fds(child_sock, info_r, info_w, seccomp_r)
            self.sock.close()
            self._tmp.cleanup()
            raise WorkerGone(messages.worker_not_started(exc)) from exc
        self._close_fds(child_sock, -1, info_w, seccomp_r)
        self.pid = self.proc.pid
        if info_r >= 0:
            self.pid = _read_child_pid(info_r, self.proc) or self.proc.pid
        self._clock = ((~self.pid) << 3) | 2  # the process's CPU clock (all threads), read by the kernel
        self.started = time.monotonic()

    @staticmethod
    def _close_fds(child_sock: socket.socket, *fds: int) -> None:
        child_sock.close()
        for fd in fds:
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass

    def cpu_s(self) -> float:
        """CPU seconds the worker has used, as the kernel counts them; the last reading once it ended."""
        try:
            self._last_cpu = time.clock_gettime(self._clock)
        except OSError:
            pass
        return getattr(self, "_last_cpu", 0.0)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self, reason: str | None = None) -> None:
        if reason and self.killed_for is None:
            self.killed_for = reason
        self.cpu_s()
        for target in (self.proc.pid,):
            try:
                os.killpg(target, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.returncode = self.proc.returncode

    def exit_status(self) -> int | None:
        """The worker's own exit status (bwrap passes it on), or -signal."""
        if self.returncode is None:
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.kill()
            self.returncode = self.proc.returncode
        return self.returncode

    def output_size(self) -> int:
        try:
            return self.stdout_path.stat().st_size + self.stderr_path.stat().st_size
        except OSError:
            return 0

    def output_since(self, offsets: tuple[int, int], limit: int = 1000) -> str:
        """What the worker printed since `offsets`, at most `limit` bytes of each stream."""
        parts = []
        for path, start in zip((self.stdout_path, self.stderr_path), offsets):
            try:
                with open(path, "rb") as f:
                    f.seek(start)
                    data = f.read(limit + 1)
            except OSError:
                continue
            text = data[:limit].decode("utf-8", "replace")
            if len(data) > limit:
                text += "… (more output cut)"
            if text.strip():
                parts.append(text)
        return "\n".join(parts)

    def offsets(self) -> tuple[int, int]:
        sizes = []
        for path in (self.stdout_path, self.stderr_path):
            try:
                sizes.append(path.stat().st_size)
            except OSError:
                sizes.append(0)
        return sizes[0], sizes[1]

    def close(self) -> None:
        if self.alive():
            try:
                self.sock.sendall(protocol.request_frame({"op": "exit"}))
            except OSError:
                pass
            self.kill()
        else:
            self.exit_status()
        self.sock.close()
        self._tmp.cleanup()


def _read_child_pid(fd: int, proc: subprocess.Popen) -> int | None:
    data = b""
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            data += chunk
            if b"}" in data:
                break
    finally:
        os.close(fd)
    try:
        return int(json.loads(data)["child-pid"])
    except (ValueError, KeyError, TypeError):
        return None


def _limits(memory_mb: int):
    def apply() -> None:
        die_with_parent()
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_FSIZE, (OUTPUT_LIMIT_BYTES, OUTPUT_LIMIT_BYTES))
        # Socket and pipe buffers are kernel memory the address-space limit does not count either.
        resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES_LIMIT, OPEN_FILES_LIMIT))

    return apply
