"""Complexity's words: what measure.py, complexity.py and plot.py raise or report.

Standard library only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


# --- complexity: measuring (bench/measure.py) --------------------------------------------------------

TIMER_WALL = "wall clock"
TIMER_PROCESS = "CPU time of each process, read from outside it"
TIMER_PROCESS_AND_REDIS = "CPU time of each process, read from outside it, plus the Redis server's time running its commands"
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
    """A prepare() stage's budget label: the candidate's own set-up calls (probe_stopped_at_cap says they are untimed)."""
    return f"your set-up calls at size {n:,}"


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


def call_names(calls: Sequence[str]) -> str:
    """The contract's calls as words: "HashRing()", "node_for", "get and put"."""
    names = [c.rpartition(".")[2] for c in calls]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def setup_past_cap(stage: str, unit: str, n: int, family: str, setup_calls: Sequence[str] = (), timed_calls: Sequence[str] = ()) -> str:
    """A fail in the untimed set-up (complexity.BUILD or PREPARE) at size n, said once: what ran
    past its cap (the set-up calls, not the timed calls the family is named after), and that the
    timed calls never ran."""
    if stage == "build":
        return f"building the input at {unit} {n:,} ran past its cap in your process, before any timed call ({family})"
    what = f"your set-up calls ({call_names(setup_calls)})" if setup_calls else "your set-up calls"
    timed = call_names(timed_calls) if timed_calls else "the timed calls"
    return f"{what} at {unit} {n:,} ran past their cap (set-up is not timed, only capped), so {timed} never ran"


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


def hidden_growth(gd: float, unit: str, n1: int, mid: int, n2: int, family: str) -> str:
    return (f"running time grows {gd:.1f}x faster than the reference's once a cost the same in every run is set "
            f"aside ({unit} {n1:,} → {mid:,} → {n2:,}) ({family})")


def time_grows_faster(g: float, family: str, measurements: int = 1) -> str:
    """The headline of a growth fail; a fail counts in two measurements, and the G it says is the
    milder of the two (complexity.settle_time), which the report's "G = a then b" does not say."""
    which = "; G of the milder of two failing measurements" if measurements > 1 else ""
    return f"running time grows {g:.1f}x faster than the reference's ({family}{which})"


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


def plot_too_slow_band(time_fail: float, excess_min_g: float, excess_fail: float, slowdown_fail: float) -> str:
    """The too-slow band: every rule that fails a time at a size, measured against the first size."""
    return (f"too slow, from the first size to this one: G > {time_fail:g}, or G > {excess_min_g:g}\n"
            f"and E > {excess_fail:g}, or over {slowdown_fail:g}x the reference's time")


def plot_ends(sizes: int) -> str:
    return f"the 2 of {sizes} sizes the statistics use" if sizes > 2 else "the 2 sizes measured (the statistics use both)"


def plot_verdict(verdict: str, outcome: str | None, summary: str) -> str:
    shown = {"fail": f"fail ({outcome or 'too_slow'})"}.get(verdict, verdict)
    return f"Complexity: {shown}: {summary}"


def plot_verdict_colour(verdict: str) -> str:
    return {"pass": "tab:green", "fail": "tab:red", "inconclusive": "darkgoldenrod"}.get(verdict, "black")


def plot_about(problem: str, target: str, calls: str) -> str:
    timed = f" Timed: your calls to {calls}, beside the reference's." if calls else ""
    return (f"{problem}: {target}.{timed} From the first size to a later one, G is how many times faster your time grew "
            "than the reference's, E how many of the reference's times yours gained.")


def plot_tick(value: float) -> str:
    return f"{value:,.0f}" if value >= 1 else f"{value:.2g}"


def plot_x_axis(unit: str) -> str:
    return f"{unit} (n), log scale"


def plot_y_axis(per: str, timer: str) -> str:
    """`per`: "call", or "run" where the spec gives no call counts."""
    clock = "CPU time" if timer == TIMER_PROCESS else timer
    return f"time per {per} ({clock}), log scale"


def plot_panel_verdict(g: float, e: float, verdict: str) -> str:
    return f"G = {g:.2f}, E = {e:.2f}: {verdict}"
