"""`drill verify`: every known solution of every problem gets the verdict it is marked with."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from harness import catalogue
from harness.cli import cli
from harness.verdicts import ACCEPTED, WRONG_ANSWER, JudgeResult
from harness.verify import submissions_to_verify, verify


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

    checks = verify(problem, everything_accepted)
    assert len(checks) == len(submissions_to_verify(problem))
    bad = [c for c in checks if not c.ok]
    assert bad and all(c.expected != ACCEPTED for c in bad)
    assert any(c.expected == WRONG_ANSWER for c in bad)


def test_drill_verify_over_every_problem() -> None:
    result = CliRunner().invoke(cli, ["verify", "--json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    mismatches = [f"{c['problem']}/{c['solution']}: expected {c['expected']}, got {c['verdict']} ({c['message']})"
                  for c in data["checks"] if not c["ok"]]
    assert not mismatches, "\n".join(mismatches)
    assert result.exit_code == 0
    assert {c["problem"] for c in data["checks"]} == {p.slug for p in catalogue.problems()}
