"""The maintainer's self-check (`drill verify`): every known solution gets the verdict it is marked with.

Like Kattis' verifyproblem over submissions/accepted|wrong_answer|..., plus the stub,
which must be rejected with the problem's `stub_verdict`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from harness.catalogue import Problem, Submission
from harness.verdicts import JudgeResult


@dataclass
class Check:
    problem: str
    solution: str
    path: str
    expected: str
    verdict: str
    passed: int
    total: int
    duration_s: float
    message: str | None

    @property
    def ok(self) -> bool:
        return self.expected == self.verdict


def submissions_to_verify(problem: Problem) -> list[Submission]:
    return [Submission(problem.stub_path, problem.stub_verdict), *problem.submissions()]


def verify(
    problem: Problem,
    judge_one: Callable[[Problem, Path, str], JudgeResult],
    on_result: Callable[[Check], None] | None = None,
) -> list[Check]:
    """Judge every known solution of `problem`; `judge_one` decides how (tests only, or tests and bench)."""
    checks = []
    for submission in submissions_to_verify(problem):
        res = judge_one(problem, submission.path, submission.expected)
        label = "stub.py" if submission.path == problem.stub_path else submission.name
        check = Check(
            problem=problem.slug,
            solution=label,
            path=str(submission.path),
            expected=submission.expected,
            verdict=res.verdict,
            passed=res.passed,
            total=res.total,
            duration_s=res.duration_s,
            message=res.message,
        )
        checks.append(check)
        if on_result:
            on_result(check)
    return checks
