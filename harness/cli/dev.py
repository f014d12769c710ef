"""`drill dev`: the maintainers' commands, kept out of the practice commands' help: the
self-check (`dev verify`), the peer benchmarks (`dev peers`) and mutation testing (`dev mutants`).
The old spellings `drill verify` and `drill bench --peers` still work, hidden from --help."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from harness import pipeline, render
from harness.problems import catalogue
from harness.maintain import mutants, verify
from harness.problems.catalogue import Problem, Submission
from harness.judge import SharedRunner
from harness.cli.app import DrillError, cli, emit_json, exit_with, json_option, redis_option
from harness.render import commands as commands_say
from harness.render import mutants as say
from harness.render.markdown import peers_table
from harness.verdicts import TIME_LIMIT_EXCEEDED, JudgeResult


@cli.group()
def dev() -> None:
    """For the kit's maintainers: checks of the kit itself (verify, peers, mutants)."""


def verify_slugs(slugs: tuple[str, ...], as_json: bool, redis_url: str | None, no_bench: bool, no_share: bool,
                 sample_tle_benches: bool = False) -> None:
    """Every known solution of the problems (all of them, none named) against the verdict of its folder."""
    complexity = not no_bench
    problems = [catalogue.get(s) for s in dict.fromkeys(slugs)] if slugs else list(catalogue.problems())
    con = render.console()

    shared: SharedRunner | None = None

    def judge_one(problem: Problem, path: Path, expected: str) -> JudgeResult:
        # Tests first, then complexity, as `drill check` does; known-slow solutions must also fail the bench.
        # Every stage of the suite, the Redis Cluster one too, even with --no-bench.
        sampled = verify.tle_bench_sample(problem) if sample_tle_benches else None
        also = (TIME_LIMIT_EXCEEDED,) if verify.bench_after_failed_tests(problem, Submission(path, expected), sampled) else ()
        return pipeline.judge_file(problem, path, complexity=complexity, redis_url=redis_url, bench_also_after=also, exit_first=True,
                                  cluster=True, shared=shared)

    on_result = None if as_json else (lambda check: commands_say.verify_check(con, check))
    checks = []
    for problem in problems:
        with SharedRunner(problem) if not no_share else nullcontext() as shared:
            checks += verify.verify_problem(problem, judge_one, on_result, complexity=complexity)
    mismatches = sum(c.mismatch for c in checks)
    skipped = sum(bool(c.skipped) for c in checks)
    if as_json:
        emit_json(verify.summary(checks))
    else:
        commands_say.verify_summary(con, len(checks) - skipped, mismatches, sum(c.mismatch and c.undecided for c in checks), skipped)
    exit_with(not mismatches)


def verify_options(f):  # type: ignore[no-untyped-def]
    f = click.option("--no-share", is_flag=True,
                     help="Give every file a suite runner of its own, as drill test does (slower), instead of one per problem that "
                          "collects the suite and prepares the reference's inputs, answers and times once. The verdicts are the same: "
                          "this is how that is checked.")(f)
    f = click.option("--sample-tle-benches", is_flag=True,
                     help="Bench one time_limit_exceeded file per problem instead of each (their verdict is the hidden tests' "
                          "either way; the bench is only shown to catch them too): the kit's CI, where time counts.")(f)
    f = click.option("--no-bench", is_flag=True, help="Judge the hidden tests only, skip the complexity benchmarks; the files whose verdict only a benchmark "
                          "gives (too_slow/, a docstring saying needs: bench) are skipped, neither ok nor a mismatch.")(f)
    f = redis_option(f)
    f = json_option(f)
    return click.argument("slugs", nargs=-1)(f)


@dev.command("verify", short_help="Every known solution and stub gets its folder's verdict")
@verify_options
def verify_command(slugs: tuple[str, ...], as_json: bool, redis_url: str | None, no_bench: bool, no_share: bool,
                   sample_tle_benches: bool) -> None:
    """Self-check: every known solution in solutions/ and every stub gets its marked verdict
    (without SLUG: every problem).

    Accepted solutions must also pass the complexity benchmark; too_slow and
    time_limit_exceeded ones must fail it (not a hostile adv_ one, nor a follow-up's: their
    verdict is the tests' alone). Each problem's suite is prepared once for all of its
    files (--no-share: once per file); every file still runs alone, in its own fresh worker.
    """
    verify_slugs(slugs, as_json, redis_url, no_bench, no_share, sample_tle_benches)


@cli.command("verify", hidden=True)
@verify_options
def old_verify_command(slugs: tuple[str, ...], as_json: bool, redis_url: str | None, no_bench: bool, no_share: bool,
                       sample_tle_benches: bool) -> None:
    """The old spelling of `drill dev verify`."""
    verify_slugs(slugs, as_json, redis_url, no_bench, no_share, sample_tle_benches)


def run_peers(slug: str | None, as_json: bool, quick: bool, save: bool) -> None:
    """The reference solutions against the peer libraries; figures written only with `save`
    (never from a `quick` smoke run), so a user's clone stays clean."""
    from harness.maintain import peers

    con = render.console(stderr=True)
    log = (lambda line: commands_say.progress_line(con, line)) if not as_json else (lambda line: None)
    try:
        report = peers.run_peers([slug] if slug else None, rounds=1 if quick else 7, smoke=quick, log=log)
    except peers.PeersError as exc:
        raise DrillError(str(exc)) from exc
    if save and not quick:
        commands_say.peers_written(con, peers.write_results(report, peers_table), peers.PERFORMANCE_DOC)
    if as_json:
        emit_json(report.to_dict())
    else:
        commands_say.peers(render.console(), peers_table(report))
    missed = [r for r in report.rows if not r.within]
    exit_with(not (missed and not quick))


@dev.command("peers", short_help="The reference solutions timed against peer libraries")
@click.argument("slug", required=False)
@json_option
@click.option("--quick", is_flag=True, help="Tiny sizes, one round (a smoke test, never saved).")
@click.option("--save", is_flag=True, help="Write the figures to benchmarks/results/peers.json and the table in docs/performance.md "
                                           "(without it, nothing is written).")
def peers_command(slug: str | None, as_json: bool, quick: bool, save: bool) -> None:
    """Time the reference solutions against the libraries people use instead (needs the peers
    extra; without SLUG: every problem that has peers). Exit status 1 if a row misses its target."""
    run_peers(slug, as_json, quick, save)


@dev.command("mutants", short_help="Judge every mutant of a problem's reference")
@click.argument("slug", required=False)
@click.option("--all", "every", is_flag=True, help="Every problem's reference, one problem after another.")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Mutate this accepted solution (under solutions/SLUG/) instead of the reference.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Judge only the first N mutants (in source order).")
@click.option("--sample", type=click.IntRange(min=1), default=None, help="Judge K mutants drawn with --seed.")
@click.option("--seed", type=int, default=0, show_default=True, help="The seed of --sample.")
@click.option("--id", "ids", multiple=True, metavar="ID", help="Judge only this mutant (repeatable).")
@click.option("--bench", is_flag=True, help="Also run the complexity benchmark on every mutant the tests accept.")
@json_option
@redis_option
def mutants_command(slug: str | None, every: bool, file: Path | None, limit: int | None, sample: int | None, seed: int,
                    ids: tuple[str, ...], bench: bool, as_json: bool, redis_url: str | None) -> None:
    """Mutation testing: judge every mutant of SLUG's reference (mutmut's operators) as `drill test` would.

    A mutant the hidden tests accept survives: a wrong solution the kit lets through, unless
    solutions/SLUG/mutants.toml lists it as equivalent or speed-only, with a reason. Each survivor
    is printed as a diff against the file. Exit status 1 if any survivor is unexplained (or a
    mutant could not be judged).
    """
    if every == bool(slug):
        raise DrillError("give one problem's SLUG or --all")
    if every and file is not None:
        raise DrillError("--file names one problem's solution: give its SLUG, not --all")
    if every and ids:
        raise DrillError("--id names one file's mutant: give its SLUG, not --all")
    problems = list(catalogue.problems()) if every else [catalogue.get(slug or "")]
    progress = render.console(stderr=True)
    out = render.console()
    reports = []
    for problem in problems:
        def on_result(n: int, of: int, result: mutants.MutantResult, slug: str = problem.slug) -> None:
            progress.print(f"{slug} ", end="")
            say.mutant_line(progress, n, of, result)

        try:
            report = mutants.run(problem, file, limit=limit, sample=sample, seed=seed, ids=ids, bench=bench, redis_url=redis_url,
                                 on_result=on_result).to_dict()
        except mutants.MutantsError as exc:
            raise DrillError(str(exc)) from exc
        reports.append(report)
        if not as_json:
            say.mutation_report(out, report)
    if as_json:
        emit_json({"problems": reports, **mutants.totals(reports)} if every else reports[0])
    exit_with(all(r["ok"] for r in reports))


@dev.command("mutation-table", short_help="The Markdown table of docs/mutation.md")
@click.argument("results", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def mutation_table_command(results: tuple[Path, ...]) -> None:
    """Print the Markdown table of docs/mutation.md from RESULTS (`drill dev mutants ... --json`, one
    problem or --all): a row per problem of every file, in the order given, and a total under two or more."""
    rows: list[dict[str, Any]] = []
    for path in results:
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            found = document["problems"] if "problems" in document else [document]
            say.mutation_table({"problems": found})  # each file's rows alone first, so that an error names its file
        except (ValueError, KeyError, TypeError) as exc:
            raise DrillError(f"{path}: not the JSON of `drill dev mutants --json` ({exc})") from exc
        rows.extend(found)
    click.echo(say.mutation_table({"problems": rows}), nl=False)
