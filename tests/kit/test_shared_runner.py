"""`drill dev verify`'s shared suite runner (parent.SharedRunner, runner.Serve): the suite is prepared
once per problem, and each file is still judged alone. What one file did (its answers, its
worker, the suite's module state, Redis) must never change the verdict of the next."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.problems import catalogue
from harness.judge import SharedRunner, judge
from harness.verdicts import ACCEPTED, WRONG_ANSWER, JudgeResult

LRU = catalogue.get("lru_cache")
SOLUTIONS = catalogue.kit_root() / "solutions" / "lru_cache"

TOY_PROBLEM = """\
title = "Toy"
difficulty = "easy"
file = "toy.py"
reference = "accepted/doubles.py"
needs = ["redis"]
case_time_limit_s = 6

[[contract]]
name = "answer"
kind = "function"
params = ["n"]
"""

# A suite that would leak from one file to the next if its runner's state were shared: it keeps the
# first answer it sees (a suite that caches the candidate's answer as if it were the reference's),
# counts its own runs in module state, and expects an empty Redis.
TOY_SUITE = '''\
import redis as redis_py

from harness.authoring.testing import check, redis_url, reference, reference_ahead, solution

FIRST_ANSWERS = {}
RUNS = []
EXPECTED = reference_ahead(lambda: reference().answer(7))


def test_answer():
    got = solution().answer(7)
    FIRST_ANSWERS.setdefault(7, got)
    check(got, EXPECTED(), case="answer(7)")
    check(FIRST_ANSWERS[7], EXPECTED(), case="the first answer this runner saw for answer(7)")


def test_module_state_is_this_files_own():
    RUNS.append(1)
    check(len(RUNS), 1, case="runs of this suite in this runner")


def test_redis_starts_empty():
    client = redis_py.Redis.from_url(redis_url())
    check(client.dbsize(), 0, case="keys in Redis when the file's run begins")
    client.set("left:by:an:earlier:file", 1)
'''

TOY_FILES = {
    "accepted/doubles.py": "def answer(n):\n    return 2 * n\n",
    "accepted/adds.py": "def answer(n):\n    return n + n\n",
    "wrong_answer/triples.py": '"""Triples instead of doubling."""\n\ndef answer(n):\n    return 3 * n\n',
}


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    kit = tmp_path / "kit"
    (kit / "problems" / "toy").mkdir(parents=True)
    (kit / "problems" / "toy" / "problem.toml").write_text(TOY_PROBLEM)
    (kit / "problems" / "toy" / "stub.py").write_text("def answer(n):\n    raise NotImplementedError\n")
    (kit / "tests" / "toy").mkdir(parents=True)
    (kit / "tests" / "toy" / "test_toy.py").write_text(TOY_SUITE)
    for name, source in TOY_FILES.items():
        path = kit / "solutions" / "toy" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
    monkeypatch.setenv("DRILL_ROOT", str(kit))
    _forget_the_kit()
    try:
        yield catalogue.get("toy")
    finally:
        monkeypatch.undo()
        _forget_the_kit()


def _forget_the_kit() -> None:
    catalogue.kit_root.cache_clear()
    catalogue.problems.cache_clear()


def _outcomes(result: JudgeResult) -> tuple:
    first = result.first_failure.test if result.first_failure else None
    return result.verdict, first, result.passed, result.total, [(t.test, t.outcome) for t in result.tests]


def test_nothing_of_one_file_reaches_the_next_in_a_shared_runner(toy) -> None:
    """The toy suite fails any file judged after another in the same process, or on the same Redis:
    in one shared runner, each file gets the verdict it gets alone, wrong before right and after."""
    files = [toy.solutions_dir / name for name in ("wrong_answer/triples.py", "accepted/doubles.py", "accepted/adds.py",
                                                  "wrong_answer/triples.py", "accepted/doubles.py")]
    with SharedRunner(toy) as shared:
        results = [judge(toy, f, shared=shared, exit_first=True) for f in files]
    assert [r.verdict for r in results] == [WRONG_ANSWER, ACCEPTED, ACCEPTED, WRONG_ANSWER, ACCEPTED], [r.message for r in results]
    alone = {f: judge(toy, f, exit_first=True) for f in set(files)}
    assert [_outcomes(r) for r in results] == [_outcomes(alone[f]) for f in files]
    assert all(r.passed == r.total == 3 for r in results if r.verdict == ACCEPTED)


# Files that attack the runner or their worker, then plainly wrong ones, around the reference.
HOSTILE = ["runtime_error/adv_poison_worker_modules.py", "runtime_error/adv_forged_reports_all_fds.py",
           "runtime_error/adv_exception_spoofs_report.py", "invalid_solution/adv_import_forge_then_exit.py",
           "memory_limit_exceeded/memory_bomb.py", "runtime_error/adv_fork_bomb_capped.py"]


def test_hostile_files_judged_first_leave_the_reference_accepted_and_wrong_files_wrong() -> None:
    order = [*HOSTILE, "accepted/linked_list.py", "wrong_answer/evicts_on_update.py", "accepted/ordered_dict.py"]
    files = [SOLUTIONS / name for name in order]
    with SharedRunner(LRU) as shared:
        results = [judge(LRU, f, shared=shared, exit_first=True) for f in files]
    for f, result in zip(files, results):
        assert result.verdict == f.parent.name, f"{f.parent.name}/{f.name}: {result.verdict} ({result.message})"
    for f, result in zip(files, results):
        if f.parent.name in (ACCEPTED, WRONG_ANSWER):  # decided by the suite alone: the same tests, the same outcomes
            assert _outcomes(result) == _outcomes(judge(LRU, f, exit_first=True)), f.name
    assert all(r.passed == r.total > 10 for r in results if r.verdict == ACCEPTED)


def test_a_shared_runner_whose_suite_cannot_be_collected_is_a_judge_error(toy) -> None:
    from harness.judge import JudgeError

    (toy.tests_dir / "test_toy.py").write_text("import a_module_that_is_not_there\n")
    with SharedRunner(toy) as shared, pytest.raises(JudgeError):
        judge(toy, toy.reference_path, shared=shared)


@pytest.mark.slow
def test_verify_gives_the_same_verdicts_shared_and_unshared(tmp_path: Path) -> None:
    """`drill dev verify` and `drill dev verify --no-share` on a small problem (4 Redis servers per file):
    every file, the same verdict, the same tests passed."""
    slug = "distributed_cache_node_fails"

    def verify(*extra: str) -> dict[str, tuple]:
        env = {**os.environ, "DRILL_WORKSPACE": str(tmp_path / "workspace")}
        out = subprocess.run([sys.executable, "-m", "harness.cli", "dev", "verify", slug, "--json", "--no-bench", *extra],
                             capture_output=True, text=True, env=env, timeout=1800)
        assert out.stdout.strip().startswith("{"), out.stderr[-2000:]
        return {c["path"]: (c["verdict"], c["passed"], c["total"]) for c in json.loads(out.stdout)["checks"]}

    shared, unshared = verify(), verify("--no-share")
    assert shared == unshared
    assert len(shared) == len(catalogue.get(slug).submissions()) + 1


def test_a_file_that_does_not_load_is_named_as_given_by_a_shared_and_a_prepared_runner(tmp_path: Path) -> None:
    from harness.judge.parent import prepare_judge
    from harness.verdicts import INVALID_SOLUTION

    bad = tmp_path / "mine.py"
    bad.write_text("class LRUCache:\n    def __init__(self, capacity)\n        pass\n")
    with SharedRunner(LRU) as shared:
        served = judge(LRU, bad, shared=shared, shown_as="work/mine.py")
    prepared = judge(LRU, bad, prepared=prepare_judge(LRU, None), shown_as="work/mine.py")
    for result in (served, prepared):
        assert result.verdict == INVALID_SOLUTION
        assert result.message is not None and result.message.startswith("work/mine.py, line 2: SyntaxError: expected ':'")
        assert result.first_failure is not None and result.first_failure.title == "loading work/mine.py"


@pytest.mark.parametrize("name", ["x.py", "/tmp/a b/x.py", "dir\nwith a newline/x.py", "ünï.py"])
def test_the_go_line_carries_the_files_name_whole(name: str) -> None:
    from harness.judge.parent import go_line
    from harness.judge.runner import name_in_go_line

    line = go_line(name)
    assert line.count(b"\n") == 1 and line.endswith(b"\n")
    assert name_in_go_line(line) == name


@pytest.mark.parametrize("line", [b"go\n", b"", b"go [1]\n", b"go {\n", b'go ""\n'])
def test_a_go_line_without_a_name_says_none(line: bytes) -> None:
    from harness.judge.runner import name_in_go_line

    assert name_in_go_line(line) is None
