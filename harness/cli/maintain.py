"""The machine: `drill doctor`."""

from __future__ import annotations

from pathlib import Path

import click

from harness import render
from harness.cli.app import cli, emit_json, exit_with, json_option, workspace_dir, workspace_option
from harness.store import Store


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
