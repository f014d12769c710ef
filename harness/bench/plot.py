"""`drill bench --plot`: a PNG of the measured growth, candidate beside reference.

The figures are the text report's: time per call (per run where the spec gives no call
counts), in the report's units, at every size measured; the statistics use the first and the
last size, which are marked."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

from harness.bench.complexity import EXCESS_FAIL, EXCESS_MIN_G, SLOWDOWN_FAIL, TIME_FAIL, ComplexityReport, TimedFamily
from harness.bench import messages
from harness.words import calls_text, duration_text

PANEL_W, PANEL_H = 6.6, 5.0  # inches
TITLE_CHARS_PER_INCH = 13  # at the header's font size: where its lines wrap


class PlotError(Exception):
    """The plot cannot be drawn (no matplotlib, nothing measured)."""


def per_operation(fam: TimedFamily) -> tuple[dict[str, list[tuple[float, float]]], str]:
    """Each side's (n, seconds per call) points, or per run where the spec gives no call counts:
    the text report's figures (render.terminal.per_call) at every size measured."""
    curve = measured_curve(fam) or {"cand": [], "ref": []}
    per_op = all(len(p) > 2 and p[2] for p in curve["ref"])
    points = {who: sorted((p[0], p[1] / (p[2] if per_op else 1)) for p in curve[who]) for who in ("cand", "ref")}
    return points, "call" if per_op else "run"


def measured_curve(fam: TimedFamily) -> dict[str, list[list[float]]] | None:
    """The family's points: every size measured for --plot, else the two the statistics use
    (a family failed from its probes, far past the thresholds, has no rounds and no curve)."""
    if fam.curve:
        return fam.curve
    if min(*fam.cand, *fam.ref) <= 0:
        return None
    ops = fam.ops or (0, 0)
    return {who: [[fam.n1, t[0], ops[0]], [fam.n2, t[1], ops[1]]] for who, t in (("cand", fam.cand), ("ref", fam.ref))}


def too_slow_boundary(cand: list[tuple[float, float]], ref: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Where the too-slow band starts at each size n: the least time of yours at n that the timing
    rule (complexity.classify_time) fails, were n the last size, measured against your first point
    and the reference's: G > TIME_FAIL, or G > EXCESS_MIN_G and E > EXCESS_FAIL, or over
    SLOWDOWN_FAIL times the reference's time. Your last point lies inside the band exactly when
    the rule fails it; the reference's line lies inside only where growing like it would fail too."""
    (_, c1), r1 = cand[0], ref[0][1]
    out = []
    for n, r in ref:
        like_ref = c1 * r / r1  # G = 1
        by_growth = TIME_FAIL * like_ref
        by_excess = max(EXCESS_MIN_G * like_ref, r * (c1 / r1 + EXCESS_FAIL))
        out.append((n, min(by_growth, by_excess, SLOWDOWN_FAIL * r)))
    return out


def nice_ticks(low: float, high: float) -> list[float]:
    """Round ticks covering [low, high] (seconds), at least three of them: 1-2-5 where the range
    allows, finer steps in a narrow one, else three points evenly spread (log scale) and rounded."""
    for steps in ((1,), (1, 2, 5), (1, 1.5, 2, 3, 5, 7), (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9)):
        ticks = [m * 10**e for e in range(math.floor(math.log10(low)) - 1, math.ceil(math.log10(high)) + 1) for m in steps]
        inside = [t for t in ticks if low <= t <= high]
        if len(inside) >= 3:
            return inside
    spread = [low * (high / low) ** (k / 4) for k in (1, 2, 3)]
    return [float(f"{t:.2g}") for t in spread]


def _panel_title(fam: TimedFamily) -> str:
    return "\n".join([*textwrap.wrap(fam.name, int(PANEL_W * 11)), messages.plot_panel_verdict(fam.g, fam.excess, fam.verdict)])


def _round_125(value: float, *, down: bool) -> float:
    """The nearest 1-2-5 value (1, 2, 5, 10, 20...) at or below `value` (down), else at or above."""
    e = math.floor(math.log10(value))
    steps = [m * 10**k for k in (e - 1, e, e + 1) for m in (1, 2, 5)]
    return max(t for t in steps if t <= value * (1 + 1e-9)) if down else min(t for t in steps if t >= value * (1 - 1e-9))


def plot_report(report: ComplexityReport, path: Path) -> None:
    """Write the PNG of draw(report) to `path`."""
    fig = draw(report)
    import matplotlib.pyplot as plt

    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def draw(report: ComplexityReport) -> Any:
    """The figure, one panel per family: time per call against size, yours and the reference's,
    the line yours would follow had it grown like the reference, and the band where it is too slow."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter, NullLocator
    except ImportError as exc:
        raise PlotError(messages.PLOT_NEEDS_MATPLOTLIB) from exc
    families = [f for f in report.timed if measured_curve(f)]
    width = PANEL_W * max(1, len(families))
    chars = int(width * TITLE_CHARS_PER_INCH)
    verdict = textwrap.wrap(messages.plot_verdict(report.verdict, report.outcome, report.summary), int(chars * 0.8))
    about = textwrap.wrap(messages.plot_about(report.problem, report.target, calls_text(report.timed_calls)), chars)
    # The header grows with its lines, so that nothing is cut or overlaps (inches, top down).
    verdict_h, about_h = 0.24 * len(verdict), 0.18 * len(about)
    header = 0.15 + verdict_h + 0.1 + about_h + 0.15
    height = header + (PANEL_H if families else 1.2)
    fig = plt.figure(figsize=(width, height))
    fig.text(0.5, 1 - 0.15 / height, "\n".join(verdict), ha="center", va="top", fontsize=11, weight="bold",
             color=messages.plot_verdict_colour(report.verdict))
    fig.text(0.5, 1 - (0.25 + verdict_h) / height, "\n".join(about), ha="center", va="top", fontsize=8.5)
    if not families:  # stopped before any timed figure: the picture says so, in the report's words
        fig.text(0.5, 0.5 / height, "\n".join(textwrap.wrap(messages.PLOT_NOTHING, chars)), ha="center", va="center",
                 fontsize=9, style="italic")
        return fig
    axes = fig.subplots(1, len(families), squeeze=False)[0]
    # Below the header: room for the panel titles (two lines) above, the legend below.
    fig.subplots_adjust(left=0.12 / len(families) + 0.02, right=0.98, top=1 - (header + 0.45) / height,
                        bottom=1.2 / height, wspace=0.3)
    for ax, fam in zip(axes, families):
        points, per = per_operation(fam)
        cand, ref = points["cand"], points["ref"]
        xs = [n for n, _ in ref]
        # Yours, had it grown like the reference from your first point; and where too slow begins.
        like_ref = [(n, cand[0][1] * t / ref[0][1]) for n, t in ref]
        boundary = too_slow_boundary(cand, ref)
        values = [t for _, t in cand + ref + like_ref]
        # The axis ends on round values, so that its lowest and highest ticks are labelled too.
        low, high = _round_125(min(values) / 1.15, down=True), _round_125(max(max(values), boundary[-1][1]) * 1.3, down=False)
        ax.fill_between(xs, [t for _, t in boundary], [high] * len(xs), color="tab:red", alpha=0.13, lw=0,
                        label=messages.plot_too_slow_band(TIME_FAIL, EXCESS_MIN_G, EXCESS_FAIL, SLOWDOWN_FAIL))
        ax.plot(xs, [t for _, t in boundary], "-", color="tab:red", lw=0.8, alpha=0.6)
        ax.plot(xs, [t for _, t in like_ref], ":", color="tab:green", lw=1.6, label=messages.PLOT_LIKE_REFERENCE)
        ax.plot(xs, [t for _, t in ref], "s--", color="tab:gray", label=messages.PLOT_REFERENCE)
        ax.plot([n for n, _ in cand], [t for _, t in cand], "o-", color="tab:blue", lw=2, label=messages.PLOT_YOURS)
        # The two sizes the statistics use, ringed.
        ends = [cand[0], cand[-1], ref[0], ref[-1]]
        ax.plot([n for n, _ in ends], [t for _, t in ends], "o", ms=13, mfc="none", mec="black", mew=1.0,
                label=messages.plot_ends(len(xs)))
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(xs[0] / 1.25, xs[-1] * 1.25)
        ax.set_ylim(low, high)
        ax.xaxis.set_major_locator(FixedLocator(xs))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: messages.plot_tick(v)))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.yaxis.set_major_locator(FixedLocator(nice_ticks(low, high)))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: duration_text(v)))
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.tick_params(axis="x", labelsize=8)
        ax.tick_params(axis="y", labelsize=8)
        ax.set_xlabel(messages.plot_x_axis(fam.unit), fontsize=9)
        ax.set_ylabel(messages.plot_y_axis(per, fam.timer or report.timer), fontsize=9)
        ax.set_title(_panel_title(fam), fontsize=9)
        ax.grid(True, which="major", alpha=0.3)
    # One legend for every panel, under them (the lines mean the same in each).
    handles, labels = axes[0].get_legend_handles_labels()
    order = [labels.index(label) for label in (messages.PLOT_YOURS, messages.PLOT_REFERENCE, messages.PLOT_LIKE_REFERENCE)]
    order += [i for i in range(len(labels)) if i not in order]
    fig.legend([handles[i] for i in order], [labels[i] for i in order], loc="lower center", ncol=2 if len(families) == 1 else 5,
               fontsize=8, frameon=False, bbox_to_anchor=(0.5, 0.01))
    return fig
