"""drill's side of judging: starts the suite runner, follows its events, builds the result.

The runner (harness.judge.runner) is trusted: it runs the hidden suite and talks to the
candidate's sandboxed worker, which enforces the limits. drill only copies the solution
into a private folder (the worker sees that copy, never the original or its neighbours),
hashes what it copied, and keeps a wall-clock backstop in case the runner itself hangs.
"""

from __future__ import annotations

import hashlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from harness import clock
from harness.problems.catalogue import Problem, kit_root
from harness.lifetime import die_with_parent
from harness.judge import messages
from harness.services.redis.env import RedisEnv, RedisRefused, start_redis
from harness.services.redis.guard import RedisGuardError
from harness.services.redis.server import RedisUnavailable
from harness.sandbox import protocol
from harness.verdicts import (
    ACCEPTED,
    INVALID_SOLUTION,
    JUDGE_ERROR,
    MEMORY_LIMIT_EXCEEDED,
    RUNTIME_ERROR,
    TIME_LIMIT_EXCEEDED,
    UNDECIDED,
    CaseOutcome,
    Failure,
    JudgeResult,
)

GRACE_S = 3.0  # beyond the runner's own limits, before drill kills it
LOAD_LIMIT_S = 60.0  # interpreter start, imports, the worker's start and the solution's import
BETWEEN_TESTS_LIMIT_S = 60.0  # collection and session start/finish
OUTPUT_TAIL = 2000
SERVE_PREPARE_LIMIT_S = 600.0  # a serving runner's own preparation, before its first file (SharedRunner)


class JudgeError(Exception):
    """The judge itself could not run (not a verdict on the solution)."""

    own_server_helps = False  # the user's Redis failed; drill's own server would do


def now_iso() -> str:
    return clock.now().isoformat(timespec="seconds")


def source_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class RunnerReport:
    """What drill learned from the runner's events so far."""

    loaded: bool = False
    load_failure: dict[str, Any] | None = None
    collected: list[dict[str, str]] | None = None
    skipped_stages: list[dict[str, Any]] = field(default_factory=list)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)
    current: str | None = None
    current_limit: float = 0.0
    current_since: float = 0.0
    done: bool = False
    runs: list[str] = field(default_factory=list)  # the collected tests this runner runs (a shard's part)
    owners: dict[str, RunnerRun] = field(default_factory=dict)  # merged shards: which runner had each test
    reports: list[dict[str, Any]] = field(default_factory=list)  # the "report" events: {"test", "name", "data"}


def _tail(path: Path, since: int = 0) -> str:
    try:
        data = path.read_bytes()[since:]
    except OSError:
        return ""
    text = data[-OUTPUT_TAIL:].decode("utf-8", "replace")
    return ("…" + text) if len(data) > OUTPUT_TAIL else text


def _redis_warning_unstyled(code: str) -> None:
    print(messages.redis_warning_unstyled(code), file=sys.stderr)


# How a guard's warning about the user's Redis server (a code, guard.NO_ACLS) is shown the moment
# it comes: the command line hands its view in (show_redis_warnings_with), as nothing below render/
# imports it; until then the code goes to stderr as it is, never dropped.
_redis_warning_view: Callable[[str], None] = _redis_warning_unstyled


def show_redis_warnings_with(view: Callable[[str], None]) -> None:
    """Show every later Redis warning of judge_environment with `view` (drill's: render.redis_warning)."""
    global _redis_warning_view
    _redis_warning_view = view


@contextmanager
def judge_environment(problem: Problem, redis_url: str | None = None, *, cluster: bool = False) -> Iterator[RedisEnv | None]:
    """The Redis servers of one judged file (services.redis.env.start_redis), for its tests and its
    bench alike; None for a problem without Redis. What keeps them from starting is a JudgeError.
    A guard's warning about the user's server is shown as show_redis_warnings_with was told."""
    try:
        with start_redis(problem, redis_url, cluster=cluster, on_warning=lambda code: _redis_warning_view(code)) as redis:
            yield redis
    except (RedisUnavailable, RedisGuardError, RedisRefused) as exc:
        error = JudgeError(str(exc))
        error.own_server_helps = exc.own_server_helps
        raise error from exc


def judge(
    problem: Problem, solution: Path, *, redis_url: str | None = None, prepared: PreparedRunner | None = None,
    exit_first: bool = False, cluster: bool = False, redis: RedisEnv | None = None, shared: SharedRunner | None = None,
    shown_as: str | None = None,
) -> JudgeResult:
    """Judge `solution` against `problem`'s hidden suite. Raises JudgeError if the judge cannot run.

    `redis`: the Redis servers already started for this file (judge_environment), which the bench
    then uses too; without it, problems that need Redis get a private server for the run unless
    `redis_url` names one.
    `cluster`: run the suite's Redis Cluster stage too, if it has one (else the result says it was skipped).
    `prepared` is a runner started earlier by `prepare_judge` (watch mode), already past its imports.
    `shared` is a SharedRunner of the problem (drill dev verify): the suite's preparation is shared,
    the run is the file's own (its worker, its Redis).
    `shown_as`: how the user named the file (a load error and a traceback name it so); default its name.
    """
    solution = solution.resolve()
    shown_as = shown_as or solution.name
    started_at = now_iso()
    if prepared is not None:
        runner = prepared.run(solution, shown_as)
    elif redis is not None or "redis" not in problem.needs:
        runner = _start_run(problem, solution, redis, exit_first, shared, shown_as)
    else:
        with judge_environment(problem, redis_url, cluster=cluster) as own:
            runner = _start_run(problem, solution, own, exit_first, shared, shown_as)
    result = _verdict(problem, solution, runner, shown_as)
    result.started_at = started_at
    result.duration_s = round(runner.duration_s, 3)
    return result


def _start_run(problem: Problem, solution: Path, redis: RedisEnv | None, exit_first: bool,
               shared: SharedRunner | None, shown_as: str | None = None) -> RunnerRun:
    """The file's run: on the problem's shared runner (drill dev verify), else on a runner of its own."""
    if shared is not None:
        return shared.run(solution, redis, exit_first=exit_first, shown_as=shown_as)
    return PreparedRunner(problem, redis, exit_first=exit_first).run(solution, shown_as)


def prepare_judge(problem: Problem, redis: RedisEnv | None, *, last: JudgeResult | None = None) -> PreparedRunner:
    """Start a suite runner now; it imports everything and starts a worker, then waits.
    `judge(..., prepared=runner)` hands it the file.

    A problem without Redis gets two runners on a machine with two cores or more, each running
    part of the suite (its Hypothesis tests keep one core busy, mostly in the runner), split by
    the tests' durations in `last` (the previous result of the same file), else in turn."""
    shards = 2 if "redis" not in problem.needs and (os.cpu_count() or 1) >= 2 else 1
    weights = {t.test: t.duration_s for t in last.tests if t.duration_s} if last is not None else {}
    return PreparedRunner(problem, redis, shards=shards, weights=weights)


@dataclass
class RunnerRun:
    report: RunnerReport
    killed: bool
    returncode: int | None
    stderr_tail: str
    duration_s: float
    source_sha256: str


class _RunnerProcess:
    """One `python -m harness.judge.runner`, its private folder and its events pipe."""

    def __init__(self, problem: Problem, env: dict[str, str], extra_args: list[str]) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="drill-judge-")
        tmpdir = Path(self._tmp.name)
        self.folder = tmpdir / "solution"
        self.folder.mkdir()
        self.stderr_path = tmpdir / "runner-stderr"
        self.read_fd, write_fd = os.pipe()
        args = ["--problem", problem.slug, "--folder", str(self.folder), "--file", problem.file, "--events-fd", str(write_fd), *extra_args]
        try:
            with open(self.stderr_path, "wb") as err:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "harness.judge.runner", *args],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    pass_fds=(write_fd,),
                    cwd=tmpdir,
                    env=env,
                    start_new_session=True,
                    preexec_fn=die_with_parent,  # a drill killed outright takes its runner with it
                )
        except OSError as exc:
            os.close(self.read_fd)
            self._tmp.cleanup()
            raise JudgeError(messages.runner_not_started(exc)) from exc
        finally:
            os.close(write_fd)

    def cleanup(self) -> None:
        self._tmp.cleanup()

    def discard(self) -> None:
        _kill(self.proc)
        self.proc.wait()
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            os.close(self.read_fd)
        except OSError:
            pass
        self.cleanup()


def go_line(shown_as: str | None) -> bytes:
    """What drill writes on a runner's stdin when the file is in place: "go", and how the user
    named the file, as JSON (runner.name_in_go_line reads it)."""
    return b"go\n" if shown_as is None else b"go " + json.dumps(shown_as).encode() + b"\n"


class PreparedRunner:
    """The suite runner(s), started and waiting for a line on stdin.

    The solution is copied into a private folder only when `run()` is called, so a runner
    started ahead of time judges the file as it is at that moment. With `shards` > 1, that many
    runners each run their part of the suite (see prepare_judge), side by side.
    """

    def __init__(self, problem: Problem, redis: RedisEnv | None, *, exit_first: bool = False, shards: int = 1,
                 weights: dict[str, float] | None = None) -> None:
        self.problem = problem
        self.redis = redis  # the servers it judges on, which the same file's bench uses too
        env = runner_env(redis)
        args = ["--exit-first"] if exit_first else []
        self.processes: list[_RunnerProcess] = []
        try:
            for shard in range(shards):
                shard_args = ["--shard", f"{shard}/{shards}", "--weights", json.dumps(weights or {})] if shards > 1 else []
                self.processes.append(_RunnerProcess(problem, env, [*args, *shard_args]))
        except JudgeError:
            self.discard()
            raise

    def run(self, solution: Path, shown_as: str | None = None) -> RunnerRun:
        """Judge `solution` (named `shown_as` in what the run says of it)."""
        data = solution.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        for process in self.processes:
            (process.folder / self.problem.file).write_bytes(data)
        wall_start = time.monotonic()
        try:
            for process in self.processes:
                assert process.proc.stdin is not None
                try:
                    process.proc.stdin.write(go_line(shown_as))
                    process.proc.stdin.close()
                except BrokenPipeError:
                    pass
            followed = _follow([(p.proc, p.read_fd) for p in self.processes])
            duration = time.monotonic() - wall_start
            runs = [RunnerRun(report, killed, p.proc.returncode, _tail(p.stderr_path), duration, sha)
                    for p, (report, killed) in zip(self.processes, followed)]
            return runs[0] if len(runs) == 1 else _merged(runs)
        finally:
            for process in self.processes:
                process.cleanup()

    def discard(self) -> None:
        for process in self.processes:
            process.discard()


def runner_env(redis: RedisEnv | None) -> dict[str, str]:
    """The suite runner's environment: drill's, with the judge's own settings and the file's
    Redis servers (the runner reads them back: RedisEnv.from_environ)."""
    env = {
        **os.environ,
        "PYTHONHASHSEED": "0",
        "PYTHONUNBUFFERED": "1",
        "DRILL_ROOT": str(kit_root()),
        **(redis.to_environ() if redis is not None else {}),
    }
    env.pop("PYTHONSTARTUP", None)
    env.pop("PYTEST_PLUGINS", None)
    env.pop("PYTEST_ADDOPTS", None)
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # only the plugins the runner names (see runner.main)
    return env


class _ServedRun:
    """One candidate's process of a serving runner, as _follow sees a runner: pid (its own process
    group), poll(), wait() and returncode, from what the serving runner says on its socket."""

    def __init__(self, control: socket.socket, server: subprocess.Popen) -> None:
        self.control, self.server = control, server
        self.returncode: int | None = None
        # The first file waits for the suite's preparation (imports, collection, the inputs built ahead).
        message = self._next(block=True, timeout=SERVE_PREPARE_LIMIT_S)
        if message is None or "started" not in message:
            raise _ServerGone()
        self.pid = int(message["started"])

    def _next(self, *, block: bool, timeout: float | None = None) -> dict[str, Any] | None:
        """The serving runner's next message; None if there is none yet (or it has gone: then
        the run ends as a runner killed outright would)."""
        if not select.select([self.control], [], [], timeout if block else 0)[0]:
            return None
        try:
            data = self.control.recv(1 << 16)
        except OSError:
            data = b""
        if not data:
            if self.returncode is None:
                self.returncode = -signal.SIGKILL
            return None
        return json.loads(data)

    def poll(self) -> int | None:
        while self.returncode is None:
            message = self._next(block=False)
            if message is None:
                break
            if "exited" in message:
                self.returncode = int(message["returncode"])
        return self.returncode

    def wait(self) -> int:
        while self.returncode is None:
            message = self._next(block=True)
            if message is not None and "exited" in message:
                self.returncode = int(message["returncode"])
        return self.returncode


class _ServerGone(Exception):
    pass


class SharedRunner:
    """One serving suite runner for a problem's many files (`drill dev verify`; runner.Serve): it
    collects the suite and builds the inputs, answers and times it prepares ahead once, then judges
    each file in a process forked from that prepared state, with its own fresh sandboxed worker
    and the Redis servers drill starts for that file (judge_environment, as for an unshared run).
    Use it as a context manager; `run` one file at a time."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self._tmp = tempfile.TemporaryDirectory(prefix="drill-shared-")
        tmpdir = Path(self._tmp.name)
        (tmpdir / "solution").mkdir()
        self.stderr_path = tmpdir / "runner-stderr"
        self.control, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        args = ["--problem", problem.slug, "--folder", str(tmpdir / "solution"), "--file", problem.file,
                "--serve-fd", str(theirs.fileno())]
        try:
            with open(self.stderr_path, "wb") as err:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "harness.judge.runner", *args],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, pass_fds=(theirs.fileno(),), cwd=tmpdir,
                    env=runner_env(None), start_new_session=True, preexec_fn=die_with_parent,
                )
        except OSError as exc:
            self.control.close()
            self._tmp.cleanup()
            raise JudgeError(messages.runner_not_started(exc)) from exc
        finally:
            theirs.close()

    def __enter__(self) -> SharedRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.control.close()  # the serving runner exits at once
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            _kill(self.proc)
            self.proc.wait()
        self._tmp.cleanup()

    def run(self, solution: Path, redis: RedisEnv | None, *, exit_first: bool = False, shown_as: str | None = None) -> RunnerRun:
        if self.proc.poll() is not None:
            raise JudgeError(messages.runner_stopped_early(False, self.proc.returncode, _tail(self.stderr_path)))
        data = solution.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        stderr_from = self.stderr_path.stat().st_size  # the candidates' processes share the runner's stderr, one at a time
        with tempfile.TemporaryDirectory(prefix="drill-judge-") as tmp:
            folder = Path(tmp) / "solution"
            folder.mkdir()
            (folder / self.problem.file).write_bytes(data)
            read_fd, write_fd = os.pipe()
            wall_start = time.monotonic()
            try:
                request = {"folder": str(folder), "env": redis.to_environ() if redis is not None else {}, "exit_first": exit_first,
                           "shown_as": shown_as}
                socket.send_fds(self.control, [json.dumps(request).encode()], [write_fd])
            except OSError:
                os.close(read_fd)
                raise JudgeError(messages.runner_stopped_early(False, self.proc.poll(), _tail(self.stderr_path))) from None
            finally:
                os.close(write_fd)
            try:
                child = _ServedRun(self.control, self.proc)
            except _ServerGone:
                os.close(read_fd)
                _kill(self.proc)
                self.proc.wait()
                raise JudgeError(messages.runner_stopped_early(False, self.proc.returncode, _tail(self.stderr_path))) from None
            ((report, killed),) = _follow([(child, read_fd)])  # type: ignore[list-item]
            duration = time.monotonic() - wall_start
            return RunnerRun(report, killed, child.returncode, _tail(self.stderr_path, stderr_from), duration, sha)


@dataclass
class _Followed:
    """One runner's events read so far."""

    report: RunnerReport = field(default_factory=RunnerReport)
    buffer: bytes = b""
    since: float = field(default_factory=time.monotonic)  # the last event
    killed: bool = False
    eof: bool = False
    over: bool = False

    def deadline(self) -> float:
        run = self.report
        if run.current is not None:
            return run.current_since + run.current_limit + GRACE_S
        return self.since + (LOAD_LIMIT_S if not run.loaded else BETWEEN_TESTS_LIMIT_S)

    def take(self, chunk: bytes) -> None:
        self.buffer += chunk
        while b"\n" in self.buffer:
            line, self.buffer = self.buffer.split(b"\n", 1)
            event = protocol.parse_event(line)
            if event is not None:
                _apply(self.report, event)
                self.since = time.monotonic()
        # A complete report: the runner's own ending (pytest's teardown, closing the workers,
        # the interpreter's exit) cost 0.2-0.35 s a run, and nothing in it counts.
        self.over = self.over or self.report.done


def _follow(runners: list[tuple[subprocess.Popen, int]]) -> list[tuple[RunnerReport, bool]]:
    """Read the runners' events until each ends; kill one that hangs. Returns (report, killed) for each."""
    followed = [_Followed() for _ in runners]
    try:
        while not all(f.over for f in followed):
            now = time.monotonic()
            waiting: dict[int, _Followed] = {}
            for (proc, read_fd), f in zip(runners, followed):
                if f.over:
                    continue
                if now > f.deadline():
                    _kill(proc)
                    f.killed = f.over = True
                elif f.eof:
                    f.over = proc.poll() is not None  # past its events: wait for it to exit
                else:
                    waiting[read_fd] = f
            if not waiting:
                time.sleep(0.01)
                continue
            timeout = min(0.2, max(min(f.deadline() for f in waiting.values()) - now, 0.01))
            ready, _, _ = select.select(list(waiting), [], [], timeout)
            for read_fd in ready:
                chunk = os.read(read_fd, 65536)
                if chunk:
                    waiting[read_fd].take(chunk)
                else:
                    waiting[read_fd].eof = True
    finally:
        for proc, read_fd in runners:
            os.close(read_fd)
            if proc.poll() is None:
                _kill(proc)
            proc.wait()
    return [(f.report, f.killed) for f in followed]


def _merged(runs: list[RunnerRun]) -> RunnerRun:
    """One report from the shards' reports: each test's result (or its absence, explained by the
    runner that had it: its current test, its end) as the one runner of an unsharded run would give it."""
    first = runs[0]
    report = RunnerReport(
        loaded=all(r.report.loaded for r in runs),
        load_failure=next((r.report.load_failure for r in runs if r.report.load_failure is not None), None),
        collected=first.report.collected,
        skipped_stages=first.report.skipped_stages,
        done=all(r.report.done for r in runs),
    )
    owners: dict[str, RunnerRun] = {}
    for run in runs:
        report.results.update(run.report.results)
        report.reports += run.report.reports
        for name in run.report.runs:
            owners[name] = run
    report.owners = owners
    # For what ended the run itself (not one test): the runner that ended badly, if one did.
    ended = next((r for r in runs if r.killed or not r.report.done), first)
    return RunnerRun(report, ended.killed, ended.returncode, "".join(r.stderr_tail for r in runs), first.duration_s, first.source_sha256)


def _kill(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _apply(run: RunnerReport, event: dict[str, Any]) -> None:
    kind = event["event"]
    if kind == "loaded":
        run.loaded = True
    elif kind == "load_failed":
        run.load_failure = event
    elif kind == "collected":
        run.collected = list(event.get("tests", []))
        runs = event.get("runs")
        run.runs = [str(t) for t in runs] if isinstance(runs, list) else [t["test"] for t in run.collected]
        run.skipped_stages = [dict(s) for s in event.get("skipped_stages", []) if isinstance(s, dict)]
    elif kind == "start":
        run.current = event.get("test")
        run.current_limit = float(event.get("limit_s", 10))
        run.current_since = time.monotonic()
    elif kind == "report":
        if isinstance(event.get("name"), str) and isinstance(event.get("data"), dict):
            run.reports.append({"test": event.get("test"), "name": event["name"], "data": event["data"]})
    elif kind == "result":
        run.results[event["test"]] = event
        run.current = None
    elif kind == "done":
        run.done = True


def _crash_message(returncode: int | None, killed: bool, what: str) -> tuple[str, str]:
    if killed:
        return TIME_LIMIT_EXCEEDED, messages.stopped_hanging(what)
    if returncode is not None and returncode < 0:
        sig = signal.Signals(-returncode).name
        if -returncode == signal.SIGKILL:
            return MEMORY_LIMIT_EXCEEDED, messages.killed_during(what)
        if -returncode == signal.SIGSEGV:
            return RUNTIME_ERROR, messages.segfault_during(what)
        return RUNTIME_ERROR, messages.signal_during(sig, what)
    return RUNTIME_ERROR, messages.exited_during(returncode, what)


def _verdict(problem: Problem, solution: Path, runner: RunnerRun, shown_as: str | None = None) -> JudgeResult:
    run, killed, returncode = runner.report, runner.killed, runner.returncode
    result = JudgeResult(problem=problem.slug, verdict=ACCEPTED, file=str(solution), source_sha256=runner.source_sha256)

    failure = run.load_failure
    if failure is not None and failure.get("judge_error"):
        raise JudgeError(str(failure["judge_error"]))
    if failure is not None and failure.get("collect_error"):
        raise JudgeError(messages.suite_not_collected(problem.slug, str(failure["collect_error"])))
    if failure is not None:
        result.verdict = failure.get("verdict", INVALID_SOLUTION)
        result.message = failure.get("message")
        result.first_failure = Failure(test="load", title=messages.loading(shown_as or solution.name), verdict=result.verdict,
                                       message=result.message or "", output=failure.get("output") or None)
        return result
    if not run.loaded or run.collected is None:
        if "No module named 'harness'" in (runner.stderr_tail or ""):
            raise JudgeError(messages.HARNESS_NOT_IMPORTABLE)
        raise JudgeError(messages.runner_stopped_early(killed, returncode, runner.stderr_tail or ""))
    if not run.collected:
        raise JudgeError(messages.suite_without_tests(problem.slug))
    result.skipped_stages = run.skipped_stages
    order = {test["test"]: i for i, test in enumerate(run.collected)}  # shards' reports in the suite's order
    result.reports = [{"name": r["name"], "data": r["data"]} for r in sorted(run.reports, key=lambda r: order.get(r["test"], len(order)))]

    first: Failure | None = None
    undecided: Failure | None = None  # the first test the judge could not decide: the verdict only if nothing else failed
    stopped = False  # a time or memory limit ended the run: later tests count as not run
    for test in run.collected:
        name, title = test["test"], test.get("title", test["test"])
        event = run.results.get(name)
        if stopped:
            result.tests.append(CaseOutcome(name, title, "not_run"))
            result.not_run += 1
            continue
        if event is None:
            owner = run.owners.get(name)  # with shards, the runner that had this test
            had, had_killed, had_code = (owner.report, owner.killed, owner.returncode) if owner else (run, killed, returncode)
            if first is None and had.current == name:
                verdict, message = _crash_message(had_code, had_killed, messages.test_named(title))
                first = Failure(test=name, title=title, verdict=verdict, message=message)
                result.tests.append(CaseOutcome(name, title, "failed", verdict))
                result.failed += 1
                continue
            if first is None and not had.done:
                verdict, message = _crash_message(had_code, had_killed, messages.THE_HIDDEN_SUITE)
                first = Failure(test=name, title=title, verdict=verdict, message=message)
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
            stopped = failure.get("verdict") in (TIME_LIMIT_EXCEEDED, MEMORY_LIMIT_EXCEEDED)
            if first is None and (failure.get("verdict") != UNDECIDED or undecided is None):
                found = Failure(
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
                if found.verdict == UNDECIDED:
                    undecided = found
                else:
                    first = found
        else:
            result.passed += 1
            result.tests.append(CaseOutcome(name, title, "passed", None, duration))
    result.total = len(run.collected)

    if first is None and not run.done:
        # Every test reported, but the session never finished: something ended it.
        verdict, message = _crash_message(returncode, killed, messages.END_OF_THE_HIDDEN_SUITE)
        first = Failure(test="teardown", title=messages.FINISHING_THE_HIDDEN_SUITE, verdict=verdict, message=message)
    if first is None and undecided is not None:
        first = undecided  # a failure the judge decided outranks a test it could not decide
    if first is not None and first.verdict == JUDGE_ERROR:
        raise JudgeError(messages.judge_fault(first.title, first.message))
    if first is not None:
        result.verdict = first.verdict
        result.first_failure = first
        result.message = first.message
    elif result.passed != result.total:
        result.verdict = RUNTIME_ERROR
        result.message = messages.REPORT_INCOMPLETE
    return result
