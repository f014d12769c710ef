"""`drill dev verify`: every known solution of every problem gets the verdict it is marked with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.problems import catalogue
from harness.verdicts import ACCEPTED, WRONG_ANSWER, JudgeResult
from harness.maintain.verify import submissions_to_verify, verify_problem


def test_every_problem_has_the_solutions_a_problem_needs() -> None:
    for problem in catalogue.problems():
        marked = {s.expected for s in problem.submissions()}
        assert problem.reference_path.is_file(), problem.slug
        assert sum(s.expected == ACCEPTED for s in problem.submissions()) >= 2, problem.slug
        assert marked - {ACCEPTED}, f"{problem.slug} has no known-rejected solutions"
        assert (problem.tests_dir).is_dir(), problem.slug
        assert "NotImplementedError" in problem.stub_path.read_text(), problem.slug


def test_verify_reports_a_mismatch() -> None:
    problem = catalogue.get("lru_cache")

    def everything_accepted(p, path: Path, expected: str) -> JudgeResult:
        return JudgeResult(problem=p.slug, verdict=ACCEPTED, file=str(path), source_sha256="")

    checks = verify_problem(problem, everything_accepted)
    assert len(checks) == len(submissions_to_verify(problem))
    bad = [c for c in checks if not c.ok]
    assert bad and all(c.expected != ACCEPTED for c in bad)
    assert any(c.expected == WRONG_ANSWER for c in bad)


@pytest.mark.slow
@pytest.mark.parametrize("slug", [p.slug for p in catalogue.problems()])
def test_drill_verify(slug: str, tmp_path: Path) -> None:
    """Every known solution of one problem gets its marked verdict (`drill dev verify SLUG`, as a
    maintainer runs it). One test per problem, so that pytest-xdist spreads them over the cores;
    the verdicts are built to hold with the other core busy."""
    env = {**os.environ, "DRILL_WORKSPACE": str(tmp_path / "workspace")}
    out = subprocess.run([sys.executable, "-m", "harness.cli", "dev", "verify", slug, "--json"], capture_output=True, text=True,
                         env=env, timeout=3600)
    assert out.stdout.strip().startswith("{"), f"drill dev verify {slug}: {out.stderr[-2000:]}"
    checks = json.loads(out.stdout)["checks"]
    mismatches = [f"{c['problem']}/{c['solution']}: expected {c['expected']}, got {c['verdict']} ({c['message']})"
                  for c in checks if not c["ok"]]
    assert not mismatches, "\n".join(mismatches)
    assert checks and {c["problem"] for c in checks} == {slug}
