"""Browsing: `drill list`, `drill show`."""

from __future__ import annotations

from pathlib import Path

import click

from harness import catalogue, clock, progress, render
from harness.cli.app import cli, emit_json, json_option, open_store, workspace_dir, workspace_option


@cli.command("list")
@workspace_option
@json_option
def list_command(workspace: Path | None, as_json: bool) -> None:
    """List the problems and where you stand on each."""
    store = open_store(workspace_dir(workspace))
    rows = progress.listing(store, list(catalogue.problems()), clock.now())
    if as_json:
        emit_json(rows)
    else:
        render.problem_list(render.console(), rows)


@cli.command()
@click.argument("slug")
@workspace_option
def show(slug: str, workspace: Path | None) -> None:
    """Print a problem's statement."""
    problem = catalogue.get(slug)
    store = open_store(workspace_dir(workspace))
    status = progress.progress(store, [problem], clock.now())[0].status
    render.statement(render.console(), problem, status)
