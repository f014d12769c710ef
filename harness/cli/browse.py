"""Browsing: `drill list`, `drill show`."""

from __future__ import annotations

from pathlib import Path

import click

from harness import clock, render
from harness.practice import progress
from harness.problems import catalogue
from harness.cli.app import (
    cli, current_slug, emit_json, json_option, open_store, pager_option, warn_if_no_workspace, workspace_dir, workspace_option,
)
from harness.practice.store import StoreError


@cli.command("list")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only problems with this tag (repeat it: every tag given).")
@click.option("--difficulty", default=None, metavar="LEVEL", help="Only problems of this difficulty: easy, medium or hard.")
@workspace_option
@json_option
def list_command(tags: tuple[str, ...], difficulty: str | None, workspace: Path | None, as_json: bool) -> None:
    """List the problems and where you stand on each, and your streak of days with an accept."""
    problems = catalogue.select(tags, difficulty)
    warn_if_no_workspace(workspace)
    store = open_store(workspace_dir(workspace))
    # A log that cannot be read stops it (a usage error, as stats and next): a table would say "not started" of everything.
    rows = progress.listing(store, problems, clock.now())
    streak = progress.day_streak(store, clock.now())
    if as_json:
        emit_json(rows)  # a list, as before the streak (which `stats --json` carries)
    else:
        render.problem_list(render.console(), rows, streak, tags=tags, difficulty=difficulty)


@cli.command()
@click.argument("slug", required=False)
@click.option("--stub", is_flag=True, help="Print the stub (the file `drill start` copies) instead of the statement.")
@workspace_option
@pager_option
def show(slug: str | None, stub: bool, workspace: Path | None, no_pager: bool) -> None:
    """Print a problem's statement (without SLUG: the problem you started last; a pager shows it
    when it is taller than the terminal)."""
    ws = workspace_dir(workspace)
    problem = catalogue.get(current_slug(slug, ws))
    if stub:
        render.stub(render.console(), problem, pager=not no_pager)
        return
    store = open_store(ws)
    try:
        status = progress.progress(store, [problem], clock.now())[0].status
    except StoreError as exc:  # a statement needs no log
        render.log_unreadable(exc)
        status = None
    render.statement(render.console(), problem, status, pager=not no_pager)
