"""The report's charts as matplotlib Figure objects (never pyplot: no global state, safe off the
UI thread). ui/ shows them in matplotlib's Qt canvas; the PDF takes them as 300-dpi PNG or SVG.

Charts are drawn from plain values so the screens and the report draw the same picture, and
each stays readable without colour: tiers carry hatching and labels, lines carry markers.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

TIER_ORDER = ("satisfactory", "at-risk", "moderate", "severe")
TIER_NAMES = {"satisfactory": "Satisfactory", "at-risk": "At risk",
              "moderate": "Moderate chronic", "severe": "Severe chronic"}
TIER_COLOURS = {"satisfactory": "#4c9a6a", "at-risk": "#e3b23c", "moderate": "#e07b39",
                "severe": "#b8322a"}
TIER_HATCHES = {"satisfactory": "", "at-risk": "..", "moderate": "//", "severe": "xx"}
MENTEE_COLOUR = "#1f5f99"
SCHOOL_COLOUR = "#7b8794"
CHRONIC_LINE = 0.10
_INK = "#1f2933"
_MUTED = "#52606d"
_FONT = 9


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    figure.set_facecolor("white")
    return figure


def _tidy(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=_FONT, colors=_INK)
    for side in ("left", "bottom"):
        axes.spines[side].set_color("#9aa5b1")


def tier_shift_chart(at_start: Mapping[str, int], now: Mapping[str, int], *,
                     first_label: str = "At match start", second_label: str = "Now",
                     width: float = 6.5, height: float = 2.4) -> Figure:
    """Two stacked bars, the mentees' attendance tiers at match start and now."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    bars = [second_label, first_label]  # matplotlib draws the first bar at the bottom
    lefts = [0.0, 0.0]
    totals = [sum(now.get(t, 0) for t in TIER_ORDER), sum(at_start.get(t, 0) for t in TIER_ORDER)]
    for tier in TIER_ORDER:
        counts = [now.get(tier, 0), at_start.get(tier, 0)]
        rects = axes.barh(bars, counts, left=lefts, color=TIER_COLOURS[tier],
                          hatch=TIER_HATCHES[tier], edgecolor="white", linewidth=0.8,
                          label=TIER_NAMES[tier], height=0.6)
        for rect, count, total in zip(rects, counts, totals, strict=True):
            # Label a segment only when it is wide enough to hold its number.
            if count and total and count / total >= 0.06:
                axes.text(rect.get_x() + rect.get_width() / 2, rect.get_y() + rect.get_height() / 2,
                          str(count), ha="center", va="center", fontsize=_FONT,
                          color="white" if tier in ("severe", "satisfactory") else _INK,
                          fontweight="bold",
                          bbox={"boxstyle": "round,pad=0.15", "linewidth": 0,
                                "facecolor": TIER_COLOURS[tier]})
        lefts = [left + count for left, count in zip(lefts, counts, strict=True)]
    axes.set_xlabel("Mentees", fontsize=_FONT, color=_MUTED)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_xlim(0, max(max(totals), 1))
    _tidy(axes)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), ncol=4, fontsize=_FONT,
                frameon=False)
    return figure


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
    axes.legend(fontsize=_FONT, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.14),
                ncol=3)
    return figure


def _percent_axis(axes, values: Sequence[float | None]) -> None:
    """A 0-based absence-rate axis in whole or round percents, always showing the 10% line."""
    highest = max([value for value in values if value is not None] + [CHRONIC_LINE])
    axes.set_ylim(0, highest * 1.2)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axes.set_ylabel("Absence rate", fontsize=_FONT, color=_MUTED)


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
    axes.bar_label(rects, fontsize=_FONT, color=_INK)
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(0, max(values + [1]) * 1.2)
    _tidy(axes)
    return figure


def meetings_histogram(counts: Sequence[int], *, median: float | None = None,
                       width: float = 6.5, height: float = 2.4) -> Figure:
    """How many mentees had each number of held meetings (bars), with the median marked."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    highest = max(counts, default=0)
    step = max(1, math.ceil((highest + 1) / 15))
    edges = list(range(0, highest + step + 1, step))
    axes.hist(list(counts), bins=edges, color=MENTEE_COLOUR, edgecolor="white", align="left"
              if step == 1 else "mid")
    if median is not None:
        axes.axvline(median, color=_INK, linestyle="--", linewidth=1,
                     label=f"median {median:g}")
        axes.legend(fontsize=_FONT, frameon=False, loc="upper right")
    axes.set_xlabel("Meetings held", fontsize=_FONT, color=_MUTED)
    axes.set_ylabel("Mentees", fontsize=_FONT, color=_MUTED)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
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


def chronic_share_chart(months: Sequence[str], this_year: Sequence[float | None],
                        last_year: Sequence[float | None], *, width: float = 6.5,
                        height: float = 2.4) -> Figure:
    """The whole school's share chronically absent at each month's end, this year (solid)
    beside last year (dashed)."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    positions = list(range(len(months)))
    axes.plot(positions, _gaps(this_year), color=MENTEE_COLOUR, marker="o", markersize=4,
              linewidth=2, label="This year")
    axes.plot(positions, _gaps(last_year), color=SCHOOL_COLOUR, marker="s", markersize=3.5,
              linewidth=1.6, linestyle="--", label="Last year")
    axes.set_xticks(positions, list(months))
    values = [value for value in (*this_year, *last_year) if value is not None]
    axes.set_ylim(0, max(values + [0.1]) * 1.2)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 5, 10]))
    axes.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    axes.set_ylabel("Chronically absent", fontsize=_FONT, color=_MUTED)
    axes.grid(axis="y", color="#e4e7eb", linewidth=0.6)
    _tidy(axes)
    axes.legend(fontsize=_FONT, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.14),
                ncol=2)
    return figure
