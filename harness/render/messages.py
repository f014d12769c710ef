"""The wording of every message raised or reported below the CLI: pure functions of plain data,
and constants for the sentences that take none. Grouped by the module that says them.

The modules that keep the log, read the catalogue, judge and measure call these, so that no
sentence a person reads is written outside render/. They import this module, so it imports
only the standard library. The sandboxed worker never does: it sends data (protocol.py) that
the trusted side words here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from harness.words import REDIS_INSTALL_HINT, cut_short, shown_url

# --- the attempt log (store.py) -----------------------------------------------------------------

def log_recovery(workspace: Path, path: Path) -> str:
    return (f"nothing was changed. `drill doctor --repair-log --workspace '{workspace}'` copies its readable rows "
            f"to a new log and keeps the damaged file; or move it aside: mv '{path}' '{path}.damaged'")


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


# --- the catalogue (catalogue.py) ----------------------------------------------------------------

KIT_NOT_FOUND = "cannot find the kit (no problems/ folder); set DRILL_ROOT to the kit's folder"


def unknown_name(what: str, name: str) -> str:
    return f"unknown {what} '{name}'"


def not_a_python_file(path: Path) -> str:
    return f"{path} is not a Python file"


def problem_toml_unreadable(path: Path, why: object) -> str:
    return f"{path}: {why}"


def problem_toml_bad_difficulty(path: Path, difficulties: tuple[str, ...], found: object) -> str:
    return f"{path}: difficulty must be one of {', '.join(difficulties)}, not {found!r}"


def problem_toml_missing_field(path: Path, field: object) -> str:
    return f"{path}: missing field {field}"


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
    return f"{how}, rated {rating}: next review after {days:.3g} days"


# --- `drill run`'s cases (cases.py): the cases file and its scripts ---------------------------------

def cases_template(slug: str, helper_lines: list[str], example: str) -> str:
    """What `drill start` writes beside the solution: the format, the helpers the problem's scripts
    use, and its first example (`example`, already commented out)."""
    return (
        f"# Your own cases for `drill run {slug}`. They run after the statement's examples, in your\n"
        "# solution's sandboxed process: no hidden tests, nothing recorded. One call per line:\n"
        "#   name = Class(args)             an object, for the lines below\n"
        "#   name.method(args) -> 3         `-> value`: the expected answer, a Python literal (`-> A or B`: either)\n"
        "#   function(args) -> None\n"
        "#   name.method(args) -> raises ValueError\n"
        "#   name = [1, 2]                  a name for a value, for the lines below\n"
        + "".join(helper_lines)
        + "# A line without `->` shows what the call returns. Uncomment the case below, or write your own [[case]].\n"
        + ("#\n" + example if example else "")
    )


def cases_template_example(first_case: str) -> str:
    """The first example, as the template shows it: commented out, and named as the user's own."""
    return "".join(f"# {line}".rstrip() + "\n" for line in first_case.replace("the statement's example", "my first case").splitlines())


CASES_FAKE_HELPER = ('#   send = fake(returns=None, raises="ConnectionError", fail_first=0, fail_for=[...])\n'
                     "#                                  a function to hand your solution: it raises `raises` on its first\n"
                     "#                                  `fail_first` calls and on a call whose first argument is in\n"
                     "#                                  `fail_for`, and returns `returns` otherwise\n")


def cases_redis_helper(redis_servers: int) -> str:
    several = redis_servers > 1
    call, what = ("redis(i)", f"a client of the run's Redis server i (0 to {redis_servers - 1})") if several else \
        ("redis()", "a client of the run's Redis server")
    return f"#   {call:<31}{what}; drill starts {'them' if several else 'it'}, as for `drill test`\n"


def examples_label(slug: str) -> str:
    return f"problems/{slug}/examples.toml"


def no_cases(slug: str, own: Path) -> str:
    return (f"no cases to run: {slug} has no examples file and {own} holds no [[case]]; "
            "add one (the comment at the top of that file shows how)")


def no_cases_file(label: str) -> str:
    return f"no cases file at {label}"


def cases_file_is_a_folder(label: str) -> str:
    return f"{label} is a folder, not a cases file"


def cases_file_unreadable(label: str, reason: str | None) -> str:
    return f"cannot read {label}: {reason}"


def cases_file_too_large(label: str, size: int, limit: int) -> str:
    return f"{label} is {size:,} bytes; a cases file is for a few small cases (at most {limit:,})"


def cases_file_not_utf8(label: str, reason: str, byte: int) -> str:
    return f"{label} is not UTF-8 text ({reason} at byte {byte})"


def cases_file_not_toml(label: str, why: object) -> str:
    return f"{label} is not valid TOML: {why}"


def cases_file_unknown_key(label: str, key: str) -> str:
    return f"{label}: unknown key {key!r} at the top (a cases file holds [[case]] tables)"


def cases_not_tables(label: str) -> str:
    return f"{label}: `case` must be a list of tables, written [[case]]"


def case_default_name(number: int) -> str:
    return f"case {number}"


def case_location(label: str, number: int, name: str | None = None) -> str:
    """Where a case is, as its errors begin: the file, the case's number and, once read, its name."""
    return f"{label}, case {number}" if name is None else f"{label}, case {number} ({name})"


def case_unknown_key(where: str, key: str) -> str:
    return f"{where}: unknown key {key!r} (a case has `name` and `calls`)"


def case_name_not_text(where: str) -> str:
    return f"{where}: `name` must be text"


def case_calls_not_text(where: str, name: str) -> str:
    return f"{where} ({name}): `calls` must be text, one call per line (see the comment at the top of the file)"


def case_without_calls(where: str) -> str:
    return f"{where}: `calls` holds no calls"


def case_calls_unreadable(where: str, line: object, reason: object) -> str:
    return f"{where}: cannot read its calls (line {line} of them: {reason})"


def script_line_location(where: str, line: int, *, in_file: bool) -> str:
    """A line of a case's script: its line in the file, or in the script when the file's text could not be matched."""
    return f"{where}, line {line}" if in_file else f"{where}, line {line} of its calls"


def script_line_error(at: str, text: str, problem: str) -> str:
    return f"{at} ({text}): {problem}"


# What is wrong with one line of a script (the line's place and text come before it).
SCRIPT_ONE_CALL = "one call per line"
SCRIPT_ASSIGN_ONE_NAME = "only `name = ...` can be assigned"
SCRIPT_NOT_A_LINE = "a line is a call, `name = Class(...)` or `name = value`"
SCRIPT_NOT_CALLABLE = "call a class or a function of the contract, or a method of an object: obj.method(...)"
SCRIPT_NO_STAR_KWARGS = "**kwargs is not supported; name each argument"
SCRIPT_NAME_NOT_AN_OBJECT = "only an object can be named: `name = Class(...)` (name a value, not what a call returns)"
SCRIPT_BARE_VALUE = "a line is a call of the contract (a bare value does nothing)"
SCRIPT_ARROW_AFTER_VALUE = "`->` goes after a call, not after `name = value`"
SCRIPT_CONSTRUCTOR_EXPECTS = "a constructor gives an object; after it, `->` can only be `raises SomeError`"
SCRIPT_RAISES_ONE_NAME = "write `-> raises ValueError` (one exception name)"
SCRIPT_NOTHING_EXPECTED = "nothing after `->`: write the expected value, or leave out the arrow"
SCRIPT_NO_STAR_MAPPING = "**mapping is not supported in a value"
SCRIPT_REDIS_ARGS = "write redis() for the run's Redis server, or redis(i) for server i of a problem with several"
SCRIPT_FAKE_POSITIONAL = "name fake()'s arguments: fake(returns=..., raises='ConnectionError', fail_first=N, fail_for=[...])"
SCRIPT_FAKE_FAIL_FIRST = "fake(fail_first=...) is a count of calls, 0 or more"
SCRIPT_FAKE_FAIL_FOR = "fake(fail_for=...) is a list of first arguments"


def script_not_a_call(why: str) -> str:
    return f"not a call: {why}"


def script_name_taken(name: str) -> str:
    return f"{name!r} is a name of the contract or the script; choose another name"


def script_call_of_an_object(name: str) -> str:
    return f"{name} is not a function; call a method: {name}.method(...)"


def script_not_in_contract(name: str, slug: str, known: list[str]) -> str:
    return f"{name} is not in the contract of {slug} (it has {', '.join(known)})"


def script_no_such_object(owner: str) -> str:
    return f"{owner} is not an object made on a line above (`{owner} = Class(...)`)"


def script_no_such_method(class_name: str, method: str, methods: list[str]) -> str:
    return f"{class_name} has no method {method!r} in the contract (its methods: {', '.join(methods)})"


def script_named_constructor_raises(constructor: str, expectation: str | None) -> str:
    return f"a constructor that must raise makes no object to name: write `{constructor} -> {expectation}`"


def script_no_redis(slug: str) -> str:
    return f"redis(): {slug} does not use Redis"


def script_no_such_redis(index: int, slug: str, redis_servers: int) -> str:
    return f"redis({index}): {slug} has {redis_servers} Redis server(s), numbered from 0"


def script_not_an_exception(name: str) -> str:
    return f"{name} is not a builtin exception (ValueError, KeyError, LookupError, ...)"


def script_expected_not_literal(why: str) -> str:
    return f"the expected value is not a Python literal: {why}"


def script_object_expected(name: str) -> str:
    return f"{name} is an object of the solution; an expected value is plain data"


def script_undefined_name(name: str) -> str:
    return f"{name!r} is not defined on a line above (values are Python literals: None, True, 1, 'a', [..], (..), {{..}})"


def script_helper_expected(helper: str) -> str:
    return f"{helper}() cannot be an expected value"


def script_not_literal(text: str) -> str:
    return f"{text} is not a literal value"


def script_unhashable(item: object) -> str:
    return f"{item!r} cannot be a dict key or a set member"


def script_helper_args_not_literal(helper: str) -> str:
    return f"the arguments of {helper}() must be literals"


def script_helper_star_kwargs(helper: str) -> str:
    return f"**kwargs is not supported in {helper}()"


def script_fake_unknown_argument(name: str) -> str:
    return f"fake() has no argument {name!r} (it takes returns, raises, fail_first, fail_for)"


def script_fake_not_an_exception(raises: object) -> str:
    return f"fake(raises=...) names a builtin exception, like 'ConnectionError'; not {raises!r}"


def expected_answers(answers: tuple[Any, ...]) -> str:
    """The accepted answers of a line, shown as the answers are: repr()."""
    return " or ".join(repr(v) for v in answers)


# --- the judge's suite runner and drill's side of it (judge/runner.py, judge/parent.py) ---------------

def bad_report(name: str, why: str) -> str:
    return f"the suite's report {name} is malformed: {why}"


# --- complexity: measuring (bench/measure.py) --------------------------------------------------------

TIMER_WALL = "wall clock"
TIMER_PROCESS = "CPU time of each process, read from outside it"
LOADING_THE_BENCHMARK = "loading the benchmark"
MEMORY_ERROR_ON_BENCHMARK = "MemoryError on a benchmark input"
REFERENCE_COUNTED_NOTHING = "the reference made no counted operations (a kit problem)"
COUNTS_MISSING = "no counted operations: the solution never compared or hashed the counted values, or its counts were tampered with"


def no_bench(slug: str, spec: Path) -> str:
    return f"{slug} has no complexity benchmark yet (no {spec})"


def does_not_load_for_bench(file_name: str, why: object) -> str:
    return f"cannot benchmark {file_name}: it does not load ({why})"


def building_inputs(n: int) -> str:
    return f"building inputs of size {n:,}"


def setting_up(n: int) -> str:
    """A prepare() stage's budget label: the candidate's own set-up calls, untimed."""
    return f"your set-up calls at size {n:,} (not timed)"


def one_run_at(unit: str, n: int) -> str:
    return f"one run at {unit} {n:,}"


def raised_on_benchmark(type_name: str, message: str, frame: str | None) -> str:
    """`frame`: the last line of the solution's traceback."""
    exception = f"{type_name}: {message}"[:300]
    return f"raised {exception}{f' ({frame})' if frame is not None else ''} on a benchmark input"


def answers_differ_on_benchmark(unit: str, n: int, where: str) -> str:
    return (f"on a benchmark input ({unit} {n:,}, {where}) your answers differ from the reference's: "
            f"a solution must be right at every size")


def bench_spec_refused(path: object, why: str) -> str:
    return f"the benchmark spec {path} breaks a rule of the harness (a kit problem): {why}"


RUN_RETURNS_NO_ANSWERS = ("its run() must return (calls, Answers) with one answer per call "
                          "(benchkit.Answers), so that every answer is compared with the reference's")


def work_moved_to_prepare(cand_s: float, ref_s: float) -> str:
    return (f"your set-up calls (untimed) took {cand_s * 1000:.0f} ms of CPU time against the reference's "
            f"{ref_s * 1000:.0f} ms: work done outside the timed calls is counted as too slow")


def work_moved_to_builds(cand_s: float, ref_s: float) -> str:
    return (f"building the inputs took {cand_s * 1000:.0f} ms of CPU time in your process against the reference's "
            f"{ref_s * 1000:.0f} ms: work done outside the timed calls is counted as too slow")


def reference_failed(why: str) -> str:
    return f"the reference failed on this family (a kit problem, not yours): {why}"


def probe_stopped_at_cap(why: str, stage: str = "run") -> str:
    """`stage`: where the cap was hit (complexity.RUN, BUILD or PREPARE)."""
    if stage == "prepare":
        return (f"stopped before the timed calls: {why}. Set-up is not timed, but it is capped "
                f"(20 x the reference's set-up, at least 3 s of CPU time)")
    if stage == "build":
        return (f"stopped before the timed calls: {why}. Building an input runs the benchmark's code only, "
                f"capped at 20 x the reference's build (at least 3 s of CPU time)")
    return (f"stopped at its cap: {why} (a timed run may take 8 x what the reference's growth predicts, "
            f"at least 2 s of CPU time): growth far beyond the reference's")


def hopeless_probe(first: float, second: float, unit: str, n2: int, g: float) -> str:
    return (f"{first:.0f}x and {second:.0f}x the reference's time at {unit} {n2:,} in two runs "
            f"(G {g:.1f}): far past the thresholds, so no rounds were needed")


def counted_run_past_cap(unit: str, n: int, cap_s: float) -> str:
    """Added to a counted family's label."""
    return f" (the counted run at {unit} {n:,} ran past its cap of {cap_s:.1f} s)"


def not_measured(why: object) -> str:
    return f"could not be measured: {why}"


# --- complexity: the verdict's summary (bench/complexity.py decide) ------------------------------------

GROWTH_BETWEEN_THRESHOLDS = "growth is between the pass and fail thresholds even after a retry; not counted as a failure"
COUNTS_WITHIN_TOLERANCE = "; operation counts grew a little faster than the reference's, within tolerance"


def not_measured_on(family: str, why: str, stage: str = "run") -> str:
    where = "" if stage == "run" else " (in the set-up before the timed calls)"
    return f"could not be measured on {family!r}{where}: {why}"


def setup_past_cap(stage: str, unit: str, n: int, family: str) -> str:
    """A fail in the untimed set-up (complexity.BUILD or PREPARE) at size n: not the timed calls."""
    if stage == "build":
        return f"building the input at {unit} {n:,} ran past its cap in your process, before any timed call ({family})"
    return f"your set-up calls at {unit} {n:,} ran past their cap, before any timed call (not timed, but capped) ({family})"


def work_outside_timed_calls(why: str, family: str) -> str:
    return f"{why} ({family})"


def counts_grow_faster(g: float, family: str) -> str:
    return f"operation counts grow {g:.1f}x faster than the reference's ({family})"


def run_past_cap(unit: str, n: int, family: str) -> str:
    return f"one timed run at {unit} {n:,} ran past its cap ({family})"


def slower_than_reference(slowdown: float, unit: str, n2: int, family: str) -> str:
    return f"{slowdown:.0f}x slower than the reference at {unit} {n2:,} ({family})"


def excess_grows(excess: float, unit: str, n1: int, n2: int, family: str) -> str:
    return f"the extra time per run grows with n: {excess:.1f} reference-runs more at {unit} {n2:,} than at {n1:,} ({family})"


def time_grows_faster(g: float, family: str) -> str:
    return f"running time grows {g:.1f}x faster than the reference's ({family})"


def grows_like_reference(worst_g: float, note: str) -> str:
    return f"grows like the reference (largest G {worst_g:.2f}){note}"


# --- complexity: likely causes of a fail, from a look at the source (bench/complexity.py) -----------------

CAUSE_NEXT_ITER = "next(iter(a_dict)) skips the holes left by deleted keys at the front: O(n) after many deletions (OrderedDict.popitem(last=False) is O(1))"
CAUSE_LIST_PLUS = "list + [x] inside a loop copies the whole list every step: O(n) per step"


def cause_pop_front(target: str) -> str:
    return f"{target}.pop(0) shifts every element of a list: O(n) per call (for a FIFO queue, collections.deque.popleft is O(1); for a priority queue, heapq.heappop is O(log n))"


def cause_insert_front(target: str) -> str:
    return f"{target}.insert(0, ...) shifts every element of a list: O(n) per call"


def cause_list_remove(target: str) -> str:
    return f"{target}.remove(...) scans the list for the value: O(n) per call"


def cause_list_index(target: str) -> str:
    return f"{target}.index(...) scans the list: O(n) per call"


def cause_sort_per_call(target: str, function: str) -> str:
    return f"{target}.sort() in {function}() sorts on every call: O(m log m) for m items, O(n log n) if it sorts them all"


def cause_heapq_scan(helper: str, function: str) -> str:
    return f"heapq.{helper} in {function}() looks at every item on every call: O(n log k) per call"


def cause_insort(helper: str) -> str:
    return f"bisect.{helper} finds the place in O(log n) but inserting shifts the list: O(n) per call"


def cause_sorted_per_call(function: str) -> str:
    return f"sorted(...) in {function}() sorts on every call: O(m log m) for m items, O(n log n) if it sorts them all"


def cause_del_from_list(target: str) -> str:
    return f"del {target}[...] shifts what follows in a list: O(n) per deletion near the front"


def cause_min_max_in_loop(name: str) -> str:
    return f"{name}(...) inside a loop scans the whole collection every step: O(n) per step"


def cause_scan_per_call(name: str, function: str) -> str:
    return f"{name} in {function}() looks at every item on every call"


def cause_recursion(function: str) -> str:
    return f"{function}() calls itself: deep inputs need depth-many stack frames"


def cause_in_list(name: str) -> str:
    return f"`in {name}` inside a loop scans a list: O(n) per test (use a set or dict)"


def cause_at(cause: str, lines: list[int]) -> str:
    where = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, sorted(lines)))
    return f"{cause} ({where})"


# --- `drill bench --plot` (bench/plot.py): the chart's words ------------------------------------------

PLOT_NEEDS_MATPLOTLIB = "--plot needs matplotlib: pip install -e '.[plot]'"
PLOT_NOTHING = "No timed figures to draw: the measuring stopped before a timed run finished at two sizes (the text report says where)."
PLOT_YOURS = "yours"
PLOT_REFERENCE = "reference"
PLOT_LIKE_REFERENCE = "yours, had it grown like the reference"


def plot_too_slow_band(time_fail: float) -> str:
    return f"too slow: grows over {time_fail:g}x faster than the reference (G > {time_fail:g})"


def plot_ends(sizes: int) -> str:
    return f"the 2 of {sizes} sizes the statistics use" if sizes > 2 else "the 2 sizes measured (the statistics use both)"


def plot_verdict(verdict: str, outcome: str | None, summary: str) -> str:
    shown = {"fail": f"fail ({outcome or 'too_slow'})"}.get(verdict, verdict)
    return f"Complexity: {shown}: {summary}"


def plot_verdict_colour(verdict: str) -> str:
    return {"pass": "tab:green", "fail": "tab:red", "inconclusive": "darkgoldenrod"}.get(verdict, "black")


def plot_about(problem: str, target: str, calls: str) -> str:
    timed = f" Timed: your calls to {calls}, beside the reference's." if calls else ""
    return f"{problem}: {target}.{timed}"


def plot_tick(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:.2g}"


def plot_x_axis(unit: str) -> str:
    return f"{unit} (n), log scale"


def plot_y_axis(per: str, timer: str) -> str:
    """`per`: "call", or "run" where the spec gives no call counts."""
    clock = "CPU time" if timer == TIMER_PROCESS else timer
    return f"time per {per} ({clock}), log scale"


def plot_panel_verdict(g: float, verdict: str) -> str:
    return f"G = {g:.2f}: {verdict}"


# --- a judged run with its complexity check (pipeline.py), and what verify and a mock board say --------

def too_slow(summary: str) -> str:
    return f"correct on the hidden tests, but {summary}"


def failed_on_benchmark(summary: str) -> str:
    return f"on a benchmark input: {summary}"


def complexity_not_run(summary: str) -> str:
    return f"the complexity check could not run: {summary}"


def complexity_undecided(summary: str) -> str:
    return (f"the hidden tests passed, but the complexity check could not decide ({summary}): not accepted yet; "
            "run it again on a quieter machine (`drill bench` shows the figures)")


VERIFY_NEEDS_BENCH = "too_slow needs the complexity benchmark"


def tests_passed(passed: int, total: int) -> str:
    return f"{passed}/{total}"


# --- interview notes after an accept (review.py) --------------------------------------------------------

NOTE_GLOBALS = "The solution keeps state in globals: what happens with two instances, or two threads?"


def note_recursive(function: str) -> str:
    return (f"{function}() is recursive: what happens at depth 100,000? Python's default recursion limit is 1,000; "
            "could you write it with an explicit stack?")


# --- the references against peer libraries (peers.py, maintainers) ----------------------------------------

UNKNOWN_CPU = "unknown CPU"


def machine(architecture: str, cpu: str) -> str:
    return f"{architecture}, {cpu}"


def peer_library_missing(spec_file: str, library: str | None) -> str:
    return f"{spec_file} needs a peer library that is not installed ({library}): pip install -e '.[peers]'"


def peers_disagree(slug: str, workload: str, size: int, wrong: list[str], their_answer: object, reference_answer: object) -> str:
    return (f"{slug} / {workload} / {size}: {', '.join(wrong)} disagree with the reference "
            f"({their_answer!r} vs {reference_answer!r}); the comparison would be unfair")


def peer_note(note: str, measured: list[str]) -> str:
    """A row's note, with what the spec's NOTES measured of the reference and of the peer."""
    return "; ".join(filter(None, [note, f"reference {measured[0]}", f"peer {measured[-1]}" if len(measured) > 1 else ""]))


def peer_progress(problem: str, workload: str, size: int, peer: str, ratio: float) -> str:
    return f"{problem:15} {workload:44} {size:>9,}  {peer:38} ratio {ratio:5.2f}"


def readme_without_section(readme: str, begin: str, end: str) -> str:
    return f"{readme} has no {begin} ... {end} section to update"


# --- what a hidden suite's failing case shows (authoring/testing.py) ---------------------------------------

NO_REDIS_FOR_SUITE = "no Redis for this run: the problem's problem.toml must say needs = [\"redis\"]"
NO_REDIS_CLUSTER_FOR_SUITE = ("no Redis Cluster for this run: problem.toml must say redis_cluster = true, "
                              "and the tests that use it must be marked redis_cluster")


def scenario_undecided(what: str, attempts: int) -> str:
    return (f"the machine was too busy to time this case ({what}): none of its {attempts} attempts ran close enough to "
            "its schedule to decide it; not accepted yet: run it again on a quieter machine")


def case_and_reason(case: str, reason: str) -> str:
    return f"{case}: {reason}"


def raised_instead(type_name: str, message: object) -> str:
    return f"raised {type_name}: {message}"


def returned_instead(shown: str) -> str:
    return f"returned {shown}"


def reference_limit(what: str, limit_s: float, floor_s: float, factor: float, reference_s: float) -> str:
    """A budget's `what` once the reference's time on the same input is known."""
    return f"{what}: limit {limit_s:.2f} s = max({floor_s:g} s, {factor:g} x the reference's {reference_s:.3f} s)"


# --- drill reveal --pytest (harness/reproduce.py) ---------------------------------------------------

REPRO_NO_INPUT = "the failing case keeps no input to replay (it failed while loading or finishing the suite)"
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


# --- drill doctor (harness/doctor.py) ----------------------------------------------------------------

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
    return f"pip install -e '.[{extra}]' in the kit's folder"
