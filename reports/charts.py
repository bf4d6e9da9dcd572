"""The screens' charts as matplotlib Figure objects (never pyplot: no global state, safe off the
UI thread). ui/ shows them in matplotlib's Qt canvas; a mentee's profile prints its chart as a
300-dpi PNG. (The program report's printed charts are drawn with Qt: reports.print_charts.)

Charts are drawn from plain values so the screens and the report draw the same picture, and
each stays readable without colour: tiers carry hatching and labels, lines carry markers.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from reports.chart_style import (
    CHRONIC_LINE,
    FONT_POINTS,
    INK,
    MENTEE_COLOUR,
    MUTED,
    SCHOOL_COLOUR,
    TIER_COLOURS,
    TIER_HATCHES,
    TIER_NAMES,
    TIER_ORDER,
)


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    figure.set_facecolor("white")
    return figure


def _tidy(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=FONT_POINTS, colors=INK)
    for side in ("left", "bottom"):
        axes.spines[side].set_color("#9aa5b1")


def monthly_absence_chart(months: Sequence[str], mentees: Sequence[float | None],
                          school: Sequence[float | None], *, first_label: str = "Mentees",
                          second_label: str = "Whole school", width: float = 6.5,
                          height: float = 2.6) -> Figure:
    """Absence rate month by month, mentees against the school, with the 10% chronic line."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    positions = list(range(len(months)))
    axes.plot(positions, _gaps(mentees), color=MENTEE_COLOUR, marker="o", markersize=4,
              linewidth=2, label=first_label)
    axes.plot(positions, _gaps(school), color=SCHOOL_COLOUR, marker="s", markersize=3.5,
              linewidth=1.6, linestyle="--", label=second_label)
    axes.axhline(CHRONIC_LINE, color="#b8322a", linewidth=0.9, linestyle=":",
                 label="10%: chronic absence")
    axes.set_xticks(positions, list(months))
    _percent_axis(axes, [*mentees, *school])
    axes.grid(axis="y", color="#e4e7eb", linewidth=0.6)
    _tidy(axes)
    axes.legend(fontsize=FONT_POINTS, frameon=False, loc="upper center",
                bbox_to_anchor=(0.5, -0.14), ncol=3)
    return figure


def _percent_axis(axes, values: Sequence[float | None]) -> None:
    """A 0-based absence-rate axis in whole or round percents, always showing the 10% line."""
    highest = max([value for value in values if value is not None] + [CHRONIC_LINE])
    axes.set_ylim(0, highest * 1.2)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axes.set_ylabel("Absence rate", fontsize=FONT_POINTS, color=MUTED)


def student_months_chart(months: Sequence[str], rates: Sequence[float | None],
                         tiers: Sequence[str | None] | None = None, *, width: float = 5.0,
                         height: float = 2.2) -> Figure:
    """One student's absence rate month by month (bars), with the 10% chronic line.

    ``tiers`` (each month's tier, from the attendance rules) colours the bars.
    """
    figure = _figure(width, height)
    axes = figure.add_subplot()
    positions = list(range(len(months)))
    values = [rate or 0.0 for rate in rates]
    colours = [TIER_COLOURS.get(tier or "", MENTEE_COLOUR) if rate is not None else "#cbd2d9"
               for rate, tier in zip(rates, tiers or [None] * len(rates), strict=True)]
    axes.bar(positions, values, color=colours, width=0.65)
    axes.axhline(CHRONIC_LINE, color="#b8322a", linewidth=0.9, linestyle=":")
    axes.set_xticks(positions, list(months))
    _percent_axis(axes, values)
    _tidy(axes)
    return figure


def tier_counts_chart(counts: Mapping[str, int], *, width: float = 5.0,
                      height: float = 2.0) -> Figure:
    """Students per attendance tier (bars, labelled with their counts)."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    names = [TIER_NAMES[tier] for tier in TIER_ORDER]
    values = [counts.get(tier, 0) for tier in TIER_ORDER]
    rects = axes.bar(names, values, color=[TIER_COLOURS[t] for t in TIER_ORDER],
                     hatch=[TIER_HATCHES[t] for t in TIER_ORDER], edgecolor="white")
    axes.bar_label(rects, fontsize=FONT_POINTS, color=INK)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max(values + [1]) * 1.2)
    _tidy(axes)
    return figure


def _gaps(values: Sequence[float | None]) -> list[float]:
    """None becomes NaN, which matplotlib leaves as a gap in the line."""
    return [float("nan") if value is None else value for value in values]


def figure_png(figure: Figure, dpi: int = 300) -> bytes:
    """The figure as PNG bytes at ``dpi`` (300 for print)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def figure_svg(figure: Figure) -> bytes:
    """The figure as SVG (vector) bytes."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", facecolor="white")
    return buffer.getvalue()
