"""Smoke test of the peer benchmarks: every workload runs on a tiny size and every peer
gives the same answer as the reference (no timing here; the figures come from
`drill dev peers`, which is not part of the default test run)."""

from __future__ import annotations

import json
from pathlib import Path

from harness.maintain.peers import PERFORMANCE_DOC, README_BEGIN, README_END, RESULTS_FILE, PeerReport, Row, run_peers, spec_paths, write_results
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
    (tmp_path / PERFORMANCE_DOC).parent.mkdir(parents=True)
    (tmp_path / PERFORMANCE_DOC).write_text(f"intro\n{README_BEGIN}\nold table\n{README_END}\noutro\n")
    write_results(PeerReport(rows=[_row("alpha", 0.5), _row("beta", 0.6)]), markdown, root=tmp_path)
    write_results(PeerReport(rows=[_row("beta", 0.9)]), markdown, root=tmp_path)
    rows = json.loads((tmp_path / RESULTS_FILE).read_text())["rows"]
    assert [(r["problem"], r["ratio"]) for r in rows] == [("alpha", 0.5), ("beta", 0.9)]
    doc = (tmp_path / PERFORMANCE_DOC).read_text()
    assert "| alpha |" in doc and "| beta |" in doc and "old table" not in doc
    assert doc.startswith("intro\n") and doc.endswith("outro\n")


def test_dev_peers_writes_nothing_unless_asked(tmp_path: Path, monkeypatch) -> None:
    """A plain `drill dev peers` prints its table and leaves the clone as it was; --save writes."""
    from click.testing import CliRunner

    from harness.maintain import peers
    from harness.cli import cli

    (tmp_path / PERFORMANCE_DOC).parent.mkdir(parents=True)
    (tmp_path / PERFORMANCE_DOC).write_text(f"{README_BEGIN}\n{README_END}\n")
    monkeypatch.setattr(peers.catalogue, "kit_root", lambda: tmp_path)
    monkeypatch.setattr(peers, "run_peers", lambda *a, **k: PeerReport(rows=[_row("alpha", 0.5)]))
    for plain in (["dev", "peers"], ["bench", "--peers"]):  # the old spelling too
        assert CliRunner().invoke(cli, plain).exit_code == 0
        assert not (tmp_path / RESULTS_FILE).exists()
        assert "alpha" not in (tmp_path / PERFORMANCE_DOC).read_text()
    assert CliRunner().invoke(cli, ["dev", "peers", "--save"]).exit_code == 0
    assert json.loads((tmp_path / RESULTS_FILE).read_text())["rows"][0]["problem"] == "alpha"
    assert "| alpha |" in (tmp_path / PERFORMANCE_DOC).read_text()
