"""The maintainer's self-check (`drill dev verify`): every known solution gets the verdict it is marked with.

Like Kattis' verifyproblem over submissions/accepted|wrong_answer|..., plus the stub,
which must be rejected with the problem's `stub_verdict`.

Some verdicts only the complexity benchmark gives: too_slow, and a file the hidden tests pass
that the bench finds crashing or wrong on its large inputs, whose docstring says `needs: bench`.
`--no-bench` skips those (neither ok nor a mismatch); a full run checks the mark both ways.
"""

from __future__ import annotations

import ast
import re
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
    # The largest slowdown at n2 (candidate / reference) of the families measured to the end: a slow
    # file that fails on growth alone, under SLOWDOWN_FAIL here, could pass with a cost added to
    # every run (it flattens the growth, and only the slowdown rule sees it).
    complexity_slowdown: float | None = None
    complexity_s: float | None = None  # how long the bench took
    skipped: str | None = None  # why this solution was not checked (its verdict needs the bench, under --no-bench)
    skipped_stages: list[str] = field(default_factory=list)  # stages of the suite the run left out: never in verify
    wrong_mark: str | None = None  # its `needs: bench` mark disagrees with what decided it (a full run)

    @property
    def ok(self) -> bool:
        """It got its marked verdict. A skipped file was not checked: not ok, and no mismatch either."""
        if self.skipped:
            return False
        if self.skipped_stages or self.wrong_mark:
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
    def mismatch(self) -> bool:
        return not self.skipped and not self.ok

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


def worst_slowdown(report: dict) -> float | None:
    values = [f["slowdown"] for f in report.get("timed", []) if not f.get("error") and f.get("g") != float("inf") and f.get("slowdown")]
    return max(values) if values else None


def worst_g(report: dict) -> float | None:
    values = [f["g"] for f in report.get("timed", []) if not f.get("error")]
    values += [c["g"] for c in report.get("counted", []) if c.get("verdict") == FAIL]
    return max(values) if values else None


def marked_needs(path: Path) -> set[str]:
    """The `needs: WORD` marks in a known solution's docstring (read, never imported): `needs: bench`."""
    try:
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    except (SyntaxError, ValueError):  # a file that must not even load (invalid_solution/syntax_error.py)
        return set()
    return set(re.findall(r"needs: (\w+)", doc))


def needs_bench(submission: Submission) -> bool:
    """Whether only the complexity benchmark gives the file its verdict: too_slow, or marked `needs: bench`."""
    return submission.expected == TOO_SLOW or "bench" in marked_needs(submission.path)


def wrong_mark(submission: Submission, result: JudgeResult) -> str | None:
    """A full run's check of the mark, once the file got its marked verdict (None when the mark holds):
    a file marked `needs: bench` must get it from the bench (it ran, failed, and its outcome is the
    verdict), and a file the hidden tests passed whose verdict the bench gave must be marked, or
    --no-bench would call it a mismatch. A time_limit_exceeded file may be benched after its tests
    failed (bench_after_failed_tests), so only the first holds for them."""
    if result.verdict != submission.expected:
        return None  # a mismatch already
    marked = "bench" in marked_needs(submission.path)
    bench = result.complexity or {}
    by_bench = bench.get("verdict") == FAIL and (bench.get("outcome") or TOO_SLOW) == result.verdict
    if marked and not by_bench:
        return messages.verify_marker_wrong(submission.expected)
    if (not marked and result.complexity is not None and by_bench
            and submission.expected not in (ACCEPTED, TOO_SLOW, TIME_LIMIT_EXCEEDED)):
        return messages.verify_marker_missing(submission.expected)
    return None


def bench_after_failed_tests(problem: Problem, submission: Submission, sampled: set[Path] | None = None) -> bool:
    """Whether a file the hidden tests reject is benched too: a time_limit_exceeded file whose
    bench must fail (complexity_required), so that the bench is shown to catch it as well.
    `sampled`: only these of them (the kit's CI, `--sample-tle-benches`; their verdict is the tests'
    either way)."""
    if submission.expected != TIME_LIMIT_EXCEEDED:
        return False
    if complexity_required(submission.expected, submission.path.name, follow_up=problem.follows is not None) != FAIL:
        return False
    return sampled is None or submission.path in sampled


def tle_bench_sample(problem: Problem) -> set[Path]:
    """One time_limit_exceeded file per problem whose bench must fail, the first by name (fixed, so
    that a CI run is repeatable); the full verify benches all of them."""
    wanted = sorted((s for s in problem.submissions() if bench_after_failed_tests(problem, s)), key=lambda s: s.name)
    return {wanted[0].path} if wanted else set()


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
        if not complexity and needs_bench(submission):
            why = messages.VERIFY_NEEDS_BENCH if submission.expected == TOO_SLOW else messages.verify_marked_needs_bench(submission.expected)
            check = SolutionCheck(problem.slug, submission.name, str(submission.path), submission.expected, "-", 0, 0, 0.0, None,
                                  skipped=why)
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
            complexity_slowdown=worst_slowdown(res.complexity) if res.complexity else None,
            complexity_s=res.complexity.get("duration_s") if res.complexity else None,
            skipped_stages=[str(stage.get("stage")) for stage in res.skipped_stages],
            wrong_mark=wrong_mark(submission, res) if complexity else None,
        )
        checks.append(check)
        if on_result:
            on_result(check)
    return checks


def summary(checks: list[SolutionCheck]) -> dict[str, Any]:
    """`drill dev verify --json`."""
    bad = [c for c in checks if c.mismatch]
    skipped = sum(bool(c.skipped) for c in checks)
    return {"ok": not bad, "checked": len(checks) - skipped, "skipped": skipped, "mismatches": len(bad),
            "undecided": sum(c.undecided for c in bad),
            "checks": [vars(c) | {"ok": c.ok, "mismatch": c.mismatch, "undecided": c.undecided} for c in checks]}
