"""Terminal rendering for the CLI. Everything the user reads goes through here; JSON does not.

User and solution text is always passed as rich Text, never as markup, so a value
like "[1, 2]" prints as itself.
"""

from __future__ import annotations

import dataclasses
import io
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

import click
from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.pager import Pager
from rich.table import Table
from rich.text import Text

from harness import clock
from harness.problems.catalogue import Problem
from harness.words import calls_text, duration, duration_text, shown_url
from harness.verdicts import ACCEPTED, ERROR, FAIL, INCONCLUSIVE, JUDGE_ERROR, LEGACY_COMPLEXITY, PASS, UNDECIDED, JudgeResult

VERDICT_STYLE = {
    ACCEPTED: "bold green",
    JUDGE_ERROR: "bold magenta",
    UNDECIDED: "bold yellow",
}


def console(stderr: bool = False) -> Console:
    # rich honours NO_COLOR and drops colour when not writing to a terminal.
    con = Console(stderr=stderr, highlight=False)
    if not con.is_terminal:
        # Piped output (logs, CI) is read by tools: no wrapping at 80 columns.
        con = Console(stderr=stderr, highlight=False, width=200, soft_wrap=True)
    return con


def plain(con: Console) -> bool:
    return not con.is_terminal or "NO_COLOR" in os.environ


# Beside an accept of the hidden tests alone (progress.tests_only_accept): not yet a solve.
TESTS_ONLY = "(tests only)"


def verdict_text(verdict: str | None, *, tests_only: bool = False) -> Text:
    """A verdict with its mark; `tests_only`: an accept that judged the hidden tests alone (`drill
    test`, `watch`), which `drill check` has yet to judge with the complexity target."""
    if verdict is None:
        return Text("-", style="dim")
    mark = "✓ " if verdict == ACCEPTED else "? " if verdict == UNDECIDED else "✗ "
    text = Text(mark + verdict, style=VERDICT_STYLE.get(verdict, "bold red"))
    if tests_only and verdict == ACCEPTED:
        text.append(f" {TESTS_ONLY}", style="cyan")
    return text


# --- fitting the terminal -----------------------------------------------------------------------

_LABEL_GAP = re.compile(r"^ *\S.*?  +(?=\S)")  # `  input     LRUCache(3)`: the value column after a label


def _tokens(plain: str) -> list[tuple[int, int]]:
    """(start, end) of the words a line may break between: spaces inside brackets do not break
    (`O(n log n)` stays whole), nor inside a command in backticks (`drill mock`), a lone `-`
    or `—` stays with the word before it (a line that begins with `- ` reads like a diff), and a
    short `label: value` stays together."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, None
    keep = _spaces_in_code(plain)
    for i, ch in enumerate(plain):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if ch == " " and depth == 0 and i not in keep:
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(plain)))
    # A long bracketed stretch (a value, a sentence in parentheses) breaks at its spaces after all.
    spans = [piece for span in spans for piece in (_words(plain, *span, keep) if span[1] - span[0] > 24 else [span])]
    merged: list[tuple[int, int]] = []
    for span in spans:
        before = plain[merged[-1][0]:merged[-1][1]] if merged else ""
        if before.endswith(":") and not before.endswith("::") and span[1] - merged[-1][0] <= 32:
            merged[-1] = (merged[-1][0], span[1])  # `lru_cache: wrong_answer` stays on one line
        elif merged and plain[span[0]:span[1]] in ("-", "—", "–"):
            merged[-1] = (merged[-1][0], span[1])
        elif merged and plain[merged[-1][0]:merged[-1][1]] in ("-", "—", "–") and len(merged) > 1:
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    return _join_arrows(plain, merged)


ARROWS = ("->", "→")


def _join_arrows(plain: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`1 -> 2 -> 4` as one word: a line that begins with `-> 4` reads like a diff line (a chain
    wider than a line breaks after an arrow instead: _arrow_pieces)."""
    joined: list[tuple[int, int]] = []
    glue = False
    for span in spans:
        arrow = plain[span[0]:span[1]] in ARROWS
        if joined and (arrow or glue):
            joined[-1] = (joined[-1][0], span[1])
        else:
            joined.append(span)
        glue = arrow
    return joined


def _arrow_pieces(plain: str, start: int, end: int) -> list[tuple[int, int]]:
    """A chain `1 -> 2 -> 4` cut after each arrow (`1 ->`, `2 ->`, `4`), so that no line begins with one."""
    pieces: list[tuple[int, int]] = []
    piece = start
    for word_start, word_end in _words(plain, start, end):
        if plain[word_start:word_end] in ARROWS:
            pieces.append((piece, word_end))
            piece = None
        elif piece is None:
            piece = word_start
    if piece is not None:
        pieces.append((piece, end))
    return pieces


def _cut_at(plain: str, start: int, room: int, word: int) -> int:
    """Where to cut a line that starts at `start` in a word (from `word`) wider than the line: after
    the word's last `/` that fits (a path breaks between its folders, not mid-name), else where the
    line is full."""
    slash = plain.rfind("/", max(start, word) + 1, start + room)
    return slash + 1 if slash != -1 else start + room


def _words(plain: str, start: int, end: int, keep: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """The words of plain[start:end], split at its spaces but those in `keep`."""
    words: list[tuple[int, int]] = []
    word = None
    for i in range(start, end):
        if plain[i].isspace() and i not in keep:
            if word is not None:
                words.append((word, i))
                word = None
        elif word is None:
            word = i
    if word is not None:
        words.append((word, end))
    return words


def _spaces_in_code(plain: str) -> frozenset[int]:
    """The spaces inside commands in backticks (`drill solution lru_cache`): a command is never
    split, so that the line it is on can be copied and run."""
    ticks = [i for i, ch in enumerate(plain) if ch == "`"]
    return frozenset(i for a, b in zip(ticks[::2], ticks[1::2]) for i in range(a, b) if plain[i] == " ")


def hanging(text: Text | str, width: int, hang: int | None = None) -> list[Text]:
    """`text` wrapped to `width` columns, each continuation indented by `hang` (default: under the
    value after a label, `  input     ...`, else two past the line's own indent), styles kept."""
    text = Text(text) if isinstance(text, str) else text
    plain = text.plain
    if len(plain) <= width or "\n" in plain:
        return [text]
    label = _LABEL_GAP.match(plain)
    if label is not None and label.end() > 24:
        label = None
    if hang is None:
        indent = len(plain) - len(plain.lstrip(" "))
        hang = label.end() if label else indent + 2
    hang = min(hang, max(0, width // 2))
    lines: list[Text] = []
    line_start, line_end, room = 0, None, width
    after_command = False
    tokens = [piece for span in _tokens(plain)
              for piece in (_arrow_pieces(plain, *span) if span[1] - span[0] > width - hang and plain[span[0]] != "`" else [span])]
    for start, end in tokens:
        if after_command:
            line_start, line_end, after_command = start, None, False
        if plain[start] == "`" and end - start > width - hang:
            # A command wider than a line gets a line of its own (or stays beside the label it is
            # the value of), whole: the terminal folds it without a newline, so it still copies
            # and runs as one line.
            beside_label = line_end is not None and label is not None and line_end <= label.end()
            if line_end is not None and not beside_label:
                lines.append(text[line_start:line_end])
                line_start = start
            lines.append(text[line_start:end])
            room, after_command = width - hang, True
            continue
        # A word wider than any line (a long path) is cut where it stands, not moved to a line of its own.
        if line_end is not None and end - line_start > room and end - start <= width - hang:
            lines.append(text[line_start:line_end])
            line_start, room = start, width - hang
        while end - line_start > room:  # a word wider than the line: cut it
            cut = _cut_at(plain, line_start, room, start)
            lines.append(text[line_start:cut])
            line_start, room = cut, width - hang
        line_end = end
    if not after_command:
        lines.append(text[line_start:line_end if line_end is not None else len(plain)])
    return [lines[0], *(Text(" " * hang) + rest for rest in lines[1:])]


def print_wrapped(con: Console, text: Text | str, hang: int | None = None) -> None:
    """Print one logical line: wrapped with a hanging indent on a terminal, whole when piped."""
    if con.soft_wrap:
        con.print(text)
        return
    for line in hanging(text, con.width or 80, hang):
        con.print(line, overflow="ignore", crop=False, no_wrap=True)


@dataclass(frozen=True)
class Column:
    """A column of a table that must fit the terminal. `drop`: 0 never dropped, else dropped
    before the columns of lower numbers; `wrap`: long text wraps in its column, otherwise the
    column is never cut (a slug, a verdict, a status: what the user types or acts on)."""

    header: str
    drop: int = 0
    wrap: bool = False
    min_width: int | None = None  # a wrapped column narrower than this is dropped instead


def fitted_table(con: Console, columns: Sequence[Column], rows: Sequence[Sequence[Text | str]], *,
                 command: str | None = None) -> FittedTable:
    """A table of `rows` that fits the width it is drawn at (a terminal, or a panel in it): optional
    columns are dropped (highest `drop` first) until every header, and every cell of the columns
    that are never cut, shows whole. Piped, it fits piped_width() with one line per row (a column
    that would wrap is dropped instead). `command` (`drill stats`): a dropped column is named
    under the table, with the command's --json that has them all."""
    return FittedTable(plain(con), columns, rows, command=command)


def piped_width() -> int:
    """The width piped output's tables fit: $COLUMNS when set, else 80 (a tool reads the lines;
    a person reading a log or a pager is still at a terminal of about that width)."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    return columns if columns > 0 else 80


class FittedTable:
    """fitted_table's renderable: the columns are chosen when it is drawn, for the width it gets."""

    def __init__(self, plain: bool, columns: Sequence[Column], rows: Sequence[Sequence[Text | str]], *,
                 command: str | None = None) -> None:
        self.plain, self.columns, self.rows, self.command = plain, list(columns), [list(row) for row in rows], command

    def table(self, width: int) -> Table:
        """The table with the columns that fit `width`."""
        return self.fit(width, self.columns)[0]

    def fit(self, width: int, columns: Sequence[Column]) -> tuple[Table, list[str]]:
        """The table of `columns` that fits `width`, and the headers of the columns it left out."""
        rows = self.rows
        shown = list(range(len(columns)))
        while True:
            table = _table_of(self.plain, [columns[i] for i in shown], [[row[i] for i in shown] for row in rows])
            left_out = [c.header for i, c in enumerate(columns) if i not in shown]
            droppable = [i for i in shown if columns[i].drop]
            if not droppable:
                return table, left_out
            whole = [_plain(row[i]) for row in rows for i in shown if not columns[i].wrap]
            words = [word for i in shown for word in columns[i].header.split()] + [c.header for i in shown if not (c := columns[i]).wrap]
            probe = Console(width=width, color_system=None, record=True, file=io.StringIO())
            probe.print(table)
            drawn = probe.export_text()
            if all(cell in drawn for cell in whole + words):
                return table, left_out
            shown.remove(max(droppable, key=lambda i: (columns[i].drop, i)))

    def left_out_note(self, left_out: Sequence[str]) -> Text:
        return Text(f"Not shown at this width: {', '.join(left_out)} (`{self.command} --json` has every column, "
                    f"as does a wider terminal).", style="dim")

    def __rich_console__(self, console: Console, options: Any) -> Any:
        if console.soft_wrap:  # piped: one line per row, at piped_width()
            width = piped_width()
            table, left_out = self.fit(width, [dataclasses.replace(c, wrap=False) for c in self.columns])
            yield from _whole(console, options, table, width)
        else:
            table, left_out = self.fit(options.max_width or 80, self.columns)
            yield table
        if left_out and self.command:
            yield Hanging(self.left_out_note(left_out))


def _whole(console: Console, options: Any, table: Table, width: int) -> Any:
    """`table` at most `width` wide, as wide as its content, each line without the padding after
    its last cell: piped output is never padded to a width no terminal chose."""
    from rich.measure import Measurement
    from rich.segment import Segment

    natural = Measurement.get(console, options.update(width=width), table).maximum
    for line in console.render_lines(table, options.update(width=max(min(natural, width), 1)), pad=False):
        while line and not line[-1].control and not line[-1].text.strip():
            line.pop()
        if line and not line[-1].control:
            line[-1] = Segment(line[-1].text.rstrip(), line[-1].style)
        yield from line
        yield Segment.line()


def _plain(cell: Text | str) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _table_of(plain: bool, columns: Sequence[Column], rows: Sequence[Sequence[Text | str]]) -> Table:
    table = Table(box=None if plain else box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column.header, overflow="fold", no_wrap=not column.wrap, min_width=column.min_width)
    for row in rows:
        table.add_row(*row)
    return table


def _table(con: Console, *columns: str) -> Table:
    table = Table(box=None if plain(con) else box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        table.add_column(column)
    return table


def result_lines(res: JudgeResult, *, show_file: bool = True, header: bool = True, full: bool = False) -> list[Text]:
    lines: list[Text] = []
    if header:
        title = Text()
        title.append(res.problem, style="bold")
        if show_file:
            title.append(f"  {res.file}", style="dim")
        lines.append(title)
    line = verdict_text(res.verdict)
    if res.total:
        line.append(f"   {res.passed}/{res.total} hidden tests passed")
        if res.not_run:
            failed = res.total - res.passed - res.not_run
            line.append(f" ({failed} failed, {res.not_run} not run: the run stopped early; the first failure is below)", style="dim")
    line.append(f"   {_took(res)}", style="dim")
    lines.append(line)
    for stage in res.skipped_stages:
        lines.append(Text(f"  {skipped_stage_text(stage)}", style="yellow"))
    for report in res.reports:
        lines.append(Text(f"  {report_text(report)}", style="dim"))
    failure = res.first_failure
    if failure is not None:
        lines.append(Text())
        lines += failure_lines(res, failure, full=full)
    elif res.message and res.verdict != ACCEPTED:
        lines.append(Text("  " + res.message))
    return lines


SKIPPED_STAGES = {
    "redis_cluster": "the Redis Cluster stage ({tests} hidden tests) was skipped "
                     "for speed; `drill check` runs it",
    "complexity": "the complexity check was interrupted before it ended: this run's complexity is not checked; `drill check` runs it",
}


REPORT_UNITS = {"_ms": "{:.1f} ms", "_s": "{:.2f} s", "_share": "{:.0%}"}


def report_field(key: str, value: Any) -> str:
    """One field of a suite's report: its key as words, its value in the unit its suffix names."""
    if value is None:  # the suite could not measure it (and does not guess)
        return f"{key.replace('_', ' ')} n/a"
    for suffix, form in REPORT_UNITS.items():
        if key.endswith(suffix) and isinstance(value, (int, float)) and not isinstance(value, bool):
            return f"{key[:-len(suffix)].replace('_', ' ')} {form.format(value)}"
    return f"{key.replace('_', ' ')} {value}"


def report_text(report: dict[str, Any]) -> str:
    """A report the suite attached (testing.attach_report), on one line: its name, then its fields."""
    data = report.get("data") or {}
    return f"{report.get('name')}: " + ", ".join(report_field(str(k), v) for k, v in data.items())


def skipped_stage_text(stage: dict[str, Any]) -> str:
    words = SKIPPED_STAGES.get(str(stage.get("stage")), "the {stage} stage ({tests} hidden tests) was skipped; `drill check` runs it")
    return words.format(stage=stage.get("stage"), tests=stage.get("tests", "?"))


def _took(res: JudgeResult) -> str:
    """The run's time; with a complexity check, split: the tests' time beside the tests' count,
    then the check's (duration_s, as in --json, is the whole run)."""
    bench = (res.complexity or {}).get("duration_s")
    if not bench or bench > res.duration_s:
        return duration(res.duration_s)
    return f"{duration(res.duration_s - bench)}, then {duration(bench)} for the complexity check"


def failure_lines(res: JudgeResult, failure: Any, *, full: bool = False) -> list[Text]:
    get = (lambda k: getattr(failure, k)) if not isinstance(failure, dict) else failure.get
    lines: list[Text] = []
    where = ""
    names = [t.test for t in res.tests] if res is not None else []
    if get("test") in names:
        where = f"test {names.index(get('test')) + 1} of {len(names)}: "
    heading = "Case the judge could not decide" if get("verdict") == UNDECIDED else "First failing case"
    lines.append(Text(f"{heading} — {where}{get('title')}", style="bold"))
    lines.append(Text("  " + (get("message") or "")))
    fulls = (get("full") or {}) if full else {}
    rows: list[tuple[str, str | None]] = []
    if get("minimal_example"):
        rows.append(("minimal example (shrunk by Hypothesis)", fulls.get("input") or get("minimal_example")))
    rows += [
        ("input", fulls.get("input") or get("input")) if not get("minimal_example") else ("input", None),
        ("expected", fulls.get("expected") or get("expected")),
        ("got", fulls.get("actual") or get("actual")),
    ]
    for label, value in rows:
        if value is not None:
            body = Text(f"  {label:<9} ", style="cyan")
            body.append(value)
            lines.append(body)
    for frame in get("traceback") or []:
        lines.append(Text(f"  at {frame}", style="yellow"))
    if get("output"):
        lines.append(Text("  your output:", style="dim"))
        for out_line in get("output").splitlines()[-12:]:
            lines.append(Text(f"    {out_line}", style="dim"))
    return lines


def result(con: Console, res: JudgeResult, *, show_file: bool = True) -> None:
    for line in result_lines(res, show_file=show_file):
        print_wrapped(con, line)
    if res.complexity:
        summary = str(res.complexity.get("summary") or "")
        complexity(con, res.complexity, summary_said=bool(summary) and summary in (res.message or ""))


COMPLEXITY_STYLE = {PASS: ("✓ ", "bold green"), FAIL: ("✗ ", "bold red"), INCONCLUSIVE: ("? ", "bold yellow"), ERROR: ("! ", "bold magenta")}


def complexity_text(outcome: str | None) -> Text:
    if outcome is None:
        return Text("-", style="dim")
    mark, style = COMPLEXITY_STYLE.get(outcome, ("", ""))
    return Text(mark + outcome, style=style)


def complexity(con: Console, report: dict[str, Any], *, summary_said: bool = False) -> None:
    """A complexity report; `summary_said`: the verdict's message above already said its summary (too_slow's), so it is not said again."""
    con.print()
    summary = "" if summary_said else f"   {report.get('summary', '')}"
    print_wrapped(con, Text("Complexity: ", style="bold") + complexity_text(report.get("verdict")) + Text(summary), 4)
    # Each line wrapped to the terminal, its continuation indented under its own text.
    for line in complexity_lines(report):
        indent = 2 + len(line) - len(line.lstrip(" "))
        print_wrapped(con, Text(" " * indent + line.strip(), style="dim" if line.startswith("  ") else ""), indent + 2)


def _mark(verdict: str | None) -> str:
    return complexity_text(verdict).plain


def per_call(fam: dict[str, Any]) -> tuple[tuple[float, float], tuple[float, float], str]:
    """A timed family's figures as the report and the plot both give them: seconds per call where
    the run counts its calls (one run's calls can grow with n), else per run."""
    (c1, c2), (r1, r2) = fam["cand"], fam["ref"]
    ops = fam.get("ops")
    if ops and ops[0] > 0 and ops[1] > 0:
        return (c1 / ops[0], c2 / ops[1]), (r1 / ops[0], r2 / ops[1]), "call"
    return (c1, c2), (r1, r2), "run"


def _time_rule_met(rule: str, *, limits: tuple[float, float, float, float, float]) -> str:
    """The clause of the timing rule a family met (TimedFamily.rule, recorded by the bench), in words;
    "" for none (a report stored before the bench recorded it)."""
    t_pass, t_fail, e_fail, e_min_g, sd_fail = limits
    return {"growth": f"G > {t_fail:g}", "excess": f"G > {e_min_g:g} and E > {e_fail:g}",
            "slowdown": f"over {sd_fail:g}x the reference's time", "pass": f"G < {t_pass:g}, no fail rule met",
            "between": f"G between {t_pass:g} and {t_fail:g}",
            "hidden growth": f"at the third size, G_d > {math.sqrt(t_fail):.2g}, or G_d > {e_min_g:g} and E_d > {e_fail:g}",
            "hidden growth between": f"at the third size, G_d between {math.sqrt(t_pass):.2f} and {math.sqrt(t_fail):.2g}"}.get(rule, "")


def complexity_lines(report: dict[str, Any]) -> list[str]:
    """A complexity report (ComplexityReport.to_dict(), as stored) as the lines a person reads."""
    if "timed" not in report:
        return list(report.get("lines", []))  # a report stored before reports were kept as data
    limits = report.get("thresholds", {})
    t_pass, t_fail = limits.get("time_pass_below", 2.5), limits.get("time_fail_above", 4.0)
    e_fail, e_min_g = limits.get("excess_fail_above", 2.0), limits.get("excess_needs_g_above", 1.3)
    c_pass, c_fail = limits.get("count_pass_at_most", 1.2), limits.get("count_fail_at_least", 1.35)
    sd_fail = limits.get("slowdown_fail_above", 25.0)
    lines = [f"target: {report.get('target', '')}"] if report.get("target") else []
    if report.get("timed_calls"):
        lines.append(f"timed: your calls to {calls_text(report['timed_calls'])}, beside the reference's"
                     + (f"; set-up before them (not timed, but capped): {calls_text(report['setup_calls'])}"
                        if report.get("setup_calls") else ""))
    sizes = report.get("sizes", 2)
    measured = False  # a timed family with its G and E: the rule is said once, after the families
    for fam in report.get("timed", []):
        n1, n2 = fam["n1"], fam["n2"]
        ops = fam.get("ops")
        runs = ""
        if ops and ops[0] > 0:
            runs = (f"; {ops[0]:,} call{'' if ops[0] == 1 else 's'} per run" if ops[0] == ops[1]
                    else f"; {ops[0]:,} → {ops[1]:,} calls per run")
        lines.append(f"{fam['name']} ({fam['unit']} {n1:,} → {n2:,}, {n2 // max(n1, 1)}x{runs}):")
        if fam.get("error"):
            lines.append(f"  not measured: {fam['error']}")
            continue
        if fam.get("probe"):
            lines.append(f"  {fam['probe']}")
            if not any(fam.get("cand") or ()):  # stopped at its cap: nothing measured beside it
                continue
        (c1, c2), (r1, r2), per = per_call(fam)
        timer = fam.get("timer") or report.get("timer", "")
        rounds = fam.get("rounds", 0)
        best = f"best of {rounds} rounds" if rounds else "one run each"
        lines.append(f"  time per {per} ({timer}, {best}):")
        grew = (lambda a, b: f" (x{b / a:.1f})") if c1 > 0 and r1 > 0 else (lambda a, b: "")
        lines.append(f"    yours     {duration_text(c1)} → {duration_text(c2)}{grew(c1, c2)}")
        lines.append(f"    reference {duration_text(r1)} → {duration_text(r2)}{grew(r1, r2)}")
        if sizes > 2:
            lines.append(f"    measured at {sizes} sizes for the plot; the statistics use the first and the last")
        growths = fam.get("growths") or fam.get("attempts") or [fam["g"]]  # "attempts": older logs
        tries = " then ".join(f"{g:.2f}" for g in growths)
        g, e, sd = fam["g"], fam.get("excess", 0.0), fam.get("slowdown", 0.0)
        because = _time_rule_met(fam.get("rule", ""), limits=(t_pass, t_fail, e_fail, e_min_g, sd_fail))
        third = fam.get("hidden") and fam.get("mid_cand") and fam.get("mid_ref")
        lines.append(
            f"  growth vs reference G = {tries}, excess E = {e:.2f}, "
            f"{sd:.1f}x the reference's time at {n2:,}  → {'pass' if third else fam['verdict']}"
            f"{f' ({because})' if because and not third else ''}"
        )
        if third:
            (c1, cm, c2), (r1, rm, r2), mid = fam["mid_cand"], fam["mid_ref"], fam["mid"]
            gd, ed = fam["hidden"]
            lines.append(f"  measured again at a third size, {n1:,} → {mid:,} → {n2:,}: the time each step adds, "
                         f"yours {duration_text(cm - c1)} then {duration_text(c2 - cm)}, "
                         f"the reference's {duration_text(rm - r1)} then {duration_text(r2 - rm)}")
            lines.append(f"  its growth vs reference G_d = {gd:.2f}, E_d = {ed:.2f}  → {fam['verdict']}"
                         f"{f' ({because})' if because else ''}")
        measured = True
    if measured:
        # complexity.classify_time, then settle_time: the fail rules are checked first (G < 2.5
        # passes only when none of them holds); a pass counts at once, a fail in two measurements.
        lines.append(
            f"rule for each timed family: fail if G > {t_fail:g}, or G > {e_min_g:g} and E > {e_fail:g}, or over {sd_fail:g}x "
            f"the reference's time; if none of these, pass if G < {t_pass:g}, else inconclusive; a pass counts at once, "
            f"a fail in two of up to three measurements; a pass over {limits.get('third_size_above_slowdown', 2.0):g}x "
            f"the reference's time is measured again at a third size, where a cost the same in every run cancels "
            f"(G_d and E_d: the same rule on the time each step adds, G's limits square-rooted)"
        )
    for cnt in report.get("counted", []):
        lines.append(f"{cnt['name']} ({cnt['unit']} {cnt['n1']:,} → {cnt['n2']:,}, deterministic):")
        if cnt.get("error"):
            lines.append(f"  not counted: {cnt['error']}")
            continue
        cand, ref, ops = cnt["cand"], cnt["ref"], cnt.get("ops")
        if ops:
            lines.append(f"  {cnt['label']} per call: yours {cand[0] / ops[0]:,.1f} → {cand[1] / ops[1]:,.1f}, "
                         f"reference {ref[0] / ops[0]:,.1f} → {ref[1] / ops[1]:,.1f}")
        else:
            lines.append(f"  {cnt['label']} per run: yours {cand[0]:,} → {cand[1]:,}, reference {ref[0]:,} → {ref[1]:,}")
        verdict = LEGACY_COMPLEXITY.get(cnt["verdict"], cnt["verdict"])
        lines.append(f"  growth vs reference G = {cnt['g']:.2f}  → {verdict}  (pass <= {c_pass:g}, fail >= {c_fail:g})")
    for cause in report.get("causes", []):
        lines.append(f"likely cause: {cause}")
    if report.get("verdict") == INCONCLUSIVE:
        lines.append("measure again on a quieter machine (the same command, or drill bench); an inconclusive result is neither a pass nor a failure")
    return lines


def _on_stderr(prefix: str, message: str) -> None:
    """One logical line on stderr: whole when piped, wrapped at words under the message on a terminal."""
    con = console(stderr=True)
    if con.soft_wrap:
        click.echo(prefix + message, err=True)
    else:
        print_wrapped(con, Text(prefix + message), hang=len(prefix))


def error(message: str) -> None:
    """An error on stderr, one line (the command stops: status 2 for a usage error, 3 when the judge could not run)."""
    _on_stderr("drill: error: ", message)


def interrupted() -> None:
    click.echo("drill: interrupted", err=True)


def warning(message: str) -> None:
    """A warning on stderr, one line: the command goes on."""
    _on_stderr("drill: warning: ", message)


def unsandboxed(why: str) -> None:
    warning(f"no sandbox ({why}); the solution runs as you, with your files and network (`drill doctor`)")


def not_recorded(what: str, error: Exception) -> None:
    """`what` ("run", "benchmark") could not be written to the attempt log."""
    warning(f"this {what} was not recorded: {error}")


# Keyed by the codes redis_guard gives (redis_guard.NO_ACLS): render imports nothing that judges.
REDIS_WARNINGS = {
    "no_acls": "this Redis server has no ACLs drill may use, so a hostile solution's Lua script could reach its other databases",
}


def redis_warning(code: str) -> None:
    """A warning redis_guard gives as a code (redis_guard.NO_ACLS)."""
    warning(REDIS_WARNINGS.get(code, code))


def _redis_source(from_env: bool) -> str:
    return "$DRILL_REDIS_URL" if from_env else "--redis-url"


def own_redis_advice(*, from_env: bool) -> str:
    """Appended to an error about the user's Redis: how to let drill start its own, naming where the URL came from."""
    how = "unset DRILL_REDIS_URL" if from_env else "leave out --redis-url"
    return f", or {how} to let drill start its own server"


def malformed_redis_url(url: str, *, from_env: bool) -> str:
    return f"{_redis_source(from_env)} {shown_url(url)!r} is not a Redis URL; use redis://HOST:PORT[/DB] or unix:///PATH (a Redis Cluster: redis+cluster://HOST:PORT)"


def wrote(path: Any) -> None:
    click.echo(f"wrote {path}", err=True)


# One name and one definition (progress.py): from the latest solved attempt's start to its first accept.
TIME_TO_ACCEPT = "time to accept"


def problem_list(
    con: Console, rows: list[dict[str, Any]], streak: dict[str, Any] | None, *, tags: Sequence[str] = (), difficulty: str | None = None,
) -> None:
    """`drill list`: the problems (those with `tags` and `difficulty`, if given), then the day streak
    (progress.day_streak; None when the log cannot be read)."""
    if not rows:
        wanted = [f"tag {', '.join(tags)}"] if tags else []
        wanted += [f"difficulty {difficulty}"] if difficulty else []
        con.print(Text(f"No problem has {' and '.join(wanted)}. `drill list` shows them all.", style="yellow"))
    else:
        _problem_table(con, rows)
    if streak is not None:
        con.print()
        con.print(streak_text(streak, today=clock.now().astimezone().date().isoformat()))


def streak_text(streak: dict[str, Any], *, today: str) -> Text:
    days = streak["days"]
    if not days:
        return Text("Streak: none yet. A day with an accepted run starts one.", style="dim")
    line = Text("Streak: ", style="bold") + Text(f"{days} day{'s' if days != 1 else ''} in a row with an accepted run", style="bold green")
    if streak["through"] != today:
        line.append(" (through yesterday: an accept today keeps it going)", style="yellow")
    return line


# A problem's state (progress.STATES) as list and stats colour it.
STATUS_STYLE = {"solved": "green", "solved with help": "green", "tests pass": "cyan", "started": "yellow"}


def _problem_table(con: Console, rows: list[dict[str, Any]]) -> None:
    # On a narrow terminal the time, the tags and the attempts go first, then the difficulty, then the title.
    columns = [Column("problem"), Column("title", drop=2, wrap=True, min_width=24), Column("difficulty", drop=3),
               Column("tags", drop=6, wrap=True, min_width=16), Column("status"), Column("attempts", drop=5), Column(TIME_TO_ACCEPT, drop=7)]
    cells = [[
        Text(row["problem"], style="bold"),
        Text(row["title"]),
        Text(row["difficulty"]),
        Text(", ".join(row["tags"]), style="dim"),
        Text(row["status"], style=STATUS_STYLE.get(row["status"], "dim")),
        str(row["attempts"]),
        duration(row["time_to_first_accept_s"]),
    ] for row in rows]
    con.print(fitted_table(con, columns, cells, command="drill list"))


def log_unreadable(error: Exception) -> None:
    """The attempt log cannot be read, and the command goes on without it."""
    warning(f"shown without your progress: {error}")


class _AtSeparators:
    """Parts joined by " · ", wrapped between parts where it can (a part wider than the line wraps with a
    hanging indent), at the width it is drawn at; whole when the console does not wrap."""

    SEPARATOR = " · "

    def __init__(self, parts: list[Text]) -> None:
        self.parts = parts

    def __rich_console__(self, console: Console, options: Any) -> Any:
        width = options.max_width
        separator = Text(self.SEPARATOR, style="dim")
        if console.soft_wrap:
            yield separator.join(self.parts)
            return
        line: Text | None = None
        for part in self.parts:
            if line is not None and line.cell_len + len(self.SEPARATOR) + part.cell_len + 2 <= width:  # room for a " ·" after
                line = Text.assemble(line, separator, part)
                continue
            if line is not None:
                yield Text.assemble(line, Text(self.SEPARATOR.rstrip(), style="dim"))
            *whole, line = hanging(part if line is None else Text("  ") + part, max(width - 2, 1), 2)
            yield from whole
        if line is not None:
            yield line


def statement(con: Console, problem: Problem, status: str | None, *, pager: bool = True) -> None:
    first = Text()
    first.append(f"{problem.title}", style="bold")
    first.append(f"   {problem.difficulty}", style="dim")
    parts = [first, Text(", ".join(problem.tags), style="dim"), Text(f"interview budget {problem.interview_minutes} min", style="dim")]
    meta: list[Any] = [_AtSeparators(parts)] + ([Text(f"status: {status}", style="dim")] if status else [])
    targets = ", ".join(f"{op}: {target}" for op, target in problem.complexity.items())
    text = problem.statement_path.read_text(encoding="utf-8")
    from rich.markdown import Markdown  # only `drill show` needs it, and it is slow to import

    body = Markdown(fold_code_comments(text, (con.width or 80) - 2), code_theme=CODE_THEME) if not plain(con) else Text(text)
    page(con, [*meta, Text(f"Complexity target: {targets}", style="cyan"), Text(), body], pager=pager)


def stub(con: Console, problem: Problem, *, pager: bool = True) -> None:
    """`drill show --stub`: the file `drill start` copies into the workspace."""
    page(con, [Text(f"── {problem.file} (the stub `drill start {problem.slug}` copies) ──", style="bold"),
               code(con, problem.stub_path.read_text(encoding="utf-8"))], pager=pager)


# --- code and long texts on a terminal --------------------------------------------------------

_COMMENT = re.compile(r"^(?P<code>.*?\S)(?P<gap> +)# (?P<comment>.*)$")


def fold_code_comments(markdown: str, width: int) -> str:
    """`markdown` with each code-block line wider than `width` that ends in a comment folded into
    comment lines under its `#` (still valid code, aligned as written); the terminal would break
    such a line inside the comment, at column 0 of the block."""
    out, in_code = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith("```"):
            in_code = not in_code
        match = _COMMENT.match(line) if in_code and cell_len(line) > width else None
        if match is None:
            out.append(line)
            continue
        column = len(match["code"]) + len(match["gap"])
        room = width - column - 2
        if room < 20:  # too little left of the line for the comment: as the terminal breaks it
            out.append(line)
            continue
        folded: list[list[str]] = [[]]  # the comment's words, a list per line
        for word in match["comment"].split():
            if folded[-1] and cell_len(" ".join([*folded[-1], word])) > room:
                folded.append([])
            folded[-1].append(word)
        out += [(match["code"] + match["gap"] if i == 0 else " " * column) + "# " + " ".join(words) for i, words in enumerate(folded)]
    return "\n".join(out)


CODE_THEME = "ansi_dark"  # the terminal's own palette: readable on a dark or a light background


def code(con: Console, source: str) -> RenderableType:
    """Python source: highlighted on a terminal, as is when piped (or NO_COLOR)."""
    if plain(con):
        return Text(source)
    from rich.syntax import Syntax

    return Syntax(source, "python", theme=CODE_THEME, word_wrap=True)  # never a cut line of code


def pager_command() -> str | None:
    """$DRILL_PAGER, else $PAGER, else less if there is one; None when paging is off ("" or cat)."""
    for name in ("DRILL_PAGER", "PAGER"):
        if name in os.environ:
            command = os.environ[name].strip()
            return None if command in ("", "cat") else command
    return "less" if shutil.which("less") else None


class CommandPager(Pager):
    """Runs a pager command line (like git: through the shell) with the text on its input."""

    def __init__(self, command: str) -> None:
        self.command = command

    def show(self, content: str) -> None:
        env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}  # R: colours pass; X: the text stays after q
        try:
            proc = subprocess.Popen(self.command, shell=True, stdin=subprocess.PIPE, env=env,
                                    encoding=sys.stdout.encoding or "utf-8", errors="replace")
        except OSError:
            sys.stdout.write(content)
            return
        try:
            assert proc.stdin is not None
            proc.stdin.write(content)
            proc.stdin.close()
        except OSError:
            pass  # the pager was quit before it read everything
        while True:
            try:
                proc.wait()
                break
            except KeyboardInterrupt:
                pass  # Ctrl-C belongs to the pager (less ends a search with it); drill waits for it to quit
        if proc.returncode == 127:  # the shell found no such command: the text is not lost
            sys.stdout.write(content)


def page(con: Console, renderables: list[RenderableType], *, pager: bool = True) -> None:
    """Print `renderables`: through the pager when `con` is a terminal and they are taller than it,
    unless `pager` is False (--no-pager) or the pager is off ($DRILL_PAGER=cat)."""
    command = pager_command() if pager and con.is_terminal else None
    if command is not None and len(con.render_lines(Group(*renderables), con.options, pad=False)) > con.height:
        with con.pager(CommandPager(command), styles=True):
            for renderable in renderables:
                con.print(renderable)
        return
    for renderable in renderables:
        con.print(renderable)


def solves_text(unaided: int, aided: int) -> str:
    """A problem's solves, with and without help: "0", "2 alone", "1 helped", "2 alone, 1 helped"."""
    return ", ".join(part for part in (f"{unaided} alone" if unaided else "", f"{aided} helped" if aided else "") if part) or "0"


def stats(con: Console, rows: Iterable[dict[str, Any]], days: list[dict[str, Any]]) -> None:
    # On a narrow terminal the hints go first, then the time, the last verdict (`drill history` has
    # it) and the complexity; the attempts and the solves stay while the slug and status fit (the
    # README promises attempts, solves and complexity).
    columns = [Column("problem"), Column("status"), Column("attempts", drop=1), Column("solves", drop=2),
               Column(TIME_TO_ACCEPT, drop=5, wrap=True), Column("best complexity", drop=3, wrap=True), Column("hints", drop=6),
               Column("last verdict", drop=4)]
    cells = [[
        Text(row["problem"], style="bold"),
        Text(row["status"], style=STATUS_STYLE.get(row["status"], "dim")),
        str(row["attempts"]),
        solves_text(row["solves_unaided"], row["solves_aided"]),
        duration(row["time_to_first_accept_s"]),
        complexity_text(row.get("best_complexity")),
        str(row["hints_used"]),
        verdict_text(row["last_verdict"], tests_only=row.get("last_tests_only", False)),
    ] for row in rows]
    con.print(fitted_table(con, columns, cells, command="drill stats"))
    con.print()
    con.print(Text(f"Activity, last {len(days)} days (runs, accepted):", style="bold"))
    peak = max((d["runs"] for d in days), default=0) or 1
    for day in days:
        bar = "█" * round(20 * day["runs"] / peak) if day["runs"] else "·"
        line = Text(f"  {day['day']}  ")
        line.append(f"{bar:<20}" if day["runs"] else bar, style="green" if day["accepted"] else "dim")  # no padding at a line's end
        line.append(f"  {_count(day['runs'], 'run')}, {day['accepted']} accepted" if day["runs"] else "", style="dim")
        con.print(line)


def workspace_flag(workspace: Path | None) -> str:
    """What a suggested command carries to be repeated as is: the workspace, if not the default one
    (quoted for the shell when it needs to be, so the command can be pasted)."""
    return "" if workspace is None else f" --workspace {shlex.quote(str(workspace))}"


def history(con: Console, runs: list[dict[str, Any]], workspace: Path | None = None, *, pager: bool = True) -> None:
    """Every judged run, with the file it judged (relative to `workspace` when inside it); a run that
    is not yours (`counted` False: a --file run) has its command marked. Through the pager when
    taller than the terminal, unless `pager` is False (--no-pager)."""
    if not runs:
        con.print(Text("No judged runs yet. Start with `drill start <problem>`, then `drill test <problem>`.", style="dim"))
        return
    # On a narrow terminal the least needed columns go first; the run's number, problem, command
    # and verdict are never cut (they are what `--show N` and `--diff N M` take).
    columns = [Column("#"), Column("when", drop=2), Column("problem"), Column("command"), Column("verdict"),
               Column("tests", drop=3), Column("since start", drop=6), Column("took", drop=5), Column("file", drop=4),
               Column("source", drop=7)]
    cells: list[list[Text | str]] = []
    for run in runs:
        file = run["source_path"]
        if workspace is not None and Path(file).parent == workspace:
            file = Path(file).name  # the workspace's own file: its name is enough
        elif workspace is not None and Path(file).is_relative_to(workspace):
            file = str(Path(file).relative_to(workspace))
        cells.append([
            str(run["id"]),
            Text(local_time(run["started_at"]), style="dim"),
            run["problem"],
            # A run that changes nothing where you stand (progress.own_run) says how it was made.
            run["command"] if run.get("counted", True) else Text(f"{run['command']} --file"),
            verdict_text(run["verdict"]),
            f"{run['passed']}/{run['total']}" if run["total"] else "-",  # a file that did not load ran no test
            duration(run["since_start_s"]),
            duration(run["duration_s"]),
            Text(file),
            Text(run["source_sha256"][:10], style="dim"),
        ])
    page(con, [fitted_table(con, columns, cells)], pager=pager)


def local_time(stamp: str | None) -> str:
    if not stamp:
        return "-"
    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


def clock_text(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def timer_text(started_at: str, minutes: float, *, solved_at: str | None = None, tests_passed_at: str | None = None,
               tests_pass_now: bool = False) -> Text:
    """Time left of a timed attempt; once solved (a full accept, as progress counts it), the time it
    took, frozen there. `tests_pass_now`: the result shown is a tests-only accept (`drill test`), so
    the line says when the tests first passed, and that the clock runs until `drill check` accepts."""
    end = datetime.fromisoformat(solved_at) if solved_at else clock.now()
    used = (end - datetime.fromisoformat(started_at)).total_seconds()
    left = minutes * 60 - used
    if solved_at:
        style = "bold green" if left >= 0 else "bold yellow"
        verdict = "within" if left >= 0 else "over"
        return Text(f"⏱ solved in {clock_text(used)} of {minutes:g} min ({verdict} the interview budget)", style=style)
    if tests_pass_now and tests_passed_at:
        passed = (datetime.fromisoformat(tests_passed_at) - datetime.fromisoformat(started_at)).total_seconds()
        return Text(f"⏱ tests pass in {clock_text(passed)} of {minutes:g} min; the clock stops when `drill check` accepts",
                    style="bold yellow")
    if left >= 0:
        return Text(f"⏱ {clock_text(left)} left of {minutes:g} min", style="bold yellow" if left < 300 else "bold")
    return Text(f"⏱ over time by {clock_text(-left)} ({minutes:g} min budget)", style="bold red")


def solutions(con: Console, problem: Problem, *, pager: bool = True) -> None:
    # adv_*: the kit's own attacks on the judge that happen to be correct; not approaches to learn from.
    accepted = [s for s in problem.submissions() if s.expected == ACCEPTED and not s.path.name.startswith("adv_")]
    accepted.sort(key=lambda s: s.path != problem.reference_path)
    shown: list[RenderableType] = []
    for submission in accepted:
        title = "reference" if submission.path == problem.reference_path else "another accepted approach"
        shown.append(Text(f"── {submission.path.name} ({title}) ──", style="bold"))
        shown.append(code(con, submission.path.read_text(encoding="utf-8")))
        shown.append(Text())
    page(con, shown, pager=pager)


JUDGING_TEXT = Text("⟳ judging…", style="bold yellow")


class Hanging:
    """A line that wraps with a hanging indent at the width it is drawn at (inside a panel too)."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: Any) -> Any:
        yield from hanging(self.text, options.max_width)


def watch_panel(header: Text, res: JudgeResult | None, extra: list[Text], *, judging: bool = False) -> Any:
    from rich.panel import Panel

    body: list[Any] = [header]
    if res is not None:
        body += [Hanging(line) for line in result_lines(res, header=False)]
    body += [Hanging(line) for line in extra]  # an interviewer's question wraps under its text, not under its bullet
    border = "yellow" if judging else "green" if res and res.ok else "red" if res else "dim"
    return Panel(Group(*body), title="drill watch", subtitle="Ctrl-C to stop", border_style=border)


def mock_panel(title: str, rows: list[dict[str, Any]], footer: list[Text]) -> Any:
    from rich.panel import Panel

    # Never a slug or a verdict cut: on a narrow terminal the file goes first, then the attempts,
    # the tests and the complexity.
    columns = [Column("problem"), Column("file", drop=4), Column("verdict"), Column("tests", drop=2), Column("complexity", drop=1),
               Column("attempts", drop=3)]
    cells = [[
        Text(row["problem"], style="bold"),
        Text(row["file"], style="dim"),
        JUDGING_TEXT.copy() if row.get("judging") else verdict_text(row["verdict"]),
        "-" if row.get("judging") else row["tests"],  # the old counts are not current any more
        complexity_text(None if row.get("judging") else row["complexity"]),
        str(row["attempts"]),
    ] for row in rows]
    table = FittedTable(True, columns, cells)
    return Panel(Group(table, *(Hanging(line) for line in footer)), title=title, subtitle="Ctrl-C pauses (the clock keeps running)")


def mock_report(con: Console, report: dict[str, Any]) -> None:
    """A finished mock (harness.practice.mock.finish): its own judgements only; a verdict judged as it
    ended is marked *, and a save made after its end is named, not judged."""
    from harness.render.markdown import mock_report_notes

    print_wrapped(con, Text(f"Mock interview #{report['id']}: {report['solved']}/{len(report['problems'])} solved, "
                            f"{duration(report['used_s'])} used of {report['minutes']:g} min", style="bold"))
    # Never a slug or a verdict cut (as the mock's panel): on a narrow terminal the complexity goes
    # first (a solve passed it), then the attempts and the time; the times read as report.md's and `drill stats`' do.
    columns = [Column("problem"), Column("solved"), Column(TIME_TO_ACCEPT, drop=1), Column("attempts", drop=2),
               Column("last verdict"), Column("complexity", drop=3)]
    cells = []
    for row in report["problems"]:
        verdict = verdict_text(row["last_verdict"])
        if row.get("judged_at_end"):
            verdict.append(" *", style="bold")
        cells.append([
            Text(row["problem"], style="bold"),
            Text("yes", style="green") if row["solved"] else Text("no", style="red"),
            duration(row["time_to_accept_s"]),
            str(row["attempts"]),
            verdict,
            complexity_text(row["complexity"]),
        ])
    con.print(fitted_table(con, columns, cells))
    for line in mock_report_notes(report):
        print_wrapped(con, Text(line, style="yellow"))
    if report.get("path"):
        print_wrapped(con, Text(f"report saved to {report['path']}", style="dim"))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def repaired(con: Console, path: Any, repair: Any) -> None:
    """`drill doctor --repair-log`: what the new log holds, where the damaged file is, each row lost."""
    con.print(Text(f"A new attempt log at {path} holds {_count(repair.rows, 'readable row')}; the damaged file is kept as "
                   f"{repair.kept_as}.", style="bold"))
    if repair.skipped:
        # Each is a whole table that did not read ("table runs (...)") or one row ("runs row 5 (...)").
        tables = sum(what.startswith("table ") for what in repair.skipped)
        lost = " and ".join(_count(n, noun) for n, noun in ((tables, "table"), (len(repair.skipped) - tables, "row")) if n)
        con.print(Text(f"Left out, as they could not be read: {lost}.", style="yellow"))
        for what in repair.skipped:
            con.print(Text(f"  {what}", style="dim"))


def doctor(con: Console, rows: list[tuple[str, bool, str]], checks: Sequence[Any] = ()) -> None:
    """`drill doctor`: the protections, then each check (harness.practice.doctor.Check) on one line with its fix."""
    for name, on, detail in rows:
        print_wrapped(con, Text("✓ " if on else "✗ ", style="bold green" if on else "bold red") + Text(name) + Text(f"  ({detail})", style="dim"), 2)
    off = [name for name, on, _ in rows if not on]
    if off:
        con.print(Text(f"\n{len(off)} protection{'s are' if len(off) > 1 else ' is'} off: a solution can reach what they guard.", style="yellow"))
    if checks:
        con.print()
    for check in checks:
        mark = Text("✓ ", style="bold green") if check.ok else Text("✗ ", style="bold red") if check.required else Text("- ", style="yellow")
        line = mark + Text(check.name) + Text(f": {check.detail}", style="dim" if check.ok else "")
        if not check.ok and check.fix:
            line += Text(" — fix: ", style="bold") + Text(check.fix, style="cyan")
        print_wrapped(con, line, 2)


class Screen:
    """Redraws one panel in place on a terminal; prints each new panel when piped.

    While it is live, the terminal does not echo Ctrl-C as `^C`: after a panel as wide as the terminal
    the echo moves the cursor to a new line, and the last redraw (Live.stop) then starts a line
    too low, leaving the panel's top border twice on the screen."""

    def __init__(self, con: Console) -> None:
        from rich.live import Live

        self.con = con
        self.live = Live(console=con, auto_refresh=False, transient=False) if con.is_terminal else None
        self._tty: tuple[int, list[Any]] | None = None  # the terminal's settings, restored on exit

    def __enter__(self) -> "Screen":
        if self.live:
            self._quiet_control_echo()
            self.live.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        try:
            if self.live:
                self.live.__exit__(*exc)
        finally:
            self._restore_tty()

    def _quiet_control_echo(self) -> None:
        import termios

        try:
            fd = sys.stdin.fileno()
            if not os.isatty(fd):
                return
            saved = termios.tcgetattr(fd)
            termios.tcsetattr(fd, termios.TCSANOW, [*saved[:3], saved[3] & ~termios.ECHOCTL, *saved[4:]])
            self._tty = (fd, saved)
        except (OSError, ValueError, AttributeError, termios.error):  # no terminal input (closed, replaced): nothing to quiet
            self._tty = None

    def _restore_tty(self) -> None:
        if self._tty is not None:
            import termios

            fd, saved = self._tty
            self._tty = None
            try:
                termios.tcsetattr(fd, termios.TCSANOW, saved)
            except (OSError, termios.error):
                pass

    def show(self, renderable: Any, *, tick: bool = False) -> None:
        if self.live:
            self.live.update(renderable, refresh=True)
        elif not tick:
            self.con.print(renderable)
