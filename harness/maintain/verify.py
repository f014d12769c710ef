"""The maintainer's self-check (`drill dev verify`): every known solution gets the verdict it is marked with.

Like Kattis' verifyproblem over submissions/accepted|wrong_answer|..., plus the stub,
which must be rejected with the problem's `stub_verdict`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from harness.problems.catalogue import Problem, Submission
from harness.maintain import messages
from harness.verdicts import ACCEPTED, FAIL, INCONCLUSIVE, PASS, TIME_LIMIT_EXCEEDED, TOO_SLOW, UNDECIDED, JudgeResult


@dataclass
class SolutionCheck:
    problem: str
    solution: str
    path: str
    expected: str
    verdict: str
    passed: int
    total: int
    duration_s: float
    message: str | None
    # The bench outcome, when one ran: pass / fail / inconclusive / error.
    complexity: str | None = None
    complexity_summary: str | None = None
    complexity_required: str | None = None
    complexity_g: float | None = None  # the worst growth ratio the bench measured (inf: stopped by its cap)
    complexity_s: float | None = None  # how long the bench took
    skipped: str | None = None  # why this solution was not checked
    skipped_stages: list[str] = field(default_factory=list)  # stages of the suite the run left out: never in verify

    @property
    def ok(self) -> bool:
        if self.skipped:
            return True
        if self.skipped_stages:
            return False
        if self.expected != self.verdict:
            return False
        if self.complexity_required == FAIL:
            return self.complexity == FAIL
        if self.complexity_required == PASS:
            # Inconclusive decides nothing: no pass, here as everywhere.
            return self.complexity == PASS
        return True

    @property
    def undecided(self) -> bool:
        """The judge could not decide this solution (a miss whatever its marked verdict)."""
        return self.verdict == UNDECIDED or self.complexity == INCONCLUSIVE


def complexity_required(expected: str, name: str = "", *, follow_up: bool = False) -> str | None:
    """What the bench must say about a known solution (when the problem has a benchmark).
    A hostile time_limit_exceeded file (adv_*) may be fast exactly where the bench looks:
    its verdict is the hidden tests', and the bench is not asked to agree. Nor for a follow-up
    (problem.toml `follows`): its time limits are passed on its faults (a retry loop on a dead
    server), which its bench, the base problem's growth, does not make."""
    if expected == ACCEPTED:
        return PASS
    if expected == TOO_SLOW or (expected == TIME_LIMIT_EXCEEDED and not name.startswith("adv_") and not follow_up):
        return FAIL
    return None


def worst_g(report: dict) -> float | None:
    values = [f["g"] for f in report.get("timed", []) if not f.get("error")]
    values += [c["g"] for c in report.get("counted", []) if c.get("verdict") == FAIL]
    return max(values) if values else None


def submissions_to_verify(problem: Problem) -> list[Submission]:
    return [Submission(problem.stub_path, problem.stub_verdict), *problem.submissions()]


def verify_problem(
    problem: Problem,
    judge_one: Callable[[Problem, Path, str], JudgeResult],
    on_result: Callable[[SolutionCheck], None] | None = None,
    *,
    complexity: bool = True,
) -> list[SolutionCheck]:
    """Judge every known solution of `problem`; `judge_one` decides how (tests only, or tests and bench)."""
    checks = []
    for submission in submissions_to_verify(problem):
        if submission.expected == TOO_SLOW and not complexity:
            check = SolutionCheck(problem.slug, submission.name, str(submission.path), submission.expected, "-", 0, 0, 0.0, None,
                          skipped=messages.VERIFY_NEEDS_BENCH)
            checks.append(check)
            if on_result:
                on_result(check)
            continue
        res = judge_one(problem, submission.path, submission.expected)
        label = "stub.py" if submission.path == problem.stub_path else submission.name
        check = SolutionCheck(
            problem=problem.slug,
            solution=label,
            path=str(submission.path),
            expected=submission.expected,
            verdict=res.verdict,
            passed=res.passed,
            total=res.total,
            duration_s=res.duration_s,
            message=res.message,
            complexity=res.complexity.get("verdict") if res.complexity else None,
            complexity_summary=res.complexity.get("summary") if res.complexity else None,
            complexity_required=(complexity_required(submission.expected, submission.path.name, follow_up=problem.follows is not None)
                                 if res.complexity else None),
            complexity_g=worst_g(res.complexity) if res.complexity else None,
            complexity_s=res.complexity.get("duration_s") if res.complexity else None,
            skipped_stages=[str(stage.get("stage")) for stage in res.skipped_stages],
        )
        checks.append(check)
        if on_result:
            on_result(check)
    return checks


def summary(checks: list[SolutionCheck]) -> dict[str, Any]:
    """`drill dev verify --json`."""
    bad = [c for c in checks if not c.ok]
    return {"ok": not bad, "checked": len(checks), "mismatches": len(bad), "undecided": sum(c.undecided for c in bad),
            "checks": [vars(c) | {"ok": c.ok, "undecided": c.undecided} for c in checks]}
