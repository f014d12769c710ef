"""`drill run`: the statement's examples and your own cases against the solution, in its
sandboxed worker; no hidden tests, nothing recorded."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from harness.problems import catalogue
from harness.problems.cases import CasesError, parse_cases
from harness.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
RUN = FIXTURES / "run"
REFERENCE = catalogue.kit_root() / "solutions/lru_cache/accepted/ordered_dict.py"
LRU = catalogue.get("lru_cache")


def drill(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _runs_in_log(workspace: Path) -> int:
    conn = sqlite3.connect(workspace / ".drill" / "attempts.sqlite3")
    try:
        return conn.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    finally:
        conn.close()


def test_an_accepted_solution_matches_every_example_and_exits_zero(workspace: Path) -> None:
    result = drill("run", "lru_cache", "--file", str(REFERENCE))
    assert result.exit_code == 0, result.output
    assert "cache.get(2)" in result.stdout and "✗" not in result.stdout
    assert "8/8 expected answers matched" in result.stdout
    assert "Not judged and not recorded" in result.stdout


def test_a_wrong_solution_exits_one_and_shows_the_differing_call_and_its_output(workspace: Path) -> None:
    result = drill("run", "lru_cache", "--file", str(RUN / "lru_no_refresh_prints.py"))
    assert result.exit_code == 1
    differing = [line for line in result.stdout.splitlines() if "✗ expected" in line]
    assert len(differing) == 1
    assert "cache.get(2)" in differing[0] and "-> 2" in differing[0] and "expected -1" in differing[0]
    assert "your output:" in result.stdout and "get 2" in result.stdout
    data = json.loads(drill("run", "lru_cache", "--file", str(RUN / "lru_no_refresh_prints.py"), "--json").stdout)
    assert data["ok"] is False and data["recorded"] is False
    (call,) = [c for case in data["cases"] for c in case["calls"] if c["status"] == "differs"]
    assert (call["call"], call["value"], call["expected"]) == ("cache.get(2)", "2", "-1")


def test_cases_not_run_after_a_time_limit_still_count_their_expected_answers(workspace: Path, monkeypatch) -> None:
    """A case past its time limit ends the run; the expected answers of the cases after it are
    not reached, and the tally says so: 0/8, as when every case runs and fails."""
    quick = dataclasses.replace(LRU, case_time_limit_s=0.3)
    monkeypatch.setattr(catalogue, "get", lambda slug: quick if slug == "lru_cache" else LRU)
    loops = str(RUN / "lru_loops_on_a_hit.py")
    data = json.loads(drill("run", "lru_cache", "--file", loops, "--json").stdout)
    assert len(data["cases"]) == 1 and len(data["skipped"]) == 2
    assert (data["matched"], data["checked"]) == (0, 8)
    result = drill("run", "lru_cache", "--file", loops)
    assert result.exit_code == 1
    assert "3 cases (2 not run), 0/8 expected answers matched (7 not reached)" in result.stdout


def test_a_users_cases_file_runs_after_the_examples(workspace: Path) -> None:
    result = drill("run", "lru_cache", "--file", str(REFERENCE), "--cases", str(RUN / "my_cases.toml"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    mine = [c for c in data["cases"] if c["origin"].endswith("my_cases.toml")]
    assert [c["name"] for c in mine] == ["capacity one keeps the newest key", "just show me"]
    assert data["cases"][0]["origin"] == "examples"
    checked = {c["call"]: (c["status"], c["value"]) for c in mine[0]["calls"]}
    assert checked['cache.get("a")'] == ("ok", "-1")
    assert checked['cache.get("b")'] == ("ok", "(3, 4)")  # a tuple, through the strict decoder
    shown = mine[1]["calls"][-1]
    assert (shown["status"], shown["value"], shown["expected"]) == ("shown", "{'x': None}", None)
    text = drill("run", "lru_cache", "--file", str(REFERENCE), "--cases", str(RUN / "my_cases.toml"))
    assert "(my_cases.toml)" in text.stdout and "-> {'x': None}" in text.stdout


def test_the_cases_file_from_start_explains_the_helpers_its_problem_uses(workspace: Path) -> None:
    """fake() and redis() appear in the examples of some problems: the cases file says what they are."""
    for slug in ("webhook_delivery", "distributed_cache", "rate_limiter", "lru_cache"):
        assert drill("start", slug).exit_code == 0
    webhook = (workspace / "webhook_delivery.cases.toml").read_text()
    assert 'fake(returns=None, raises="ConnectionError", fail_first=0, fail_for=[...])' in webhook
    assert "redis(" not in webhook
    ring = (workspace / "distributed_cache.cases.toml").read_text()
    assert "redis(i)" in ring and "Redis server i (0 to 3)" in ring and "fake(" not in ring
    assert "redis()                        a client of the run's Redis server;" in (workspace / "rate_limiter.cases.toml").read_text()
    plain = (workspace / "lru_cache.cases.toml").read_text()
    assert "fake(" not in plain and "redis(" not in plain
    for slug in ("webhook_delivery", "distributed_cache", "rate_limiter"):  # still a cases file with no case in it
        assert parse_cases((workspace / f"{slug}.cases.toml").read_text(), catalogue.get(slug), origin="x", label="x") == []


def test_the_workspace_cases_file_from_start_is_used_by_a_bare_run(workspace: Path) -> None:
    drill("start", "lru_cache")
    cases = workspace / "lru_cache.cases.toml"
    assert "drill run lru_cache" in cases.read_text() and "[[case]]" in cases.read_text()
    (workspace / "lru_cache.py").write_text(REFERENCE.read_text())
    cases.write_text((RUN / "my_cases.toml").read_text())
    result = drill("run", "--json")  # the problem started last, as a bare `drill test`
    assert result.exit_code == 0, result.output
    assert {c["origin"] for c in json.loads(result.stdout)["cases"]} == {"examples", str(cases)}


@pytest.mark.parametrize("name, message", [
    ("malformed_cases.toml", "is not valid TOML"),
    ("unknown_method_cases.toml", "LRUCache has no method 'fetch' in the contract (its methods: get, put)"),
    ("no_such_file.toml", "no cases file at"),
])
def test_a_bad_cases_file_is_a_one_line_usage_error(workspace: Path, name: str, message: str) -> None:
    result = drill("run", "lru_cache", "--file", str(REFERENCE), "--cases", str(RUN / name))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""


def test_an_exception_is_a_line_of_its_case_and_a_file_that_does_not_load_is_one_message(workspace: Path) -> None:
    typed = str(FIXTURES / "lru_cache/runtime_error/key_error_in_get.py")
    raises = drill("run", "lru_cache", "--file", typed)
    assert raises.exit_code == 1
    # The traceback names the file as typed, not the worker's copy (lru_cache.py).
    assert "raised KeyError: 2" in raises.stdout and f"at {typed}, line 13, in get" in raises.stdout
    assert "not run)" in raises.stdout and "Traceback" not in raises.output
    typed = str(FIXTURES / "lru_cache/invalid_solution/sys_exit_at_import.py")
    exits = drill("run", "lru_cache", "--file", typed)
    assert exits.exit_code == 1
    assert f"✗ {typed} did not load:" in exits.stdout and "SystemExit" in exits.stdout and "No case ran." in exits.stdout
    assert "Traceback" not in exits.output


def test_run_records_nothing(workspace: Path) -> None:
    drill("start", "lru_cache")
    (workspace / "lru_cache.py").write_text(REFERENCE.read_text())
    log = workspace / ".drill" / "attempts.sqlite3"
    before = log.read_bytes()
    assert drill("run", "lru_cache").exit_code == 0
    assert drill("run", "lru_cache", "--file", str(RUN / "lru_no_refresh_prints.py")).exit_code == 1
    assert _runs_in_log(workspace) == 0
    assert json.loads(drill("history", "--json").stdout) == []
    assert log.read_bytes() == before
    elsewhere = workspace.parent / "never-made"
    assert drill("run", "lru_cache", "--file", str(REFERENCE), "--workspace", str(elsewhere)).exit_code == 0
    assert not elsewhere.exists()


@pytest.mark.parametrize("problem", [p.slug for p in catalogue.problems()])
def test_every_problems_examples_match_its_reference(workspace: Path, problem: str) -> None:
    """problems/<slug>/examples.toml is the statement's example, and the reference answers it."""
    p = catalogue.get(problem)
    assert p.examples_path.is_file()
    result = drill("run", problem, "--file", str(p.reference_path), "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0, [c for case in data["cases"] for c in case["calls"] if c["status"] not in ("ok", "shown", "set")]
    assert data["checked"] >= 4 and data["matched"] == data["checked"]


# --- the cases format, without a worker -------------------------------------------------------


def _steps(calls: str):
    return parse_cases(f"[[case]]\nname = 'x'\ncalls = '''\n{calls}'''\n", LRU, origin="mine", label="mine.toml")[0].steps


def test_a_script_reads_literals_names_alternatives_and_raises() -> None:
    new, value, put, get, bad = _steps(
        "c = LRUCache(2)\nk = (1, 'a')\nc.put(k, {1: [None]})  # a comment\nc.get(k) -> -1 or {1: [None]}\nLRUCache(0) -> raises ValueError\n"
    )
    assert (new.kind, new.bind, new.args) == ("new", "c", (2,))
    assert value.kind == "value" and put.args == ((1, "a"), {1: [None]}) and put.text == "c.put(k, {1: [None]})"
    assert get.expect == (-1, {1: [None]}) and get.line == 7
    assert bad.raises == "ValueError" and bad.expect is None


@pytest.mark.parametrize("calls, message", [
    ("c.get(1)\n", "c is not an object made on a line above"),
    ("c = LRUCache(2)\nc.get(__import__('os'))\n", "is not a literal value"),
    ("c = LRUCache(2)\nc.get(1) -> raises NoSuchError\n", "NoSuchError is not a builtin exception"),
    ("find_cycle({})\n", "find_cycle is not in the contract of lru_cache"),
    ("c = LRUCache(2) -> 1\n", "after it, `->` can only be `raises SomeError`"),
    ("c = LRUCache(0) -> raises ValueError\nc.get(1)\n", "write `LRUCache(0) -> raises ValueError`"),
    ("c = LRUCache(2)\nc.get(redis())\n", "lru_cache does not use Redis"),
])
def test_a_script_that_cannot_run_names_its_line(calls: str, message: str) -> None:
    with pytest.raises(CasesError) as caught:
        _steps(calls)
    assert message in str(caught.value) and "mine.toml, case 1 (x), line" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("calls, message", [
    ("c = LRUCache(2)\nc.put({1: [2]), 3)\n", "line 2 of them: ')' does not close the '{' opened on line 2"),
    ("c = LRUCache(2)\nc.put([1,\n  2, 3)\nc.get(1)\n", "line 3 of them: ')' does not close the '[' opened on line 2"),
    ("c = LRUCache(2)\nc.get(1\nc.get(2)\n", "line 2 of them: '(' is never closed"),
    ("c = LRUCache(2))\n", "line 1 of them: ')' closes no open bracket"),
])
def test_a_bracket_that_does_not_pair_is_named_where_it_is(calls: str, message: str) -> None:
    """The tokenizer does not pair brackets: without this, each of these read as 'EOF in
    multi-line statement' on the last line."""
    with pytest.raises(CasesError) as caught:
        _steps(calls)
    assert message in str(caught.value), str(caught.value)
    assert "EOF" not in str(caught.value) and "\n" not in str(caught.value)
