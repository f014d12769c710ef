"""`drill run`: cases (harness.problems.cases) against the solution, in its sandboxed worker. No hidden
test runs, no verdict is given, nothing is recorded.

drill's process is trusted here, as in the bench: it starts one worker and has it load a private
copy of the file (worker.loading, as the suite runner does), and makes every call of the cases
through the proxies the hidden suites use (worker.proxies: RemoteModule, RemoteObject), each case under the problem's
per-test time limit, read from outside. Every answer arrives through the strict decoder; the
solution's code never runs in this process. A worker that dies or runs out of time ends its
case, and the next case gets a new one.
"""

from __future__ import annotations

import builtins
import shutil
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from harness.problems.cases import (
    DIFFERS, FAILED, OK, RAISED, SET, SHOWN, CallOutcome, Case, CaseOutcome, Fake, RedisRef, Ref, RunReport, Step, same, uses_redis,
)
from harness.problems.catalogue import Problem
from harness.judge.parent import JudgeError, judge_environment
from harness.limits import TimeLimitExceeded
from harness.judge import messages
from harness import words
from harness.services.redis.env import RedisEnv
from harness.services.redis.guard import kill_busy_script
from harness.worker.channel import Budget, CandidateRaised, Channel, MemoryLimitExceeded, WorkerDied, printable
from harness.worker.loading import contract_of, shown_frame, start_and_load
from harness.worker.process import WorkerGone
from harness.worker.proxies import RemoteModule, RemoteObject

VALUE_LIMIT = 20_000  # characters of an answer's repr() kept (the terminal shows less)
OUTPUT_LIMIT = 2000   # bytes of each stream the solution printed during a case


def run_cases(problem: Problem, path: Path, cases: list[Case], *, redis_url: str | None = None,
              sources: list[str] | None = None, shown_as: str | None = None) -> RunReport:
    """Run `cases` against the file at `path` (named `shown_as` in a load error or a traceback,
    default its name). Raises JudgeError if the worker (or Redis) cannot start."""
    started = time.monotonic()
    report = RunReport(problem=problem.slug, file=str(path), sources=list(sources or []))
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="drill-run-")))
        shutil.copyfile(path, tmp / problem.file)
        redis = stack.enter_context(judge_environment(problem, redis_url)) if any(uses_redis(case) for case in cases) else None
        clients = _clients(list(redis.urls) if redis is not None else [])
        for client in clients:
            stack.callback(client.close)
        worker = _Worker(problem, tmp, redis, shown_as or path.name)
        stack.callback(worker.close)
        failure = worker.start()
        if failure is not None:
            report.load_error, report.load_output = failure
        else:
            for index, case in enumerate(cases):
                _empty(clients)  # every case starts from empty servers
                report.cases.append(worker.run(case, clients))
                if worker.timed_out:  # as a judge stops at a time limit: the rest would likely wait as long
                    report.skipped = [c.name for c in cases[index + 1:]]
                    break
    report.duration_s = round(time.monotonic() - started, 3)
    return report


def _clients(urls: list[str]) -> list[Any]:
    if not urls:
        return []
    import redis  # only for the problems that need it

    return [redis.Redis.from_url(url) for url in urls]


def _empty(clients: list[Any]) -> None:
    if not clients:
        return
    import redis

    try:
        for client in clients:
            client.flushdb()
    except redis.RedisError as exc:
        raise JudgeError(messages.redis_not_emptied(exc)) from exc


class _Worker:
    """The solution's worker for the whole run, started again after a case that ended it."""

    def __init__(self, problem: Problem, folder: Path, redis: RedisEnv | None, shown_as: str) -> None:
        self.problem, self.folder, self.redis, self.shown_as = problem, folder, redis, shown_as
        self.channel: Channel | None = None
        self.timed_out = False  # a case ran past its time limit
        self.module = RemoteModule(problem.module, contract_of(problem), self._channel)

    def _channel(self) -> Channel:
        assert self.channel is not None
        return self.channel

    def start(self) -> tuple[str, str | None] | None:
        """Starts the worker and has it load the file: None, or (why it did not load, what it printed)."""
        if self.channel is not None:
            self.channel.close()
        try:
            self.channel, failure = start_and_load(self.problem, self.folder, redis=self.redis, shown_as=self.shown_as)
        except WorkerGone as exc:
            raise JudgeError(str(exc)) from exc
        return None if failure is None else (failure.message, self._output((0, 0)))

    def _output(self, offsets: tuple[int, int]) -> str | None:
        assert self.channel is not None
        return printable(self.channel.process.output_since(offsets, OUTPUT_LIMIT)) or None

    def run(self, case: Case, clients: list[Any]) -> CaseOutcome:
        outcome = CaseOutcome(name=case.name, origin=case.origin, checks=sum(step.checked for step in case.steps))
        channel = self.channel
        if channel is None or channel.dead is not None or not channel.process.alive():
            failure = self.start()
            if failure is not None:  # it loaded before: this is the process, not the file
                outcome.calls.append(CallOutcome(case.steps[0].line, case.steps[0].text, FAILED, message=failure[0]))
                outcome.not_run = len(case.steps) - 1
                return outcome
            channel = self.channel
        assert channel is not None
        offsets = channel.process.offsets()
        limit = self.problem.case_time_limit_s
        channel.push_budget(Budget(limit, 2 * limit + 5, "this case"))
        objects: dict[str, RemoteObject] = {}
        try:
            for index, step in enumerate(case.steps):
                done = self._step(step, objects, clients)
                outcome.calls.append(done)
                if done.status in (RAISED, FAILED):
                    outcome.not_run = len(case.steps) - index - 1
                    break
        finally:
            channel.budgets.clear()
            objects.clear()  # the worker frees them with the next request
        outcome.output = self._output(offsets)
        if self.redis is not None:
            for url in self.redis.urls:  # a Lua script still running would block the next case
                kill_busy_script(url)
        return outcome

    def _step(self, step: Step, objects: dict[str, RemoteObject], clients: list[Any]) -> CallOutcome:
        done = CallOutcome(step.line, step.text, SET if step.kind == "value" else SHOWN, expected=step.expect_text)
        if step.kind == "value":
            return done
        args = [_resolve(a, objects, clients) for a in step.args]
        kwargs = {k: _resolve(v, objects, clients) for k, v in step.kwargs.items()}
        try:
            if step.target is not None:
                value = getattr(objects[step.target], step.name)(*args, **kwargs)
            else:
                value = getattr(self.module, step.name)(*args, **kwargs)
        except CandidateRaised as exc:
            info = exc.info
            done.raised = printable(messages.exception_line(info["type"], info.get("message")))
            done.where = printable([shown_frame(str(f), self.problem.file, self.shown_as) for f in info.get("frames", [])])
            wanted = step.raises is not None and (info["type"] == step.raises or step.raises in info.get("bases", []))
            done.status = OK if wanted else RAISED
            return done
        except MemoryLimitExceeded:
            done.status, done.message = FAILED, messages.memory_limit_ran_out(self.problem.memory_limit_mb)
            return done
        except TimeLimitExceeded as exc:
            done.status, done.message = FAILED, str(exc)
            self.timed_out = True
            return done
        except WorkerDied as exc:
            done.status, done.message = FAILED, exc.message
            return done
        if step.kind == "new":
            if step.bind is not None:
                objects[step.bind] = value
            done.status = DIFFERS if step.raises else SET
            done.value = messages.made_object(step.name) if step.raises else None
            return done
        done.value = printable(_shown(value))
        if step.raises is not None:
            done.status = DIFFERS
        elif step.expect is not None:
            done.status = OK if any(same(expected, value) for expected in step.expect) else DIFFERS
        return done

    def close(self) -> None:
        if self.channel is not None:
            self.channel.close()


def _resolve(value: Any, objects: dict[str, RemoteObject], clients: list[Any]) -> Any:
    """The script's stand-ins -> what the proxies send: an object of the worker, a function of
    drill's (a callback), a Redis client (settings the worker builds its own client from)."""
    kind = type(value)
    if kind is Ref:
        return objects[value.name]
    if kind is Fake:
        return _fake(value)
    if kind is RedisRef:
        return clients[value.index]
    if kind is list:
        return [_resolve(v, objects, clients) for v in value]
    if kind is tuple:
        return tuple(_resolve(v, objects, clients) for v in value)
    if kind is dict:
        return {k: _resolve(v, objects, clients) for k, v in value.items()}
    return value


def _fake(spec: Fake) -> Any:
    """The function `fake(...)` describes; the solution calls it back, with plain data."""
    error = getattr(builtins, spec.raises)
    count = [0]

    def fake(*args: Any) -> Any:
        count[0] += 1
        if count[0] <= spec.fail_first or (args and any(same(x, args[0]) for x in spec.fail_for)):
            raise error(messages.fake_fails(count[0]))
        return spec.returns

    return fake


def _shown(value: Any) -> str:
    try:
        text = repr(value)
    except RecursionError:
        return messages.TOO_DEEP_TO_SHOW
    return words.cut_short(text, VALUE_LIMIT)

