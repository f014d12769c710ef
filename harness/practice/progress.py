"""Where you stand: per-problem progress, help used, and what to practise next.

Everything is computed from the attempt log; nothing else is stored, and every view (`drill
list`, `stats`, `next`, a bare `drill`, `drill solution`, their --json) reads `progress()`.

An attempt is one `drill start` (runs judged without a start form their own attempt). Only
your own runs count (`own_run`): those of the workspace's file, and the mock's own judgements of
a mock's file. A run of any other file (`--file`, also of a mock's file) and a benchmark (`drill
bench`) stay in the log but change nothing here. A follow-up (problem.toml `follows`) judges its
base problem's file: its runs count from its own `drill start` on (one before, such as `drill check
--all`'s, is the base's work, not the follow-up's). A mock's start that no run judged counts once
the mock is over as if it never happened: a mock does not touch the problems it did not judge.

A problem's state, over all its attempts (the best one reached):
  not started       no start and no run of your own
  started           started, or judged, and no run whose hidden tests all passed yet
  tests pass        the hidden tests all passed (`drill test` or `watch` accepted it, or a check
                    or a mock found it too slow or could not decide its complexity); no full accept
  solved            `drill check` (or a mock, which judges the same) accepted it, complexity
                    included, with no hint, reveal or solution shown before in that attempt
  solved with help  the same, after a hint, reveal or solution in that attempt

Time to accept, everywhere (stats, list, --json, a timed attempt's clock): from an attempt's start
to its solve, its first full accept (`drill check` or a mock, complexity included; `drill test`'s
accept is "tests pass", not a solve). `time_to_first_accept_s` is that of the latest solved attempt,
`best_time_s` the shortest over all attempts (the names are kept from when any accept counted).

The review schedule is FSRS (the `fsrs` package): each finished attempt is one review of
the problem, rated from what the log knows (`rating`). A problem you started and have not
solved in its latest attempt is due now, ahead of everything; a new problem is due now,
after the reviews that are due.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fsrs import Rating, Scheduler

from harness.problems import catalogue
from harness.problems.catalogue import Problem
from harness.practice import messages
from harness.practice.store import Store, parse_iso
from harness.verdicts import ACCEPTED, ERROR, FAIL, INCONCLUSIVE, INVALID_SOLUTION, PASS

NOT_STARTED, STARTED, TESTS_PASS, SOLVED, SOLVED_WITH_HELP = "not started", "started", "tests pass", "solved", "solved with help"
STATES = (NOT_STARTED, STARTED, TESTS_PASS, SOLVED, SOLVED_WITH_HELP)
SOLVED_STATES = (SOLVED, SOLVED_WITH_HELP)
# The commands whose accept is the whole judgement: the hidden tests, the Redis Cluster stage and the
# complexity check. `drill test` and `drill watch` leave the last two out: their accept is "tests pass".
FULL_JUDGEMENT = ("check", "mock")
MOCK = "mock"  # a mock's own judgements are recorded as "mock" (or "mock (interrupted)")
HELP_KINDS = ("hint", "reveal", "solution")
COMPLEXITY_RANK = {PASS: 0, INCONCLUSIVE: 1, ERROR: 2, FAIL: 3}
DIFFICULTY_RANK = {"easy": 0, "medium": 1, "hard": 2}


# Reviews are days apart (an interview problem is not a flash card): no same-day learning steps,
# and no random fuzz, so the same log always gives the same plan.
@cache
def scheduler() -> Scheduler:
    """The one FSRS scheduler. fsrs is imported at the first schedule, not with this module: the
    commands that show none (drill test, drill check) start 10-40 ms sooner (-X importtime)."""
    from fsrs import Scheduler

    return Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


@dataclass
class Attempt:
    start_id: int | None
    started_at: datetime | None
    runs: list[dict[str, Any]] = field(default_factory=list)
    help: list[dict[str, Any]] = field(default_factory=list)
    from_mock: dict[str, Any] | None = None  # the mock whose start this is
    tests_passed_at: datetime | None = None  # the first run whose hidden tests all passed (tests_passed)
    solved_at: datetime | None = None  # the first accepted run of a full judgement: the time to accept
    aided: bool = False  # help shown before the solve
    failed_first: bool = False  # a run that was not accepted came before the solve

    @property
    def last_activity(self) -> datetime | None:
        stamps = [parse_iso(r["started_at"]) for r in self.runs] + [parse_iso(e["at"]) for e in self.help]
        if self.started_at:
            stamps.append(self.started_at)
        return max(stamps, default=None)

    @property
    def state(self) -> str:
        if self.solved_at is not None:
            return SOLVED_WITH_HELP if self.aided else SOLVED
        return TESTS_PASS if self.tests_passed_at is not None else STARTED


def rating(attempt: Attempt, budget_minutes: float) -> Rating:
    """How well a finished attempt went, as an FSRS review: the one mapping from the log to a rating.

    not solved (no full accept)                               Again
    solved with help (hint, reveal or solution before it)      Hard
    solved, no failed run first, within the interview budget   Easy
    solved, no failed run first, over the budget               Good
    solved after failed runs, within the budget                Good
    solved after failed runs, over the budget                  Hard
    An attempt without a start (runs judged with no `drill start`) has no time: over the budget.
    """
    from fsrs import Rating

    if attempt.solved_at is None:
        return Rating.Again
    if attempt.aided:
        return Rating.Hard
    within = _within(attempt, budget_minutes)
    if not attempt.failed_first:
        return Rating.Easy if within else Rating.Good
    return Rating.Good if within else Rating.Hard


def _within(attempt: Attempt, budget_minutes: float) -> bool:
    return (attempt.started_at is not None and attempt.solved_at is not None
            and attempt.solved_at - attempt.started_at <= timedelta(minutes=budget_minutes))


@dataclass
class ProblemProgress:
    problem: str
    title: str
    difficulty: str
    status: str  # one of STATES
    judged_runs: int  # runs of `drill test`/`check`/... (an Attempt is a start, with its runs)
    solved: bool  # status is solved or solved with help
    started_at: str | None
    time_to_first_accept_s: float | None
    best_time_s: float | None
    last_verdict: str | None
    last_run_at: str | None
    best_complexity: str | None  # of your own full judgements (`drill bench` is not counted)
    hints_used: int
    solves_unaided: int
    solves_aided: int
    streak: int  # unaided solves in a row, most recent last
    due_at: str | None
    reason: str
    last_rating: str | None = None  # the FSRS rating of the latest finished attempt
    unfinished: bool = False  # the latest attempt has no full accept yet: due now, ahead of reviews
    last_run: dict[str, Any] | None = None  # the latest run that counts (counted_runs' last)

    @property
    def last_tests_only(self) -> bool:
        """The last verdict is a tests-only accept (tests_only_accept)."""
        return tests_only_accept(self.last_run)

    def to_dict(self) -> dict[str, Any]:
        """As `--json` prints it: judged_runs keeps its published name, "attempts"."""
        return {("attempts" if key == "judged_runs" else key): value for key, value in vars(self).items() if key not in TERMINAL_ONLY}


# What the terminal's views read beside --json's fields (which stay as published).
TERMINAL_ONLY = ("unfinished", "last_run")


def tests_only_accept(run: dict[str, Any] | None) -> bool:
    """An accept that judged the hidden tests only (`drill test`, `watch`, a check whose complexity
    check was cut short): the tests pass, and nothing is said yet of the complexity target."""
    return run is not None and run["verdict"] == ACCEPTED and run["command"] not in FULL_JUDGEMENT


def tests_passed(run: dict[str, Any]) -> bool:
    """Whether every hidden test of the run passed: it was accepted, or it went on to its complexity
    check (which runs only after the tests pass), no test failed, and that check failed or could not decide."""
    return run["verdict"] == ACCEPTED or (bool((run.get("complexity") or {}).get("verdict")) and run["failed"] == 0)


# A first failure that is no hidden case: the file did not load, or the suite's own end crashed.
NO_CASE_TESTS = ("load", "teardown")


def failed_on_hidden_case(run: dict[str, Any]) -> bool:
    """Whether the run failed on a hidden case `drill reveal` can show: never a file that did not load
    (invalid_solution: a syntax or import error, a missing name), whose message already said it all."""
    failure = run.get("first_failure") or {}
    return (not run["ok"] and bool(failure) and run["verdict"] != INVALID_SOLUTION
            and failure.get("test") not in NO_CASE_TESTS)


def run_to_reveal(runs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The run `drill reveal` shows, of `runs` (oldest first): the latest, if it failed on a hidden
    case; an older failure is stale. A tests-only accept leaves out what `drill check` judges: then
    the latest full judgement of those same bytes, if it failed on a hidden case (not stale: the same code)."""
    if not runs:
        return None
    latest = runs[-1]
    if failed_on_hidden_case(latest):
        return latest
    if tests_only_accept(latest):
        full = [r for r in runs if r["source_sha256"] == latest["source_sha256"] and r["command"] in FULL_JUDGEMENT]
        if full and failed_on_hidden_case(full[-1]):
            return full[-1]
    return None


@dataclass(frozen=True)
class OwnFiles:
    """The files whose runs are yours: `files`, each problem's workspace file and every file a
    `drill start` made; `mock_files`, the files a mock made, yours only as the mock judged them;
    `follow_ups`, the problems whose runs count only in an attempt their own `drill start` made."""

    files: frozenset[str]
    mock_files: frozenset[str]
    follow_ups: frozenset[str] = frozenset()


def own_files(store: Store, starts: list[dict[str, Any]], mocks: list[dict[str, Any]]) -> OwnFiles:
    mock_files = {s["file"] for s in starts if _mock_of(s, mocks) is not None}
    files = {str(store.workspace / p.file) for p in catalogue.problems()} | {s["file"] for s in starts}
    follow_ups = frozenset(p.slug for p in catalogue.problems() if p.follows is not None)
    return OwnFiles(frozenset(files - mock_files), frozenset(mock_files), follow_ups)


def own_run(run: dict[str, Any], own: OwnFiles) -> bool:
    """A run of your own (see the module's docstring): never a `--file` run of a mock's file, nor
    a follow-up's run before its own `drill start` (the file is then the base problem's work)."""
    if run["problem"] in own.follow_ups and run["start_id"] is None:
        return False
    if run["source_path"] in own.mock_files:
        return is_mock_run(run)
    return run["source_path"] in own.files


def is_mock_run(run: dict[str, Any]) -> bool:
    """A mock's own judgement ("mock", or "mock (interrupted)"), not a `--file` run of its file."""
    return run["command"].split(" ", 1)[0] == MOCK


def _mock_of(start: dict[str, Any], mocks: list[dict[str, Any]]) -> dict[str, Any] | None:
    folder = str(Path(start["file"]).parent)
    return next((m for m in mocks if m["folder"] == folder), None)


def file_of_mock(store: Store, slug: str) -> tuple[int, Path] | None:
    """(the mock's id, the file) when the problem's latest start is a mock's and its file is there:
    the code a mock left, which `drill start` does not carry over (it copies a fresh stub)."""
    start = store.latest_start(slug)
    mock = _mock_of({"file": start.file}, store.mocks()) if start is not None else None
    if mock is None or not Path(start.file).is_file():
        return None
    return mock["id"], Path(start.file)


def mock_over(mock: dict[str, Any], now: datetime) -> bool:
    """Ended (`--stop`, all solved, its report written) or out of time: its clock stopped either way."""
    return mock["ended_at"] is not None or now >= mock_end(mock)


def mock_end(mock: dict[str, Any]) -> datetime:
    """When a mock's clock stopped (or will): `--stop` or its last solve, else its time running out."""
    deadline = parse_iso(mock["started_at"]) + timedelta(minutes=mock["minutes"])
    return min(parse_iso(mock["ended_at"]), deadline) if mock["ended_at"] else deadline


def _attempts(runs: list[dict[str, Any]], starts: list[dict[str, Any]], events: list[dict[str, Any]],
              mocks: list[dict[str, Any]], now: datetime) -> list[Attempt]:
    by_start: dict[int | None, Attempt] = {}
    for start in starts:
        by_start[start["id"]] = Attempt(start["id"], parse_iso(start["started_at"]), from_mock=_mock_of(start, mocks))
    for run in runs:
        attempt = by_start.setdefault(run["start_id"], Attempt(run["start_id"], None))
        if attempt.from_mock is not None and parse_iso(run["started_at"]) > mock_end(attempt.from_mock):
            continue  # a mock's file judged after the mock ended: its attempt ended with it
        attempt.runs.append(run)
    for event in events:
        if event["kind"] in HELP_KINDS:
            by_start.setdefault(event["start_id"], Attempt(event["start_id"], None)).help.append(event)
    for attempt in by_start.values():
        accepted = [r for r in attempt.runs if r["verdict"] == ACCEPTED]
        full = [r for r in accepted if r["command"] in FULL_JUDGEMENT]
        passed = [r for r in attempt.runs if tests_passed(r)]
        if passed:
            attempt.tests_passed_at = parse_iso(passed[0]["started_at"])
        if full:
            attempt.solved_at = parse_iso(full[0]["started_at"])
            attempt.aided = any(parse_iso(e["at"]) <= attempt.solved_at for e in attempt.help)
            attempt.failed_first = any(r["verdict"] != ACCEPTED and r["id"] < full[0]["id"] for r in attempt.runs)
    ordered = sorted(by_start.values(), key=lambda a: a.started_at or a.last_activity or datetime.min.replace(tzinfo=timezone.utc))
    # Help seen before any start or run is not an attempt; a mock that is over leaves no trace on
    # the problems it did not judge.
    return [a for a in ordered if (a.runs or a.started_at) and not (a.from_mock and not a.runs and mock_over(a.from_mock, now))]


def _schedule(attempts: list[Attempt], budget_minutes: float, status: str, now: datetime) -> tuple[datetime, str, Rating | None]:
    """(due, why, the latest review's rating) for one problem: every finished attempt that judged
    something is an FSRS review, at its solve (or, not solved, its last run)."""
    if not attempts:
        return now, messages.DUE_NEW, None
    last = attempts[-1]
    if last.solved_at is None:
        # Started and not solved: due now, whatever the date of the last try.
        verdict = last.runs[-1]["verdict"] if last.runs else None
        return now, messages.due_unfinished(verdict, tests_pass=last.tests_passed_at is not None, review=status in SOLVED_STATES), None
    # Started and left before any run: nothing to rate. Attempts of two files can overlap: in time order.
    reviews = sorted(((a.solved_at or a.last_activity or now), rating(a, budget_minutes)) for a in attempts if a.runs)
    from fsrs import Card

    card = Card(card_id=0, due=now)
    for at, given in reviews:
        card, _ = scheduler().review_card(card, given, review_datetime=at.astimezone(timezone.utc))
    latest = rating(last, budget_minutes)
    days = (card.due - last.solved_at).total_seconds() / 86400
    kinds = sorted({e["kind"] for e in last.help if parse_iso(e["at"]) <= last.solved_at})
    return card.due, messages.due_after_review(latest.name, days, help_kinds=kinds, failed_first=last.failed_first,
                                                 within=_within(last, budget_minutes)), latest


def _state(attempts: list[Attempt]) -> str:
    """The best state any attempt reached (see the module's docstring)."""
    if not attempts:
        return NOT_STARTED
    states = {a.state for a in attempts}
    return next(s for s in (SOLVED, SOLVED_WITH_HELP, TESTS_PASS, STARTED) if s in states)


def progress(store: Store | None, problems: list[Problem], now: datetime) -> list[ProblemProgress]:
    """Where you stand on each problem; without a `store` (an unreadable log), as if new.
    The one reading of the log that every view of your progress shows."""
    runs, starts, events, mocks = (store.runs(), store.starts(), store.events(), store.mocks()) if store else ([], [], [], [])
    own = own_files(store, starts, mocks) if store else OwnFiles(frozenset(), frozenset())
    out = []
    for problem in problems:
        slug = problem.slug
        my_events = [e for e in events if e["problem"] == slug]
        attempts = _problem_attempts(slug, runs, starts, my_events, mocks, own, now)
        mine = _counted(attempts)
        status = _state(attempts)
        # One definition of the time to accept: an attempt's start to its solve (a full accept).
        times = [(a.solved_at - a.started_at).total_seconds() for a in attempts if a.solved_at and a.started_at]
        due, reason, latest = _schedule(attempts, problem.interview_minutes, status, now)
        solves = [a for a in attempts if a.solved_at]
        streak = 0
        for attempt in reversed(attempts):
            if not (attempt.solved_at and not attempt.aided):
                break
            streak += 1
        complexities = [(r.get("complexity") or {}).get("verdict") for r in mine if r["command"] in FULL_JUDGEMENT]
        first_start = next((a.started_at for a in attempts if a.started_at), None)
        out.append(
            ProblemProgress(
                problem=slug,
                title=problem.title,
                difficulty=problem.difficulty,
                status=status,
                judged_runs=len(mine),
                solved=status in SOLVED_STATES,
                started_at=first_start.isoformat(timespec="seconds") if first_start else None,
                time_to_first_accept_s=times[-1] if times else None,
                best_time_s=min(times, default=None),
                last_verdict=mine[-1]["verdict"] if mine else None,
                last_run_at=mine[-1]["started_at"] if mine else None,
                best_complexity=min((c for c in complexities if c), key=lambda o: COMPLEXITY_RANK.get(o, 9), default=None),
                hints_used=sum(e["kind"] == "hint" for e in my_events),
                solves_unaided=sum(not a.aided for a in solves),
                solves_aided=sum(a.aided for a in solves),
                streak=streak,
                due_at=due.isoformat(timespec="seconds"),
                reason=reason,
                last_rating=latest.name if latest is not None else None,
                unfinished=bool(attempts) and attempts[-1].solved_at is None,
                last_run=mine[-1] if mine else None,
            )
        )
    return out


def _problem_attempts(slug: str, runs: list[dict[str, Any]], starts: list[dict[str, Any]], events: list[dict[str, Any]],
                      mocks: list[dict[str, Any]], own: OwnFiles, now: datetime) -> list[Attempt]:
    mine = [r for r in runs if r["problem"] == slug and own_run(r, own)]
    return _attempts(mine, [s for s in starts if s["problem"] == slug], events, mocks, now)


def _counted(attempts: list[Attempt]) -> list[dict[str, Any]]:
    return sorted((r for a in attempts for r in a.runs), key=lambda r: r["id"])


def counted_runs(store: Store, slug: str, now: datetime) -> list[dict[str, Any]]:
    """The problem's runs that count for where you stand, oldest first: the runs `progress` reads
    (a mock's own judgements included; a `--file` run of another file never)."""
    runs, starts, mocks = store.runs(slug), store.starts(), store.mocks()
    return _counted(_problem_attempts(slug, runs, starts, [], mocks, own_files(store, starts, mocks), now))


def one(store: Store | None, problem: Problem, now: datetime) -> ProblemProgress:
    """`progress` for one problem."""
    return progress(store, [problem], now)[0]


def attempt_clock(store: Store, problem: str, path: Path, now: datetime) -> tuple[str, float, str | None, str | None] | None:
    """The clock of the timed attempt `path` belongs to, as (started at, minutes, solved at, tests
    passed at), or None: the file's own latest start only (never another file's), and never a mock's
    once the mock is over. Solved at is the attempt's solve (its first full accept, as `progress`
    counts it): the clock stops there, whatever comes after. Tests passed at: its first run whose
    hidden tests all passed (`tests_passed`), the clock still running until the solve."""
    start = store.latest_start(problem, str(path), fallback=False)
    if start is None or not start.timed_minutes:
        return None
    mock = _mock_of({"file": start.file}, store.mocks())
    if mock is not None and mock_over(mock, now):
        return None
    # A mock's clock stops at the mock's own accept only (a log from before --file runs had no start had others).
    runs = [r for r in store.runs(problem) if r["start_id"] == start.id and (mock is None or is_mock_run(r))]
    solved = next((r for r in runs if r["verdict"] == ACCEPTED and r["command"] in FULL_JUDGEMENT), None)
    passed = next((r for r in runs if tests_passed(r)), None)
    return (start.started_at, start.timed_minutes, solved["started_at"] if solved else None,
            passed["started_at"] if passed else None)


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
        rank = 0 if row.unfinished else 1 if due <= now and row.status != NOT_STARTED else 2 if due <= now else 3
        return (rank, due, DIFFICULTY_RANK.get(row.difficulty, 1), row.problem)

    return sorted(rows, key=key)


def _per_day(store: Store) -> dict[date, list[int]]:
    """[runs, accepted runs] per local day, of your own runs only (as for the attempts)."""
    counts: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    own = own_files(store, store.starts(), store.mocks())
    for run in store.runs():
        if not own_run(run, own):
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


def full_judgement_of(store: Store, problem: str, source_sha256: str) -> dict[str, Any] | None:
    """The latest full judgement (`drill check`, a mock) of these exact bytes, or None: whether
    "`drill check` also checks the complexity target" is still news for this code."""
    return next((r for r in reversed(store.runs(problem)) if r["source_sha256"] == source_sha256 and r["command"] in FULL_JUDGEMENT), None)
