"""The machine and the kit itself: `drill doctor`, `drill verify`."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import click

from harness import pipeline, render
from harness.maintain import verify
from harness.problems import catalogue
from harness.problems.catalogue import Problem
from harness.judge import SharedRunner
from harness.cli.app import cli, emit_json, exit_with, json_option, redis_option, workspace_dir, workspace_option
from harness.practice.store import Store
from harness.render import commands as say
from harness.verdicts import TIME_LIMIT_EXCEEDED, JudgeResult


@cli.command()
@json_option
@workspace_option
@click.option("--repair-log", is_flag=True, help="Copy the readable rows of a damaged attempt log to a new one (the damaged file is kept).")
def doctor(as_json: bool, workspace: Path | None, repair_log: bool) -> None:
    """Which protections the judge gives a solution on this machine; --repair-log mends a damaged attempt log."""
    from harness.worker.policy import doctor as protections_here

    if repair_log:
        store = Store(workspace_dir(workspace))
        render.repaired(render.console(), store.path, store.repair())
        store.close()
        return

    rows = protections_here()
    if as_json:
        emit_json({"protections": [{"name": n, "on": on, "detail": d} for n, on, d in rows]})
    else:
        render.doctor(render.console(), rows)
    exit_with(all(on for _, on, _ in rows))


@cli.command("verify")
@click.argument("slugs", nargs=-1)
@json_option
@redis_option
@click.option("--no-bench", is_flag=True, help="Judge the hidden tests only, skip the complexity benchmarks.")
@click.option("--no-share", is_flag=True,
              help="Give every file a suite runner of its own, as drill test does (slower), instead of one per problem that "
                   "collects the suite and prepares the reference's inputs, answers and times once. The verdicts are the same: "
                   "this is how that is checked.")
def verify_command(slugs: tuple[str, ...], as_json: bool, redis_url: str | None, no_bench: bool, no_share: bool) -> None:
    """Self-check: every known solution in solutions/ and every stub gets its marked verdict.

    Accepted solutions must also pass the complexity benchmark; too_slow and
    time_limit_exceeded ones must fail it. Each problem's suite is prepared once for all of its
    files (--no-share: once per file); every file still runs alone, in its own fresh worker.
    """
    complexity = not no_bench
    problems = [catalogue.get(s) for s in dict.fromkeys(slugs)] if slugs else list(catalogue.problems())
    con = render.console()

    shared: SharedRunner | None = None

    def judge_one(problem: Problem, path: Path, expected: str) -> JudgeResult:
        # Tests first, then complexity, as `drill check` does; known-slow solutions must also fail the bench.
        # Every stage of the suite, the Redis Cluster one too, even with --no-bench.
        also = (TIME_LIMIT_EXCEEDED,) if expected == TIME_LIMIT_EXCEEDED else ()
        return pipeline.judge_file(problem, path, complexity=complexity, redis_url=redis_url, bench_also_after=also, exit_first=True,
                                  cluster=True, shared=shared)

    on_result = None if as_json else (lambda check: say.verify_check(con, check))
    checks = []
    for problem in problems:
        with SharedRunner(problem) if not no_share else nullcontext() as shared:
            checks += verify.verify_problem(problem, judge_one, on_result, complexity=complexity)
    mismatches = sum(not c.ok for c in checks)
    if as_json:
        emit_json(verify.summary(checks))
    else:
        say.verify_summary(con, len(checks), mismatches, sum(not c.ok and c.undecided for c in checks))
    exit_with(not mismatches)
