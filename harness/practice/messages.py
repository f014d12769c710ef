"""The practice state's words: the attempt log, past runs, the review schedule, interview notes,
`drill reveal --pytest` and `drill doctor`. Standard library only."""

from __future__ import annotations

from pathlib import Path

from harness.words import REDIS_INSTALL_HINT, cut_short


# --- the attempt log (store.py) -----------------------------------------------------------------

def log_recovery(workspace: Path, path: Path) -> str:
    return (f"nothing was changed. `drill doctor --repair-log --workspace '{workspace}'` copies its readable rows "
            f"to a new log and keeps the damaged file; or move it aside: `mv '{path}' '{path}.damaged'`")


def log_damaged(path: Path, why: object, recovery: str) -> str:
    return f"the attempt log {path} is damaged ({why}); {recovery}"


def log_folder_not_created(folder: Path, reason: str | None) -> str:
    return f"cannot create the attempt log folder {folder}: {reason}"


def log_is_a_folder(path: Path) -> str:
    return f"the attempt log {path} is a folder, not a file; move it aside"


def log_not_opened(path: Path, why: object) -> str:
    return f"cannot open the attempt log {path}: {why}"


def log_from_newer_drill(path: Path, version: int) -> str:
    return f"the attempt log {path} was written by a newer drill (schema {version}); update the kit"


def log_locked(path: Path) -> str:
    return f"the attempt log {path} stayed locked by another drill process; try again"


def log_not_written(path: Path, why: object) -> str:
    return f"could not write to the attempt log {path}: {why}"


def log_missing_for_repair(path: Path) -> str:
    return f"there is no attempt log at {path}; nothing to repair"


def log_table_unreadable(table: str, why: object) -> str:
    return f"table {table} ({why})"


def log_row_unreadable(table: str, rowid: object, why: object) -> str:
    return f"{table} row {rowid} ({why})"


def log_row_undecodable(path: Path, row_id: object, table: str, column: str, why: object, recovery: str) -> str:
    return f"the attempt log {path}: row {row_id} of table {table} does not decode ({column}: {why}); {recovery}"


def log_row_damaged(path: Path, row_id: object, table: str, why: object, recovery: str) -> str:
    return f"the attempt log {path}: row {row_id} of table {table} is damaged ({why}); {recovery}"


LOG_INTEGRITY_FAILED = "integrity check failed"
LOG_SOURCE_MISMATCH = "the source is not the bytes its sha256 names"
# What a column of each kind must hold (store._COLUMNS), as a row that does not decode says it.
_LOG_KINDS = {"int": "an integer", "number": "a number", "str": "text", "bytes": "bytes", "time": "a time",
              "json": "JSON text", "dict": "a JSON object", "list": "a JSON array"}


def log_value_mismatch(kind: str, found: object) -> str:
    return f"expected {_LOG_KINDS[kind]}, found {type(found).__name__}"


# --- past runs (history.py) ---------------------------------------------------------------------

def no_such_run(number: int) -> str:
    return f"no run #{number} in the attempt log (`drill history` lists them)"


def run_of_another_problem(number: int, its_problem: str, problem: str) -> str:
    return f"run #{number} is a run of {its_problem}, not {problem}"


def source_not_kept(number: int, max_source_bytes: int) -> str:
    return (f"run #{number}'s source is not in the attempt log (drill keeps the code of every run since this version, files up to "
            f"{max_source_bytes // (1024 * 1024)} MB)")


def run_label(number: int, file_name: str, verdict: str) -> str:
    """A run as the headers of a diff between two runs name it."""
    return f"run #{number} ({file_name}, {verdict})"


# --- the review schedule (progress.py): why a problem is due when it is ---------------------------

DUE_NEW = "new: never attempted"


def due_unfinished(last_verdict: str | None, *, tests_pass: bool, review: bool) -> str:
    """Why the latest attempt is due now: it has no full accept yet (`review`: an earlier one had)."""
    what = "review started, not solved again yet" if review else "started, not solved yet"
    if tests_pass:
        return f"{what} (the tests pass; `drill check` has not accepted it): finish it"
    tried = f"last verdict {last_verdict}" if last_verdict else "no judged run yet"
    return f"{what} ({tried}): finish it"


def due_after_review(rating: str, days: float, *, help_kinds: list[str], failed_first: bool, within: bool) -> str:
    """Why a solved problem comes back when it does: how its latest attempt went, the FSRS rating
    that gave (progress.rating), and the interval."""
    if help_kinds:
        how = f"solved with help ({', '.join(help_kinds)})"
    else:
        how = ("solved after failed runs" if failed_first else "solved first try") + (
            ", within the interview budget" if within else ", over the interview budget")
    return f"{how}, rated {rating}: next review after {days:.3g} {'day' if days == 1 else 'days'}"


# --- what a mock board says (mock.py) -------------------------------------------------------------------

def too_many_mock_problems(asked: int, pickable: int, unsolved: int) -> str:
    """`drill mock --problems N` with fewer than N problems a mock can pick: unsolved ones, never a
    follow-up. `unsolved` counts as `drill list` does, follow-ups included."""
    if unsolved == 0:
        return f"--problems {asked}: every problem is solved, so there is none left for a mock"
    left_out = " (follow-ups are not picked)" if unsolved > pickable else ""
    if pickable == 0:
        return f"--problems {asked}: none of your {unsolved} unsolved problems can be in a mock{left_out}"
    of = f" of your {unsolved}" if unsolved > pickable else ""
    return (f"--problems {asked}: only {pickable}{of} unsolved problem{'s' if unsolved != 1 else ''} can be in a mock{left_out}; "
            f"ask for {pickable} or fewer")


def tests_passed(passed: int, total: int) -> str:
    return f"{passed}/{total}" if total else "-"  # a file that did not load ran no test (as `drill history` says)


# --- interview notes after an accept (review.py) --------------------------------------------------------

NOTE_GLOBALS = "The solution keeps state in globals: what happens with two instances, or two threads?"


def note_recursive(function: str) -> str:
    return (f"{function}() is recursive: what happens at depth 100,000? Python's default recursion limit is 1,000; "
            "could you write it with an explicit stack?")


# --- drill reveal --pytest (reproduce.py, and cli/record.py writing its file) ------------------------

REPRO_NO_INPUT = ("the failing case keeps no input to replay (a large input the suite builds, or a failure while "
                  "loading or finishing the suite): `drill reveal` shows what was kept")
REPRO_INPUT_CUT = "the case's input or expected value is too long to have been kept in full: `drill reveal` shows what was kept"
REPRO_NO_EXPECTED = ("the case has no single expected value to assert (the suite checked a property of several answers): "
                     "`drill reveal` shows the case and why it failed")


def repro_not_python(text: str) -> str:
    return f"the case's input is a description, not calls a file can replay: {cut_short(text, 80)}"


def repro_expected_described(text: str) -> str:
    return (f"the expected answer is a property, not one value a file can assert ({cut_short(text, 60)}): "
            "`drill reveal` shows the case and why it failed")


def repro_unknown_name(name: str) -> str:
    return f"the case uses `{name}`, an object the hidden suite builds (not a value a file can write)"


def repro_needs_redis(slug: str) -> str:
    return f"{slug}'s cases run against a Redis server the judge starts: they cannot be written as a standalone file"


def repro_not_written(slug: str, why: str) -> str:
    return f"no pytest file for {slug}'s failing case: {why}"


def repro_file_exists(path: object) -> str:
    return f"{path} exists with other content (your edits?): not replaced; move it away and run this again"


# --- drill doctor (doctor.py) ------------------------------------------------------------------------

DOCTOR_CLUSTER = "Redis Cluster of 3 masters (the Redis Cluster stage of `drill check`)"
DOCTOR_LOG = "attempt log"
DOCTOR_REDIS_FIX = f"{REDIS_INSTALL_HINT}"


def doctor_redis(slugs: list[str]) -> str:
    return f"Redis server ({', '.join(slugs)})" if slugs else "Redis server"


def doctor_started(seconds: float) -> str:
    return f"started, answered and stopped in {seconds:.2f} s"


def doctor_log_fix(flag: str) -> str:
    return f"`drill doctor --repair-log{flag}` copies its readable rows to a new log and keeps the damaged file"


def doctor_no_log(path: Path) -> str:
    return f"none yet at {path}: the first judged run writes it"


def doctor_log_ok(path: Path, rows: int) -> str:
    return f"{path}: every one of its {rows:,} rows reads"


def doctor_extra(extra: str) -> str:
    return f"{extra} extra (optional)"


def doctor_extra_missing(modules: list[str], used_by: str) -> str:
    return f"not installed ({', '.join(modules)} missing): only {used_by} needs it"


def doctor_extra_ok(used_by: str) -> str:
    return f"installed: {used_by} can run"


def doctor_extra_fix(extra: str) -> str:
    return f"`pip install -e '.[{extra}]'` in the kit's folder"
