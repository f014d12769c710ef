"""The judge against solutions that try to cheat, crash or escape. The known solutions under
solutions/ are covered by test_verify.py; these are the extra attacks.

Each attack is a small file in fixtures/lru_cache/<verdict>/<name>.py (its docstring says
what it tries); the folder is the verdict it must get (not_accepted/: anything but accepted).
Files whose names start with "_" are not candidates (helpers that lie next to one). A fixture
whose docstring says "needs: sandbox" or "needs: seccomp" only makes sense with that protection.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from harness.problems import catalogue
from harness.judge import judge
from harness.worker.policy import protections
from harness.verdicts import ACCEPTED, VERDICTS, JudgeResult

LRU = catalogue.get("lru_cache")
FIXTURES = Path(__file__).parent / "fixtures" / "lru_cache"
KIT_ROOT = str(catalogue.kit_root())
NOT_ACCEPTED = "not_accepted"


def _fixtures() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*.py") if not p.name.startswith("_"))


def _needs(path: Path) -> set[str]:
    doc = path.read_text().split('"""')[1]
    return set(re.findall(r"needs: (\w+)", doc))


def _param(path: Path):
    prot = protections()
    marks = []
    needs = _needs(path)
    if "sandbox" in needs and not prot.sandboxed:
        marks.append(pytest.mark.skip(reason=f"needs the OS sandbox, off here: {prot.why}"))
    if "seccomp" in needs and not prot.seccomp:
        marks.append(pytest.mark.skip(reason=f"needs the seccomp filter, off here: {prot.why or 'no filter for this CPU'}"))
    return pytest.param(path, id=f"{path.parent.name}/{path.stem}", marks=marks)


def _message(result: JudgeResult) -> str:
    return (result.first_failure.message if result.first_failure else result.message) or ""


def _output(result: JudgeResult) -> str:
    return (result.first_failure.output if result.first_failure else "") or ""


def _traceback(result: JudgeResult) -> str:
    return "\n".join(result.first_failure.traceback) if result.first_failure else ""


def _raised(name: str) -> Callable[[JudgeResult], None]:
    def check(result: JudgeResult) -> None:
        assert _message(result).startswith(name), _message(result)
        assert "in get" in _traceback(result)

    return check


def _no_kit_path(marker: str) -> Callable[[JudgeResult], None]:
    def check(result: JudgeResult) -> None:
        output = _output(result)
        assert marker in output, "the fixture's report is not in the output, so this checks nothing"
        # The interpreter's own folder is mounted (read-only) where it is, and a venv made in the
        # kit's folder (the README's `.venv`) is inside KIT_ROOT: its path may show, nothing else.
        assert KIT_ROOT not in output.replace(sys.prefix, "<python>"), output

    return check


def _exits_mid_run(result: JudgeResult) -> None:
    assert "exited (status 0)" in _message(result)
    assert 0 < result.passed < result.total


def _key_error(result: JudgeResult) -> None:
    assert _message(result).startswith("KeyError")
    assert "line 13, in get" in _traceback(result)


def _flood(result: JudgeResult) -> None:
    assert "xxxx" in _output(result) and len(_output(result)) < 2000


def _sibling(result: JudgeResult) -> None:
    assert (FIXTURES / "invalid_solution" / "_lru_helpers.py").is_file()  # it is there to be found
    assert "ModuleNotFoundError" in _message(result) and "_lru_helpers" in _message(result)


# One property of the result, beyond the verdict, where it says something.
PROPERTIES: dict[str, Callable[[JudgeResult], None]] = {
    "forged_report_lines": lambda r: "ended the process" in _message(r) or pytest.fail(_message(r)),
    "sys_exit_at_import": lambda r: "SystemExit" in _message(r) or pytest.fail(_message(r)),
    "imports_sibling_module": _sibling,
    "exits_zero_mid_run": _exits_mid_run,
    "segfault": lambda r: "SIGSEGV" in _message(r) or pytest.fail(_message(r)),
    "prints_past_the_output_limit": lambda r: "output limit (8 MB" in _message(r) or pytest.fail(_message(r)),
    "key_error_in_get": _key_error,
    "raises_pytest_skip": _raised("Skipped"),
    "raises_unittest_skiptest": _raised("SkipTest"),
    "raises_keyboard_interrupt": _raised("KeyboardInterrupt"),
    "raises_generator_exit": _raised("GeneratorExit"),
    "thread_in_put": lambda r: "can't start new thread" in _message(r) or pytest.fail(_message(r)),
    "fork_in_put": lambda r: "PermissionError" in _message(r) or pytest.fail(_message(r)),
    "loop_at_import": lambda r: "importing" in _message(r) or pytest.fail(_message(r)),
    "sleeps_in_get": lambda r: "wall time" in _message(r) or pytest.fail(_message(r)),
    "prints_pytest_banner": lambda r: "passed" in _output(r) or pytest.fail(_output(r)),
    "output_flood": _flood,
    "lying_eq_list": lambda r: r.passed == 0 or pytest.fail(f"{r.passed} tests passed"),
    "patches_pytest_at_import": lambda r: r.failed > 0 or pytest.fail("no test failed"),
    "reads_proc_environ": _no_kit_path("LEAK "),
    "reads_mountinfo": lambda r: "MOUNTS " in _output(r) or pytest.fail(_output(r)),  # the path: see below
    "misnamed_class": lambda r: _message(r).endswith("; it defines LruCache: did you mean that one?") or pytest.fail(_message(r)),
    "misnamed_class_hostile_namespace": lambda r: _message(r).endswith("; it defines LRUCahce: did you mean that one?") or pytest.fail(_message(r)),
    "answer_too_large_to_decode": lambda r: "too large for the judge to take" in _message(r) or pytest.fail(_message(r)),
    "pads_answer_with_an_unknown_key": lambda r: "a key the protocol does not define" in _message(r) or pytest.fail(_message(r)),
    "module_dict_raises": lambda r: _message(r).endswith("does not define class LRUCache (the contract in `drill show lru_cache`)") or pytest.fail(_message(r)),
}


def test_reference_is_accepted_with_every_test_reported() -> None:
    result = judge(LRU, LRU.reference_path)
    assert result.verdict == ACCEPTED
    assert result.total > 5 and result.passed == result.total and result.failed == 0
    assert all(t.outcome == "passed" for t in result.tests)
    assert len(result.source_sha256) == 64


def test_every_fixture_is_in_a_verdict_folder_and_says_what_it_tries() -> None:
    fixtures = _fixtures()
    assert len(fixtures) >= 20
    for path in fixtures:
        assert path.parent.name in (*VERDICTS, NOT_ACCEPTED) and path.parent.name != ACCEPTED, path
        assert path.read_text().startswith('"""') and len(path.read_text().split('"""')[1]) > 30, path
    names = [p.stem for p in fixtures]
    assert len(names) == len(set(names))
    assert set(PROPERTIES) <= set(names), set(PROPERTIES) - set(names)


@pytest.mark.parametrize("path", [_param(p) for p in _fixtures()])
def test_attack_gets_the_verdict_of_its_folder(path: Path) -> None:
    result = judge(LRU, path)
    expected = path.parent.name
    if expected == NOT_ACCEPTED:
        assert result.verdict != ACCEPTED, result.message
    else:
        assert result.verdict == expected, f"{result.verdict}: {result.message}"
    check = PROPERTIES.get(path.stem)
    if check is not None:
        check(result)


@pytest.mark.skipif(not protections().sandboxed, reason="needs the OS sandbox")
@pytest.mark.xfail(strict=True, reason="harness: /proc/self/mountinfo in the worker shows the host folders of its "
                                       "bind mounts, among them <kit>/harness/sandbox (a path leak; nothing there is writable)")
def test_the_mount_table_does_not_show_the_kit_path() -> None:
    _no_kit_path("MOUNTS ")(judge(LRU, FIXTURES / "wrong_answer" / "reads_mountinfo.py"))


def test_a_runner_prepared_ahead_judges_the_file_as_it_is_at_the_save(tmp_path: Path) -> None:
    """watch mode's path: the runner starts, collects the suite and builds its ahead() inputs before
    the save; the file is read only at the go, so what was there before never counts."""
    from harness.judge import judge_environment, prepare_judge

    target = tmp_path / LRU.file
    target.write_text("this is not Python (the file as it was while the runner started)\n")
    with judge_environment(LRU) as env:
        runner = prepare_judge(LRU, env)
        time.sleep(2)  # the user types: the runner collects the suite and builds ahead, then waits
        target.write_bytes(LRU.reference_path.read_bytes())
        result = judge(LRU, target, prepared=runner)
    assert result.verdict == ACCEPTED, result.message
    assert result.passed == result.total > 10


def _outcomes(result: JudgeResult) -> tuple:
    first = result.first_failure.test if result.first_failure else None
    return result.verdict, first, [(t.test, t.outcome) for t in result.tests]


@pytest.mark.parametrize("file", [LRU.reference_path, catalogue.kit_root() / "solutions/lru_cache/wrong_answer/evicts_on_update.py",
                                  catalogue.kit_root() / "solutions/lru_cache/time_limit_exceeded/list_recency.py"],
                         ids=["accepted", "wrong_answer", "time_limit_exceeded"])
def test_a_suite_split_over_two_runners_is_judged_as_one_runner_judges_it(file: Path) -> None:
    """watch mode's shards: each runner runs its part; the merged result has every test, in the
    suite's order, with the outcome one runner gives it (after a time limit, the rest are not run)."""
    from harness.judge import judge_environment, prepare_judge
    from harness.judge.parent import PreparedRunner

    alone = judge(LRU, file)
    with judge_environment(LRU) as env:
        split = judge(LRU, file, prepared=PreparedRunner(LRU, env, shards=2))
        by_durations = judge(LRU, file, prepared=prepare_judge(LRU, env, last=alone))
    assert _outcomes(split) == _outcomes(alone) == _outcomes(by_durations)
    assert (split.passed, split.failed, split.not_run) == (alone.passed, alone.failed, alone.not_run)


def test_shards_split_the_longest_tests_apart_and_every_test_runs_once() -> None:
    from harness.judge.runner import shard_part

    tests = [f"t{i}" for i in range(9)]
    weights = {"t8": 1.5, "t7": 0.6, "t3": 0.5, "t0": 0.01}
    parts = [shard_part(tests, weights, k, 2) for k in range(2)]
    assert parts[0] | parts[1] == set(tests) and not parts[0] & parts[1]
    assert "t8" in parts[0] and {"t7", "t3"} <= parts[1]  # longest first, each to the lighter shard
    assert [shard_part(tests, {}, k, 2) for k in range(2)] == [set(tests[0::2]), set(tests[1::2])]


def test_ahead_values_are_built_once_and_shared() -> None:
    from harness.authoring import testing

    builds: list[int] = []
    value = testing.ahead(lambda: builds.append(1) or [1, 2, 3])
    try:
        assert builds == []  # nothing is built at declaration: a run that stops early never pays
        testing.build_ahead()
        assert builds == [1]
        assert value() is value() and builds == [1]
    finally:
        testing._ahead.remove(value)
        import gc

        gc.unfreeze()


# --- undecided: no decision is never a pass ------------------------------------------------------


def _run_with(*failures: dict | None):
    from harness.judge.parent import RunnerReport, RunnerRun, _verdict

    tests = [{"test": f"t{i}", "title": f"case {i}"} for i in range(len(failures))]
    report = RunnerReport(loaded=True, collected=tests, done=True)
    for test, failure in zip(tests, failures):
        report.results[test["test"]] = {"test": test["test"], "failure": failure}
    return _verdict(LRU, LRU.reference_path, RunnerRun(report, False, 0, "", 1.0, "0" * 64))


def test_a_timed_case_never_decided_makes_the_run_undecided_unless_something_else_failed() -> None:
    """Before: testing.undecided was a JudgeFault, so the run was a judge error (a JudgeError), and
    an undecided test came first even before a wrong answer."""
    undecided = {"verdict": "undecided", "message": "too busy"}
    wrong = {"verdict": "wrong_answer", "message": "got 2"}
    only = _run_with(None, undecided, None)
    assert only.verdict == "undecided" and not only.ok and only.passed == 2 and only.first_failure.message == "too busy"
    both = _run_with(undecided, wrong)
    assert both.verdict == "wrong_answer" and both.first_failure.test == "t1"


def test_an_inconclusive_measurement_after_passing_tests_is_undecided_not_accepted() -> None:
    """Before: with_complexity left `accepted` in place for an inconclusive report (exit status 0)."""
    from harness.bench.complexity import ComplexityReport
    from harness.pipeline import with_complexity

    passed = JudgeResult(problem="lru_cache", verdict=ACCEPTED, file="f.py", source_sha256="0" * 64, passed=3, total=3)
    report = ComplexityReport(problem="lru_cache", target="O(1)", verdict="inconclusive", summary="G = 3.1 (between 2.5 and 4)")
    judged = with_complexity(passed, report)
    assert judged.verdict == "undecided" and "drill bench" in (judged.message or "") and "G = 3.1" in (judged.message or "")
    wrong = JudgeResult(problem="lru_cache", verdict="wrong_answer", file="f.py", source_sha256="0" * 64)
    assert with_complexity(wrong, report).verdict == "wrong_answer"


def test_a_file_that_does_not_load_for_the_bench_gets_its_load_verdict_and_words_alone() -> None:
    from harness.bench.complexity import ComplexityReport, TimedFamily
    from harness.pipeline import with_complexity

    passed = JudgeResult(problem="lru_cache", verdict=ACCEPTED, file="f.py", source_sha256="0" * 64, passed=3, total=3)
    said = "importing f.py raised ValueError: benched (line 3, in <module>: raise ValueError('benched'))"
    not_loaded = ComplexityReport(problem="lru_cache", target="O(1)", verdict="fail", summary=said, outcome="invalid_solution")
    judged = with_complexity(passed, not_loaded)
    assert (judged.verdict, judged.message) == ("invalid_solution", said)
    # A family measured that failed keeps the words of a benchmark input.
    family = TimedFamily(name="random", unit="n", n1=1, n2=2, verdict="fail", error="raised KeyError: 1", outcome="runtime_error")
    raised = ComplexityReport(problem="lru_cache", target="O(1)", verdict="fail", summary="raised KeyError", outcome="runtime_error",
                              timed=[family])
    assert with_complexity(passed, raised).message == "on a benchmark input: raised KeyError"


def test_verify_counts_an_undecided_result_as_a_miss_for_every_marked_verdict() -> None:
    from harness.maintain.verify import SolutionCheck, summary

    def check(expected: str, verdict: str, complexity: str | None = None, required: str | None = None) -> SolutionCheck:
        return SolutionCheck("lru_cache", "s.py", "s.py", expected, verdict, 1, 1, 0.1, None, complexity=complexity, complexity_required=required)

    inconclusive = check(ACCEPTED, ACCEPTED, "inconclusive", "pass")  # an older result, stored accepted
    assert not inconclusive.ok and inconclusive.undecided  # before: inconclusive passed for accepted solutions
    tle = check("time_limit_exceeded", "time_limit_exceeded", "inconclusive", "fail")
    assert not tle.ok and tle.undecided
    for expected in (*VERDICTS,):
        assert not check(expected, "undecided").ok
    counted = summary([inconclusive, check(ACCEPTED, ACCEPTED, "pass", "pass"), check("wrong_answer", "runtime_error")])
    assert counted["mismatches"] == 2 and counted["undecided"] == 1


def test_a_follow_ups_time_limit_files_need_not_fail_its_bench() -> None:
    from harness.maintain.verify import complexity_required

    assert complexity_required("time_limit_exceeded", "scan_every_tick.py") == "fail"
    assert complexity_required("time_limit_exceeded", "adv_sleep.py") is None
    assert complexity_required("time_limit_exceeded", "retries_forever.py", follow_up=True) is None
    assert complexity_required("too_slow", "walks_the_points.py", follow_up=True) == "fail"
    assert complexity_required("accepted", "bounded_clients.py", follow_up=True) == "pass"
