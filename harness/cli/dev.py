"""`drill dev`: commands for the kit's maintainers (mutation testing of the hidden suites)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from harness import render
from harness.maintain import mutants
from harness.problems import catalogue
from harness.cli.app import DrillError, cli, emit_json, exit_with, json_option, redis_option
from harness.render import mutants as say


@cli.group()
def dev() -> None:
    """For the kit's maintainers: checks of the kit itself."""


@dev.command("mutants")
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


@dev.command("mutation-table")
@click.argument("results", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def mutation_table_command(results: Path) -> None:
    """Print the Markdown table of docs/mutation.md from RESULTS (`drill dev mutants ... --json`)."""
    try:
        document = json.loads(results.read_text(encoding="utf-8"))
        click.echo(say.mutation_table(document), nl=False)
    except (ValueError, KeyError, TypeError) as exc:
        raise DrillError(f"{results}: not the JSON of `drill dev mutants --json` ({exc})") from exc
