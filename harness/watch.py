"""Re-judging on save: `drill watch` (one problem) and `drill mock` (a timed interview).

The loops take their file events as an iterable of change batches, so tests feed events
directly; the CLI feeds them from watchfiles (OS file events, or polling with --poll).
The next suite runner (and its worker) is started ahead of time, so a save costs only the hidden tests.
"""

from __future__ import annotations

import os
import threading
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from harness.catalogue import Problem
from harness import session
from harness.judge import PreparedRunner, judge_environment, prepare_judge
from harness.redis_server import ping
from harness.verdicts import JudgeResult

DEBOUNCE_MS = 50
TICK_MS = 1000

Changes = Iterable[set[Path]]


def file_changes(folders: list[Path], *, poll: bool = False) -> Iterator[set[Path]]:
    """Batches of changed paths under `folders`; an empty batch every second so countdowns can redraw."""
    import threading

    from watchfiles import watch

    stop_event = threading.Event()
    for batch in watch(
        *folders,
        debounce=DEBOUNCE_MS,
        step=DEBOUNCE_MS,
        rust_timeout=TICK_MS,
        yield_on_timeout=True,
        force_polling=poll or os.environ.get("DRILL_WATCH_POLL") == "1" or None,
        poll_delay_ms=200,
        stop_event=stop_event,
        raise_interrupt=True,
        recursive=False,
    ):
        yield {Path(p).resolve() for _, p in batch}


@dataclass
class Judged:
    """What a loop knows about one file: its latest result."""

    problem: Problem
    path: Path
    result: JudgeResult | None = None
    missing: bool = False  # the file was not there when it was to be judged
    judging: bool = False  # a judgement of the file is under way (its result is not current)


class Judges:
    """Judges files on demand through the one pipeline (harness.session), keeping one suite
    runner per file started and ready for the next save."""

    def __init__(self, items: list[Judged], redis_url: str | None = None, *, complexity: bool = False) -> None:
        self.items = {item.path.resolve(): item for item in items}
        self.complexity = complexity
        self.redis_url = redis_url
        self._stacks: dict[str, ExitStack] = {}
        self._env: dict[str, dict[str, str]] = {}
        self._ready: dict[Path, PreparedRunner] = {}
        for item in items:
            # One Redis server per problem for the whole session, not one per save.
            if item.problem.slug not in self._env:
                self._start_environment(item.problem)

    def _start_environment(self, problem: Problem) -> None:
        stack = self._stacks[problem.slug] = ExitStack()
        self._env[problem.slug] = stack.enter_context(judge_environment(problem, self.redis_url, cluster=self.complexity))

    def _servers_answer(self, slug: str) -> bool:
        """Whether every Redis server of the problem's environment still answers: a solution can
        end drill's own server (one whose Lua script passes the server's memory limit does)."""
        env = self._env[slug]
        urls = [u for key in ("DRILL_JUDGE_REDIS_URLS", "DRILL_JUDGE_REDIS_CLUSTER_URLS") for u in env.get(key, "").split(",") if u]
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
            result = session.judge_file(item.problem, item.path, complexity=self.complexity, redis_url=self.redis_url, prepared=runner,
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
    judge_first: bool | Callable[[Judged], bool] = True,
) -> None:
    """Judge each item once (those `judge_first` accepts), then again whenever a batch mentions its file.

    `on_judging` runs as a judgement begins, so a screen never shows the old verdict as current.
    `on_result` gets None when the file could not be judged (it is missing: item.missing).
    `on_tick` runs after every batch (including the empty ones) and returns False to stop.
    """

    def judge(item: Judged) -> None:
        item.judging = True
        if on_judging is not None:
            on_judging(item)
        try:
            result = judges.judge(item)
        finally:
            item.judging = False
        on_result(item, result)

    for item in list(judges.items.values()):
        if judge_first is True or (callable(judge_first) and judge_first(item)):
            judge(item)
    if not on_tick():
        return
    for batch in changes:
        for item in judges.relevant(batch):
            judge(item)
        if not on_tick():
            return


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
