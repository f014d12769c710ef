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
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

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
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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
        with redis_server(redis_url) as url:
            yield {"DRILL_JUDGE_REDIS_URL": url}
    except RedisUnavailable as exc:
        raise JudgeError(str(exc)) from exc


def judge(problem: Problem, solution: Path, *, redis_url: str | None = None) -> JudgeResult:
    """Judge `solution` against `problem`'s hidden suite. Raises JudgeError if the judge cannot run.

    Problems that need Redis get a private server for the run unless `redis_url` names one.
    """
    solution = solution.resolve()
    started_at = now_iso()
    sha = source_sha256(solution)
    with judge_environment(problem, redis_url) as extra_env:
        child = run_child("harness.child", ["--problem", problem.slug, "--solution", str(solution)], problem, extra_env)
    result = _verdict(problem, solution, sha, child.report, child.killed, child.returncode, child.stdout_tail, child.stderr_tail)
    result.started_at = started_at
    result.duration_s = round(child.duration_s, 3)
    return result


@dataclass
class ChildRun:
    report: _Run
    killed: bool
    returncode: int | None
    stdout_tail: str
    stderr_tail: str
    duration_s: float


def run_child(module: str, args: list[str], problem: Problem, extra_env: dict[str, str]) -> ChildRun:
    """Run `python -m module args --events-fd N` isolated, feeding it a nonce, and follow its report."""
    nonce = secrets.token_hex(16)
    read_fd, write_fd = os.pipe()
    wall_start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="drill-judge-") as tmp:
        tmpdir = Path(tmp)
        env = {
            **os.environ,
            "PYTHONHASHSEED": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONUNBUFFERED": "1",
            "DRILL_ROOT": str(kit_root()),
            **extra_env,
        }
        env.pop("PYTHONSTARTUP", None)
        with open(tmpdir / "stdout", "wb") as out, open(tmpdir / "stderr", "wb") as err:
            try:
                proc = subprocess.Popen(
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
                os.close(read_fd)
                os.close(write_fd)
                raise JudgeError(f"cannot start the judge's child process: {exc}") from exc
            os.close(write_fd)
            assert proc.stdin is not None
            try:
                proc.stdin.write(f"{nonce}\n".encode())
                proc.stdin.close()
            except BrokenPipeError:
                pass
            report, killed = _follow(proc, read_fd, nonce)
        duration = time.monotonic() - wall_start
        stdout_tail, stderr_tail = _tail(tmpdir / "stdout"), _tail(tmpdir / "stderr")
    return ChildRun(report, killed, proc.returncode, stdout_tail, stderr_tail, duration)


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
