"""The one pipeline: hidden tests, then the complexity check, then the record.

`drill test`, `check`, `watch`, `mock` and `verify` all judge through `judge_file`, which
returns a new JudgeResult and changes nothing in place; `record` writes it to the log.
The file is read once: the tests and the bench judge the same bytes, even if the file is
saved again while they run. Its Redis servers (a problem that needs them) are started once too,
and both stages use them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import asdict
import hashlib
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable

from harness.bench import has_bench, measure_complexity_or_error
from harness.bench.complexity import ERROR, FAIL, INCONCLUSIVE, ComplexityReport
from harness.problems.catalogue import Problem
from harness.judge import PreparedRunner, SharedRunner, judge, judge_environment
from harness.practice.store import Store, StoreError
from harness.verdicts import ACCEPTED, COMPLEXITY_CASE, JUDGE_ERROR, NO_VERDICT, TOO_SLOW, UNDECIDED, Failure, JudgeResult


# --- the words a result gets from its complexity check (with_complexity) --------------------------------

def too_slow(summary: str) -> str:
    return f"correct on the hidden tests, but {summary}"


def failed_on_benchmark(summary: str) -> str:
    return f"on a benchmark input: {summary}"


def complexity_not_run(summary: str) -> str:
    return f"the complexity check could not run: {summary}"


def complexity_undecided(summary: str) -> str:
    return (f"the hidden tests passed, but the complexity check could not decide ({summary}): not accepted yet; "
            "run it again on a quieter machine (`drill bench` shows the figures)")


Stage = Callable[[str], None]


def judge_file(
    problem: Problem,
    path: Path,
    *,
    complexity: bool,
    redis_url: str | None = None,
    prepared: PreparedRunner | None = None,
    bench_also_after: tuple[str, ...] = (),
    exit_first: bool = False,
    on_stage: Stage | None = None,
    cluster: bool | None = None,
    shared: SharedRunner | None = None,
    shown_as: str | None = None,
) -> JudgeResult:
    """Judge `path`: the hidden tests, then (if `complexity` and they passed, or the verdict is in
    `bench_also_after`) the complexity benchmark. Raises JudgeError if the judge cannot run.
    `exit_first` stops the tests at the first failure (its verdict is the run's anyway).
    `cluster`: run the suite's Redis Cluster stage, if the problem has one; by default with the
    complexity check (`drill check` runs it, `drill test` skips it and its result says so).
    `shared`: the problem's SharedRunner (drill dev verify), which prepares the suite once for many files.
    `shown_as`: how the user named the file (the path typed after --file), which a load error or a
    traceback names; default the file's own name, never the snapshot's (problem.file)."""
    if cluster is None:
        cluster = complexity
    shown_as = shown_as or path.name
    path = path.resolve()
    with tempfile.TemporaryDirectory(prefix="drill-snapshot-") as tmp, ExitStack() as stack:
        # The file's Redis servers, for both stages: a prepared runner's (watch mode), else started now.
        redis = prepared.redis if prepared is not None else stack.enter_context(judge_environment(problem, redis_url, cluster=cluster))
        snapshot = Path(tmp) / problem.file
        source = path.read_bytes()
        snapshot.write_bytes(source)
        if on_stage:
            on_stage("tests")
        judged = judge(problem, snapshot, prepared=prepared, exit_first=exit_first, redis=redis, shared=shared, shown_as=shown_as)
        kept = source if hashlib.sha256(source).hexdigest() == judged.source_sha256 else None  # the bytes judged, for the log
        result = dataclasses.replace(judged, file=str(path), source=kept)
        wants_bench = result.ok or result.verdict in bench_also_after
        if complexity and wants_bench and has_bench(problem):
            if on_stage:
                on_stage("complexity")
            try:
                report = measure_complexity_or_error(problem, snapshot, redis=redis, shown_as=shown_as)
            except KeyboardInterrupt as exc:  # the tests' result is kept: see ComplexityInterrupted
                raise ComplexityInterrupted(not_checked(result)) from exc
            result = with_complexity(result, report)
    return result


COMPLEXITY_STAGE = "complexity"
INTERRUPTED = " (interrupted)"  # the suffix of the command a ComplexityInterrupted result is recorded under


class ComplexityInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) during the complexity check. `result` is the hidden tests' finished
    result, marked as not checked for complexity (not_checked): the caller shows it and records it
    under `command + INTERRUPTED` (never a full judgement), then stops as for any Ctrl-C."""

    def __init__(self, result: JudgeResult) -> None:
        super().__init__()
        self.result = result


def not_checked(result: JudgeResult) -> JudgeResult:
    """The result, marked as one whose complexity check did not run to its end."""
    return dataclasses.replace(result, skipped_stages=[*result.skipped_stages, {"stage": COMPLEXITY_STAGE, "interrupted": True}])


def recorded_command(result: JudgeResult, command: str) -> str:
    """The command a result is recorded under: with INTERRUPTED if its complexity check was cut short."""
    cut = any(stage.get("stage") == COMPLEXITY_STAGE and stage.get("interrupted") for stage in result.skipped_stages)
    return command + INTERRUPTED if cut else command


def with_complexity(result: JudgeResult, report: ComplexityReport) -> JudgeResult:
    """The result with its complexity report attached. A fail turns `accepted` into the fail's
    outcome (too_slow, or what happened); an inconclusive measurement turns it into undecided, and
    a bench the kit could not run into judge_error: no decision is never a pass."""
    data = report.to_dict()
    new = dataclasses.replace(result, complexity=data, duration_s=round(result.duration_s + report.duration_s, 3))
    if result.verdict != ACCEPTED:
        return new
    if report.verdict == FAIL:
        new.verdict = report.outcome or TOO_SLOW
        if not report.timed and not report.counted:  # no family measured: the file did not load for the bench
            new.message = report.summary
        else:
            new.message = too_slow(report.summary) if new.verdict == TOO_SLOW else failed_on_benchmark(report.summary)
    elif report.verdict == INCONCLUSIVE:
        new.verdict = UNDECIDED
        new.message = complexity_undecided(report.summary)
    elif report.verdict == ERROR:
        new.verdict = JUDGE_ERROR
        new.message = complexity_not_run(report.summary)
    return new


def record(store: Store, result: JudgeResult, command: str, *, file_run: bool = False) -> StoreError | None:
    """Write the run (and its bench) to the attempt log (`file_run`: Store.record_run). Returns the
    error instead of raising: a run that was judged is shown even if the log cannot take it."""
    try:
        store.record_run(result, command, file_run=file_run)
        if result.complexity is not None:
            store.record_bench(result.problem, result.complexity, command=command, started_at=result.started_at,
                               source_sha256=result.source_sha256)
    except StoreError as exc:
        return exc
    return None


def summary(results: list[JudgeResult], skipped: list[str], counts: dict[str, int], problem_counts: list[dict[str, int]]) -> dict[str, Any]:
    """Several results as one plain-data document (`drill check --all --json`). `counts` are the
    JUnit file's totals (render.junit.junit_counts of the results and the `skipped` problems,
    handed in by the command line, so the two never disagree): a problem's complexity target is
    one test of it, so a too_slow solution counts one failure; "errors" are the tests the judge
    could not decide; "skipped_tests" are JUnit's skipped cases: the tests not run after a limit
    ("not_run") and one placeholder per problem without a file. Each problem's passed, failed,
    errors, not_run and total are its JUnit testsuite's (`problem_counts`, junit_counts of each
    result alone), so they add up to the totals. "verdict"
    is the first failing problem's verdict (a verdict before no verdict, as in the exit status;
    the problem of "first_failure"), else accepted; "verdicts" counts the problems of each."""
    failing = [r for r in results if not r.ok]
    decided = [r for r in failing if r.verdict not in NO_VERDICT]  # a verdict outranks no verdict, as in the exit status
    failing = decided + [r for r in failing if r.verdict in NO_VERDICT]
    entries = []
    for result, suite in zip(results, problem_counts, strict=True):
        entries.append({**result.to_dict(), "passed": suite["tests"] - suite["failures"] - suite["errors"] - suite["skipped"],
                        "failed": suite["failures"], "errors": suite["errors"], "not_run": suite["skipped"], "total": suite["tests"]})
    verdicts: dict[str, int] = {}
    for result in results:
        verdicts[result.verdict] = verdicts.get(result.verdict, 0) + 1
    return {
        # A string, as for one problem (tools read it so); the list is "problems".
        "problem": ",".join(r.problem for r in results),
        "problems": [r.problem for r in results],
        "verdict": failing[0].verdict if failing else ACCEPTED,
        "verdicts": verdicts,
        "ok": not failing,
        "passed": counts["tests"] - counts["failures"] - counts["errors"] - counts["skipped"],
        "failed": counts["failures"],
        "errors": counts["errors"],
        "not_run": counts["skipped"] - len(skipped),
        "skipped_tests": counts["skipped"],
        "total": counts["tests"],
        "duration_s": round(sum(r.duration_s for r in results), 3),
        "first_failure": first_failure_of(failing[0]) if failing else None,
        "results": entries,
        "skipped": skipped,
    }


def first_failure_of(result: JudgeResult) -> dict[str, Any]:
    """The result's first failing case as --json gives it, with its problem; a run that failed
    only its complexity target has the target as its case (as in the JUnit file)."""
    failure = result.to_dict()["first_failure"]
    if failure is None:
        complexity = result.complexity or {}
        failure = {**asdict(Failure(test=COMPLEXITY_CASE, title=COMPLEXITY_CASE, verdict=result.verdict,
                                    message=str(complexity.get("summary") or result.message or result.verdict)))}
    return {"problem": result.problem, **failure}
