"""drill's side of judging: starts the suite runner, follows its events, builds the result.

The runner (harness.judge.runner) is trusted: it runs the hidden suite and talks to the
candidate's sandboxed worker, which enforces the limits. drill only copies the solution
into a private folder (the worker sees that copy, never the original or its neighbours),
hashes what it copied, and keeps a wall-clock backstop in case the runner itself hangs.
"""

from __future__ import annotations

import hashlib
import os
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
from harness.redis_cluster import is_cluster_url, redis_cluster, users_cluster
from harness.redis_guard import RedisGuardError, guard
from harness.redis_server import RedisUnavailable, redis_server
from harness.sandbox import protocol
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

GRACE_S = 3.0  # beyond the runner's own limits, before drill kills it
LOAD_LIMIT_S = 60.0  # interpreter start, imports, the worker's start and the solution's import
BETWEEN_TESTS_LIMIT_S = 60.0  # collection and session start/finish
OUTPUT_TAIL = 2000
REDIS_CLUSTER_STAGE = "redis_cluster"  # the pytest marker of a suite's Redis Cluster stage


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


def _tail(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    text = data[-OUTPUT_TAIL:].decode("utf-8", "replace")
    return ("…" + text) if len(data) > OUTPUT_TAIL else text


@contextmanager
def judge_environment(problem: Problem, redis_url: str | None = None, *, cluster: bool = False) -> Iterator[dict[str, str]]:
    """Extra environment for the suite runner and the bench: the Redis servers of problems that
    need them. DRILL_JUDGE_REDIS_URL(S) are for the trusted side; the candidate's worker reaches
    server i only through DRILL_CANDIDATE_REDIS_SOCKETS[i], redis_guard's filtering socket for it
    (DRILL_CANDIDATE_REDIS_SOCKET is the first). With `redis_url`, the one server is the user's,
    and drill keeps to one empty database of it.

    With `cluster`, a problem that has a Redis Cluster stage (problem.redis_cluster) also gets a
    cluster: drill's own, or the user's if `redis_url` is redis+cluster:// (the single-server
    stage then runs on drill's own server): DRILL_JUDGE_REDIS_CLUSTER_NODES names its nodes as the
    cluster does (host:port), DRILL_JUDGE_REDIS_CLUSTER_URLS the trusted side's URLs for them, DRILL_CANDIDATE_REDIS_CLUSTER_SOCKETS one guard socket per node, in the same order.
    The cluster may still be settling when this yields (redis_cluster.wait_ready: the suite waits
    at its first cluster test). Without `cluster`, DRILL_JUDGE_SKIPPED_STAGES says the stage was left out."""
    if "redis" not in problem.needs:
        yield {}
        return
    cluster_url = redis_url if is_cluster_url(redis_url) else None
    if cluster_url:
        if not problem.redis_cluster:
            raise JudgeError(f"{problem.slug} has no Redis Cluster stage, so a redis+cluster:// URL has nothing to judge on; "
                             "name a single server (redis://HOST:PORT), or leave out --redis-url")
        redis_url = None  # the single-server stage runs on drill's own server
    if redis_url and problem.redis_servers > 1:
        raise JudgeError(f"{problem.slug} needs {problem.redis_servers} Redis servers and --redis-url names one; "
                         "leave out --redis-url to let drill start its own")
    try:
        with ExitStack() as stack:
            urls, sockets = [], []
            for _ in range(problem.redis_servers):
                server = stack.enter_context(redis_server(redis_url))  # drill's own, unless --redis-url
                url, socket_path, warning = stack.enter_context(guard(server, users_server=bool(redis_url)))
                if warning:
                    from harness.render import redis_warning  # here: the suite runner imports this module, rich stays out of it
                    redis_warning(warning)
                urls.append(url)
                sockets.append(socket_path)
            env = {
                "DRILL_JUDGE_REDIS_URL": urls[0],
                "DRILL_JUDGE_REDIS_URLS": ",".join(urls),
                "DRILL_CANDIDATE_REDIS_SOCKET": sockets[0],
                "DRILL_CANDIDATE_REDIS_SOCKETS": ",".join(sockets),
            }
            if problem.redis_cluster and cluster:
                nodes = stack.enter_context(users_cluster(cluster_url) if cluster_url else redis_cluster(wait=False))
                guards = [stack.enter_context(guard(node.url, users_server=False, cluster=True)) for node in nodes]
                env["DRILL_JUDGE_REDIS_CLUSTER_NODES"] = ",".join(node.address for node in nodes)
                env["DRILL_JUDGE_REDIS_CLUSTER_URLS"] = ",".join(node.url for node in nodes)
                env["DRILL_CANDIDATE_REDIS_CLUSTER_SOCKETS"] = ",".join(g[1] for g in guards)
            elif problem.redis_cluster:
                env["DRILL_JUDGE_SKIPPED_STAGES"] = REDIS_CLUSTER_STAGE
            yield env
    except (RedisUnavailable, RedisGuardError) as exc:
        error = JudgeError(str(exc))
        error.own_server_helps = exc.own_server_helps
        raise error from exc


def judge(
    problem: Problem, solution: Path, *, redis_url: str | None = None, prepared: PreparedRunner | None = None,
    exit_first: bool = False, cluster: bool = False,
) -> JudgeResult:
    """Judge `solution` against `problem`'s hidden suite. Raises JudgeError if the judge cannot run.

    Problems that need Redis get a private server for the run unless `redis_url` names one.
    `cluster`: run the suite's Redis Cluster stage too, if it has one (else the result says it was skipped).
    `prepared` is a runner started earlier by `prepare_judge` (watch mode), already past its imports.
    """
    solution = solution.resolve()
    started_at = now_iso()
    if prepared is not None:
        runner = prepared.run(solution)
    else:
        with judge_environment(problem, redis_url, cluster=cluster) as extra_env:
            runner = PreparedRunner(problem, extra_env, exit_first=exit_first).run(solution)
    result = _verdict(problem, solution, runner)
    result.started_at = started_at
    result.duration_s = round(runner.duration_s, 3)
    return result


def prepare_judge(problem: Problem, extra_env: dict[str, str]) -> PreparedRunner:
    """Start a suite runner now; it imports everything and starts a worker, then waits.
    `judge(..., prepared=runner)` hands it the file."""
    return PreparedRunner(problem, extra_env)


@dataclass
class RunnerRun:
    report: RunnerReport
    killed: bool
    returncode: int | None
    stderr_tail: str
    duration_s: float
    source_sha256: str


class PreparedRunner:
    """`python -m harness.judge.runner`, started and waiting for a line on stdin.

    The solution is copied into a private folder only when `run()` is called, so a runner
    started ahead of time judges the file as it is at that moment.
    """

    def __init__(self, problem: Problem, extra_env: dict[str, str], *, exit_first: bool = False) -> None:
        self.problem = problem
        self._tmp = tempfile.TemporaryDirectory(prefix="drill-judge-")
        tmpdir = Path(self._tmp.name)
        self.folder = tmpdir / "solution"
        self.folder.mkdir()
        self._stderr_path = tmpdir / "runner-stderr"
        env = {
            **os.environ,
            "PYTHONHASHSEED": "0",
            "PYTHONUNBUFFERED": "1",
            "DRILL_ROOT": str(kit_root()),
            **extra_env,
        }
        env.pop("PYTHONSTARTUP", None)
        env.pop("PYTEST_PLUGINS", None)
        env.pop("PYTEST_ADDOPTS", None)
        env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # only the plugins the runner names (see runner.main)
        self._read_fd, write_fd = os.pipe()
        args = ["--problem", problem.slug, "--folder", str(self.folder), "--file", problem.file, "--events-fd", str(write_fd)]
        if exit_first:
            args.append("--exit-first")
        try:
            with open(self._stderr_path, "wb") as err:
                self.proc = subprocess.Popen(
                    [sys.executable, "-m", "harness.judge.runner", *args],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    pass_fds=(write_fd,),
                    cwd=tmpdir,
                    env=env,
                    start_new_session=True,
                )
        except OSError as exc:
            os.close(self._read_fd)
            self._tmp.cleanup()
            raise JudgeError(f"cannot start the judge's suite runner: {exc}") from exc
        finally:
            os.close(write_fd)

    def run(self, solution: Path) -> RunnerRun:
        data = solution.read_bytes()
        (self.folder / self.problem.file).write_bytes(data)
        sha = hashlib.sha256(data).hexdigest()
        wall_start = time.monotonic()
        try:
            assert self.proc.stdin is not None
            try:
                self.proc.stdin.write(b"go\n")
                self.proc.stdin.close()
            except BrokenPipeError:
                pass
            report, killed = _follow(self.proc, self._read_fd)
            duration = time.monotonic() - wall_start
            return RunnerRun(report, killed, self.proc.returncode, _tail(self._stderr_path), duration, sha)
        finally:
            self._tmp.cleanup()

    def discard(self) -> None:
        _kill(self.proc)
        self.proc.wait()
        if self.proc.stdin and not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            os.close(self._read_fd)
        except OSError:
            pass
        self._tmp.cleanup()


def _follow(proc: subprocess.Popen, read_fd: int) -> tuple[RunnerReport, bool]:
    """Read the runner's events until it ends; kill it if it hangs. Returns (report, killed)."""
    run = RunnerReport()
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
                continue
            chunk = os.read(read_fd, 65536)
            if not chunk:
                eof = True
                continue
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                event = protocol.parse_event(line)
                if event is not None:
                    _apply(run, event)
                    phase_since = time.monotonic()
            if run.done:
                # The report is complete: the runner's own ending (pytest's teardown, closing the
                # workers, the interpreter's exit) cost 0.2-0.35 s a run, and nothing in it counts.
                break
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


def _apply(run: RunnerReport, event: dict[str, Any]) -> None:
    kind = event["event"]
    if kind == "loaded":
        run.loaded = True
    elif kind == "load_failed":
        run.load_failure = event
    elif kind == "collected":
        run.collected = list(event.get("tests", []))
        run.skipped_stages = [dict(s) for s in event.get("skipped_stages", []) if isinstance(s, dict)]
    elif kind == "start":
        run.current = event.get("test")
        run.current_limit = float(event.get("limit_s", 10))
        run.current_since = time.monotonic()
    elif kind == "result":
        run.results[event["test"]] = event
        run.current = None
    elif kind == "done":
        run.done = True


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


def _verdict(problem: Problem, solution: Path, runner: RunnerRun) -> JudgeResult:
    run, killed, returncode = runner.report, runner.killed, runner.returncode
    result = JudgeResult(problem=problem.slug, verdict=ACCEPTED, file=str(solution), source_sha256=runner.source_sha256)

    failure = run.load_failure
    if failure is not None and failure.get("judge_error"):
        raise JudgeError(str(failure["judge_error"]))
    if failure is not None and failure.get("collect_error"):
        raise JudgeError(f"the hidden suite for {problem.slug} could not be collected: {str(failure['collect_error']).splitlines()[-1]}")
    if failure is not None:
        result.verdict = failure.get("verdict", INVALID_SOLUTION)
        result.message = failure.get("message")
        result.first_failure = Failure(test="load", title=f"loading {solution.name}", verdict=result.verdict,
                                       message=result.message or "", output=failure.get("output") or None)
        return result
    if not run.loaded or run.collected is None:
        if "No module named 'harness'" in (runner.stderr_tail or ""):
            raise JudgeError("the judge cannot import the harness package; install the kit with `pip install -e .`")
        what = "the judge's suite runner stopped" + (" (killed after hanging)" if killed else f" (exit status {returncode})")
        raise JudgeError(f"{what} before the tests began: {(runner.stderr_tail or '').strip().splitlines()[-1:] or ''}")
    if not run.collected:
        raise JudgeError(f"the hidden suite for {problem.slug} has no tests")
    result.skipped_stages = run.skipped_stages

    first: Failure | None = None
    for test in run.collected:
        name, title = test["test"], test.get("title", test["test"])
        event = run.results.get(name)
        if event is None:
            if first is None and run.current == name:
                verdict, message = _crash_message(returncode, killed, f"test '{title}'")
                first = Failure(test=name, title=title, verdict=verdict, message=message)
                result.tests.append(CaseOutcome(name, title, "failed", verdict))
                result.failed += 1
            elif first is None and not run.done:
                verdict, message = _crash_message(returncode, killed, "the hidden suite")
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
        first = Failure(test="teardown", title="finishing the hidden suite", verdict=verdict, message=message)
    if first is not None and first.verdict == JUDGE_ERROR:
        raise JudgeError(f"during test '{first.title}': {first.message}")
    if first is not None:
        result.verdict = first.verdict
        result.first_failure = first
        result.message = first.message
    elif result.passed != result.total:
        result.verdict = RUNTIME_ERROR
        result.message = "the judge's report is incomplete"
    return result
