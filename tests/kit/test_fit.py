"""Output that fits an 80-column terminal: `drill list`, `drill stats` and `drill next` never cut
a slug, a status or a verdict (they drop columns instead), and long lines wrap with a hanging
indent that keeps `O(n log n)` whole and never starts a line with `- `."""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from harness import render
from harness.problems import catalogue
from harness.practice import progress
from harness.render import commands as say
from harness.render.terminal import hanging, print_wrapped

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
SLUGS = [p.slug for p in catalogue.problems()]


def _console(width: int) -> Console:
    return Console(width=width, record=True, color_system=None, file=io.StringIO())


def _lines(con: Console) -> list[str]:
    return [line.rstrip() for line in con.export_text(clear=False).splitlines()]


def _rows() -> list[dict]:
    """Every problem, with the widest status and verdict on the longest slug."""
    rows = [r.to_dict() for r in progress.progress(None, list(catalogue.problems()), NOW)]
    longest = max(rows, key=lambda r: len(r["problem"]))
    longest.update(status="solved with help", last_verdict="memory_limit_exceeded", best_complexity="inconclusive",
                   solves_unaided=2, solves_aided=1)
    return rows


@pytest.mark.parametrize("width", [80, 60])
def test_list_and_stats_never_cut_a_slug_a_status_or_a_verdict(width: int) -> None:
    rows = _rows()
    listed = _console(width)
    render.problem_list(listed, progress.listing(None, list(catalogue.problems()), NOW), None)
    stats = _console(width)
    render.stats(stats, rows, [])
    for con in (listed, stats):
        lines = _lines(con)
        assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
        assert "…" not in "\n".join(lines)
        first_words = [line.split()[0] for line in lines if line.split()]
        assert set(SLUGS) <= set(first_words)  # each slug whole, on a line of its own row
    if width == 80:  # the attempts and the solves stay (the README promises them); less needed columns go first
        assert _lines(stats)[0].split()[:4] == ["problem", "status", "attempts", "solves"]
        assert any("solved with help" in line and "2 alone, 1 helped" in line for line in _lines(stats))


def test_stats_at_80_columns_keep_attempts_solves_and_complexity_beside_the_usual_statuses() -> None:
    rows = [r.to_dict() for r in progress.progress(None, list(catalogue.problems()), NOW)]
    rows[0].update(status="tests pass", last_verdict="too_slow", best_complexity="fail", solves_unaided=1)
    con = _console(80)
    render.stats(con, rows, [])
    header = " ".join(_lines(con)[:2])  # a header may wrap onto a second line
    assert all(word in header for word in ("attempts", "solves", "best", "complexity"))
    assert any("1 alone" in line and "✗ fail" in line for line in _lines(con))


@pytest.mark.parametrize(("unaided", "aided", "said"), [(0, 0, "0"), (2, 0, "2 alone"), (0, 1, "1 helped"), (2, 1, "2 alone, 1 helped")])
def test_solves_say_which_had_help(unaided: int, aided: int, said: str) -> None:
    assert render.solves_text(unaided, aided) == said


@pytest.mark.parametrize(("columns", "width"), [(None, 80), ("120", 120), ("not a number", 80)])
def test_piped_tables_fit_80_columns_or_COLUMNS_one_line_per_problem_never_padded(workspace, monkeypatch, columns: str | None,
                                                                                 width: int) -> None:
    """`drill list | grep window` printed ~160 columns: piped, a table fits $COLUMNS (else 80), one
    line per problem, and says which columns it left out."""
    from click.testing import CliRunner

    from harness.cli import cli

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    for command in ("list", "stats"):
        lines = CliRunner().invoke(cli, [command], catch_exceptions=False).stdout.splitlines()
        assert lines and all(line == line.rstrip() for line in lines), command
        table = [line for line in lines[:len(SLUGS) + 1]]
        assert all(len(line) <= width for line in table), (command, table)
        assert set(SLUGS) <= {line.split()[0] for line in table[1:]}  # one line per problem: nothing folded
        note = lines[len(SLUGS) + 1]
        if width == 120 and command == "stats":  # every column fits: nothing to say
            assert not note.strip() and "last verdict" in table[0], lines
            continue
        assert note.startswith("Not shown at this width: ") and f"drill {command} --json" in note, lines
        assert all(header not in table[0] for header in note.split(": ", 1)[1].split(" (`")[0].split(", "))


def test_a_table_that_drops_columns_says_which_and_that_json_has_them() -> None:
    """At 80 columns `drill stats` showed status, attempts and solves, and nothing said the others were hidden."""
    rows = _rows()
    for width, hidden in ((80, True), (200, False)):
        stats, listed = _console(width), _console(width)
        render.stats(stats, rows, [])
        render.problem_list(listed, progress.listing(None, list(catalogue.problems()), NOW), None)
        for con, command in ((stats, "drill stats"), (listed, "drill list")):
            lines = _lines(con)
            notes = [line for line in lines if line.startswith("Not shown at this width")]
            assert len(notes) == (1 if hidden else 0), lines
            if hidden:
                said = " ".join(line.strip() for line in lines[lines.index(notes[0]):] if line.strip())
                assert f"`{command} --json` has every column" in said and all(len(line) <= width for line in lines)
                left_out = said.split(": ", 1)[1].split(" (`")[0].split(", ")
                assert left_out and all(header not in lines[0] for header in left_out)
    stats = _console(80)
    render.stats(stats, rows, [])
    assert "hints" in " ".join(_lines(stats)) and "last verdict" in " ".join(_lines(stats))


def test_the_mock_panel_never_cuts_a_slug_or_a_verdict() -> None:
    rows = [{"problem": slug, "file": f"{slug}.py", "verdict": "memory_limit_exceeded", "tests": "3/12", "complexity": "inconclusive",
             "attempts": 2} for slug in SLUGS]
    for width in (80, 60):
        con = _console(width)
        con.print(render.mock_panel("Mock interview #1", rows, [Text("footer")]))
        lines = _lines(con)
        assert all(len(line) <= width for line in lines) and "…" not in "\n".join(lines)
        for slug in SLUGS:
            assert any(f"│ {slug} " in line and "memory_limit_exceeded" in line for line in lines), slug


def test_a_wide_terminal_shows_every_column() -> None:
    con = _console(200)
    render.problem_list(con, progress.listing(None, list(catalogue.problems()), NOW), None)
    header = _lines(con)[0].split()
    assert header[:2] == ["problem", "title"] and "tags" in header and "difficulty" in header


def test_next_fits_and_wraps_its_reasons_under_their_column() -> None:
    rows = [{"problem": slug, "title": "t", "difficulty": "hard", "due_at": None, "status": "started",
             "reason": "started, not solved yet (last verdict memory_limit_exceeded): finish it, and then a longer tail"}
            for slug in SLUGS]
    con = _console(80)
    say.next_up(con, rows, go_on=True)
    lines = _lines(con)
    assert all(len(line) <= 80 for line in lines)
    assert "…" not in "\n".join(lines)
    assert set(SLUGS) <= {line.split()[0] for line in lines if line.split()}
    assert "memory_limit_exceeded" in "\n".join(lines)


def test_hanging_keeps_brackets_whole_and_never_starts_a_line_with_a_dash() -> None:
    text = ("  target: record in O(log n) amortised (expiry included), percentile in O(log n); a refused "
            "call at ts == now - window_s is out of the window, and O(n log n) per query is too slow")
    for width in range(40, 90, 3):
        lines = [line.plain for line in hanging(text, width)]
        assert all(len(line) <= width for line in lines)
        assert " ".join(" ".join(lines).split()) == " ".join(text.split())  # nothing lost


def test_hanging_never_splits_a_long_command_in_backticks() -> None:
    """The damaged-log error's commands were split across lines (`drill doctor` / `--repair-log
    ...`, `mv` / `'...'`): a pasted line ran half a command. A command stays on one line; one
    wider than the terminal gets a line of its own, whole, for the terminal to fold."""
    from harness.practice import messages as practice_messages

    workspace = Path("/home/someone/interview prep/workspace")
    text = "drill: error: " + practice_messages.log_damaged(workspace / ".drill/attempts.sqlite3", "file is not a database",
                                                          practice_messages.log_recovery(workspace, workspace / ".drill/attempts.sqlite3"))
    commands = re.findall(r"`[^`]*`", text)
    assert len(commands) == 2 and any(len(c) > 80 for c in commands)
    for width in range(40, 121):
        lines = [line.plain for line in hanging(text, width, 14)]
        for command in commands:
            assert any(command in line for line in lines), (width, command, lines)
        assert all(len(line) <= width or line.strip().startswith("`") for line in lines), (width, lines)
        assert "".join("".join(lines).split()) == "".join(text.split())  # nothing lost (a long path may be cut)
        assert all(line.startswith("    ") and not line.lstrip().startswith("- ") for line in lines[1:])
        joined = "\n".join(lines)
        assert "O(log\n" not in joined and "O(n\n" not in joined


def test_a_labelled_value_hangs_under_the_value() -> None:
    line = Text("  input     LRUCache(3); put('a', 1); put('b', 2); put('c', 3); put('b', 20); put('c', 30); get('a')")
    wrapped = [w.plain for w in hanging(line, 60)]
    assert len(wrapped) > 1 and all(w.startswith(" " * 12) and w[12] != " " for w in wrapped[1:])


def test_piped_output_is_never_wrapped() -> None:
    con = Console(width=200, soft_wrap=True, record=True, color_system=None, file=io.StringIO())
    long = "word " * 60
    print_wrapped(con, long)
    assert len(con.export_text().splitlines()) == 1


@pytest.mark.parametrize("verdict, command, says", [
    ("too_slow", "check", "drill bench shows how its time grows; drill check judges it again"),
    ("accepted", "test", "drill check judges it all, the complexity target included"),
    ("accepted", "check", "drill test judges it; drill watch on every save"),
    ("wrong_answer", "test", "drill test judges it; drill watch on every save"),
])
def test_bare_drill_names_the_command_that_tells_what_is_next(verdict: str, command: str, says: str) -> None:
    from harness.render.commands import where_you_stand

    con = Console(width=80, record=True, color_system=None, file=io.StringIO())
    run = {"verdict": verdict, "command": command, "passed": 23, "total": 23, "started_at": "2026-12-07T13:29:00+00:00"}
    where_you_stand(con, solved=0, total=12, current="lru_cache", last_run=run, next_row=None, workspace=None)
    assert says in " ".join(con.export_text().split())


@pytest.mark.parametrize("slug", SLUGS)
def test_show_wraps_its_header_at_its_separators_and_gives_the_status_a_line_of_its_own(slug: str) -> None:
    """At 80 columns no header line ends in the middle of a part, so a lone `started` never makes a line."""
    problem = catalogue.get(slug)
    con = _console(80)
    render.statement(con, problem, "started", pager=False)
    lines = _lines(con)
    header = lines[:lines.index(next(line for line in lines if line.startswith("Complexity target:")))]
    assert header[-1] == "status: started" and all(len(line) <= 80 for line in header)
    parts = [", ".join(problem.tags), f"interview budget {problem.interview_minutes} min"]
    joined = " ".join(line.strip() for line in header[:-1])
    assert joined == f"{problem.title}   {problem.difficulty} · " + " · ".join(parts)
    assert any(parts[-1] in line for line in header)  # a part short enough for a line is never split


def test_drill_run_wraps_a_call_and_its_mark_under_the_call_not_at_column_0() -> None:
    call = {"call": 'shortest_paths({"a": [("b", 2)], "b": [("c", -1)], "c": []}, "a")', "raised": None, "message": None,
            "value": "{}", "status": "differs", "expected": "raises ValueError", "where": []}
    report = {"problem": "dijkstra", "file": "/w/dijkstra.py", "load_error": None, "skipped": [], "matched": 0, "checked": 1, "ok": False,
              "cases": [{"ok": False, "name": "example 3: a negative weight is a ValueError", "origin": "examples",
                         "calls": [call], "not_run": 0, "output": None}]}
    con = _console(80)
    say.run_report(con, report)
    lines = _lines(con)
    at = next(i for i, line in enumerate(lines) if line.startswith("    shortest_paths("))
    assert len(lines[at]) <= 80 and lines[at + 1].startswith("      ") and "raises ValueError" in " ".join(lines[at:at + 2])


def test_the_mock_panels_failing_case_hangs_its_input_under_its_label() -> None:
    failure = {"test": "t", "title": "a long case", "message": "wrong answer", "input": "LRUCache(2); " * 12, "expected": "1", "actual": "2"}
    con = _console(80)
    con.print(say.mock_screen(1, 600, 45, [], [], [("lru_cache", failure)]))
    lines = _lines(con)
    at = next(i for i, line in enumerate(lines) if "│   input" in line)
    assert lines[at + 1].startswith("│" + " " * 13) and "LRUCache" in lines[at + 1]


def test_a_live_screen_does_not_echo_ctrl_c_and_gives_the_terminal_back(monkeypatch) -> None:
    """An echoed `^C` after a full-width panel moves the cursor a line down, and the last redraw then leaves the
    panel's top border twice (drill watch, drill mock): the screen turns the echo off while live, and back on."""
    import os
    import sys
    import termios

    from harness.render.terminal import Screen

    leader, follower = os.openpty()
    with os.fdopen(follower, "r") as tty, os.fdopen(leader, "w"):
        monkeypatch.setattr(sys, "stdin", tty)
        assert termios.tcgetattr(follower)[3] & termios.ECHOCTL
        with Screen(Console(width=80, file=io.StringIO(), force_terminal=True)) as screen:
            screen.show(Text("panel"))
            assert not termios.tcgetattr(follower)[3] & termios.ECHOCTL
        assert termios.tcgetattr(follower)[3] & termios.ECHOCTL


def test_reveal_hangs_a_long_input_under_its_label() -> None:
    failure = {"test": "t", "title": "a long case", "message": "wrong answer", "input": "c.put(1, 1); " * 12, "expected": "1", "actual": "2"}
    run = {"id": 3, "started_at": "2026-12-07T09:00:00+00:00", "verdict": "wrong_answer", "first_failure": failure}
    con = _console(80)
    say.reveal(con, "lru_cache", run, pager=False)
    lines = _lines(con)
    at = next(i for i, line in enumerate(lines) if line.lstrip().startswith("input"))
    assert len(lines[at]) <= 80 and lines[at + 1].startswith(" " * 8) and "c.put" in lines[at + 1]


def test_reveal_pytest_lines_hang_under_their_labels_and_a_long_path_starts_beside_its_label() -> None:
    folder = Path("/tmp/a-rather-long-folder-name/for/the/workspace/of/this/user")
    run = {"id": 4, "verdict": "runtime_error"}
    con = _console(80)
    say.pytest_written(con, "cycle_detection", run, folder / "test_cycle_detection_run4.py", folder / "cycle_detection.py", fresh=True)
    lines = _lines(con)
    assert all(len(line) <= 80 for line in lines if "run it" not in line), lines
    for label in ("wrote", "imports"):
        at = next(i for i, line in enumerate(lines) if line.lstrip().startswith(label))
        assert lines[at].startswith(f"  {label:<9} /"), lines  # never a label alone
        assert lines[at + 1].startswith(" " * 12) and not lines[at + 1].startswith(" " * 13), lines  # under the value
    # The command is whole beside its label (the terminal folds it): a line of it pasted alone ran
    # pytest without the file.
    run_it = next(line for line in lines if line.lstrip().startswith("run it"))
    assert run_it.startswith(f"  {'run it':<9} `cd {folder} && pytest -p no:cacheprovider -o addopts= test_cycle_detection_run4.py`")


def _mock_report() -> dict:
    rows = [{"problem": "distributed_cache_node_fails", "solved": True, "time_to_accept_s": 754.0, "attempts": 3,
             "last_verdict": "accepted", "complexity": "pass", "judged_at_end": False, "saved_at": None},
            {"problem": "cycle_detection", "solved": False, "time_to_accept_s": None, "attempts": 2,
             "last_verdict": "memory_limit_exceeded", "complexity": None, "judged_at_end": True, "saved_at": "2026-12-07T09:40:00+00:00"}]
    return {"id": 2, "started_at": "2026-12-07T09:00:00+00:00", "minutes": 60, "used_s": 3061.0, "ended_at": "2026-12-07T09:51:01+00:00",
            "solved": 1, "problems": rows, "not_judged": []}


def test_the_mock_report_never_cuts_a_slug_or_a_verdict_and_says_its_times_as_report_md_does() -> None:
    from harness.render import markdown

    report = _mock_report()
    con = _console(80)
    render.mock_report(con, report)
    lines = _lines(con)
    text = "\n".join(lines)
    assert all(len(line) <= 80 for line in lines) and "…" not in text, text
    assert any(line.startswith("distributed_cache_node_fails") and "✓ accepted" in line for line in lines), text
    assert any(line.startswith("cycle_detection") and "✗ memory_limit_exceeded *" in line for line in lines), text
    written = markdown.mock_report(report)
    for said in ("51 min 01 s", "12 min 34 s"):  # the time used, the time to accept: one form on screen and in report.md
        assert said in text and said in written, (text, written)


def test_the_watch_panels_interviewer_question_wraps_under_its_text_not_its_bullet() -> None:
    note = "Your heap keeps outdated entries: over a stream of m adds on n distinct events, how big can it get?"
    con = _console(80)
    con.print(say.watch_screen("top_k_stream", Path("/tmp/top_k_stream.py"), None, missing=False, timer=None, notes=[note],
                               suggest_check=True, judged_at="12:00:00"))
    lines = _lines(con)
    at = next(i for i, line in enumerate(lines) if "│ • Your heap" in line)
    assert lines[at + 1].startswith("│   ") and "how big" in lines[at + 1], lines[at:at + 2]


@pytest.mark.parametrize("width", [80, 120])
def test_the_mocks_file_list_never_cuts_the_show_command_in_two(width: int) -> None:
    folder = Path("/tmp/pass-user/workspace/mocks/20261207-190839")
    files = [("cycle_detection", folder / "cycle_detection.py"), ("dijkstra", folder / "dijkstra.py")]
    con = _console(width)
    say.mock_started(con, 1, 60, files)
    lines = _lines(con)
    for slug, path in files:
        assert any(f"(drill show {slug})" in line for line in lines), lines
        assert any(line.startswith(f"  {path}") for line in lines), lines
    assert all(len(line) <= width for line in lines), lines


def test_every_hint_again_wraps_each_under_its_text_not_at_column_0() -> None:
    hints = list(catalogue.get("lru_cache").hints)
    con = _console(80)
    say.hints_exhausted(con, "lru_cache", hints, pager=False)
    lines = _lines(con)
    numbered = [i for i, line in enumerate(lines) if line.startswith("  1. ")]
    assert numbered and len(lines[numbered[0]]) <= 80
    assert lines[numbered[0] + 1].startswith("     ") and lines[numbered[0] + 1][5] != " ", lines[numbered[0]:numbered[0] + 2]
    assert all(line.startswith("  ") for line in lines[numbered[0]:]), lines


@pytest.mark.parametrize("text", [
    "Every save is judged. The clock keeps running if you close this terminal; `drill mock` comes back.",
    "✓ Redis Cluster of 3 masters (the Redis Cluster stage of `drill check`): started, answered and stopped in 2.16 s",
    "That was the last hint. You solved it in this attempt: `drill solution lru_cache` compares your code with the accepted approaches.",
])
def test_hanging_never_cuts_a_short_command_in_backticks(text: str) -> None:
    for width in range(40, 121):
        lines = [line.plain for line in hanging(text, width)]
        assert all(line.count("`") % 2 == 0 for line in lines), (width, lines)
        assert all(len(line) <= width for line in lines), (width, lines)
        assert " ".join(" ".join(lines).split()) == " ".join(text.split())  # nothing lost


@pytest.mark.parametrize("slug", [p.slug for p in catalogue.problems()])
def test_show_fits_every_statements_code_in_80_columns(slug: str) -> None:
    """`drill show` at 80 columns broke ~50 code lines of the statements inside their comments, at
    column 0 of the block (`# another key, same clock: accepted (158 >=` / `155)`). A comment
    that does not fit is folded under its `#`, and every code line fits (rich's block: 78)."""
    from rich.cells import cell_len

    from harness.render.terminal import fold_code_comments

    text = catalogue.get(slug).statement_path.read_text(encoding="utf-8")
    folded = fold_code_comments(text, 78)
    in_code = False
    for line in folded.split("\n"):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        elif in_code:
            assert cell_len(line) <= 78, line
    assert re.sub(r"[\s#]", "", folded) == re.sub(r"[\s#]", "", text)  # nothing lost


def test_show_on_a_terminal_folds_a_long_comment_under_its_hash() -> None:
    con = Console(width=80, record=True, force_terminal=True, file=io.StringIO())
    render.statement(con, catalogue.get("window_stats"), None, pager=False)
    lines = _lines(con)
    folded = [i for i, line in enumerate(lines) if line.strip() == "# 155)"]
    assert folded and lines[folded[0] - 1].strip().startswith('s.record("/home", 158, 5.0)'), lines
    assert lines[folded[0]].index("#") == lines[folded[0] - 1].index("#")


def test_doctors_protections_wrap_two_columns_in_whatever_their_name() -> None:
    """`✓ memory limit  (RLIMIT_AS, ...)` looked like a label and its value, and its detail hung
    at column 16 while every other protection's hung at 2."""
    con = _console(80)
    render.doctor(con, [("memory limit", True, "RLIMIT_AS, the problem's memory_limit_mb; 64 open files; no files in /dev, "
                                                 "no memfd or shared memory, no larger socket or pipe buffers")])
    lines = _lines(con)
    assert len(lines) > 1 and all(line.startswith("  ") and line[2] != " " for line in lines[1:]), lines


def _no_line_at_column_0_after(lines: list[str], first: int) -> bool:
    """The lines after `first` until a blank one hang under it: none starts at column 0."""
    rest = []
    for line in lines[first + 1:]:
        if not line.strip():
            break
        rest.append(line)
    return all(line.startswith(" ") for line in rest)


@pytest.mark.parametrize("width", [60, 80, 100])
def test_the_last_hint_keeps_its_command_whole_and_hangs_under_its_text(width: int) -> None:
    """`drill hint lru_cache` at 80 columns: "... You solved it in this attempt: `drill solution " then
    "lru_cache` compares ..." at column 0."""
    hints = list(catalogue.get("lru_cache").hints)
    for standing in (say.Standing(tried=True, solved=True), say.Standing(tried=True, can_reveal=True), say.Standing()):
        for show in (lambda con: say.hint(con, "lru_cache", hints, len(hints), standing, pager=False),
                     lambda con: say.hints_exhausted(con, "lru_cache", hints, standing, pager=False)):
            con = _console(width)
            show(con)
            lines = _lines(con)
            assert all(len(line) <= width for line in lines), lines
            assert all(line.count("`") % 2 == 0 for line in lines), lines  # every command whole on its line
            first = next(i for i, line in enumerate(lines) if line.startswith(("That was the last hint", "All ")))
            assert _no_line_at_column_0_after(lines, first), lines
    con = _console(80)
    say.hint(con, "lru_cache", hints, len(hints), say.Standing(tried=True, solved=True), pager=False)
    assert any("`drill solution lru_cache`" in line for line in _lines(con))


@pytest.mark.parametrize("width", [80, 120])
def test_bare_drills_next_up_keeps_drill_next_whole_without_nested_brackets(width: int) -> None:
    """`Next up: window_stats (started, not solved yet (the tests pass; ...): finish it) · drill` then `  next`."""
    from harness.render.commands import where_you_stand

    row = {"problem": "window_stats", "reason": "started, not solved yet (the tests pass; `drill check` has not accepted it): finish it"}
    con = _console(width)
    where_you_stand(con, solved=0, total=12, current=None, last_run=None, next_row=row, workspace=None)
    lines = _lines(con)
    at = next(i for i, line in enumerate(lines) if line.startswith("Next up: window_stats"))
    said = " ".join(line.strip() for line in lines[at:at + 3])
    assert "((" not in said and "))" not in said and ") ·" not in said, said
    assert any("`drill next` says more" in line for line in lines[at:at + 3]), lines
    end = next(i for i, line in enumerate(lines) if line.startswith("drill --help"))
    assert all(len(line) <= width for line in lines) and all(line.startswith("  ") for line in lines[at + 1:end]), lines


def test_doctors_fix_keeps_its_pip_command_whole() -> None:
    """`drill doctor` broke "— fix: pip" / "install -e '.[peers]'"."""
    from harness.practice import messages as practice_messages
    from harness.practice.doctor import Check

    fix = practice_messages.doctor_extra_fix("peers")
    check = Check("peers extra (optional)", False, "not installed (aiohttp, cachetools): drill dev peers needs it", fix, required=False)
    for width in range(50, 121, 7):
        con = _console(width)
        render.doctor(con, [], [check])
        lines = _lines(con)
        assert any("`pip install -e '.[peers]'`" in line for line in lines), (width, lines)
        assert all(len(line) <= width for line in lines), lines


@pytest.mark.parametrize("text", [
    "statement example: the diamond 1 -> 2 -> 4, 1 -> 3 -> 4 has no cycle (4 is reached twice), and the rest of a long title",
    "Keep the keys in a doubly linked list ordered by recency: move a node to the front on every get hit and put, "
    "evict from the back. The dict maps key -> node.",
    "a chain longer than any line: a → b → c → d → e → f → g → h → i → j → k → l → m → n → o → p → q → r → s → t → u",
])
def test_hanging_never_starts_a_line_with_an_arrow(text: str) -> None:
    """cycle_detection's "1 -> 2 -> 4, 1" wrapped so that the next line began "-> 3 -> 4" (read as a diff line)."""
    for width in range(24, 121):
        lines = [line.plain for line in hanging(text, width)]
        assert not [line for line in lines if line.lstrip().startswith(("->", "→"))], (width, lines)
        assert all(len(line) <= width for line in lines), (width, lines)
        assert " ".join(" ".join(lines).split()) == " ".join(text.split())  # nothing lost
    if "diamond" in text:  # a chain that fits a line stays whole
        assert any("1 -> 2 -> 4," in line.plain for line in hanging(text, 60))


def test_a_long_path_in_a_header_breaks_after_a_slash_not_mid_name() -> None:
    """`drill test --file LONGPATH` broke its header "…adv_memory_outside_the_proc" / "ess.py"."""
    from harness.verdicts import JudgeResult

    path = "/home/someone/interview-prep/solutions/window_stats/wrong_answer/adv_memory_outside_the_process.py"
    res = JudgeResult(problem="window_stats", verdict="wrong_answer", file=path, source_sha256="0" * 64, passed=1, failed=1, total=2)
    for width in (60, 80, 100):  # at 40 the file's name alone is wider than a line: it is cut, as nothing else can be
        con = _console(width)
        render.result(con, res)
        lines = _lines(con)
        header = lines[:next(i for i, line in enumerate(lines) if line.startswith("✗ wrong_answer"))]
        assert all(len(line) <= width for line in header), header
        assert any(line.strip().endswith("adv_memory_outside_the_process.py") for line in header), header
        assert all(line.endswith("/") for line in header[:-1] if "/" in line), header
        assert "".join(line.strip() for line in header).endswith(path.replace(" ", "")), header
