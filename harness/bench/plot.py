"""`drill bench --plot`: a PNG of the measured growth, candidate beside reference."""

from __future__ import annotations

from pathlib import Path

from harness.bench.complexity import ComplexityReport


class PlotError(Exception):
    """The plot cannot be drawn (no matplotlib, nothing measured)."""


def plot_report(report: ComplexityReport, path: Path) -> None:
    """Write a PNG of time per run against size, candidate and reference, one panel per family."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import NullFormatter
    except ImportError as exc:
        raise PlotError("--plot needs matplotlib: pip install -e '.[plot]'") from exc
    families = [f for f in report.timed if f.curve]
    if not families:
        raise PlotError("nothing to plot: no family was timed to the end")
    fig, axes = plt.subplots(1, len(families), figsize=(5.5 * len(families), 4.2), squeeze=False)
    for ax, fam in zip(axes[0], families):
        for who, label, style in (("cand", "yours", "o-"), ("ref", "reference", "s--")):
            points = sorted(fam.curve[who])
            ax.plot([p[0] for p in points], [p[1] * 1000 for p in points], style, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_xlabel(fam.unit)
        ax.set_ylabel(f"ms per run ({fam.timer or report.timer}, min)")
        ax.set_title(f"{fam.name}\nG = {fam.g:.2f} ({fam.verdict})", fontsize=9)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle(f"{report.problem}: {report.target} — {report.verdict}", fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


