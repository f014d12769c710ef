"""Mock interviews: a few unsolved problems against one clock that lives in the attempt log.

Each mock gets fresh stubs in its own folder (workspace/mocks/<stamp>/), so it never
touches your other work; closing the terminal does not stop the clock, `drill mock`
comes back to it, and the report is written when the time is up, every problem is
solved, or `drill mock --stop` ends it (an expired mock is ended by the next drill command).
The clock ends with the mock: a mock's file judged after it shows no time left or over. A
problem the mock did not judge is left as it was (progress.py).

Only the mock's own judgements count (progress.is_mock_run): a `drill test --file` of a mock's
file is shown by `drill history`, never on the board, in the report or in your progress. A save
the board did not judge (made while the mock was paused, or in its last second) is judged when
the mock ends, before the report (`finish`): recorded at the time it was saved, as the board
would have judged it then, and marked in the report. A save made after the mock's end is not
judged; the report names it.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from harness import clock, pipeline
from harness.practice import progress
from harness.problems import catalogue
from harness.problems.catalogue import Problem
from harness.practice import messages
from harness.practice.store import Store, iso, parse_iso
from harness.verdicts import ACCEPTED, JudgeResult
from harness.practice.watch import Judged, Judges, file_sha256


def active_mock(store: Store) -> dict[str, Any] | None:
    open_mocks = [m for m in store.mocks() if m["ended_at"] is None]
    return open_mocks[-1] if open_mocks else None


def deadline(mock: dict[str, Any]) -> datetime:
    from datetime import timedelta

    return parse_iso(mock["started_at"]) + timedelta(minutes=mock["minutes"])


class MockError(Exception):
    """A mock that cannot be set up as asked: one line."""


def pick_problems(store: Store, count: int) -> list[Problem]:
    """`count` of the problems you have not solved, in the order `drill next` proposes them.
    Never a follow-up (problem.toml `follows`): it shares its base problem's file, and is asked after it.
    Raises MockError if fewer than `count` are unsolved."""
    now = clock.now()
    rows = progress.next_up(progress.progress(store, list(catalogue.problems()), now), now)
    unsolved = [r for r in rows if not r.solved]
    pickable = [r for r in unsolved if catalogue.get(r.problem).follows is None]
    if count > len(pickable):
        raise MockError(messages.too_many_mock_problems(count, len(pickable), len(unsolved)))
    unsolved = pickable
    return [catalogue.get(r.problem) for r in unsolved[:count]]


def create_mock(store: Store, workspace: Path, minutes: float, problems: list[Problem]) -> dict[str, Any]:
    folder = workspace / "mocks" / clock.now().astimezone().strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    for problem in problems:
        target = folder / problem.file
        shutil.copyfile(problem.stub_path, target)
        store.start(problem.slug, target, timed_minutes=minutes)
    mock_id = store.start_mock(minutes, [p.slug for p in problems], folder)
    return next(m for m in store.mocks() if m["id"] == mock_id)


def mock_files(mock: dict[str, Any]) -> list[tuple[Problem, Path]]:
    folder = Path(mock["folder"])
    return [(catalogue.get(slug), folder / catalogue.get(slug).file) for slug in mock["problems"]]


class Board:
    """What a running mock shows: each file's latest result and complexity outcome, and how
    many runs of it were judged (counted from the log once, then one per judged save)."""

    def __init__(self, store: Store, mock: dict[str, Any]) -> None:
        self.mock = mock
        self.items = [Judged(problem, path) for problem, path in mock_files(mock)]
        logged = {item.path: own_runs(store, item.problem, item.path) for item in self.items}
        self.runs = {path: len(runs) for path, runs in logged.items()}
        # Each file's latest logged run: shown until the file is judged again (after a pause).
        self.last_run: dict[Path, dict[str, Any] | None] = {path: (runs[-1] if runs else None) for path, runs in logged.items()}
        self.complexity: dict[Path, str | None] = {
            path: ((run or {}).get("complexity") or {}).get("verdict") for path, run in self.last_run.items()
        }
        # What each file was last judged as (or, never judged, the stub it was given): only a save
        # that changes the bytes is judged, also back from a pause.
        for item in self.items:
            run = self.last_run[item.path]
            if run is None:
                item.judged_sha256 = hashlib.sha256(item.problem.stub_path.read_bytes()).hexdigest()
            elif run["command"] not in progress.FULL_JUDGEMENT:
                item.judged_sha256 = None  # its complexity check was cut short (or never ran): judged again
            else:
                item.judged_sha256 = run["source_sha256"]

    def judged(self, item: Judged, result: JudgeResult) -> None:
        self.complexity[item.path] = result.complexity.get("verdict") if result.complexity is not None else None
        self.runs[item.path] += 1

    def rows(self) -> list[dict[str, Any]]:
        out = []
        for item in self.items:
            res, run = item.result, self.last_run[item.path]
            verdict = res.verdict if res else (run["verdict"] if run else None)
            tests = messages.tests_passed(res.passed, res.total) if res else (messages.tests_passed(run["passed"], run["total"]) if run else "-")
            out.append(
                {
                    "problem": item.problem.slug,
                    "file": item.path.name,
                    "verdict": verdict,
                    "tests": tests,
                    "complexity": self.complexity[item.path],
                    "attempts": self.runs[item.path],
                    "judging": item.judging,
                }
            )
        return out

    def failures(self) -> list[tuple[str, Any]]:
        """(slug, first failing case) of each file whose latest result failed; the case as the log keeps it."""
        out: list[tuple[str, Any]] = []
        for item in self.items:
            if item.judging:
                continue
            res, run = item.result, self.last_run[item.path]
            failure = (res.first_failure if res else (run["first_failure"] if run else None))
            if failure is not None:
                out.append((item.problem.slug, failure))
        return out

    def missing(self) -> list[Path]:
        return [item.path for item in self.items if item.missing]

    def seconds_left(self) -> float:
        return (deadline(self.mock) - clock.now()).total_seconds()

    def all_solved(self) -> bool:
        return all(item.result is not None and item.result.ok for item in self.items)


def own_runs(store: Store, problem: Problem, path: Path) -> list[dict[str, Any]]:
    """The mock's own judgements of its file `path`, oldest first (never a `--file` run of it)."""
    return [r for r in store.runs(problem.slug) if r["source_path"] == str(path.resolve()) and progress.is_mock_run(r)]


@dataclass
class Unjudged:
    """A mock's file whose bytes the mock has not judged (its last judgement was of other bytes,
    or was cut short): saved at `saved_at`, never before the mock began or the file's last judgement."""

    problem: Problem
    path: Path
    saved_at: datetime


def unjudged(store: Store, mock: dict[str, Any]) -> list[Unjudged]:
    """The mock's files saved since the mock last judged them, as the board would judge them next."""
    board = Board(store, mock)
    out = []
    for item in board.items:
        digest = file_sha256(item.path)
        if digest is None or digest == item.judged_sha256:
            continue
        run = board.last_run[item.path]
        floor = parse_iso(run["started_at"]) if run else parse_iso(mock["started_at"])
        saved = datetime.fromtimestamp(item.path.stat().st_mtime, tz=timezone.utc)
        out.append(Unjudged(item.problem, item.path, max(saved, floor, parse_iso(mock["started_at"]))))
    return out


def judge_at_end(store: Store, mock: dict[str, Any], end: datetime, *, redis_url: str | None = None,
                 on_judging: Callable[[Unjudged], None] | None = None) -> tuple[list[int], list[Unjudged]]:
    """Judge, as the board would have (the same judges, complexity included), each save it did not
    judge that was made by `end` (the mock's end): recorded as the mock's own run, at the time of the
    save. Returns (the new runs' ids, the saves made after `end`, left unjudged). Ctrl-C during a
    complexity check records the tests' result (never a full judgement) and goes on as an
    interrupt: the mock is not ended, and the next end judges that save again."""
    saves = unjudged(store, mock)
    late = [save for save in saves if save.saved_at > end]
    due = [save for save in saves if save.saved_at <= end]
    judged: list[int] = []
    if not due:
        return judged, late
    items = {save.path: Judged(save.problem, save.path) for save in due}
    judges = Judges(list(items.values()), redis_url, complexity=True)
    try:
        for save in due:
            if on_judging is not None:
                on_judging(save)
            try:
                result = judges.judge(items[save.path])
            except pipeline.ComplexityInterrupted as stopped:
                store.record_run(dataclasses.replace(stopped.result, started_at=iso(save.saved_at)),
                                 pipeline.recorded_command(stopped.result, progress.MOCK))
                raise
            if result is None:
                continue  # gone since it was read: nothing to judge
            result = dataclasses.replace(result, started_at=iso(save.saved_at))
            judged.append(store.record_run(result, progress.MOCK))
            if result.complexity is not None:
                store.record_bench(result.problem, result.complexity, command=progress.MOCK, started_at=result.started_at,
                                   source_sha256=result.source_sha256)
    finally:
        judges.close()
    return judged, late


def build_report(store: Store, mock: dict[str, Any], end: datetime | None = None, *, judged_at_end: Sequence[int] = (),
                 late: Sequence[Unjudged] = ()) -> dict[str, Any]:
    """The report of the mock ended at `end` (by default now, or its deadline if that came first):
    the mock's own judgements only. `judged_at_end`: the runs judged as it ended (judge_at_end),
    each marked; `late`: the saves made after its end, named and not judged."""
    started = parse_iso(mock["started_at"])
    end = end or min(clock.now(), deadline(mock))
    rows = []
    for problem, path in mock_files(mock):
        runs = [r for r in own_runs(store, problem, path) if started <= parse_iso(r["started_at"]) <= end]
        # Solved as everywhere else: accepted with the complexity checked (progress.FULL_JUDGEMENT).
        accepted = [r for r in runs if r["verdict"] == ACCEPTED and r["command"] in progress.FULL_JUDGEMENT]
        measured = [r["complexity"] for r in runs if r["complexity"]]  # the mock's own files' checks, never another file's bench
        rows.append(
            {
                "problem": problem.slug,
                "solved": bool(accepted),
                "time_to_accept_s": (parse_iso(accepted[0]["started_at"]) - started).total_seconds() if accepted else None,
                "attempts": len(runs),
                "last_verdict": runs[-1]["verdict"] if runs else None,
                "complexity": measured[-1].get("verdict") if measured else None,
                # The last verdict was judged as the mock ended, for a save the board had not judged.
                "judged_at_end": bool(runs) and runs[-1]["id"] in judged_at_end,
                "saved_at": runs[-1]["started_at"] if runs and runs[-1]["id"] in judged_at_end else None,
            }
        )
    return {
        "id": mock["id"],
        "started_at": mock["started_at"],
        "minutes": mock["minutes"],
        "used_s": max(0.0, (end - started).total_seconds()),
        "ended_at": iso(end),
        "solved": sum(r["solved"] for r in rows),
        "problems": rows,
        "not_judged": [{"problem": s.problem.slug, "file": str(s.path), "saved_at": iso(s.saved_at)} for s in late],
    }


def finish(store: Store, mock: dict[str, Any], markdown: Callable[[dict[str, Any]], str], *, redis_url: str | None = None,
           on_judging: Callable[[Unjudged], None] | None = None) -> dict[str, Any]:
    """End the mock: judge the saves it has not judged (judge_at_end), then write its report, as
    `markdown` draws it (the command line hands in render.markdown.mock_report), into report.md
    beside its files, and keep it in the attempt log."""
    with _ending(store):
        # Another drill process (the mock screen at its deadline, the next command) may have
        # ended it meanwhile: its saves are judged and its report written once, by one of them.
        ended = next((m for m in store.mocks() if m["id"] == mock["id"] and m["ended_at"] is not None and m["report"]), None)
        if ended is not None:
            return ended["report"]
        end = min(clock.now(), deadline(mock))
        judged, late = judge_at_end(store, mock, end, redis_url=redis_url, on_judging=on_judging)
        report = build_report(store, mock, end, judged_at_end=judged, late=late)
        path = Path(mock["folder"]) / "report.md"
        path.write_text(markdown(report), encoding="utf-8")
        report["path"] = str(path)
        store.end_mock(mock["id"], report, ended_at=end)
        return report


@contextmanager
def _ending(store: Store) -> Iterator[None]:
    """One drill process at a time ends a mock (a lock file beside the attempt log)."""
    store.path.parent.mkdir(parents=True, exist_ok=True)
    with open(store.path.parent / "mock-ending.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def expired(store: Store) -> dict[str, Any] | None:
    """The open mock whose time ran out (to be ended by the next drill command), or None."""
    active = active_mock(store)
    return active if active is not None and clock.now() >= deadline(active) else None


def ran_out(store: Store) -> dict[str, Any] | None:
    """The latest mock, if it is over and ended when its time ran out (not `--stop`, not all solved):
    another command may have ended it while you were away, so a new mock says so as it starts."""
    mocks = store.mocks()
    last = mocks[-1] if mocks else None
    if last is None or last["ended_at"] is None or parse_iso(last["ended_at"]) < deadline(last):
        return None
    return last

