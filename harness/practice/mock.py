"""Mock interviews: a few unsolved problems against one clock that lives in the attempt log.

Each mock gets fresh stubs in its own folder (workspace/mocks/<stamp>/), so it never
touches your other work; closing the terminal does not stop the clock, `drill mock`
comes back to it, and the report is written when the time is up, every problem is
solved, or `drill mock --stop` ends it. The clock ends with the mock: a mock's file judged
after it shows no time left or over. A problem the mock did not judge is left as it was
(progress.py).
"""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

from harness import clock
from harness.practice import progress
from harness.problems import catalogue
from harness.problems.catalogue import Problem
from harness.practice import messages
from harness.practice.store import Store, parse_iso
from harness.verdicts import ACCEPTED, JudgeResult
from harness.practice.watch import Judged


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
    rows = progress.next_up(progress.progress(store, [p for p in catalogue.problems() if p.follows is None], now), now)
    unsolved = [r for r in rows if not r.solved]
    if count > len(unsolved):
        raise MockError(messages.too_many_mock_problems(count, len(unsolved)))
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
        logged = {item.path: [r for r in store.runs(item.problem.slug) if r["source_path"] == str(item.path.resolve())] for item in self.items}
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


def build_report(store: Store, mock: dict[str, Any]) -> dict[str, Any]:
    started = parse_iso(mock["started_at"])
    end = min(clock.now(), deadline(mock))
    rows = []
    for problem, path in mock_files(mock):
        runs = [r for r in store.runs(problem.slug) if r["source_path"] == str(path.resolve()) and parse_iso(r["started_at"]) >= started]
        # Solved as everywhere else: accepted with the complexity checked (progress.FULL_JUDGEMENT).
        accepted = [r for r in runs if r["verdict"] == ACCEPTED and r["command"] in progress.FULL_JUDGEMENT
                    and parse_iso(r["started_at"]) <= deadline(mock)]
        measured = [r["complexity"] for r in runs if r["complexity"]]  # the mock's own files' checks, never another file's bench
        rows.append(
            {
                "problem": problem.slug,
                "solved": bool(accepted),
                "time_to_accept_s": (parse_iso(accepted[0]["started_at"]) - started).total_seconds() if accepted else None,
                "attempts": len(runs),
                "last_verdict": runs[-1]["verdict"] if runs else None,
                "complexity": measured[-1].get("verdict") if measured else None,
            }
        )
    return {
        "id": mock["id"],
        "started_at": mock["started_at"],
        "minutes": mock["minutes"],
        "used_s": max(0.0, (end - started).total_seconds()),
        "solved": sum(r["solved"] for r in rows),
        "problems": rows,
    }


def finish(store: Store, mock: dict[str, Any], markdown: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    """End the mock: its report, written as `markdown` draws it (the command line hands in
    render.markdown.mock_report) into report.md beside its files, and kept in the attempt log."""
    report = build_report(store, mock)
    path = Path(mock["folder"]) / "report.md"
    path.write_text(markdown(report), encoding="utf-8")
    report["path"] = str(path)
    store.end_mock(mock["id"], report)
    return report
