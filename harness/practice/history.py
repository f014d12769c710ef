"""Past code: the source a run judged, as the attempt log kept it, and the diff between two runs
(`drill history SLUG --show N`, `--diff N M`; N is the number `drill history` lists)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from harness.practice import messages
from harness.practice.store import MAX_SOURCE_BYTES, Store


class HistoryError(Exception):
    """No such run, a run of another problem, or a run whose source was not kept: one line."""


def kept_source(store: Store, number: int, problem: str | None) -> tuple[dict[str, Any], str]:
    """(the run, the source it judged as text). Raises HistoryError, or StoreError for a damaged log."""
    run = store.run(number)
    if run is None:
        raise HistoryError(messages.no_such_run(number))
    if problem is not None and run["problem"] != problem:
        raise HistoryError(messages.run_of_another_problem(number, run["problem"], problem))
    source = store.source(run["source_sha256"])
    if source is None:
        raise HistoryError(messages.source_not_kept(number, MAX_SOURCE_BYTES))
    return run, source.decode("utf-8", errors="replace")


def label(run: dict[str, Any]) -> str:
    return messages.run_label(run["id"], Path(run["source_path"]).name, run["verdict"])


def diff(old: tuple[dict[str, Any], str], new: tuple[dict[str, Any], str]) -> str:
    """A unified diff of two runs' sources; empty if they judged the same source."""
    (old_run, old_text), (new_run, new_text) = old, new
    lines = difflib.unified_diff(old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                                 fromfile=label(old_run), tofile=label(new_run))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
