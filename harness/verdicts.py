"""Verdicts and judge results: plain data shared by the judge, the store and the CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

ACCEPTED = "accepted"
WRONG_ANSWER = "wrong_answer"
RUNTIME_ERROR = "runtime_error"
TIME_LIMIT_EXCEEDED = "time_limit_exceeded"
MEMORY_LIMIT_EXCEEDED = "memory_limit_exceeded"
TOO_SLOW = "too_slow"
INVALID_SOLUTION = "invalid_solution"
# Not a judgement of the solution: the judge itself could not run (e.g. no Redis).
JUDGE_ERROR = "judge_error"
# Not a judgement either: the judge ran but could not decide (a complexity measurement that stayed
# between its thresholds, a timed case none of whose attempts ran close enough to its schedule).
# Never a pass: run it again on a quieter machine.
UNDECIDED = "undecided"
# The outcomes that say nothing about the solution (the CLI's exit status 3).
NO_VERDICT = (UNDECIDED, JUDGE_ERROR)

VERDICTS = (
    ACCEPTED,
    WRONG_ANSWER,
    RUNTIME_ERROR,
    TIME_LIMIT_EXCEEDED,
    MEMORY_LIMIT_EXCEEDED,
    TOO_SLOW,
    INVALID_SOLUTION,
)

# A complexity check's outcome (a ComplexityReport's verdict, and each family's). Inconclusive:
# the measurement landed between the pass and fail thresholds: it decides nothing, so a run whose
# tests passed is `undecided` (pipeline.with_complexity), neither accepted nor a failure.
PASS, FAIL, INCONCLUSIVE, ERROR = "pass", "fail", "inconclusive", "error"
# The attempt log keeps what older versions stored: a counted family between its thresholds was "unsure".
# Older runs whose bench was inconclusive were stored as `accepted`, and read so: the log keeps
# what each run was judged then.
LEGACY_COMPLEXITY = {"unsure": INCONCLUSIVE}


# The name of a problem's complexity check as one test case (the JUnit file, check --json).
COMPLEXITY_CASE = "complexity target"


@dataclass
class Failure:
    """The first failing hidden case, as a judge shows it."""

    test: str
    title: str
    verdict: str
    message: str
    input: str | None = None
    expected: str | None = None
    actual: str | None = None
    minimal_example: str | None = None
    traceback: list[str] = field(default_factory=list)
    output: str | None = None
    # Unshortened input/expected/actual where shortening cut something (shown by `drill reveal`).
    full: dict[str, str] | None = None


@dataclass
class CaseOutcome:
    test: str
    title: str
    outcome: str  # "passed", "failed" or "not_run"
    verdict: str | None = None
    duration_s: float = 0.0


@dataclass
class JudgeResult:
    problem: str
    verdict: str
    file: str
    source_sha256: str
    passed: int = 0
    failed: int = 0
    total: int = 0
    not_run: int = 0
    duration_s: float = 0.0
    started_at: str = ""
    first_failure: Failure | None = None
    tests: list[CaseOutcome] = field(default_factory=list)
    complexity: dict[str, Any] | None = None
    message: str | None = None
    # Stages of the suite this run left out, as {"stage": name, "tests": count} (`drill test` skips
    # the Redis Cluster stage that `drill check` runs).
    skipped_stages: list[dict[str, Any]] = field(default_factory=list)
    # What the suite measured beside the verdict (testing.attach_report), as {"name", "data"}, in the
    # suite's order: a fault report, say. Shown under the verdict and in --json; not in the attempt log.
    reports: list[dict[str, Any]] = field(default_factory=list)
    # The bytes judged (their sha256 is source_sha256), kept in the attempt log; not in --json.
    source: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.verdict == ACCEPTED

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["source"]
        data["ok"] = self.ok
        return data
