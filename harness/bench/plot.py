"""`drill bench --plot`: a PNG of the measured growth, candidate beside reference."""

from __future__ import annotations

from pathlib import Path

from harness.bench.complexity import TIME_FAIL, ComplexityReport, TimedFamily
from harness.render import messages


class PlotError(Exception):
    """The plot cannot be drawn (no matplotlib, nothing measured)."""


def per_operation(fam: TimedFamily) -> tuple[dict[str, list[tuple[float, float]]], str]:
    """Each side's (n, seconds per operation) points, or per run where the spec gives no call counts."""
    curve = fam.curve or {"cand": [], "ref": []}
    per_op = all(len(p) > 2 and p[2] for p in curve["ref"])
    points = {who: sorted((p[0], p[1] / (p[2] if per_op else 1)) for p in curve[who]) for who in ("cand", "ref")}
    return points, "operation" if per_op else "run"


def plot_report(report: ComplexityReport, path: Path) -> None:
    """Write a PNG, one panel per family: time per operation against size, yours and the
    reference's, and the line yours would follow if it grew like the reference (a passing
    solution stays near it; a failing one bends away above it)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FuncFormatter, NullFormatter
    except ImportError as exc:
        raise PlotError(messages.PLOT_NEEDS_MATPLOTLIB) from exc
    families = [f for f in report.timed if f.curve]
    if not families:
        raise PlotError(messages.PLOT_NOTHING)
    fig, axes = plt.subplots(1, len(families), figsize=(5.8 * len(families), 4.6), squeeze=False)
    for ax, fam in zip(axes[0], families):
        points, per = per_operation(fam)
        cand, ref = points["cand"], points["ref"]
        ax.plot([n for n, _ in cand], [t * 1e6 for _, t in cand], "o-", color="tab:blue", lw=2, label=messages.PLOT_YOURS)
        ax.plot([n for n, _ in ref], [t * 1e6 for _, t in ref], "s--", color="tab:gray", label=messages.PLOT_REFERENCE)
        # Yours, had it grown like the reference from your first point; and where a fail begins.
        like_ref = [(n, cand[0][1] * t / ref[0][1]) for n, t in ref]
        ax.plot([n for n, _ in like_ref], [t * 1e6 for _, t in like_ref], ":", color="tab:green",
                label=messages.PLOT_LIKE_REFERENCE)
        fail_at = [(like_ref[-1][0], like_ref[-1][1] * TIME_FAIL)]
        ax.plot([n for n, _ in fail_at], [t * 1e6 for _, t in fail_at], "v", color="tab:red", ms=9,
                label=messages.plot_fail_line(TIME_FAIL))
        ax.set_xscale("log")
        ax.set_yscale("log")
        readable = FuncFormatter(lambda v, _: messages.plot_tick(v))
        ax.xaxis.set_major_formatter(readable)
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.yaxis.set_major_formatter(readable)
        low, high = ax.get_ylim()
        # Within one decade there are no major ticks to read: label the minor ones instead.
        ax.yaxis.set_minor_formatter(readable if high / low < 10 else NullFormatter())
        ax.set_xlabel(messages.plot_x_axis(fam.unit))
        ax.set_ylabel(messages.plot_y_axis(per))
        ax.set_title(messages.plot_panel_title(fam.name, fam.g, fam.verdict), fontsize=9)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7, loc="upper left")
    timers = sorted({f.timer or report.timer for f in families})
    fig.suptitle(messages.plot_title(report.problem, report.target, report.verdict, timers), fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
