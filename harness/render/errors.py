"""The one-line usage errors the CLI raises (printed by Click, exit status 2). Errors raised
deeper (catalogue, store, judge, bench) carry their own message as data and are printed as is."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from harness.render import workspace_flag


def no_such_file(file: Path) -> str:
    return f"no such file: {file}"


def not_a_file(file: Path) -> str:
    return f"not a file: {file}"


def no_solution(path: Path, slug: str, workspace: Path | None = None) -> str:
    return f"no solution at {path}; run `drill start {slug}{workspace_flag(workspace)}` first, or pass --file PATH"


def no_current_problem() -> str:
    return "name a problem (no problem was started in this workspace yet; `drill list` shows them)"


def no_current_problem_unreadable(reason: str) -> str:
    """A bare command could not read which problem was started last: the log says why."""
    return f"name a problem: which one you started last is in the attempt log, which cannot be read: {reason}"


def no_such_workspace(folder: Path, source: str) -> str:
    """A warning, not an error: a workspace named by `source` (--workspace, $DRILL_WORKSPACE) that is not
    there is shown as empty; `drill start` makes it."""
    return f"{folder} ({source}) does not exist; `drill start` creates it"


def os_error(reason: str, filename: str | None) -> str:
    return f"{reason}{f' ({filename})' if filename else ''}"


def solution_exists(target: Path, slug: str, workspace: Path | None = None) -> str:
    return (f"{target} already exists and may hold your work; keep going with `drill test {slug}{workspace_flag(workspace)}`, "
            f"or pass --force to start over from the stub (the old file is backed up first)")


def names_and_all() -> str:
    return "give problem names or --all, not both"


def file_needs_one_problem() -> str:
    return "--file needs exactly one problem"


def no_solution_files(workspace: Path, files: Sequence[str]) -> str:
    return f"no solution files in {workspace} (looked for {', '.join(files)})"


def no_benchmark(slug: str) -> str:
    return f"{slug} has no complexity benchmark yet"


def plot_needs_matplotlib() -> str:
    return "--plot needs matplotlib: `pip install -e '.[plot]'`"


def no_hints(slug: str) -> str:
    return f"{slug} has no hints"


def nothing_to_reveal(slug: str, workspace: Path | None = None) -> str:
    return f"no failing run of {slug} to reveal; run `drill test {slug}{workspace_flag(workspace)}` first"


def only_file_runs_failed(slug: str, workspace: Path | None = None) -> str:
    return (f"{slug}'s only failing runs judged another file (--file), which never counts: nothing of yours to reveal; "
            f"run `drill test {slug}{workspace_flag(workspace)}` first")


def only_complexity_failed(slug: str, verdict: str, workspace: Path | None = None) -> str:
    return (f"{slug}'s latest run failed the complexity target ({verdict}), not a hidden test: there is no case to "
            f"reveal; `drill bench {slug}{workspace_flag(workspace)}` shows the measurement")


def latest_run_passed(slug: str, run_id: int, verdict: str, workspace: Path | None = None) -> str:
    """`drill reveal` after a passing run: an older failure is not shown (nor counted as help)."""
    return (f"{slug}'s latest run (#{run_id}, {verdict}) passed its hidden tests: nothing to reveal, nothing counted; "
            f"`drill history {slug}{workspace_flag(workspace)}` lists the older runs")


def no_hidden_case(slug: str, run_id: int, verdict: str, workspace: Path | None = None) -> str:
    """`drill reveal` after a run that failed before any hidden case (the file did not load)."""
    return (f"{slug}'s latest run (#{run_id}, {verdict}) failed before any hidden test ran: no case to reveal, nothing "
            f"counted; `drill test {slug}{workspace_flag(workspace)}` shows why")


def no_such_command(name: str, close: Sequence[str], meant: str | None = None) -> str:
    """An unknown command: `meant`, the command that does what the word says, else the close names."""
    if meant is not None:
        return f"no such command {name!r}. `drill {meant}` does that: what to practise now, reviews included."
    if close:
        return f"no such command {name!r}. Did you mean {_one_of([repr(c) for c in close])}?"
    return f"no such command {name!r}."


def usage(message: str, command_path: str, *, group: bool = False) -> str:
    """Click's own usage error (an unknown option, a missing argument, a bad value) in drill's one
    line: its message, and where the usage is (click says it in three lines: Usage, Try, Error)."""
    message = message.rstrip(".")
    message = message[:1].lower() + message[1:] if message[1:2].islower() else message
    return f"{message} (`{command_path} --help` {'lists the commands' if group else 'shows the usage'})"


def not_solved_yet(slug: str) -> str:
    return f"you have not solved {slug} yet; pass --yes to see the solutions anyway"


def _one_of(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def unknown_name(what: str, name: str, close: Sequence[str], known: Sequence[str]) -> str:
    """An unknown problem, tag or difficulty (catalogue.UnknownName). A close name is offered alone
    for a problem; the known tags and difficulties are always named, they are a vocabulary to learn."""
    line = f"unknown {what} '{name}'"
    if not close or what != "problem":
        line += f" (known: {', '.join(known)})"
    if close:
        line += f". Did you mean {_one_of(close)}?"
    return line


def show_and_diff() -> str:
    return "give --show N or --diff N M, not both"


def output_exists(path: object) -> str:
    return f"{path} already exists; nothing was written (--force replaces it)"


def bad_shard(value: str) -> str:
    return f"--shard takes I/N with 1 <= I <= N (the I-th of N parts), not {value!r}"
