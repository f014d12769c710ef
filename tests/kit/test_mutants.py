"""`drill dev mutants`: the mutants, their ids, solutions/<slug>/mutants.toml, and (slow) a fixed
sample of every reference's mutants judged by the real judge."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.maintain import mutants
from harness.problems import catalogue
from harness.verdicts import ACCEPTED, WRONG_ANSWER, JudgeResult

SAMPLE, SEED = 3, 1  # mutants judged per problem by the slow test: 24 judges, 2 min on two busy cores

SOURCE = '''def clamp(x, low, high):
    if x < low:
        return low
    return x if x <= high else high
'''


def test_mutants_are_whole_files_in_source_order() -> None:
    found = mutants.generate(SOURCE)
    assert [(m.line, m.before, m.after) for m in found] == [
        (2, "if x < low:", "if x <= low:"),
        (4, "return x if x <= high else high", "return x if x < high else high"),
    ]
    assert found[0].source == SOURCE.replace("x < low", "x <= low")
    compile(found[1].source, "clamp.py", "exec")


def test_an_id_survives_edits_elsewhere_in_the_file() -> None:
    moved = '"""Clamp."""\n\nimport math\n\n' + SOURCE
    assert [m.id for m in mutants.generate(moved)] == [m.id for m in mutants.generate(SOURCE)]


def test_identical_changes_on_identical_lines_get_different_ids() -> None:
    found = mutants.generate("a = 1\na = 1\n")
    assert [(m.line, m.before, m.after) for m in found] == [(1, "a = 1", "a = 2"), (1, "a = 1", "a = None"), (2, "a = 1", "a = 2"), (2, "a = 1", "a = None")]
    assert len({m.id for m in found}) == 4


def test_a_sample_is_fixed_by_its_seed_and_kept_in_source_order() -> None:
    source = catalogue.get("dijkstra").reference_path.read_text(encoding="utf-8")
    found = mutants.generate(source)
    first = mutants.select(found, sample=5, seed=7)
    assert first == mutants.select(found, sample=5, seed=7)
    assert [m.line for m in first] == sorted(m.line for m in first)
    assert mutants.select(found, sample=5, seed=8) != first
    assert mutants.select(found, limit=2) == found[:2]


@pytest.fixture
def fake_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> catalogue.Problem:
    """lru_cache with its solutions in a temp folder holding clamp.py as the reference."""
    import dataclasses

    real = catalogue.get("lru_cache")
    problem = dataclasses.replace(real, reference="accepted/clamp.py")
    (tmp_path / "accepted").mkdir()
    (tmp_path / "accepted" / "clamp.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.setattr(type(problem), "solutions_dir", property(lambda self: tmp_path))
    return problem


def _judged_as(verdicts: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Judge each mutant by the text of its changed line: `verdicts[after]`, else wrong_answer (SOURCE itself: accepted)."""
    def judge(problem: catalogue.Problem, path: Path, *, bench: bool, redis_url: str | None) -> JudgeResult:
        text = path.read_text(encoding="utf-8")
        verdict = ACCEPTED if text == SOURCE else next((v for after, v in verdicts.items() if after in text), WRONG_ANSWER)
        return JudgeResult(problem=problem.slug, verdict=verdict, file=str(path), source_sha256="")

    monkeypatch.setattr(mutants, "_judge", judge)


def test_an_accepted_mutant_is_unexplained_unless_listed(fake_problem: catalogue.Problem, monkeypatch: pytest.MonkeyPatch) -> None:
    _judged_as({"x <= low": ACCEPTED}, monkeypatch)
    report = mutants.run(fake_problem, check_original=False)
    assert [r.status for r in report.results] == [mutants.UNEXPLAINED, mutants.KILLED]
    assert not report.ok
    assert "-    if x < low:\n+    if x <= low:" in (report.results[0].diff or "")

    survivor = report.results[0].id
    (fake_problem.solutions_dir / "mutants.toml").write_text(
        f'[[mutant]]\nid = "{survivor}"\nkind = "equivalent"\nreason = "x == low returns low either way"\n'
        '[[mutant]]\nid = "0000000000"\nkind = "speed"\nreason = "gone"\n', encoding="utf-8")
    report = mutants.run(fake_problem, check_original=False)
    assert [r.status for r in report.results] == [mutants.EQUIVALENT, mutants.KILLED]
    assert report.ok and report.stale == ["0000000000"]
    assert report.to_dict()["equivalent"] == 1


def test_entries_for_another_file_do_not_explain_the_reference(fake_problem: catalogue.Problem, monkeypatch: pytest.MonkeyPatch) -> None:
    _judged_as({"x <= low": ACCEPTED}, monkeypatch)
    survivor = mutants.generate(SOURCE)[0].id
    (fake_problem.solutions_dir / "mutants.toml").write_text(
        f'[[mutant]]\nid = "{survivor}"\nfile = "accepted/other.py"\nkind = "equivalent"\nreason = "r"\n', encoding="utf-8")
    assert mutants.run(fake_problem, check_original=False).results[0].status == mutants.UNEXPLAINED


@pytest.mark.parametrize("text, error", [
    ('[[mutant]]\nid = "x"\nkind = "equivalent"\n', "needs reason"),
    ('[[mutant]]\nid = "x"\nkind = "harmless"\nreason = "r"\n', "kind must be one of"),
    ("[[mutant]\n", "not valid TOML"),
])
def test_a_bad_mutants_toml_is_one_clear_error(fake_problem: catalogue.Problem, text: str, error: str) -> None:
    (fake_problem.solutions_dir / "mutants.toml").write_text(text, encoding="utf-8")
    with pytest.raises(mutants.MutantsError, match=error):
        mutants.load_explanations(fake_problem, fake_problem.reference)


def test_a_file_outside_the_problems_solutions_is_refused(fake_problem: catalogue.Problem, tmp_path: Path) -> None:
    with pytest.raises(mutants.MutantsError, match="not a solution of lru_cache"):
        mutants.run(fake_problem, Path(__file__), check_original=False)


def test_every_mutants_toml_entry_names_a_mutant_of_its_file() -> None:
    import tomllib

    for problem in catalogue.problems():
        listed = mutants.explanations_path(problem)
        if not listed.is_file():
            continue
        entries = tomllib.loads(listed.read_text(encoding="utf-8")).get("mutant", [])
        for file in {entry.get("file", problem.reference) for entry in entries}:
            ids = {m.id for m in mutants.generate((problem.solutions_dir / file).read_text(encoding="utf-8"))}
            stale = set(mutants.load_explanations(problem, file)) - ids
            assert not stale, f"{listed}: no mutant of {file} has the id(s) {sorted(stale)}"


@pytest.mark.slow
@pytest.mark.parametrize("slug", [p.slug for p in catalogue.problems()])
def test_sampled_mutants_of_the_reference_are_rejected_or_explained(slug: str) -> None:
    report = mutants.run(catalogue.get(slug), sample=SAMPLE, seed=SEED, check_original=False)
    assert len(report.results) == SAMPLE
    bad = [r for r in report.results if r.status in (mutants.UNEXPLAINED, mutants.UNDECIDED)]
    assert not bad, "the suite accepts (or could not judge) these mutants:\n" + "\n".join(f"{r.status}:\n{r.diff}" for r in bad)


def test_the_command_prints_survivors_as_diffs_and_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from click.testing import CliRunner

    from harness.cli import cli

    (tmp_path / "accepted").mkdir()
    (tmp_path / "accepted" / "linked_list.py").write_text(SOURCE, encoding="utf-8")  # lru_cache's reference, here
    monkeypatch.setattr(catalogue.Problem, "solutions_dir", property(lambda self: tmp_path))
    _judged_as({"x <= low": ACCEPTED}, monkeypatch)
    text = CliRunner().invoke(cli, ["dev", "mutants", "lru_cache"])
    assert text.exit_code == 1
    assert "-    if x < low:\n+    if x <= low:" in text.output
    assert "1/2 killed, 0 equivalent, 0 speed only, 1 unexplained" in text.output
    data = json.loads(CliRunner().invoke(cli, ["dev", "mutants", "lru_cache", "--json", "--limit", "1"]).stdout)
    assert (data["total"], data["generated"], data["unexplained"], data["ok"]) == (1, 2, 1, False)


@pytest.mark.parametrize("args, error", [
    ([], "give one problem's SLUG or --all"),
    (["lru_cache", "--all"], "give one problem's SLUG or --all"),
    (["--all", "--id", "x"], "--id names one file's mutant"),
    (["lru_cache", "--id", "nope"], "has no mutant nope"),
])
def test_the_command_s_usage_errors_are_one_line(args: list[str], error: str) -> None:
    from click.testing import CliRunner

    from harness.cli import cli

    result = CliRunner().invoke(cli, ["dev", "mutants", *args])
    assert result.exit_code == 2 and error in result.output


def test_the_table_has_a_row_per_problem_and_a_total() -> None:
    from harness.render.mutants import mutation_table

    def row(problem: str, killed: int, unexplained: int) -> dict[str, object]:
        return {"problem": problem, "file": "accepted/x.py", "generated": 10, "total": killed + unexplained, "killed": killed,
                "equivalent": 0, "speed": 0, "bench_rejected": 0, "unexplained": unexplained, "undecided": 0}

    table = mutation_table({"problems": [row("a", 9, 1), row("b", 4, 0)]}).splitlines()
    assert table[2] == "| a | `accepted/x.py` | 9 / 10 | 90% | 0 | 0 | 1 | 0 |"
    assert table[3] == "| b | `accepted/x.py` | 4 / 4 (of 10) | 100% | 0 | 0 | 0 | 0 |"
    assert table[4] == "| **all** |  | 13 / 14 (of 20) | 93% | 0 | 0 | 1 | 0 |"


def test_the_table_command_takes_several_results_files(tmp_path: Path) -> None:
    """one problem's --json and an --all document, rows in the order given and one total; a file that is not
    the command's JSON is one line naming it"""
    import json

    from click.testing import CliRunner

    from harness.cli import cli

    def row(problem: str, killed: int) -> dict[str, object]:
        return {"problem": problem, "file": "accepted/x.py", "generated": 4, "total": 4, "killed": killed,
                "equivalent": 4 - killed, "speed": 0, "bench_rejected": 0, "unexplained": 0, "undecided": 0}

    one, every, bad = tmp_path / "one.json", tmp_path / "all.json", tmp_path / "bad.json"
    one.write_text(json.dumps(row("b", 3)))
    every.write_text(json.dumps({"problems": [row("a", 4), row("c", 2)]}))
    bad.write_text(json.dumps({"problem": "d"}))
    lines = CliRunner().invoke(cli, ["dev", "mutation-table", str(one), str(every)]).output.splitlines()
    assert [line.split(" | ")[0] for line in lines[2:]] == ["| b", "| a", "| c", "| **all**"]
    assert lines[-1] == "| **all** |  | 9 / 12 | 75% | 3 | 0 | 0 | 0 |"
    result = CliRunner().invoke(cli, ["dev", "mutation-table", str(one), str(bad)])
    assert result.exit_code != 0 and f"{bad}: not the JSON of `drill dev mutants --json`" in result.output
    assert str(one) not in result.output
    assert len(result.output.strip().splitlines()) == 1
