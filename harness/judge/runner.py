"""The suite runner: a trusted child of drill that runs the hidden suite against a worker.

    python -m harness.judge.runner --problem SLUG --folder DIR --file NAME --events-fd N

It imports pytest, Hypothesis and the suite's helpers, starts the candidate's worker, puts a
`RemoteModule` where the suite imports the candidate's module, and runs the suite under pytest.
The worker loads DIR/NAME once a line ("go") comes on stdin: at once for `drill test` (the
worker imports the file while pytest collects the suite), or, when watch mode started this
process ahead of a save, after pytest has collected the suite and built what it prepares ahead
(testing.ahead), so that a save waits only for the tests. It streams events (protocol.EVENTS)
to drill on fd N.
Nothing of the candidate's runs in this process.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import select
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from harness.authoring import testing
from harness.problems import catalogue
from harness.limits import TimeLimitExceeded
from harness.judge import messages
from harness import words
from harness.sandbox import protocol
from harness.services.redis.env import CLUSTER_STAGE, RedisEnv
from harness.services.redis.guard import kill_busy_script
from harness.verdicts import (
    INVALID_SOLUTION,
    JUDGE_ERROR,
    MEMORY_LIMIT_EXCEEDED,
    RUNTIME_ERROR,
    TIME_LIMIT_EXCEEDED,
    UNDECIDED,
    WRONG_ANSWER,
)
from harness.worker.channel import Budget, CandidateRaised, Channel, MemoryLimitExceeded, WorkerDied, printable
from harness.worker.loading import contract_of, finish_load, receive_load, send_load, shown_frame, start_worker
from harness.worker.process import WorkerGone
from harness.worker.proxies import RemoteModule, last_function_call

OUTPUT_LIMIT = 1000
# The runner's own address-space limit: it holds what workers answer, so an answer that decodes
# into more than this is a MemoryError (the candidate's runtime_error, worker.channel.Channel), never a
# machine out of memory. Measured: the largest suite's runner peaks at about 420 MB of address
# space (rate_limiter's, with its threads); a decoded answer within protocol.MAX_ITEMS takes at
# most about 0.6 GB more.
RUNNER_MEMORY_BYTES = 4 << 30


def limit_own_memory(limit: int = RUNNER_MEMORY_BYTES) -> None:
    """RLIMIT_AS on this process (the soft limit only: a worker it starts sets its own, lower)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError):  # a system that does not enforce it (macOS): the decoder's budget still holds
            pass

Emit = Callable[..., None]


class Workers:
    """The candidate's workers for this run: the main one (restarted after it dies) and the
    extra ones a test starts (closed when the test ends)."""

    def __init__(self, problem: catalogue.Problem, folder: Path, file_name: str, redis: RedisEnv | None = None) -> None:
        self.problem = problem
        self.redis = redis
        self.folder = folder
        self.file_name = file_name
        self.shown_as = file_name  # how the user named the file (the go line says it: Go.send)
        self.main: Channel | None = None
        self.extra: list[Channel] = []
        self.test_budget: Budget | None = None
        self.loaded = False

    def start(self, hash_seed: int = 0) -> Channel:
        inputs = self.problem.inputs_path if self.problem.inputs_path.is_file() else None
        return start_worker(self.problem, self.folder, redis=self.redis, hash_seed=hash_seed, inputs=inputs)

    def start_main(self) -> None:
        self.main = self.start()

    def load(self, channel: Channel) -> dict[str, Any]:
        """Has `channel`'s worker load the file; returns the reply (ok or load_error)."""
        self.send_load(channel)
        return receive_load(channel)

    def send_load(self, channel: Channel) -> None:
        send_load(channel, self.problem, self.file_name, shown_as=self.shown_as)

    def current(self) -> Channel:
        """The main worker, started again (and loaded) if an earlier test ended it."""
        assert self.main is not None
        if self.main.dead is not None or not self.main.process.alive():
            self.main.close()
            self.main = self.start()
            self._with_test_budget(self.main)
            reply = self.load(self.main)
            if "ok" not in reply:
                raise WorkerDied(RUNTIME_ERROR, messages.NOT_LOADED_AGAIN)
        return self.main

    def another(self, hash_seed: int = 0, skew_s: float = 0.0) -> RemoteModule:
        return self.others(1, hash_seed, skew_s)[0]

    def others(self, count: int, hash_seed: int = 0, skew_s: float = 0.0) -> list[RemoteModule]:
        """`count` more workers, started together: their interpreters start and load the file
        side by side (six lru_cache workers: 0.82 s one after another, 0.38 s together)."""
        channels = [self.start(hash_seed) for _ in range(count)]
        self.extra.extend(channels)
        for channel in channels:
            self.send_load(channel)
        for channel in channels:
            if "ok" not in receive_load(channel):
                raise WorkerDied(RUNTIME_ERROR, messages.NOT_LOADED_ELSEWHERE)
        modules = []
        for channel in channels:
            if skew_s:
                channel.request({"op": "skew", "seconds": skew_s})
            self._with_test_budget(channel)
            modules.append(RemoteModule(self.problem.module, contract_of(self.problem), lambda channel=channel: channel))
        return modules

    def _with_test_budget(self, channel: Channel) -> None:
        if self.test_budget is not None:
            channel.push_budget(self.test_budget)

    def begin_test(self, budget: Budget) -> None:
        self.test_budget = budget
        if self.main is not None and self.main.dead is None:
            self.main.push_budget(budget)

    def end_test(self) -> None:
        self.test_budget = None
        for channel in [self.main, *self.extra]:
            if channel is not None:
                channel.budgets.clear()
        for channel in self.extra:
            channel.close()
        self.extra.clear()
        stop_redis_scripts(self.redis)

    def close(self) -> None:
        for channel in [self.main, *self.extra]:
            if channel is not None:
                channel.close()


def stop_redis_scripts(redis: RedisEnv | None) -> None:
    """A Lua script of the candidate's that never ends would block the Redis server for every
    later test: stop it when its test ends (SCRIPT KILL; nothing to do is the usual answer), on
    the server and on every node of the Redis Cluster, if the run has them."""
    if redis is not None:
        for url in (redis.url, *redis.cluster_urls):
            kill_busy_script(url)


BUSY_SCRIPT = "BUSY Redis is busy running a script"
# How a solution's keys in more than one hash slot fail on a Redis Cluster: redis-py refuses the
# command before sending it, the server answers CROSSSLOT, or a script touches a key of another node.
CROSS_SLOT = ("all keys must map to the same key slot", "CROSSSLOT", "non local key in a cluster node",
              "keys must be in the same slot")


class Go:
    """The line on stdin that says the file is in place, and the `load` request it lets go (once)."""

    def __init__(self, emit: Emit, workers: Workers) -> None:
        self.emit, self.workers, self.sent = emit, workers, False
        # A copy of fd 0 made now: pytest's capture points fd 0 at /dev/null while it runs.
        # None for a served candidate (Serve.candidates): its file was in place before it began.
        self.stdin: int | None = os.dup(0)

    def waiting(self) -> bool:
        """Whether the go has already come (a run judged at once, not one prepared ahead)."""
        return bool(select.select([self.stdin], [], [], 0)[0])

    def send(self) -> bool:
        """Wait for the go, then ask the worker to load the file; False (and a `load_failed` event) if it cannot."""
        if self.sent:
            return True
        if self.stdin is not None:
            self.workers.shown_as = name_in_go_line(read_go_line(self.stdin)) or self.workers.file_name
        self.sent = True
        assert self.workers.main is not None
        try:
            self.workers.send_load(self.workers.main)
        except WorkerDied as exc:
            self.emit("load_failed", verdict=INVALID_SOLUTION,
                      message=words.worker_ended_before_load(exc.message))
            return False
        return True


GO_LINE_LIMIT = 1 << 16


def read_go_line(fd: int) -> bytes:
    """The go line from drill (up to its newline), or b"" when drill has gone: either way, nothing more comes."""
    line = b""
    while not line.endswith(b"\n") and len(line) < GO_LINE_LIMIT:
        chunk = os.read(fd, GO_LINE_LIMIT)
        if not chunk:
            break
        line += chunk
    return line


def name_in_go_line(line: bytes) -> str | None:
    """The file's name as the user gave it, from a go line (parent.go_line; None if it says none)."""
    if not line.startswith(b"go "):
        return None
    try:
        name = json.loads(line[3:])
    except ValueError:
        return None
    return name if isinstance(name, str) and name else None


def loaded(emit: Emit, problem: catalogue.Problem, workers: Workers) -> bool:
    """Wait for the worker's answer to `load`; on a failure, say why (a `load_failed` event)."""
    assert workers.main is not None
    failure = finish_load(workers.main, problem, workers.file_name, workers.shown_as)
    if failure is not None:
        emit("load_failed", verdict=failure.verdict, message=failure.message, output=workers.main.process.output_since((0, 0)))
        return False
    workers.loaded = True
    emit("loaded")
    return True


# --- the pytest plugin ------------------------------------------------------------------------


UNKNOWN_TEST_S = 0.05  # a test the last run did not time: most are quick


def shard_part(tests: list[str], weights: dict[str, float], shard: int, shards: int) -> set[str]:
    """The tests shard number `shard` of `shards` runs: longest first, each to the least loaded
    shard (ties to the lower number), by the durations of the last run (`weights`); every shard
    computes the same split. Without durations, the tests go round in turn."""
    if not weights:
        return set(tests[shard::shards])
    loads = [0.0] * shards
    part: set[str] = set()
    for index in sorted(range(len(tests)), key=lambda i: (-weights.get(tests[i], UNKNOWN_TEST_S), i)):
        target = min(range(shards), key=lambda k: (loads[k], k))
        loads[target] += weights.get(tests[index], UNKNOWN_TEST_S)
        if target == shard:
            part.add(tests[index])
    return part


def _title(item: Any) -> str:
    doc = inspect.getdoc(getattr(item, "obj", None)) or ""
    first = doc.strip().splitlines()[0] if doc.strip() else ""
    return first or item.name.removeprefix("test_").replace("_", " ")


def _short_id(item: Any) -> str:
    return item.nodeid.split("::", 1)[1] if "::" in item.nodeid else item.nodeid


class JudgePlugin:
    """Turns pytest's outcomes into events. Only a test whose call phase passed, with no
    error in setup or teardown, is reported as passed."""

    def __init__(self, emit: Emit, problem: catalogue.Problem, workers: Workers, go: Go, *, exit_first: bool = False,
                 shard: tuple[int, int] | None = None, weights: dict[str, float] | None = None,
                 serve: Serve | None = None) -> None:
        self.emit = emit
        self.serve = serve
        self.shard, self.weights = shard, weights or {}
        self.go = go
        self.exit_first = exit_first
        self.problem = problem
        self.workers = workers
        self.failures: dict[str, dict[str, Any]] = {}
        self.passed: set[str] = set()
        self.collect_errors: list[str] = []
        self.started: dict[str, float] = {}
        self.offsets: dict[str, tuple[int, int]] = {}

    def pytest_collectreport(self, report: Any) -> None:
        if report.failed:
            self.collect_errors.append(str(report.longrepr)[-2000:])

    def pytest_configure(self, config: Any) -> None:
        config.addinivalue_line("markers", f"{CLUSTER_STAGE}: the suite's stage on a Redis Cluster (drill check runs it, drill test skips it)")

    def pytest_collection_modifyitems(self, session: Any, config: Any, items: list[Any]) -> None:
        if self.serve is not None:
            # Everything up to here is shared by the candidates (Serve.candidates); what follows,
            # in a process forked for each, is one candidate's run as in an unshared runner.
            testing.build_ahead()
            self.exit_first = self.serve.candidates(self.workers, self.go)
        elif not self.go.sent:  # prepared ahead of a save: build what the suite prepares, then wait
            testing.build_ahead()
        # The worker imported the solution while pytest collected the suite (or now): its answer.
        if not self.go.send() or not loaded(self.emit, self.problem, self.workers):
            items.clear()
            session.shouldstop = "the solution did not load"
            return
        if self.collect_errors:
            self.emit("load_failed", collect_error=self.collect_errors[0])
        skipped = []
        if self.workers.redis is not None and CLUSTER_STAGE in self.workers.redis.skipped_stages:
            left_out = [i for i in items if i.get_closest_marker(CLUSTER_STAGE) is not None]
            if left_out:
                items[:] = [i for i in items if i.get_closest_marker(CLUSTER_STAGE) is None]
                config.hook.pytest_deselected(items=left_out)
                skipped.append({"stage": CLUSTER_STAGE, "tests": len(left_out)})
        tests = [{"test": _short_id(i), "title": _title(i)} for i in items]
        if self.shard is not None:
            mine = shard_part([t["test"] for t in tests], self.weights, *self.shard)
            others = [i for i in items if _short_id(i) not in mine]
            items[:] = [i for i in items if _short_id(i) in mine]
            config.hook.pytest_deselected(items=others)
        self.emit("collected", tests=tests, skipped_stages=skipped, runs=[_short_id(i) for i in items])

    def pytest_runtest_logstart(self, nodeid: str, location: Any) -> None:
        limit = self.problem.case_time_limit_s
        self.started[nodeid] = time.perf_counter()
        # drill's own backstop: the runner enforces the limits, drill only guards against a hang.
        self.emit("start", test=nodeid.split("::", 1)[-1], limit_s=3 * limit + 30)

    def pytest_runtest_setup(self, item: Any) -> None:
        testing.forget_calls()
        last_function_call.clear()
        limit = self.problem.case_time_limit_s
        self.workers.begin_test(Budget(limit, 2 * limit + 5, messages.test_named(_title(item))))
        main = self.workers.main
        self.offsets[item.nodeid] = main.process.offsets() if main is not None else (0, 0)

    def pytest_runtest_teardown(self, item: Any) -> None:
        self.workers.end_test()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item: Any, call: Any):
        report = yield
        if report.when == "call" and report.passed:
            self.passed.add(item.nodeid)
        if report.failed and item.nodeid not in self.failures:
            exc = call.excinfo.value if call.excinfo is not None else None
            failure = self.describe(item, exc)
            main = self.workers.main
            printed = main.process.output_since(self.offsets.get(item.nodeid, (0, 0)), OUTPUT_LIMIT) if main is not None else ""
            failure["output"] = printed or None
            self.failures[item.nodeid] = failure
            if failure["verdict"] in (TIME_LIMIT_EXCEEDED, MEMORY_LIMIT_EXCEEDED) or self.exit_first:
                item.session.shouldstop = "a resource limit was hit" if not self.exit_first else "the first failure decides"
        return report

    def pytest_runtest_logfinish(self, nodeid: str, location: Any) -> None:
        failure = self.failures.get(nodeid)
        if failure is None and nodeid not in self.passed:
            failure = {"test": nodeid.split("::", 1)[-1], "title": nodeid, "verdict": RUNTIME_ERROR,
                       "message": messages.TEST_DID_NOT_FINISH}
        for report in testing.take_reports():
            self.emit("report", test=nodeid.split("::", 1)[-1], name=report["name"], data=report["data"])
        self.emit(
            "result",
            test=nodeid.split("::", 1)[-1],
            outcome="failed" if failure else "passed",
            duration_s=round(time.perf_counter() - self.started.get(nodeid, time.perf_counter()), 4),
            failure=failure,
        )

    def pytest_sessionfinish(self, session: Any, exitstatus: int) -> None:
        self.emit("done", exitstatus=int(exitstatus))

    def describe(self, item: Any, exc: BaseException | None) -> dict[str, Any]:
        title = _title(item)
        failure: dict[str, Any] = {"test": _short_id(item), "title": title, "traceback": []}
        notes = [n for n in getattr(exc, "__notes__", []) if isinstance(n, str)]
        shrunk = "\n".join(notes) if any(n.startswith(("Falsifying", "Failing test case")) for n in notes) else None
        if isinstance(exc, TimeLimitExceeded):
            failure.update(verdict=TIME_LIMIT_EXCEEDED, message=str(exc))
        elif isinstance(exc, MemoryLimitExceeded):
            failure.update(verdict=MEMORY_LIMIT_EXCEEDED, message=messages.memory_limit_ran_out(self.problem.memory_limit_mb))
        elif isinstance(exc, WorkerDied):
            failure.update(verdict=exc.verdict, message=exc.message)
        elif isinstance(exc, testing.Undecided):
            failure.update(verdict=UNDECIDED, message=str(exc))
        elif isinstance(exc, testing.JudgeFault):
            failure.update(verdict=JUDGE_ERROR, message=str(exc))
        elif isinstance(exc, CandidateRaised):
            info = exc.info
            failure["traceback"] = [shown_frame(str(f), self.workers.file_name, self.workers.shown_as) for f in info.get("frames", [])]
            text = messages.exception_line(info["type"], info.get("message"))
            text = testing.show(text, 300) if len(text) > 300 else text
            if info["type"] == "NotImplementedError" and failure["traceback"]:
                text += messages.STUB_NOT_WRITTEN
            elif info["type"] == "RecursionError":
                text = messages.RECURSION_TOO_DEEP
            elif info["type"] == "SystemExit":
                text = messages.exited_during_test(info["message"])
            verdict = RUNTIME_ERROR
            message = str(info.get("message", ""))
            if message.startswith(BUSY_SCRIPT):
                verdict = TIME_LIMIT_EXCEEDED
                text = messages.BUSY_SCRIPT_STOPPED
            elif any(sign in message for sign in CROSS_SLOT):
                text = messages.cross_slot(messages.exception_line(info["type"], message.splitlines()[0][:160] if message else None))
            failure.update(verdict=verdict, message=text)
            failure["minimal_example"] = shrunk
        elif isinstance(exc, testing.WrongAnswer):
            verdict = MEMORY_LIMIT_EXCEEDED if isinstance(exc, testing.MemoryGrowth) else WRONG_ANSWER
            failure.update(verdict=verdict, message=exc.message, input=exc.input, expected=exc.expected, actual=exc.actual)
            if exc.full:
                failure["full"] = exc.full
            if shrunk:
                failure["minimal_example"] = exc.input or shrunk
        elif isinstance(exc, AssertionError):
            failure.update(verdict=WRONG_ANSWER, message=str(exc).splitlines()[0] if str(exc) else messages.A_CHECK_FAILED)
            failure["minimal_example"] = shrunk
        elif exc is not None and "Flaky" in type(exc).__name__:
            failure.update(verdict=WRONG_ANSWER, message=messages.flaky_answers(str(exc).splitlines()[0] if str(exc) else ""))
        elif exc is not None:
            # Raised in the suite while checking the result: the result had the wrong shape.
            text = messages.exception_line(type(exc).__name__, str(exc))
            failure.update(verdict=WRONG_ANSWER, message=messages.result_not_checkable(testing.show(text, 300) if len(text) > 300 else text))
            failure["minimal_example"] = shrunk
        else:
            failure.update(verdict=RUNTIME_ERROR, message=messages.FAILED_WITHOUT_EXCEPTION)
        calls = testing.calls_so_far()
        if failure["verdict"] != WRONG_ANSWER and not failure.get("input") and calls is not None:
            # A crash or a limit in the middle of a case: the calls it made so far are its input.
            failure["input"] = str(calls)
            if calls.full() != failure["input"]:
                failure["full"] = {"input": calls.full()}
        elif failure["verdict"] != WRONG_ANSWER and not failure.get("input") and last_function_call:
            # No CallLog (a function called directly): the call that was running is the input.
            failure["input"], full = _function_call(last_function_call, 80), _function_call(last_function_call, testing.FULL_LIMIT)
            if full != failure["input"]:
                failure["full"] = {"input": full}
        if failure.get("minimal_example") and failure.get("input") == failure.get("minimal_example"):
            failure["input"] = None
        return failure


def _function_call(call: dict[str, Any], limit: int) -> str:
    """`shortest_paths({...}, 'A')`: each argument shown up to `limit` characters."""
    shown = [testing.show(a, limit) for a in call["args"]] + [f"{k}={testing.show(v, limit)}" for k, v in call["kwargs"].items()]
    return words.call_notation(call["name"], ", ".join(shown))


# --- entry point --------------------------------------------------------------------------


def configure_hypothesis() -> None:
    from hypothesis import HealthCheck, Phase, settings

    settings.register_profile(
        "drill-judge",
        derandomize=True,
        # The explain phase re-runs the shrunk example many times; it cost ~5 s per failure.
        phases=[phase for phase in Phase if phase.name != "explain"],
        database=None,
        deadline=None,
        print_blob=False,
        report_multiple_bugs=False,
        suppress_health_check=list(HealthCheck),
    )
    settings.load_profile("drill-judge")
    # Hypothesis keeps its Unicode tables (what st.text() validates its alphabet against, 0.2-0.35 s
    # to build) in its storage folder, by default under the working folder: the runner's is new for
    # every run, so they were built in every run. The kit's .hypothesis/ (git-ignored) keeps them;
    # nothing else is stored there (database=None).
    from hypothesis import configuration

    configuration.set_hypothesis_home_dir(catalogue.kit_root() / ".hypothesis")
    # Hypothesis mixes literals from the "local" modules it finds imported (the harness, the
    # reference) into what it generates, and parses them at every start. Turned off, the
    # examples depend only on the suite and the seed, and the runner starts ~50 ms sooner.
    try:
        from hypothesis.internal.conjecture import providers

        providers._get_local_constants = lambda: providers._local_constants  # stays empty
    except (ImportError, AttributeError):  # another Hypothesis version: only slower
        pass


class Events:
    """The events pipe to drill: set at the start, or, for a served candidate, once it has come."""

    def __init__(self, fd: int | None) -> None:
        self.channel = os.fdopen(fd, "w", buffering=1, encoding="utf-8") if fd is not None else None

    def __call__(self, event: str, **data: Any) -> None:
        if self.channel is None:  # the shared part of a served run has no candidate to speak of
            return
        self.channel.write(protocol.event_line(event, **printable(data)))
        self.channel.flush()


class Serve:
    """--serve: one runner for every candidate of a problem (`drill dev verify`). It imports and
    collects the suite and builds what it prepares ahead (testing.build_ahead: large inputs, the
    reference's answers and times) once; then, for each candidate drill sends, it forks a process
    that judges that one file alone, as an unshared runner would after the same preparation (watch
    mode's): its own fresh worker, its own Redis (drill's, in the request's environment), its own
    events pipe. Nothing a candidate's process does comes back: this process only forks and waits,
    so the next candidate starts from the same untouched state.

    Drill speaks on a SOCK_SEQPACKET socket: a request is one message, {"folder", "env",
    "exit_first", "shown_as"} with the events pipe's write end attached (SCM_RIGHTS); this side answers
    {"started": pid}, then {"exited": pid, "returncode": n} as subprocess would give it. The socket
    closed means no more candidates."""

    def __init__(self, fd: int, events: Events) -> None:
        import socket

        self.control = socket.socket(fileno=fd)
        self.events = events
        self.in_child = False

    def candidates(self, workers: Workers, go: Go) -> bool:
        """Fork once per candidate; returns only in a candidate's process (with its exit_first)."""
        import gc
        import socket

        # Everything prepared so far is left out of the collector's passes, in here and in every
        # child: a pass over it would touch (and so copy) each page of it in each child.
        gc.collect()
        gc.freeze()
        while True:
            try:
                message, fds, _, _ = socket.recv_fds(self.control, 1 << 16, 1)
            except OSError:
                message, fds = b"", []
            if not message or len(fds) != 1:
                for fd in fds:
                    os.close(fd)
                os._exit(0)  # drill is done (or gone): nothing of this process needs an orderly end
            request = json.loads(message)
            pid = os.fork()
            if pid == 0:
                return self._become_candidate(request, fds[0], workers, go)
            os.close(fds[0])
            try:
                os.setpgid(pid, pid)  # its own process group from the start, for drill's killpg
            except OSError:  # it did so itself, or has already ended
                pass
            self._say({"started": pid})
            _, status = os.waitpid(pid, 0)
            self._say({"exited": pid, "returncode": os.waitstatus_to_exitcode(status)})

    def _say(self, message: dict[str, Any]) -> None:
        try:
            self.control.send(json.dumps(message).encode())
        except OSError:
            os._exit(0)

    def _become_candidate(self, request: dict[str, Any], events_fd: int, workers: Workers, go: Go) -> bool:
        from harness.lifetime import die_with_parent

        self.in_child = True
        self.control.close()
        os.setpgid(0, 0)
        die_with_parent()
        self.events.channel = os.fdopen(events_fd, "w", buffering=1, encoding="utf-8")
        workers.redis = RedisEnv.from_environ(request["env"])  # this candidate's own Redis servers
        testing.use_redis(workers.redis)
        folder = Path(request["folder"])
        tempfile.tempdir = str(folder.parent)
        workers.folder = folder
        workers.shown_as = str(request.get("shown_as") or workers.file_name)
        try:
            workers.start_main()
        except WorkerGone as exc:
            self.events("load_failed", judge_error=str(exc))
            os._exit(0)
        go.stdin = None  # its file is in place: load it now
        return bool(request.get("exit_first"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="harness.judge.runner")
    parser.add_argument("--problem", required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--events-fd", type=int)
    parser.add_argument("--serve-fd", type=int, help="judge many candidates, one forked process each (Serve)")
    parser.add_argument("--exit-first", action="store_true", help="stop at the first failing test (drill dev verify)")
    parser.add_argument("--shard", help="I/N: run part I of N of the suite (shard_part)")
    parser.add_argument("--weights", default="{}", help="the tests' durations in the last run, as JSON")
    args = parser.parse_args(argv)
    if (args.events_fd is None) == (args.serve_fd is None):
        parser.error("give one of --events-fd and --serve-fd")
    limit_own_memory()
    # Temp folders (each worker's output files) go inside drill's folder for this run: drill
    # kills this runner as soon as its report is complete, then removes that folder.
    tempfile.tempdir = str(Path(args.folder).parent)
    shard = tuple(int(x) for x in args.shard.split("/")) if args.shard else None
    weights = {str(k): float(v) for k, v in json.loads(args.weights).items()}
    emit = Events(args.events_fd)
    serve = Serve(args.serve_fd, emit) if args.serve_fd is not None else None

    problem = catalogue.get(args.problem)
    workers = Workers(problem, Path(args.folder), args.file, RedisEnv.from_environ(os.environ))
    if serve is None:  # a served candidate starts its own worker once it has come (Serve._become_candidate)
        try:
            workers.start_main()  # first: its interpreter starts while this one imports Hypothesis
        except WorkerGone as exc:
            emit("load_failed", judge_error=str(exc))
            return 0
    configure_hypothesis()
    go = Go(emit, workers)
    if serve is None and go.waiting() and not go.send():  # judged at once: the worker imports the file while pytest collects
        workers.close()
        return 0

    module = RemoteModule(problem.module, contract_of(problem), workers.current)
    sys.modules[problem.module] = module  # type: ignore[assignment]
    testing.configure(module=module, workers=workers, reference_path=problem.reference_path, inputs_path=problem.inputs_path,
                      redis=workers.redis)
    ini = Path(__file__).resolve().parent.parent / "judge_pytest.ini"
    try:
        pytest.main(
            [
                str(problem.tests_dir),
                "-c", str(ini),
                "--rootdir", str(catalogue.kit_root()),
                "-p", "no:cacheprovider",
                "-p", "no:terminal",
                "-p", "no:logging",  # the candidate's output is the worker's, captured there
                "-p", "no:unraisableexception",  # its end-of-session gc.collect cost ~60 ms
                "-p", "no:threadexception",
                # Installed plugins are not loaded (PYTEST_DISABLE_PLUGIN_AUTOLOAD): a suite needs
                # Hypothesis's alone, and the others cost start-up time (anyio's, ~0.25 s).
                "-p", "_hypothesis_pytestplugin",
            ],
            plugins=[JudgePlugin(emit, problem, workers, go, exit_first=args.exit_first, shard=shard, weights=weights,  # type: ignore[arg-type]
                                 serve=serve)],
        )
    except BaseException:
        if serve is None or not serve.in_child:
            raise
        import traceback

        traceback.print_exc()
        workers.close()
        os._exit(1)
    finally:
        workers.close()
    if serve is not None and serve.in_child:
        os._exit(0)  # a candidate's process: the zygote's atexit handlers are not its own
    return 0


if __name__ == "__main__":
    sys.exit(main())
