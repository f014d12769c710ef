"""Where you stand: per-problem progress, help used, and what to practise next.

Everything is computed from the attempt log; nothing else is stored. An attempt is one
`drill start` (runs judged without a start form their own attempt). A solve is an
attempt's first accepted run; it is *aided* if a hint, reveal or solution was shown in
that attempt before it.

Only your own runs count: those of the workspace's file, or of a file a start (`drill
start`, a mock) made. A run of another file (`--file`) stays in the history but is not
an attempt.

Time to accept, everywhere (stats, list, --json): from an attempt's start to its first
accepted run. `time_to_first_accept_s` is that of the latest solved attempt,
`best_time_s` the shortest over all attempts.

The schedule is spaced repetition over attempts: a problem you started and have not
solved is due now, ahead of everything; one solved without help comes back after 3
days, then 7.5, 19, 47 (x2.5 per unaided solve in a row); one solved with help comes
back after 1 day; a new problem is due now, after the reviews that are due.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from harness import catalogue
from harness.catalogue import Problem
from harness.render import messages
from harness.store import Store, parse_iso
from harness.verdicts import ACCEPTED, ERROR, FAIL, INCONCLUSIVE, PASS

HELP_KINDS = ("hint", "reveal", "solution")
FIRST_INTERVAL_DAYS, GROWTH = 3.0, 2.5
RETRY_DAYS = 1.0
COMPLEXITY_RANK = {PASS: 0, INCONCLUSIVE: 1, ERROR: 2, FAIL: 3}
DIFFICULTY_RANK = {"easy": 0, "medium": 1, "hard": 2}


@dataclass
class Attempt:
    start_id: int | None
    started_at: datetime | None
    runs: list[dict[str, Any]] = field(default_factory=list)
    help: list[dict[str, Any]] = field(default_factory=list)
    solved_at: datetime | None = None
    aided: bool = False

    @property
    def last_activity(self) -> datetime | None:
        stamps = [parse_iso(r["started_at"]) for r in self.runs] + [parse_iso(e["at"]) for e in self.help]
        if self.started_at:
            stamps.append(self.started_at)
        return max(stamps, default=None)


@dataclass
class ProblemProgress:
    problem: str
    title: str
    difficulty: str
    status: str  # "not started", "attempted", "solved"
    judged_runs: int  # runs of `drill test`/`check`/... (an Attempt is a start, with its runs)
    solved: bool
    started_at: str | None
    time_to_first_accept_s: float | None
    best_time_s: float | None
    last_verdict: str | None
    last_run_at: str | None
    best_complexity: str | None
    hints_used: int
    solves_unaided: int
    solves_aided: int
    streak: int  # unaided solves in a row, most recent last
    due_at: str | None
    reason: str
    unfinished: bool = False  # the latest attempt has no accept yet: due now, ahead of reviews

    def to_dict(self) -> dict[str, Any]:
        """As `--json` prints it: judged_runs keeps its published name, "attempts"."""
        return {("attempts" if key == "judged_runs" else key): value for key, value in vars(self).items() if key != "unfinished"}


def own_runs(runs: list[dict[str, Any]], starts: list[dict[str, Any]], workspace_file: str) -> list[dict[str, Any]]:
    """The runs that are attempts: of the workspace's file, or of a file a start made (a mock's)."""
    own = {workspace_file} | {s["file"] for s in starts}
    return [r for r in runs if r["source_path"] in own]


def _attempts(runs: list[dict[str, Any]], starts: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[Attempt]:
    by_start: dict[int | None, Attempt] = {}
    for start in starts:
        by_start[start["id"]] = Attempt(start["id"], parse_iso(start["started_at"]))
    for run in runs:
        by_start.setdefault(run["start_id"], Attempt(run["start_id"], None)).runs.append(run)
    for event in events:
        if event["kind"] in HELP_KINDS:
            by_start.setdefault(event["start_id"], Attempt(event["start_id"], None)).help.append(event)
    for attempt in by_start.values():
        accepted = [r for r in attempt.runs if r["verdict"] == ACCEPTED]
        if accepted:
            attempt.solved_at = parse_iso(accepted[0]["started_at"])
            attempt.aided = any(parse_iso(e["at"]) <= attempt.solved_at for e in attempt.help)
    ordered = sorted(by_start.values(), key=lambda a: a.started_at or a.last_activity or datetime.min.astimezone())
    return [a for a in ordered if a.runs or a.help or a.started_at]


def _schedule(attempts: list[Attempt], now: datetime) -> tuple[datetime, str, int]:
    """(due, why, unaided streak) for one problem."""
    if not attempts:
        return now, messages.DUE_NEW, 0
    streak = 0
    for attempt in reversed(attempts):
        if attempt.solved_at and not attempt.aided:
            streak += 1
        else:
            break
    last = attempts[-1]
    if last.solved_at is None:
        # Started and not solved: due now, whatever the date of the last try.
        verdict = last.runs[-1]["verdict"] if last.runs else None
        return now, messages.due_unsolved(verdict), streak
    if last.aided:
        kinds = sorted({e["kind"] for e in last.help})
        return last.solved_at + timedelta(days=RETRY_DAYS), messages.due_after_help(kinds), streak
    days = FIRST_INTERVAL_DAYS * GROWTH ** (streak - 1)
    return last.solved_at + timedelta(days=days), messages.due_after_streak(streak, days), streak


def progress(store: Store | None, problems: list[Problem], now: datetime) -> list[ProblemProgress]:
    """Where you stand on each problem; without a `store` (an unreadable log), as if new."""
    runs, starts, events = (store.runs(), store.starts(), store.events()) if store else ([], [], [])
    benches = store.benches() if store else []
    out = []
    for problem in problems:
        slug = problem.slug
        my_starts = [s for s in starts if s["problem"] == slug]
        mine = own_runs([r for r in runs if r["problem"] == slug], my_starts, str(store.workspace / problem.file) if store else "")
        my_events = [e for e in events if e["problem"] == slug]
        attempts = _attempts(mine, my_starts, my_events)
        accepted = [r for r in mine if r["verdict"] == ACCEPTED]
        first_start = my_starts[0]["started_at"] if my_starts else None
        # One definition of the time to accept: an attempt's start to its first accepted run.
        times = [(a.solved_at - a.started_at).total_seconds() for a in attempts if a.solved_at and a.started_at]
        to_first = times[-1] if times else None
        best = min(times, default=None)
        status = "solved" if accepted else ("attempted" if mine or my_starts else "not started")
        due, reason, streak = _schedule(attempts, now)
        solves = [a for a in attempts if a.solved_at]
        out.append(
            ProblemProgress(
                problem=slug,
                title=problem.title,
                difficulty=problem.difficulty,
                status=status,
                judged_runs=len(mine),
                solved=bool(accepted),
                started_at=first_start,
                time_to_first_accept_s=to_first,
                best_time_s=best,
                last_verdict=mine[-1]["verdict"] if mine else None,
                last_run_at=mine[-1]["started_at"] if mine else None,
                best_complexity=min(
                    (b["outcome"] for b in benches if b["problem"] == slug), key=lambda o: COMPLEXITY_RANK.get(o, 9), default=None
                ),
                hints_used=sum(e["kind"] == "hint" for e in my_events),
                solves_unaided=sum(not a.aided for a in solves),
                solves_aided=sum(a.aided for a in solves),
                streak=streak,
                due_at=due.isoformat(timespec="seconds"),
                reason=reason,
                unfinished=bool(attempts) and attempts[-1].solved_at is None,
            )
        )
    return out


def listing(store: Store | None, problems: list[Problem], now: datetime) -> list[dict[str, Any]]:
    """`drill list`'s rows: each problem, and where you stand on it (as if new, without a `store`)."""
    stats = {s.problem: s for s in progress(store, problems, now)}
    return [
        {
            "problem": p.slug,
            "title": p.title,
            "difficulty": p.difficulty,
            "tags": list(p.tags),
            "status": stats[p.slug].status,
            "attempts": stats[p.slug].judged_runs,
            "solved": stats[p.slug].solved,
            "best_time_s": stats[p.slug].best_time_s,
            "time_to_first_accept_s": stats[p.slug].time_to_first_accept_s,
            "interview_minutes": p.interview_minutes,
            "complexity": p.complexity,
        }
        for p in problems
    ]


def next_up(rows: list[ProblemProgress], now: datetime) -> list[ProblemProgress]:
    """Problems in the order to practise them: started and not solved first, then the reviews
    that are due (most overdue first), then new ones (easy first), then the rest."""
    def key(row: ProblemProgress) -> tuple[Any, ...]:
        due = datetime.fromisoformat(row.due_at) if row.due_at else now
        rank = 0 if row.unfinished else 1 if due <= now and row.status != "not started" else 2 if due <= now else 3
        return (rank, due, DIFFICULTY_RANK.get(row.difficulty, 1), row.problem)

    return sorted(rows, key=key)


def mastered(row: ProblemProgress) -> bool:
    """Solved without help in its last attempt, and no failing complexity result."""
    return row.streak >= 1 and row.best_complexity in (None, PASS, INCONCLUSIVE)


def _per_day(store: Store) -> dict[date, list[int]]:
    """[runs, accepted runs] per local day, of your own runs only (as for the attempts)."""
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    own = {str(store.workspace / p.file) for p in catalogue.problems()} | {s["file"] for s in store.starts()}
    for run in store.runs():
        if run["source_path"] not in own:
            continue  # a run of another file (--file) is not yours
        day = parse_iso(run["started_at"]).astimezone().date()
        counts[day][0] += 1
        counts[day][1] += run["verdict"] == ACCEPTED
    return counts


def activity(store: Store, now: datetime, days: int = 14) -> list[dict[str, Any]]:
    """Runs and accepted runs per local day, for the last `days` days (oldest first)."""
    today = now.astimezone().date()
    counts = _per_day(store)
    out = []
    for offset in range(days - 1, -1, -1):
        day = today - timedelta(days=offset)
        runs, accepted = counts.get(day, [0, 0])
        out.append({"day": day.isoformat(), "runs": runs, "accepted": accepted})
    return out


def day_streak(store: Store, now: datetime) -> dict[str, Any]:
    """The current streak: local days in a row with at least one accepted run of your own. It
    ends today, or yesterday while today has no accept yet (the day is not over); `through` is
    its last day, None without a streak."""
    accepted = {day for day, (_, accepts) in _per_day(store).items() if accepts}
    day = now.astimezone().date()
    if day not in accepted:
        day -= timedelta(days=1)
    through = day if day in accepted else None
    days = 0
    while day in accepted:
        days += 1
        day -= timedelta(days=1)
    return {"days": days, "through": through.isoformat() if through else None}
