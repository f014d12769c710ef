"""Re-judging on save: `drill watch` (one problem) and `drill mock` (a timed interview).

The loops take their file events as an iterable of change batches, so tests feed events
directly; the CLI feeds them from watchfiles (OS file events, or polling with --poll).
The next suite runner (and its worker) is started ahead of time, so a save costs only the hidden tests.
A file is judged when its bytes differ from the ones it last judged, never for an event alone.
"""

from __future__ import annotations

import hashlib
import os
import queue
import threading
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from harness.problems.catalogue import Problem
from harness import pipeline
from harness.judge import PreparedRunner, judge_environment, prepare_judge
from harness.services.redis.env import RedisEnv
from harness.services.redis.server import ping
from harness.verdicts import Failure, JudgeResult

DEBOUNCE_MS = 50
TICK_MS = 1000
READY_MS = 100  # how long the watcher's thread waits for events before it looks again (and stops, if told)
READY_WAIT_S = 30.0  # at most this long for the watcher to start (it takes milliseconds)

Changes = Iterable[set[Path]]


class FileChanges:
    """Batches of changed paths under `folders`, and an empty batch every second so countdowns
    can redraw. The OS watcher starts at once, in a thread of its own, and keeps collecting
    while a file is judged: a save made during the first verdict is a batch waiting after it."""

    def __init__(self, folders: list[Path], *, poll: bool = False) -> None:
        from watchfiles import watch

        self._batches: queue.Queue[set[Path] | BaseException] = queue.Queue()
        self._stop, ready = threading.Event(), threading.Event()

        def run() -> None:
            try:
                for batch in watch(
                    *folders,
                    debounce=DEBOUNCE_MS,
                    step=DEBOUNCE_MS,
                    rust_timeout=READY_MS,
                    yield_on_timeout=True,
                    force_polling=poll or os.environ.get("DRILL_WATCH_POLL") == "1" or None,
                    poll_delay_ms=200,
                    stop_event=self._stop,
                    raise_interrupt=False,
                    recursive=False,
                ):
                    ready.set()  # the first batch, even an empty one, comes from a watcher that is running
                    if batch:
                        self._batches.put({Path(p).resolve() for _, p in batch})
            except BaseException as exc:  # the watcher's failure is raised where the batches are read
                self._batches.put(exc)
            finally:
                ready.set()

        self._thread = threading.Thread(target=run, name="drill-watcher", daemon=True)
        self._thread.start()
        ready.wait(READY_WAIT_S)  # so the first verdict comes after the watching began

    def __iter__(self) -> Iterator[set[Path]]:
        try:
            while True:
                try:
                    batch = self._batches.get(timeout=TICK_MS / 1000)
                except queue.Empty:
                    yield set()
                    continue
                if isinstance(batch, BaseException):
                    raise batch
                yield batch
        finally:
            self.close()

    def close(self) -> None:
        self._stop.set()


def file_changes(folders: list[Path], *, poll: bool = False) -> FileChanges:
    """The changes under `folders`, watched from now on (see FileChanges)."""
    return FileChanges(folders, poll=poll)


def file_sha256(path: Path) -> str | None:
    """The sha256 of the file's bytes, or None if it is not there."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


@dataclass
class Judged:
    """What a loop knows about one file: its latest result."""

    problem: Problem
    path: Path
    result: JudgeResult | None = None
    missing: bool = False  # the file was not there when it was to be judged
    judging: bool = False  # a judgement of the file is under way (its result is not current)
    # The source already accounted for: the one `result` judged, a run of it already in the log, or a
    # fresh mock's stub. A file with these bytes is not judged (nor recorded) again.
    judged_sha256: str | None = None


def logged_result(run: dict[str, Any]) -> JudgeResult:
    """A run from the attempt log as a result to show (its per-test outcomes are not kept)."""
    failure = None
    if run["first_failure"]:
        try:
            failure = Failure(**run["first_failure"])
        except TypeError:  # a failure from an older version, with other fields: not shown
            failure = None
    return JudgeResult(problem=run["problem"], verdict=run["verdict"], file=run["source_path"], source_sha256=run["source_sha256"],
                       passed=run["passed"], failed=run["failed"], total=run["total"], duration_s=run["duration_s"],
                       started_at=run["started_at"], first_failure=failure, complexity=run["complexity"])


class Judges:
    """Judges files on demand through the one pipeline (harness.pipeline), keeping one suite
    runner per file started and ready for the next save."""

    def __init__(self, items: list[Judged], redis_url: str | None = None, *, complexity: bool = False) -> None:
        self.items = {item.path.resolve(): item for item in items}
        self.complexity = complexity
        self.redis_url = redis_url
        self._stacks: dict[str, ExitStack] = {}
        self._env: dict[str, RedisEnv | None] = {}
        self._ready: dict[Path, PreparedRunner] = {}
        for item in items:
            # One Redis server per problem for the whole `drill watch`, not one per save.
            if item.problem.slug not in self._env:
                self._start_environment(item.problem)

    def _start_environment(self, problem: Problem) -> None:
        stack = self._stacks[problem.slug] = ExitStack()
        self._env[problem.slug] = stack.enter_context(judge_environment(problem, self.redis_url, cluster=self.complexity))

    def _servers_answer(self, slug: str) -> bool:
        """Whether every Redis server of the problem's environment still answers: a solution can
        end drill's own server (one whose Lua script passes the server's memory limit does)."""
        env = self._env[slug]
        urls = (*env.urls, *env.cluster_urls) if env is not None else ()
        return all(ping(url, 0.5) is None for url in urls)

    def _restart_environment_if_gone(self, problem: Problem) -> None:
        if self.redis_url or self._servers_answer(problem.slug):
            return  # the user's own server is theirs to restart (the judge then says it is unreachable)
        for key in [k for k, it in self.items.items() if it.problem.slug == problem.slug and k in self._ready]:
            self._ready.pop(key).discard()
        self._stacks.pop(problem.slug).close()
        self._start_environment(problem)

    def _prepare(self, item: Judged) -> None:
        key = item.path.resolve()
        if key not in self._ready:
            self._ready[key] = prepare_judge(item.problem, self._env[item.problem.slug], last=item.result)

    def judge(self, item: Judged) -> JudgeResult | None:
        key = item.path.resolve()
        if not item.path.is_file():
            item.missing = True
            return None
        if "redis" in item.problem.needs:
            self._restart_environment_if_gone(item.problem)
        runner = self._ready.pop(key, None)
        try:
            result = pipeline.judge_file(item.problem, item.path, complexity=self.complexity, redis_url=self.redis_url, prepared=runner,
                                        cluster=self.complexity)
        except BaseException:
            self._prepare(item)
            raise
        item.result, item.missing = result, False
        self._prepare(item)  # split by this run's durations
        return result

    def relevant(self, batch: set[Path]) -> list[Judged]:
        return [self.items[p] for p in batch if p in self.items]

    def close(self) -> None:
        for runner in self._ready.values():
            runner.discard()
        self._ready.clear()
        for stack in self._stacks.values():
            stack.close()
        self._stacks.clear()


def loop(
    judges: Judges,
    changes: Changes,
    *,
    on_result: Callable[[Judged, JudgeResult | None], None],
    on_tick: Callable[[], bool],
    on_judging: Callable[[Judged], None] | None = None,
) -> None:
    """Judge each item whose file is not the source it last judged (`judged_sha256`), then again
    whenever a batch names its file and its bytes changed. After every verdict the file is read
    again, and judged again if it was saved meanwhile: a save is never lost, and a touch (or
    any event that leaves the bytes as they were) judges and records nothing.

    `on_judging` runs as a judgement begins, so a screen never shows the old verdict as current.
    `on_result` gets None when the file could not be judged (it is missing: item.missing). On
    Ctrl-C during a complexity check it gets the tests' result (pipeline.ComplexityInterrupted),
    then the interrupt goes on. `on_tick` runs after every batch (including the empty ones) and
    returns False to stop.
    """

    def judge(item: Judged) -> None:
        item.judging = True
        if on_judging is not None:
            on_judging(item)
        try:
            result = judges.judge(item)
        except pipeline.ComplexityInterrupted as stopped:
            item.judging = False
            item.result, item.judged_sha256 = stopped.result, stopped.result.source_sha256
            on_result(item, stopped.result)
            raise
        finally:
            item.judging = False
        item.judged_sha256 = result.source_sha256 if result is not None else None
        on_result(item, result)

    def settle(item: Judged) -> None:
        while True:
            digest = file_sha256(item.path)
            if digest is None:
                if not item.missing:
                    judge(item)  # says it is missing
                return
            if digest == item.judged_sha256 and not item.missing:
                return
            judge(item)

    try:
        for item in list(judges.items.values()):
            settle(item)
        if not on_tick():
            return
        for batch in changes:
            for item in judges.relevant(batch):
                settle(item)
            if not on_tick():
                return
    finally:
        close = getattr(changes, "close", None)
        if close is not None:  # stop the OS watcher now, not when it is collected
            close()


TICK_S = 1.0  # how often a running clock is redrawn while a file is judged


@contextmanager
def ticking(redraw: Callable[[], None]) -> Iterator[Callable[[bool], None]]:
    """The judge holds the watch loop for seconds (a mock's complexity check, for longer), and a
    countdown that stands still meanwhile says the clock stopped, which it did not: while the
    caller says a file is being judged, `redraw` runs every TICK_S from a thread of its own.
    Yields the switch: judging(True) as a judgement begins, judging(False) when it ends."""
    judging, stop = threading.Event(), threading.Event()

    def run() -> None:
        while not stop.wait(TICK_S):
            if judging.is_set():
                try:
                    redraw()
                except Exception:  # a redraw is only the clock: never a traceback from this thread
                    return

    thread = threading.Thread(target=run, name="drill-clock", daemon=True)
    thread.start()
    try:
        yield lambda on: judging.set() if on else judging.clear()
    finally:
        stop.set()
        thread.join()
