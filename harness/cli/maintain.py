"""The machine: `drill doctor`."""

from __future__ import annotations

from pathlib import Path

import click

from harness import render
from harness.cli.app import cli, emit_json, exit_with, json_option, workspace_dir, workspace_option
from harness.render import workspace_flag
from harness.practice.store import Store


@cli.command()
@json_option
@workspace_option
@click.option("--repair-log", is_flag=True, help="Copy the readable rows of a damaged attempt log to a new one (the damaged file is kept).")
def doctor(as_json: bool, workspace: Path | None, repair_log: bool) -> None:
    """What a run needs on this machine, each with its fix: the judge's protections, a Redis server
    and a Redis Cluster drill can start, the attempt log, the optional extras. --repair-log mends a
    damaged attempt log."""
    from harness.practice import doctor as machine
    from harness.worker.policy import doctor as protections_here

    ws = workspace_dir(workspace)
    if repair_log:
        store = Store(ws)
        render.repaired(render.console(), store.path, store.repair())
        store.close()
        return

    rows = protections_here()
    checks = machine.checks(ws, workspace_flag(workspace))
    if as_json:
        emit_json({"protections": [{"name": n, "on": on, "detail": d} for n, on, d in rows],
                   "checks": [c.to_dict() for c in checks]})
    else:
        render.doctor(render.console(), rows, checks)
    exit_with(all(on for _, on, _ in rows) and all(c.ok for c in checks if c.required))
