"""`drill reveal --pytest` (harness/reproduce.py): the failing hidden case as a standalone pytest
file. Each written file is run with plain pytest, in a fresh process, against a wrong solution
(it must fail as the judge said) and against an accepted one (it must pass: the check is real)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness import clock
from harness.practice import reproduce
from harness.problems import catalogue
from harness.cli import cli
from harness.practice.store import Store, iso
from harness.verdicts import Failure, JudgeResult

KIT = catalogue.kit_root()


def _run(failure: Failure, verdict: str, slug: str) -> dict:
    return {"id": 7, "verdict": verdict, "first_failure": failure.__dict__ | {"verdict": verdict}, "problem": slug}


def _written(tmp_path: Path, slug: str, run: dict, solution: str) -> Path:
    """The file for `run`, beside a copy of solutions/SLUG/`solution` named as the workspace names it."""
    problem = catalogue.get(slug)
    target = tmp_path / problem.file
    shutil.copy(KIT / "solutions" / slug / solution, target)
    test_file = tmp_path / reproduce.file_name(problem, run)
    reproduce.write(test_file, reproduce.pytest_source(problem, run, target, test_file))
    return test_file


def _pytest(test_file: Path) -> subprocess.CompletedProcess:
    """Plain pytest in a fresh process, from the file's folder, with no plugin of the kit."""
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}  # the file needs no plugin (and starts faster)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test_file.name],
                          cwd=test_file.parent, capture_output=True, text=True, timeout=120, env=env)


def _swap(test_file: Path, slug: str, solution: str) -> None:
    shutil.copy(KIT / "solutions" / slug / solution, test_file.parent / catalogue.get(slug).file)


def test_a_class_case_fails_on_the_wrong_solution_and_passes_on_the_reference(tmp_path: Path) -> None:
    failure = Failure(test="test_update_at_capacity", title="put on an existing key", verdict="wrong_answer",
                      message="get('a') returned the wrong value",
                      input="LRUCache(3); put('a', 1); put('b', 2); put('c', 3); put('b', 20); put('c', 30); get('a')",
                      expected="1", actual="-1")
    test_file = _written(tmp_path, "lru_cache", _run(failure, "wrong_answer", "lru_cache"), "wrong_answer/evicts_on_update.py")
    text = test_file.read_text()
    assert "harness" not in text and "drill reveal --pytest" in text
    failed = _pytest(test_file)
    assert failed.returncode == 1 and "get('a') returned the wrong value" in failed.stdout and "assert -1 == 1" in failed.stdout
    _swap(test_file, "lru_cache", "accepted/ordered_dict.py")
    assert _pytest(test_file).returncode == 0


def test_a_function_case_with_bindings_and_a_raise(tmp_path: Path) -> None:
    graph = "{'A': [('B', 4), ('C', 1)], 'B': [('D', 1)], 'C': [('B', 2), ('D', 5)], 'D': []}"
    weights = Failure(test="test_example", title="the lighter path wins", verdict="wrong_answer", message="wrong distance",
                      input=f"shortest_paths(graph, 'A') with graph = {graph}", expected="{'A': 0, 'B': 3, 'C': 1, 'D': 4}")
    test_file = _written(tmp_path, "dijkstra", _run(weights, "wrong_answer", "dijkstra"), "wrong_answer/final_when_pushed.py")
    assert _pytest(test_file).returncode == 1
    _swap(test_file, "dijkstra", "accepted/heapq_lazy.py")
    assert _pytest(test_file).returncode == 0

    raises = Failure(test="test_negative", title="a negative weight", verdict="wrong_answer", message="must raise",
                     input="shortest_paths({'A': [('B', -1)], 'B': []}, 'A')", expected="raises ValueError")
    (tmp_path / "again").mkdir()
    test_file = _written(tmp_path / "again", "dijkstra", _run(raises, "wrong_answer", "dijkstra"), "wrong_answer/negative_weights_unchecked.py")
    assert "pytest.raises(ValueError)" in test_file.read_text()
    assert "DID NOT RAISE" in _pytest(test_file).stdout
    _swap(test_file, "dijkstra", "accepted/heapq_lazy.py")
    assert _pytest(test_file).returncode == 0


def test_a_judged_crash_keeps_the_call_that_crashed_and_is_replayed(tmp_path: Path) -> None:
    """A function problem's suite calls the solution directly (no CallLog): the judge keeps the
    call that was running when it raised as the case's input, and the file replays it."""
    from harness import pipeline

    problem = catalogue.get("cycle_detection")
    judged = tmp_path / "judged" / problem.file
    judged.parent.mkdir()
    shutil.copy(KIT / "solutions/cycle_detection/runtime_error/key_error_on_successor_only_node.py", judged)
    result = pipeline.judge_file(problem, judged, complexity=False, exit_first=True)
    assert result.verdict == "runtime_error" and result.first_failure is not None
    assert (result.first_failure.input or "").startswith("find_cycle({")
    run = {"id": 1, "verdict": result.verdict, "first_failure": result.first_failure.__dict__}
    test_file = _written(tmp_path, "cycle_detection", run, "runtime_error/key_error_on_successor_only_node.py")
    failed = _pytest(test_file)
    assert failed.returncode == 1 and "KeyError" in failed.stdout
    _swap(test_file, "cycle_detection", "accepted/colour_dfs.py")
    assert _pytest(test_file).returncode == 0


@pytest.mark.parametrize(("slug", "failure", "said"), [
    ("rate_limiter", Failure("t", "t", "wrong_answer", "m", input="RateLimiter(r, 2, 1.0)", expected="True"), "Redis server"),
    ("cycle_detection", Failure("t", "t", "wrong_answer", "m", input="find_cycle({1: [0, 2], 2: [0, 1]})",
                                expected="any cycle of the graph, e.g. [1, 2]"), "a property, not one value"),
    ("webhook_delivery", Failure("t", "t", "wrong_answer", "m", input="Dispatcher(send, max_attempts=3); tick(1)", expected="[]"),
     "`send`, an object the hidden suite builds"),
    ("lru_cache", Failure("t", "t", "wrong_answer", "m", input="LRUCache(2); put(1, 1); … 5,000 more calls …; get(1)",
                          expected="1"), "too long to have been kept in full"),
    ("lru_cache", Failure("t", "t", "wrong_answer", "m", input=None, expected="1"), "keeps no input"),
    ("lru_cache", Failure("t", "large input: capacity 20,000, 200,000 mixed calls", "time_limit_exceeded", "ran past its limit",
                          input=None, expected=None), "a large input the suite builds"),
    ("lru_cache", Failure("t", "t", "wrong_answer", "m", input="LRUCache(2); get(1)", expected=None), "no single expected value"),
])
def test_a_case_that_cannot_be_replayed_says_why_in_one_line(slug: str, failure: Failure, said: str, tmp_path: Path) -> None:
    with pytest.raises(reproduce.NotStandalone) as refused:
        reproduce.pytest_source(catalogue.get(slug), _run(failure, failure.verdict, slug), tmp_path / "x.py", tmp_path / "test_x.py")
    assert said in str(refused.value) and "\n" not in str(refused.value)


def _log_failing_run(ws: Path, slug: str, failure: Failure, solution: Path) -> None:
    store = Store(ws)
    store.record_run(JudgeResult(problem=slug, verdict=failure.verdict, file=str(solution), source_sha256="ab" * 32, passed=1,
                                 failed=1, total=2, started_at=iso(clock.now()), first_failure=failure), "test")
    store.close()


def test_reveal_pytest_end_to_end(workspace: Path) -> None:
    """Judged for real: `drill test` on a wrong solution, then `drill reveal --pytest`; the file
    fails under plain pytest with the judge's message, is written once, never over the user's
    edits, and the reveal counts as help."""
    def drill(*args: str):
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    drill("start", "lru_cache")
    solution = workspace / "lru_cache.py"
    shutil.copy(KIT / "solutions/lru_cache/wrong_answer/evicts_on_update.py", solution)
    judged = drill("test", "lru_cache", "--json")
    first = json.loads(judged.stdout)["first_failure"]
    written = drill("reveal", "lru_cache", "--pytest")
    assert written.exit_code == 0, written.output
    test_file = next(workspace.glob("test_lru_cache_run*.py"))
    assert f"wrote {test_file}" in " ".join(written.stdout.split())
    failed = _pytest(test_file)
    assert failed.returncode == 1 and first["message"] in failed.stdout
    assert "unchanged" in drill("reveal", "lru_cache", "--pytest").stdout
    test_file.write_text(test_file.read_text() + "# my breakpoint\n")
    kept = drill("reveal", "lru_cache", "--pytest")
    assert kept.exit_code != 0 and "not replaced" in kept.stderr and "Traceback" not in kept.output
    assert test_file.read_text().endswith("# my breakpoint\n")
    events = [e["kind"] for e in json.loads(drill("export").stdout)["events"]]
    assert events.count("reveal") == 2  # the refused write is not counted


def test_reveal_pytest_refuses_in_one_line(workspace: Path) -> None:
    CliRunner().invoke(cli, ["start", "cycle_detection"])
    _log_failing_run(workspace.resolve(), "cycle_detection",
                     Failure("test_cycle", "a cycle", "wrong_answer", "returned None", input="find_cycle({1: [2], 2: [1]})",
                             expected="any cycle of the graph, e.g. [1, 2]"), workspace.resolve() / "cycle_detection.py")
    refused = CliRunner().invoke(cli, ["reveal", "cycle_detection", "--pytest"])
    assert refused.exit_code == 2
    assert refused.stderr.startswith("drill: error: no pytest file for cycle_detection's failing case: the expected answer is a property")
    assert "Traceback" not in refused.output and not list(workspace.glob("test_*.py"))


def test_a_run_that_failed_only_its_complexity_has_no_case_and_says_so(workspace: Path) -> None:
    CliRunner().invoke(cli, ["start", "window_stats"])
    store = Store(workspace.resolve())
    store.record_run(JudgeResult(problem="window_stats", verdict="too_slow", file=str(workspace.resolve() / "window_stats.py"),
                                 source_sha256="ab" * 32, passed=2, total=2, started_at=iso(clock.now()),
                                 complexity={"verdict": "fail", "summary": "grows too fast"}), "check")
    store.close()
    for args in (["reveal", "window_stats"], ["reveal", "window_stats", "--pytest"]):
        refused = CliRunner().invoke(cli, args)
        assert refused.exit_code == 2 and "failed the complexity target (too_slow), not a hidden test" in refused.stderr
        assert "drill bench window_stats" in refused.stderr and refused.stderr.count("\n") == 1
