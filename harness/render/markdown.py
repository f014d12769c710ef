"""Markdown for people: the peer table (docs/performance.md) and the mock interview report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from harness.words import duration


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def _cell(seconds: float, row: Any) -> str:
    text = _fmt(seconds)
    if row.show_rate and seconds > 0:
        text += f" ({row.size / seconds:,.0f}/s)"
    return text


def peers_table(report: Any) -> str:
    """The peer comparison (harness.maintain.peers.PeerReport) as the Markdown table in docs/performance.md."""
    import os

    cores = os.cpu_count()
    lines = [
        f"Median of {report.rounds} interleaved rounds per cell (process time unless the workload says wall time; GC off), "
        f"{report.machine}, {cores} cores, CPython {report.python}; regenerate with `drill dev peers --save`. "
        "Ratio = reference / peer: below 1.0 the reference is faster. Targets: <= 1.0 against pure-Python peers, <= 3.0 against C.",
        "",
        "| problem | workload | size | reference | peer | peer time | ratio | target |",
        "|---|---|---:|---:|---|---:|---:|---|",
    ]
    for row in report.rows:
        mark = "ok" if row.within else "**missed**"
        peer = f"{row.peer} ({row.kind})"
        workload = row.workload if row.timer == "process time" else f"{row.workload} ({row.timer})"
        lines.append(
            f"| {row.problem} | {workload} | {row.size:,} {row.unit} | {_cell(row.reference_s, row)} | {peer} | {_cell(row.peer_s, row)} | "
            f"{row.ratio:.2f} | <= {row.limit:g} {mark} |"
        )
    notes = sorted({f"- {row.peer}: {row.note}" for row in report.rows if row.note})
    if notes:
        lines += ["", *notes]
    return "\n".join(lines)


def mock_report(report: dict[str, Any]) -> str:
    """A finished mock interview (harness.practice.mock.finish) as the report.md written beside its files."""
    lines = [
        f"# Mock interview #{report['id']}",
        "",
        f"Started {parse_iso(report['started_at']).astimezone():%Y-%m-%d %H:%M}, a {report['minutes']:g}-minute interview: "
        f"{report['solved']} of {len(report['problems'])} solved, {duration(report['used_s'])} used.",
        "",
        "| problem | solved | time to accept | attempts | last verdict | complexity |",
        "|---|---|---|---|---|---|",
    ]
    for row in report["problems"]:
        accept = duration(row["time_to_accept_s"])  # as the terminal's report and `drill stats` say it
        verdict = (row["last_verdict"] or "-") + (" \\*" if row.get("judged_at_end") else "")
        lines.append(
            f"| {row['problem']} | {'yes' if row['solved'] else 'no'} | {accept} | {row['attempts']} | {verdict} | {row['complexity'] or '-'} |"
        )
    notes = [note.replace("*", "\\*", 1) if note.startswith("*") else note for note in mock_report_notes(report)]
    if notes:
        lines += ["", *notes]
    return "\n".join(lines) + "\n"


def mock_report_notes(report: dict[str, Any]) -> list[str]:
    """What a mock report says under its table: which verdicts were judged as it ended, and the
    saves made after its end (the terminal and report.md say the same)."""
    lines = []
    at_end = [row for row in report["problems"] if row.get("judged_at_end")]
    if at_end:
        saves = ", ".join(f"{row['problem']} (saved {_hm(row['saved_at'])})" for row in at_end)
        lines.append(f"* judged as the mock ended, for a save the mock screen had not judged: {saves}; "
                     "counted as of that save.")
    for late in report.get("not_judged", []):
        lines.append(f"{late['file']} was saved at {_hm(late['saved_at'])}, after the mock ended at "
                     f"{_hm(report['ended_at'])}: the mock did not judge it (the file is kept as it is).")
    return lines


def _hm(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone().strftime("%H:%M:%S")
