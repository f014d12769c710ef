"""`drill check --shard I/N`: every problem in exactly one part, parts balanced by known time."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.problems import catalogue
from harness.cli import cli


def test_every_problem_is_in_exactly_one_part_for_any_count() -> None:
    problems = catalogue.problems()
    for count in range(1, len(problems) + 3):
        parts = [catalogue.shard(problems, i, count) for i in range(1, count + 1)]
        slugs = [p.slug for part in parts for p in part]
        assert sorted(slugs) == sorted(p.slug for p in problems), count


def test_parts_are_balanced_by_known_time_not_by_count() -> None:
    base = catalogue.problems()[0]
    problems = [replace(base, slug=slug, check_seconds=s) for slug, s in
                [("a", 30.0), ("b", 10.0), ("c", 10.0), ("d", 10.0), ("e", 1.0)]]
    one, two = (catalogue.shard(problems, i, 2) for i in (1, 2))
    # Longest first, each to the lightest part (a tie to the first): a+e = 31 against b+c+d = 30,
    # where an even split by count would give 3 problems (50 s) against 2.
    assert [p.slug for p in one] == ["a", "e"]
    assert [p.slug for p in two] == ["b", "c", "d"]


@pytest.mark.parametrize("value", ["0/2", "3/2", "1", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_a_one_line_usage_error(value: str, workspace: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--all", "--shard", value])
    assert result.exit_code == 2
    assert "--shard takes I/N" in result.output and value in result.output


def test_a_part_with_no_problems_judges_nothing_and_succeeds(workspace: Path) -> None:
    count = len(catalogue.problems()) + 1
    result = CliRunner().invoke(cli, ["check", "--all", "--shard", f"{count}/{count}"])
    assert result.exit_code == 0, result.output
    assert "no problems to judge" in result.output


def test_the_readmes_merge_of_shard_reports_keeps_every_case(tmp_path: Path) -> None:
    """The README's CI example merges the shards' JUnit files with `junitparser merge`: the merged
    file has every problem's suite and the totals of both parts."""
    from junitparser import JUnitXml

    from harness.render.junit import write_junit
    from harness.verdicts import CaseOutcome, JudgeResult

    def judged(slug: str, outcomes: list[str]) -> JudgeResult:
        tests = [CaseOutcome(test=f"t{i}", title=f"case {i}", outcome=o, verdict=None if o == "passed" else "wrong_answer")
                 for i, o in enumerate(outcomes)]
        verdict = "accepted" if all(o == "passed" for o in outcomes) else "wrong_answer"
        return JudgeResult(problem=slug, verdict=verdict, file=f"{slug}.py", source_sha256="0" * 64, tests=tests)

    write_junit(tmp_path / "report-1.xml", [judged("lru_cache", ["passed", "failed", "passed"])])
    write_junit(tmp_path / "report-2.xml", [judged("dijkstra", ["passed", "passed"]), judged("top_k_stream", ["failed"])])
    merged = JUnitXml.fromfile(str(tmp_path / "report-1.xml")) + JUnitXml.fromfile(str(tmp_path / "report-2.xml"))
    merged.update_statistics()
    assert sorted(s.name for s in merged) == ["drill.dijkstra", "drill.lru_cache", "drill.top_k_stream"]
    assert (merged.tests, merged.failures) == (6, 2)
