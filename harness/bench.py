"""`drill bench`: measures a solution's growth against the reference, in a child process.

Child side (python -m harness.bench): loads the candidate, the reference and
benchmarks/<slug>/bench.py, then for every timed family
  1. probes: one call each at n1 and n2; the candidate's call at n2 gets a cap of
     max(2 s, 8 x what the reference's growth predicts), so a hopeless solution costs seconds;
  2. times candidate and reference at n1 and n2 in shuffled round-robin rounds, each sample
     a batch of >= 5 ms of process time with GC off, keeping the minimum per cell;
  3. if G is not clearly passing, measures again: a fail must repeat to count, and a
     result left between the thresholds is inconclusive.
Count families then run once each (counts are deterministic with PYTHONHASHSEED=0).
Parent side: `bench()` runs the child with the judge's isolation and builds the report.

Why not pytest-benchmark here: it runs one benchmark's rounds back to back; the growth
statistic needs the four cells of a family interleaved in shuffled order in one process.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import math
import os
import random
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

from harness import catalogue
from harness.catalogue import Problem
from harness.complexity import (
    ERROR,
    FAIL,
    INCONCLUSIVE,
    PASS,
    ComplexityReport,
    CountedFamily,
    TimedFamily,
    classify_count,
    classify_time,
    decide,
    growth,
    likely_causes,
    report_lines,
)
from harness.judge import JudgeError, judge_environment, run_child
from harness.limits import TimeLimitExceeded, time_limit

SAMPLE_S = 0.005
ROUNDS, RETRY_ROUNDS, CONFIRM_ROUNDS = 7, 11, 5
PROBE_FLOOR_S, PROBE_FACTOR = 2.0, 8.0
# One call at n2 may never take longer than this, however slow the call at n1 already was:
# the reference takes well under a second there, so this is 20x+ slower in absolute terms.
PROBE_CEILING_S = 20.0
PLOT_POINTS = 5


class BenchError(Exception):
    """The bench cannot run for this problem or file (not a verdict)."""


def spec_path(problem: Problem) -> Path:
    return problem.benchmarks_dir / "bench.py"


def baseline_path(problem: Problem, spec: ModuleType) -> Path:
    """The solution growth is measured against: the problem's reference, unless the spec names
    another accepted one (a reference that defers work would hide per-operation costs)."""
    name = getattr(spec, "REFERENCE", None)
    return problem.solutions_dir / name if name else problem.reference_path


def has_bench(problem: Problem) -> bool:
    return spec_path(problem).is_file()


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# --- child side ----------------------------------------------------------------------------


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


class _Measure:
    def __init__(self, spec: ModuleType, cand: ModuleType, ref: ModuleType, emit: Callable[..., None], plot: bool) -> None:
        self.spec, self.cand, self.ref, self.emit, self.plot = spec, cand, ref, emit, plot
        self.run = spec.run
        # Process time by default (it ignores time spent descheduled on a busy machine). A spec
        # whose work happens in another process, such as a Redis server, sets TIMER = "wall";
        # a family may bring its own timer (benchkit.Family.timer).
        self.timer: Callable[[], float] = time.perf_counter if getattr(spec, "TIMER", "process") == "wall" else time.process_time
        # A spec may define prepare(module, workload) -> state, run untimed before each timed
        # run(module, state): the cost of building a size-n structure then stays out of the
        # figures, and a fixed number of operations on it shows the cost per operation.
        self.prepare: Callable[[Any, Any], Any] | None = getattr(spec, "prepare", None)

    def _once(self, module: ModuleType, workload: Any, timer: Callable[[], float]) -> tuple[float, Any]:
        state = self.prepare(module, workload) if self.prepare else workload
        gc.collect()
        gc.disable()
        try:
            started = timer()
            result = self.run(module, state)
            return timer() - started, result
        finally:
            gc.enable()

    def _batch(self, module: ModuleType, workload: Any, iterations: int, timer: Callable[[], float]) -> float:
        states = [self.prepare(module, workload) for _ in range(iterations)] if self.prepare else [workload] * iterations
        gc.collect()
        gc.disable()
        try:
            started = timer()
            for state in states:
                self.run(module, state)
            return (timer() - started) / iterations
        finally:
            gc.enable()

    def family(self, family: Any) -> TimedFamily:
        timer = family.timer or self.timer
        n1, n2 = family.sizes
        out = TimedFamily(name=family.name, unit=family.unit, n1=n1, n2=n2, timer=family.timer_name or "")
        sizes = [n1, n2]
        if self.plot:
            step = (n2 / n1) ** (1 / (PLOT_POINTS - 1))
            sizes = sorted({n1, n2, *(int(round(n1 * step**i)) for i in range(1, PLOT_POINTS - 1))})
        workloads = {n: family.build(n, random.Random(f"{family.name}/{n}")) for n in sizes}
        try:
            ref_times = {}
            for n in sizes:
                ref_times[n], ops = self._once(self.ref, workloads[n], timer)
                if n in (n1, n2) and isinstance(ops, int):
                    out.ops = (ops, ops) if out.ops is None else (out.ops[0], ops)
        except Exception as exc:  # noqa: BLE001 - a broken spec or reference is a kit bug, reported plainly
            out.error = f"the reference failed on this family: {_error_text(exc)}"
            return out
        cand_times = {}
        phase = f"time:{family.name}"
        try:
            first_cap = max(PROBE_FLOOR_S, 50 * ref_times[n1])
            self.emit("start", test=phase, limit_s=first_cap)
            with time_limit(first_cap, "probe"):
                cand_times[n1], _ = self._once(self.cand, workloads[n1], timer)
            expected = cand_times[n1] * ref_times[n2] / max(ref_times[n1], 1e-9)
            cap = min(PROBE_CEILING_S, max(PROBE_FLOOR_S, PROBE_FACTOR * expected))
            for n in sizes[1:]:
                self.emit("start", test=phase, limit_s=cap)
                with time_limit(cap, "probe"):
                    cand_times[n], _ = self._once(self.cand, workloads[n], timer)
        except TimeLimitExceeded as exc:
            out.verdict, out.g = FAIL, float("inf")
            out.probe = (
                f"one call at {family.unit} {n2:,} ran past its cap of {exc.limit_s:.1f} s "
                f"(8 x what the reference's growth predicts, at least {PROBE_FLOOR_S:g} s): growth far beyond the reference's"
            )
            out.attempts = [float("inf")]
            return out
        except RecursionError:
            out.error = "RecursionError on a larger input than the hidden tests use (deep inputs need an iterative approach)"
            return out
        except Exception as exc:  # noqa: BLE001 - the solution raised on a benchmark input
            out.error = f"your solution raised {_error_text(exc)}"
            return out

        def measure(rounds: int, seed: int) -> dict[tuple[str, int], float]:
            cells = [(who, n) for who in ("cand", "ref") for n in sizes]
            probe = {("cand", n): cand_times[n] for n in sizes} | {("ref", n): ref_times[n] for n in sizes}
            sample_s = getattr(family, "sample_s", SAMPLE_S)
            iterations = {cell: max(1, math.ceil(sample_s / max(probe[cell], 1e-7))) for cell in cells}
            estimate = rounds * sum(iterations[cell] * probe[cell] for cell in cells)
            self.emit("start", test=phase, limit_s=30 + 4 * estimate)
            best = {cell: math.inf for cell in cells}
            order = random.Random(seed)
            for _ in range(rounds):
                order.shuffle(cells)
                for who, n in cells:
                    module = self.cand if who == "cand" else self.ref
                    best[(who, n)] = min(best[(who, n)], self._batch(module, workloads[n], iterations[(who, n)], timer))
            return best

        best = measure(ROUNDS, 1)
        g = growth((best["cand", n1], best["cand", n2]), (best["ref", n1], best["ref", n2]))
        out.attempts, out.rounds = [g], ROUNDS
        verdict = classify_time(g)
        if verdict != PASS:
            # A fail must repeat to count; a result between the thresholds gets more rounds.
            rounds = CONFIRM_ROUNDS if verdict == FAIL else RETRY_ROUNDS
            again = measure(rounds, 2)
            g2 = growth((again["cand", n1], again["cand", n2]), (again["ref", n1], again["ref", n2]))
            out.attempts.append(g2)
            out.rounds = rounds
            best = again
            second = classify_time(g2)
            if verdict == FAIL and second == FAIL:
                verdict, g = FAIL, min(g, g2)
            elif second == PASS:
                verdict, g = PASS, g2
            else:
                verdict, g = INCONCLUSIVE, g2
        out.g, out.verdict = g, verdict
        out.cand = (best["cand", n1], best["cand", n2])
        out.ref = (best["ref", n1], best["ref", n2])
        if self.plot:
            out.curve = {"cand": [[n, best["cand", n]] for n in sizes], "ref": [[n, best["ref", n]] for n in sizes]}
        return out

    def counted(self, family: Any) -> CountedFamily:
        from harness.benchkit import Counter

        n1, n2 = family.sizes
        out = CountedFamily(name=family.name, unit=family.unit, n1=n1, n2=n2, label=family.label)
        counts: dict[tuple[str, int], int] = {}
        ops: dict[int, int] = {}
        timing: dict[tuple[str, int], float] = {}
        try:
            for who, module in (("ref", self.ref), ("cand", self.cand)):
                for n in (n1, n2):
                    workload = family.build(n, random.Random(f"{family.name}/{n}"))
                    cap = 60.0
                    if who == "cand" and n == n2:
                        expected = timing["cand", n1] * timing["ref", n2] / max(timing["ref", n1], 1e-9)
                        cap = max(5.0, PROBE_FACTOR * expected)
                    Counter.reset()
                    with time_limit(cap, "count"):
                        timing[who, n], result = self._once(module, workload, self.timer)
                    counts[who, n] = Counter.operations
                    if isinstance(result, int):
                        ops[n] = result
        except TimeLimitExceeded as exc:
            out.verdict, out.g = FAIL, float("inf")
            out.cand = (counts.get(("cand", n1), 0), 0)
            out.ref = (counts.get(("ref", n1), 0), counts.get(("ref", n2), 0))
            out.label += f" (the counted run at {family.unit} {n2:,} ran past its cap of {exc.limit_s:.1f} s)"
            return out
        except Exception as exc:  # noqa: BLE001
            out.error = f"the counted run raised {_error_text(exc)} (solutions that convert or type-check keys cannot be counted)"
            return out
        out.cand = (counts["cand", n1], counts["cand", n2])
        out.ref = (counts["ref", n1], counts["ref", n2])
        if n1 in ops and n2 in ops:
            out.ops = (ops[n1], ops[n2])
        if min(out.cand[0], out.ref[0], out.ref[1]) <= 0:
            out.error = "no counted operations (the solution does not compare or hash the counted values)"
            return out
        out.g = growth((float(out.cand[0]), float(out.cand[1])), (float(out.ref[0]), float(out.ref[1])))
        out.verdict = classify_count(out.g)
        return out


def main(argv: list[str] | None = None) -> int:
    from harness import child, testing

    parser = argparse.ArgumentParser(prog="harness.bench")
    parser.add_argument("--problem", required=True)
    parser.add_argument("--solution", required=True)
    parser.add_argument("--plot", action="store_true")
    parser.add_argument("--events-fd", type=int, required=True)
    args = parser.parse_args(argv)

    nonce = sys.stdin.readline().strip()
    sys.stdin.close()
    sys.stdin = open(os.devnull)  # noqa: SIM115
    channel = os.fdopen(args.events_fd, "w", buffering=1, encoding="utf-8")

    def emit(event: str, **data: Any) -> None:
        channel.write(json.dumps({"nonce": nonce, "event": event, **data}, default=str) + "\n")
        channel.flush()

    problem = catalogue.get(args.problem)
    testing.configure(module_name=problem.module, reference_path=problem.reference_path)
    if not child.load_solution(problem, Path(args.solution).resolve(), emit):
        return 0
    candidate = sys.modules[problem.module]
    spec = _load("_drill_bench_spec", spec_path(problem))
    reference = _load("_drill_reference", baseline_path(problem, spec))
    emit("loaded")
    measure = _Measure(spec, candidate, reference, emit, args.plot)
    failed = False
    for family in spec.FAMILIES:
        emit("start", test=f"time:{family.name}", limit_s=120)
        result = measure.family(family) if not failed else None
        emit("result", test=f"time:{family.name}", data=_as_dict(result))
        failed = failed or (result is not None and result.verdict == FAIL)
    for family in getattr(spec, "COUNT_FAMILIES", []):
        emit("start", test=f"count:{family.name}", limit_s=130)
        result = measure.counted(family) if not failed else None
        emit("result", test=f"count:{family.name}", data=_as_dict(result))
        failed = failed or (result is not None and result.verdict == FAIL)
    emit("done")
    return 0


def _as_dict(value: Any) -> Any:
    from dataclasses import asdict

    return asdict(value) if value is not None else None


# --- parent side -------------------------------------------------------------------------------


def bench(problem: Problem, solution: Path, *, plot: bool = False, redis_url: str | None = None) -> ComplexityReport:
    """Measure `solution`'s growth against the reference. Raises BenchError / JudgeError if it cannot run."""
    if not has_bench(problem):
        raise BenchError(f"{problem.slug} has no complexity benchmark yet (no {spec_path(problem)})")
    # The spec is kit code (no solution code), safe to import here for its TARGET.
    meta = _load(f"_drill_bench_meta_{problem.slug}", spec_path(problem))
    target = meta.TARGET
    solution = solution.resolve()
    args = ["--problem", problem.slug, "--solution", str(solution)] + (["--plot"] if plot else [])
    with judge_environment(problem, redis_url) as extra_env:
        child = run_child("harness.bench", args, problem, extra_env)
    report = ComplexityReport(problem=problem.slug, target=target, verdict=PASS, summary="")
    report.timer = "wall clock" if getattr(meta, "TIMER", "process") == "wall" else "process time"
    run = child.report
    if run.load_failure is not None:
        raise BenchError(f"cannot benchmark {solution.name}: {run.load_failure.get('message')}")
    if not run.loaded:
        raise BenchError(f"cannot benchmark {solution.name}: the process ended while loading it (exit status {child.returncode})")
    for name, event in run.results.items():
        data = event.get("data")
        if data is None:
            continue
        if name.startswith("time:"):
            data["cand"], data["ref"] = tuple(data["cand"]), tuple(data["ref"])
            if data.get("ops") is not None:
                data["ops"] = tuple(data["ops"])
            report.timed.append(TimedFamily(**data))
        else:
            data["cand"], data["ref"] = tuple(data["cand"]), tuple(data["ref"])
            if data.get("ops") is not None:
                data["ops"] = tuple(data["ops"])
            report.counted.append(CountedFamily(**data))
    if not run.done:
        # The child died or was killed mid-family: that family is a failure only if it was cut off by time.
        current = run.current or "the benchmark"
        if child.killed:
            report.timed.append(
                TimedFamily(name=current.split(":", 1)[-1], unit="n", n1=0, n2=0, verdict=FAIL, g=float("inf"),
                            probe="the benchmark ran past its overall cap and was stopped")
            )
        else:
            tail = (child.stderr_tail or "").strip().splitlines()
            report.timed.append(
                TimedFamily(name=current.split(":", 1)[-1], unit="n", n1=0, n2=0, verdict=ERROR,
                            error=f"the process ended during {current} (exit status {child.returncode}){': ' + tail[-1] if tail else ''}")
            )
    report.verdict, report.summary = decide(report.timed, report.counted)
    if report.verdict in (FAIL, INCONCLUSIVE):
        report.causes = likely_causes(solution.read_text(encoding="utf-8", errors="replace"))
    report.duration_s = round(child.duration_s, 2)
    report.lines = report_lines(report)
    return report


def plot_report(report: ComplexityReport, path: Path) -> None:
    """Write a PNG of time per run against size, candidate and reference, one panel per family."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import NullFormatter
    except ImportError as exc:
        raise BenchError("--plot needs matplotlib: pip install -e '.[plot]'") from exc
    families = [f for f in report.timed if f.curve]
    if not families:
        raise BenchError("nothing to plot: no family was timed to the end")
    fig, axes = plt.subplots(1, len(families), figsize=(5.5 * len(families), 4.2), squeeze=False)
    for ax, fam in zip(axes[0], families):
        for who, label, style in (("cand", "yours", "o-"), ("ref", "reference", "s--")):
            points = sorted(fam.curve[who])
            ax.plot([p[0] for p in points], [p[1] * 1000 for p in points], style, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel(fam.unit)
        ax.set_ylabel(f"ms per run ({fam.timer or report.timer}, min)")
        ax.set_title(f"{fam.name}\nG = {fam.g:.2f} ({fam.verdict})", fontsize=9)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle(f"{report.problem}: {report.target} — {report.verdict}", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


if __name__ == "__main__":
    sys.exit(main())


# --- tests, then complexity: what `drill check` judges --------------------------------------------


def bench_or_error(problem: Problem, solution: Path, *, redis_url: str | None = None, plot: bool = False) -> ComplexityReport:
    """bench(), with a failure to run turned into an `error` report instead of an exception."""
    try:
        return bench(problem, solution, redis_url=redis_url, plot=plot)
    except (BenchError, JudgeError) as exc:
        report = ComplexityReport(problem=problem.slug, target="", verdict=ERROR, summary=f"could not be measured: {exc}")
        report.lines = [report.summary]
        return report


def apply_complexity(result: Any, report: ComplexityReport) -> None:
    """Attach a bench report to a judge result; a confirmed failure turns `accepted` into `too_slow`."""
    from harness.verdicts import ACCEPTED, TOO_SLOW

    result.complexity = report.to_dict()
    if result.verdict == ACCEPTED and report.verdict == FAIL:
        result.verdict = TOO_SLOW
        result.message = f"correct, but too slow: {report.summary}"
