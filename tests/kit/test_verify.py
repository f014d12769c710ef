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
    the verdicts are built to hold with the other core busy. The bench of one time_limit_exceeded
    file per problem (--sample-tle-benches): their verdicts are the tests' whatever the bench says,
    and benchmarks/verify_runs.py benches every one of them."""
    env = {**os.environ, "DRILL_WORKSPACE": str(tmp_path / "workspace")}
    out = subprocess.run([sys.executable, "-m", "harness.cli", "dev", "verify", slug, "--json", "--sample-tle-benches"],
                         capture_output=True, text=True,
                         env=env, timeout=3600)
    assert out.stdout.strip().startswith("{"), f"drill dev verify {slug}: {out.stderr[-2000:]}"
    checks = json.loads(out.stdout)["checks"]
    mismatches = [f"{c['problem']}/{c['solution']}: expected {c['expected']}, got {c['verdict']} ({c['message']})"
                  for c in checks if not c["ok"]]
    assert not mismatches, "\n".join(mismatches)
    assert checks and {c["problem"] for c in checks} == {slug}


def _bench(verdict: str, outcome: str | None = None) -> dict:
    return {"verdict": verdict, "outcome": outcome, "summary": "s"}


def test_no_bench_skips_the_files_only_the_bench_decides_neither_ok_nor_a_mismatch() -> None:
    """too_slow files and files marked `needs: bench` are not judged under --no-bench; the summary
    counts them apart, and every other file still counts (here each gets a wrong verdict)."""
    from harness.maintain.verify import marked_needs, needs_bench, summary

    problem = catalogue.get("lru_cache")
    judged: list[Path] = []

    def wrong_everywhere(p, path: Path, expected: str) -> JudgeResult:
        judged.append(path)
        return JudgeResult(problem=p.slug, verdict="undecided" if expected != "undecided" else ACCEPTED, file=str(path), source_sha256="")

    checks = verify_problem(problem, wrong_everywhere, complexity=False)
    skipped = [c for c in checks if c.skipped]
    marked = {"runtime_error/adv_exit_when_large.py", "runtime_error/adv_refuse_large_capacity.py", "wrong_answer/adv_bench_garbage.py"}
    assert marked <= {c.solution for c in skipped}
    assert {c.solution for c in skipped} == {s.name for s in problem.submissions() if needs_bench(s)}
    assert all(c.expected == "too_slow" or "bench" in marked_needs(Path(c.path)) for c in skipped)
    assert not any(Path(c.path) in judged for c in skipped)
    assert all(not c.ok and not c.mismatch for c in skipped)
    assert all(c.mismatch for c in checks if not c.skipped)
    counted = summary(checks)
    assert counted["skipped"] == len(skipped) and counted["checked"] == len(checks) - len(skipped)
    assert counted["mismatches"] == counted["checked"]
    json_checks = {c["solution"]: c for c in counted["checks"]}
    assert all(json_checks[name]["skipped"] and not json_checks[name]["mismatch"] for name in marked)
    # With the bench, the same files are judged.
    judged.clear()
    verify_problem(problem, wrong_everywhere, complexity=True)
    assert {p.name for p in judged} >= {Path(name).name for name in marked}


def test_the_needs_bench_mark_is_read_from_the_docstring_only(tmp_path: Path) -> None:
    from harness.maintain.verify import marked_needs

    (tmp_path / "marked.py").write_text('"""Wrong on the bench\'s sizes only.\n\nneeds: bench (the hidden tests pass it)\n"""\nX = 1\n')
    (tmp_path / "in_code.py").write_text('"""Correct."""\nNOTE = "needs: bench"\n')
    (tmp_path / "broken.py").write_text('"""needs: bench"""\ndef f(:\n')
    assert marked_needs(tmp_path / "marked.py") == {"bench"}
    assert marked_needs(tmp_path / "in_code.py") == set()
    assert marked_needs(tmp_path / "broken.py") == set()  # a file that does not parse has no marks


def test_a_full_run_checks_the_needs_bench_mark_both_ways(tmp_path: Path) -> None:
    """Marked: the bench must be what gave the verdict. Unmarked, passed by the hidden tests and
    failed by the bench: the mark is missing, and --no-bench would call the file a mismatch."""
    from harness.maintain.verify import wrong_mark
    from harness.problems.catalogue import Submission

    marked = tmp_path / "marked.py"
    marked.write_text('"""Crashes at the bench\'s sizes.\n\nneeds: bench\n"""\n')
    plain = tmp_path / "plain.py"
    plain.write_text('"""Crashes on the hidden tests."""\n')

    def result(verdict: str, complexity: dict | None) -> JudgeResult:
        return JudgeResult(problem="lru_cache", verdict=verdict, file="f.py", source_sha256="", complexity=complexity)

    by_bench = result("runtime_error", _bench("fail", "runtime_error"))
    by_tests = result("runtime_error", None)
    assert wrong_mark(Submission(marked, "runtime_error"), by_bench) is None
    assert "drop the mark" in wrong_mark(Submission(marked, "runtime_error"), by_tests)
    assert wrong_mark(Submission(plain, "runtime_error"), by_tests) is None
    assert "must say needs: bench" in wrong_mark(Submission(plain, "runtime_error"), by_bench)
    # too_slow always comes from the bench; a time limit's file is benched whatever its tests said
    assert wrong_mark(Submission(plain, "too_slow"), result("too_slow", _bench("fail", "too_slow"))) is None
    assert wrong_mark(Submission(plain, "time_limit_exceeded"), result("time_limit_exceeded", _bench("fail", "time_limit_exceeded"))) is None
    # a marked time limit the tests gave (the bench then said too_slow) is caught
    assert wrong_mark(Submission(marked, "time_limit_exceeded"), result("time_limit_exceeded", _bench("fail", "too_slow")))
    # a file that missed its verdict is a mismatch already: the mark is not judged
    assert wrong_mark(Submission(marked, "runtime_error"), result("undecided", _bench("inconclusive"))) is None


def test_only_a_verdict_the_bench_can_give_is_marked_needs_bench() -> None:
    from harness.maintain.verify import marked_needs

    for problem in catalogue.problems():
        for submission in problem.submissions():
            if "bench" in marked_needs(submission.path):
                assert submission.expected not in (ACCEPTED, "too_slow"), f"{submission.path}: needs: bench says nothing here"


def test_a_time_limit_exceeded_file_is_benched_only_where_its_bench_must_fail_and_sampled_once_per_problem() -> None:
    """adv_ files and a follow-up's files are not benched after their tests (nothing is asked of the
    bench: complexity_required); --sample-tle-benches keeps one file per problem, the same every run."""
    from harness.maintain.verify import bench_after_failed_tests, tle_bench_sample
    from harness.problems.catalogue import Submission

    problem = catalogue.get("lru_cache")
    tle = [s for s in problem.submissions() if s.expected == "time_limit_exceeded"]
    benched = {s.path.name for s in tle if bench_after_failed_tests(problem, s)}
    assert benched and not any(name.startswith("adv_") for name in benched)
    assert {s.path.name for s in tle} - benched == {s.path.name for s in tle if s.path.name.startswith("adv_")}
    sample = tle_bench_sample(problem)
    assert len(sample) == 1 and sample == tle_bench_sample(problem)
    assert [s.path.name for s in tle if bench_after_failed_tests(problem, s, sample)] == [next(iter(sample)).name]
    assert not any(bench_after_failed_tests(problem, s) for s in problem.submissions() if s.expected != "time_limit_exceeded")
    follow_up = catalogue.get("distributed_cache_node_fails")
    assert not any(bench_after_failed_tests(follow_up, s) for s in follow_up.submissions())
    assert sum(bool(tle_bench_sample(p)) for p in catalogue.problems()) >= 6
