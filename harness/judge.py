"""The judge: runs a solution against a problem's hidden suite in a child process.

The child (harness.child) gets a memory limit (RLIMIT_AS), its own session so the
whole process group can be killed, and a private pipe for its report. The parent
enforces wall-clock limits as a backstop for loops the child cannot interrupt, and
decides the verdict from the report alone: a child that exits early, prints
"passed" or forges nothing can only lose.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import secrets
import select
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from harness import clock
from harness.catalogue import Problem, kit_root
from harness.redis_server import RedisUnavailable, redis_server
from harness.verdicts import (
    ACCEPTED,
    INVALID_SOLUTION,
    JUDGE_ERROR,
    MEMORY_LIMIT_EXCEEDED,
    RUNTIME_ERROR,
    TIME_LIMIT_EXCEEDED,
    CaseOutcome,
    Failure,
    JudgeResult,
)

GRACE_S = 3.0  # beyond the child's own limit, before the parent kills it
LOAD_LIMIT_S = 30.0  # interpreter start, imports and the solution's import (which has its own 10 s limit)
BETWEEN_TESTS_LIMIT_S = 60.0  # collection and session start/finish
OUTPUT_TAIL = 2000


class JudgeError(Exception):
    """The judge itself could not run (not a verdict on the solution)."""


def now_iso() -> str:
    return clock.now().isoformat(timespec="seconds")


def source_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _limit_child(memory_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


@dataclass
class _Run:
    """What the parent learned from the child's report so far."""

    loaded: bool = False
    load_failure: dict[str, Any] | None = None
    collect_error: str | None = None
    collected: list[dict[str, str]] | None = None
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    current: str | None = None
    current_limit: float = 0.0
    current_since: float = 0.0
    done: bool = False
    done_data: dict[str, Any] | None = None
    forged: int = 0


def _tail(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    text = data[-OUTPUT_TAIL:].decode("utf-8", "replace")
    return ("…" + text) if len(data) > OUTPUT_TAIL else text


@contextmanager
def judge_environment(problem: Problem, redis_url: str | None = None) -> Iterator[dict[str, str]]:
    """Extra environment for the judged child: a private Redis for problems that need one."""
    if "redis" not in problem.needs:
        yield {}
        return
    try:
        with ExitStack() as stack:
            urls = [stack.enter_context(redis_server(redis_url if i == 0 else None)) for i in range(problem.redis_servers)]
            yield {"DRILL_JUDGE_REDIS_URL": urls[0], "DRILL_JUDGE_REDIS_URLS": ",".join(urls)}
    except RedisUnavailable as exc:
        raise JudgeError(str(exc)) from exc


def judge(
    problem: Problem, solution: Path, *, redis_url: str | None = None, prepared: PreparedChild | None = None
) -> JudgeResult:
    """Judge `solution` against `problem`'s hidden suite. Raises JudgeError if the judge cannot run.

    Problems that need Redis get a private server for the run unless `redis_url` names one.
    `prepared` is a child spawned earlier by `prepare_judge` (watch mode), already past its imports.
    """
    solution = solution.resolve()
    started_at = now_iso()
    sha = source_sha256(solution)
    if prepared is not None:
        child = prepared.run()
    else:
        with judge_environment(problem, redis_url) as extra_env:
            child = run_child("harness.child", _judge_args(problem, solution), problem, extra_env)
    result = _verdict(problem, solution, sha, child.report, child.killed, child.returncode, child.stdout_tail, child.stderr_tail)
    result.started_at = started_at
    result.duration_s = round(child.duration_s, 3)
    return result


def _judge_args(problem: Problem, solution: Path) -> list[str]:
    return ["--problem", problem.slug, "--solution", str(solution.resolve())]


def prepare_judge(problem: Problem, solution: Path, extra_env: dict[str, str]) -> PreparedChild:
    """Spawn a judge child now; it imports everything and waits. `judge(..., prepared=child)` runs it."""
    return PreparedChild("harness.child", _judge_args(problem, solution), problem, extra_env)


@dataclass
class ChildRun:
    report: _Run
    killed: bool
    returncode: int | None
    stdout_tail: str
    stderr_tail: str
    duration_s: float


class PreparedChild:
    """`python -m module args --events-fd N`, isolated and started, waiting for its nonce on stdin.

    The child imports its modules first and reads the nonce only then, so a child spawned
    ahead of time has its start-up done by the time `run()` is called.
    """

    def __init__(self, module: str, args: list[str], problem: Problem, extra_env: dict[str, str]) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="drill-judge-")
        tmpdir = Path(self._tmp.name)
        self._stdout_path, self._stderr_path = tmpdir / "stdout", tmpdir / "stderr"
        env = {
            **os.environ,
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
            "DRILL_ROOT": str(kit_root()),
            **extra_env,
        }
        env.pop("PYTHONSTARTUP", None)
        self._read_fd, write_fd = os.pipe()
        try:
            with open(self._stdout_path, "wb") as out, open(self._stderr_path, "wb") as err:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", module, *args, "--events-fd", str(write_fd)],
                    stdin=subprocess.PIPE,
                    stdout=out,
                    stderr=err,
                    pass_fds=(write_fd,),
                    cwd=tmpdir,
                    env=env,
                    preexec_fn=_limit_child(problem.memory_limit_mb * 1024 * 1024),
                    start_new_session=True,
                )
        except OSError as exc:
            os.close(self._read_fd)
            self._tmp.cleanup()
            raise JudgeError(f"cannot start the judge's child process: {exc}") from exc
        finally:
            os.close(write_fd)

    def run(self) -> ChildRun:
        nonce = secrets.token_hex(16)
        wall_start = time.monotonic()
        try:
            assert self.proc.stdin is not None
            try:
                self.proc.stdin.write(f"{nonce}\n".encode())
                self.proc.stdin.close()
            except BrokenPipeError:
                pass
            report, killed = _follow(self.proc, self._read_fd, nonce)
            duration = time.monotonic() - wall_start
            return ChildRun(report, killed, self.proc.returncode, _tail(self._stdout_path), _tail(self._stderr_path), duration)
        finally:
            self._tmp.cleanup()

    def discard(self) -> None:
        _kill(self.proc)
        self.proc.wait()
        for stream in (self.proc.stdin,):
            if stream and not stream.closed:
                stream.close()
        try:
            os.close(self._read_fd)
        except OSError:
            pass
        self._tmp.cleanup()


def run_child(module: str, args: list[str], problem: Problem, extra_env: dict[str, str]) -> ChildRun:
    """Run an isolated child now and follow its report (see PreparedChild)."""
    return PreparedChild(module, args, problem, extra_env).run()


def _follow(proc: subprocess.Popen, read_fd: int, nonce: str) -> tuple[_Run, bool]:
    """Read the child's report until it ends; kill the child if it overruns. Returns (report, killed)."""
    run = _Run()
    buffer = b""
    phase_since = time.monotonic()
    killed = False
    eof = False
    try:
        while True:
            now = time.monotonic()
            if run.current is not None:
                deadline = run.current_since + run.current_limit + GRACE_S
            elif not run.loaded:
                deadline = phase_since + LOAD_LIMIT_S
            else:
                deadline = phase_since + BETWEEN_TESTS_LIMIT_S
            if now > deadline:
                _kill(proc)
                killed = True
                break
            if eof:
                try:
                    proc.wait(timeout=min(0.2, max(deadline - now, 0.01)))
                    break
                except subprocess.TimeoutExpired:
                    continue
            ready, _, _ = select.select([read_fd], [], [], min(0.2, max(deadline - now, 0.01)))
            if not ready:
                if proc.poll() is not None:
                    # Exited; drain whatever is left in the pipe on the next read.
                    pass
                continue
            chunk = os.read(read_fd, 65536)
            if not chunk:
                eof = True
                continue
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if _apply(run, line, nonce):
                    phase_since = time.monotonic()
    finally:
        os.close(read_fd)
        if proc.poll() is None:
            _kill(proc)
        proc.wait()
    return run, killed


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _apply(run: _Run, line: bytes, nonce: str) -> bool:
    """Apply one report line. Returns True if it was a genuine event."""
    try:
        event = json.loads(line)
    except ValueError:
        run.forged += 1
        return False
    if not isinstance(event, dict) or event.get("nonce") != nonce:
        run.forged += 1
        return False
    kind = event.get("event")
    if kind == "loaded":
        run.loaded = True
    elif kind == "load_failed":
        run.load_failure = event
    elif kind == "collect_error":
        run.collect_error = event.get("message")
    elif kind == "collected":
        run.collected = list(event.get("tests", []))
    elif kind == "start":
        run.current = event.get("test")
        run.current_limit = float(event.get("limit_s", 10))
        run.current_since = time.monotonic()
    elif kind == "result":
        run.results[event["test"]] = event
        run.current = None
    elif kind == "done":
        run.done = True
        run.done_data = event
    return True


def _crash_message(returncode: int | None, killed: bool, what: str) -> tuple[str, str]:
    if killed:
        return TIME_LIMIT_EXCEEDED, f"{what} ran past its time limit and was stopped (the loop did not return to Python, so it was killed)"
    if returncode is not None and returncode < 0:
        sig = signal.Signals(-returncode).name
        if -returncode == signal.SIGKILL:
            return MEMORY_LIMIT_EXCEEDED, f"the process was killed (SIGKILL) during {what}, most likely for using too much memory"
        if -returncode == signal.SIGSEGV:
            return RUNTIME_ERROR, f"the interpreter crashed (SIGSEGV) during {what}; usually recursion far deeper than the stack allows"
        return RUNTIME_ERROR, f"the process died from signal {sig} during {what}"
    return RUNTIME_ERROR, f"the process exited (status {returncode}) during {what}; a solution must return, not exit"


def _verdict(
    problem: Problem,
    solution: Path,
    sha: str,
    run: _Run,
    killed: bool,
    returncode: int | None,
    stdout_tail: str,
    stderr_tail: str,
) -> JudgeResult:
    result = JudgeResult(problem=problem.slug, verdict=ACCEPTED, file=str(solution), source_sha256=sha)
    output = (stdout_tail + ("\n" + stderr_tail if stderr_tail else "")).strip() or None

    if run.load_failure is not None:
        result.verdict = run.load_failure.get("verdict", INVALID_SOLUTION)
        result.message = run.load_failure.get("message")
        result.first_failure = Failure(test="load", title=f"loading {solution.name}", verdict=result.verdict, message=result.message or "")
        return result
    if not run.loaded:
        if killed:
            verdict, message = TIME_LIMIT_EXCEEDED, f"loading {solution.name} did not finish in time"
        elif returncode == 0 or returncode is None or returncode > 0:
            verdict, message = INVALID_SOLUTION, f"importing {solution.name} ended the process (exit status {returncode}); a solution must only define names"
        else:
            verdict, message = _crash_message(returncode, killed, f"the import of {solution.name}")
        if "ModuleNotFoundError: No module named 'harness'" in (stderr_tail or ""):
            raise JudgeError("the judge's child cannot import the harness package; install the kit with `pip install -e .`")
        result.verdict, result.message = verdict, message
        result.first_failure = Failure(test="load", title=f"loading {solution.name}", verdict=verdict, message=message, output=output)
        return result
    if run.collected is None or run.collect_error:
        if run.collect_error:
            raise JudgeError(f"the hidden suite for {problem.slug} could not be collected: {run.collect_error.splitlines()[-1]}")
        verdict, message = _crash_message(returncode, killed, "the start of the hidden suite")
        result.verdict, result.message = verdict, message
        result.first_failure = Failure(test="setup", title="starting the hidden suite", verdict=verdict, message=message, output=output)
        return result
    if not run.collected:
        raise JudgeError(f"the hidden suite for {problem.slug} has no tests")

    first: Failure | None = None
    for test in run.collected:
        name, title = test["test"], test.get("title", test["test"])
        event = run.results.get(name)
        if event is None:
            if first is None and run.current == name:
                verdict, message = _crash_message(returncode, killed, f"test '{title}'")
                first = Failure(test=name, title=title, verdict=verdict, message=message, output=output)
                result.tests.append(CaseOutcome(name, title, "failed", verdict))
                result.failed += 1
            elif first is None and not run.done:
                verdict, message = _crash_message(returncode, killed, "the hidden suite")
                first = Failure(test=name, title=title, verdict=verdict, message=message, output=output)
                result.tests.append(CaseOutcome(name, title, "failed", verdict))
                result.failed += 1
            else:
                result.tests.append(CaseOutcome(name, title, "not_run"))
                result.not_run += 1
            continue
        failure = event.get("failure")
        duration = float(event.get("duration_s", 0.0))
        if failure:
            result.failed += 1
            result.tests.append(CaseOutcome(name, title, "failed", failure.get("verdict"), duration))
            if first is None:
                first = Failure(
                    test=name,
                    title=failure.get("title", title),
                    verdict=failure.get("verdict", RUNTIME_ERROR),
                    message=failure.get("message", ""),
                    input=failure.get("input"),
                    expected=failure.get("expected"),
                    actual=failure.get("actual"),
                    minimal_example=failure.get("minimal_example"),
                    traceback=list(failure.get("traceback") or []),
                    output=failure.get("output"),
                    full=failure.get("full"),
                )
        else:
            result.passed += 1
            result.tests.append(CaseOutcome(name, title, "passed", None, duration))
    result.total = len(run.collected)

    if first is None and not run.done:
        # Every test reported, but the session never finished: something ended it.
        verdict, message = _crash_message(returncode, killed, "the end of the hidden suite")
        first = Failure(test="teardown", title="finishing the hidden suite", verdict=verdict, message=message, output=output)
    if first is not None:
        result.verdict = first.verdict
        result.first_failure = first
        result.message = first.message
    elif result.passed != result.total:
        result.verdict = RUNTIME_ERROR
        result.message = "the judge's report is incomplete"
    return result


def judge_error_result(problem: Problem, solution: Path, message: str) -> JudgeResult:
    sha = source_sha256(solution) if solution.is_file() else ""
    return JudgeResult(problem=problem.slug, verdict=JUDGE_ERROR, file=str(solution), source_sha256=sha, message=message, started_at=now_iso())
