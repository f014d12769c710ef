"""Smoke test of the peer benchmarks: every workload runs on a tiny size and every peer
gives the same answer as the reference (no timing here; the figures come from
`drill bench --peers`, which is not part of the default test run)."""

from __future__ import annotations

from harness.peers import markdown, run_peers, spec_paths


def test_every_peer_workload_runs_and_agrees_with_the_reference() -> None:
    report = run_peers(rounds=1, smoke=True)
    problems = {row.problem for row in report.rows}
    assert problems == {path.stem for path in spec_paths()}
    assert all(row.reference_s >= 0 and row.peer_s >= 0 for row in report.rows)
    assert "| problem | workload |" in markdown(report)
