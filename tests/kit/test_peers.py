"""Smoke test of the peer benchmarks: every workload runs on a tiny size and every peer
gives the same answer as the reference (no timing here; the figures come from
`drill dev peers`, which is not part of the default test run)."""

from __future__ import annotations

import json
from pathlib import Path

from harness.peers import PEERS_DIR, PEERS_README, README_BEGIN, README_END, PeerReport, Row, run_peers, spec_paths, write_results
from harness.render.markdown import peers_table as markdown


def test_every_peer_workload_runs_and_agrees_with_the_reference() -> None:
    report = run_peers(rounds=1, smoke=True)
    problems = {row.problem for row in report.rows}
    assert problems == {path.stem for path in spec_paths()}
    assert all(row.reference_s >= 0 and row.peer_s >= 0 for row in report.rows)
    assert "| problem | workload |" in markdown(report)


def _row(problem: str, ratio: float) -> Row:
    return Row(problem, "a workload", 10, "n", "a peer", "pure Python", ratio, 1.0, ratio, 1.0, 7)


def test_a_run_over_one_problem_keeps_the_other_problems_rows(tmp_path: Path) -> None:
    (tmp_path / PEERS_DIR).mkdir(parents=True)
    write_results(PeerReport(rows=[_row("alpha", 0.5), _row("beta", 0.6)]), update_readme=False, root=tmp_path)
    (tmp_path / PEERS_README).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / PEERS_README).write_text(f"intro\n{README_BEGIN}\nold table\n{README_END}\noutro\n")
    write_results(PeerReport(rows=[_row("beta", 0.9)]), update_readme=True, root=tmp_path)
    rows = json.loads((tmp_path / PEERS_DIR / "results.json").read_text())["rows"]
    assert [(r["problem"], r["ratio"]) for r in rows] == [("alpha", 0.5), ("beta", 0.9)]
    readme = (tmp_path / PEERS_README).read_text()
    assert "| alpha |" in readme and "| beta |" in readme and "old table" not in readme
    assert readme.startswith("intro\n") and readme.endswith("outro\n")
