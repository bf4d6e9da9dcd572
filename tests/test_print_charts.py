"""The printed report's charts (reports/print_charts.py): 300-dpi pictures drawn with Qt, read
back pixel by pixel; making the PDF never loads matplotlib."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from reports.chart_style import (
    CHRONIC_COLOUR,
    MENTEE_COLOUR,
    SCHOOL_COLOUR,
    TIER_COLOURS,
    TIER_ORDER,
)
from reports.print_charts import (
    Series,
    lines_picture,
    meetings_picture,
    nice_ticks,
    tier_shift_picture,
)
from tests.conftest import PROJECT

START = {"satisfactory": 3, "at-risk": 8, "moderate": 14, "severe": 9}
NOW = {"satisfactory": 12, "at-risk": 10, "moderate": 9, "severe": 3}


def pixels(image: QImage) -> np.ndarray:
    """The picture as a height x width x 3 array of red, green, blue."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return data[:, :rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3).copy()


def where(image: np.ndarray, colour: str, tolerance: int = 6) -> np.ndarray:
    """True where a pixel is ``colour`` (within ``tolerance`` on each channel)."""
    wanted = QColor(colour)
    target = np.array([wanted.red(), wanted.green(), wanted.blue()], dtype=int)
    return (np.abs(image.astype(int) - target) <= tolerance).all(axis=2)


def clusters(rows: np.ndarray) -> list[tuple[int, int]]:
    """Runs of consecutive numbers: [(first, last), ...]."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def test_ticks_are_round_steps_from_zero():
    assert nice_ticks(0.198) == pytest.approx([0, 0.05, 0.10, 0.15])
    assert nice_ticks(0.36) == pytest.approx([0, 0.1, 0.2, 0.3])
    assert nice_ticks(200, 8, integer=True) == [0, 50, 100, 150, 200]
    assert nice_ticks(3, 8, integer=True) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0.0]


def test_tier_chart_stacks_each_tier_at_start_and_now_in_proportion(qapp):
    image = tier_shift_picture(START, NOW, second_label="On 1 Dec 2026")
    assert (image.width(), image.height()) == (1950, 600)  # 6.5 x 2 inches at 300 dpi
    drawn = pixels(image)
    green = where(drawn, TIER_COLOURS["satisfactory"])
    bars = clusters(np.flatnonzero(green.any(axis=1)))
    assert len(bars) == 3  # the two bars, then the legend's key
    for (first, last), counts in zip(bars[:2], (START, NOW), strict=False):
        row = drawn[(first + last) // 2]
        extents = {}
        for tier in TIER_ORDER:
            columns = np.flatnonzero(where(row[np.newaxis], TIER_COLOURS[tier])[0])
            extents[tier] = (columns.min(), columns.max())
        # In tier order, left to right, each as wide as its count (a white rule between).
        assert [extents[t][0] for t in TIER_ORDER] == sorted(extents[t][0] for t in TIER_ORDER)
        whole = extents["severe"][1] - extents["satisfactory"][0] + 1
        per_mentee = whole / sum(counts.values())
        for tier in TIER_ORDER:
            width = extents[tier][1] - extents[tier][0] + 1
            # (hatching may whiten a segment's edge: within a third of a mentee)
            assert width == pytest.approx(counts[tier] * per_mentee, abs=per_mentee / 3)
    # Readable without colour: the moderate and severe segments carry white hatching.
    first, last = bars[0]
    middle = drawn[(first + last) // 2]
    severe = np.flatnonzero(where(middle[np.newaxis], TIER_COLOURS["severe"])[0])
    white = where(middle[severe.min():severe.max()][np.newaxis], "#ffffff", 40)[0]
    assert white.any()


def test_a_tier_may_be_missing(qapp):
    image = tier_shift_picture({"severe": 4}, {"satisfactory": 4})
    drawn = pixels(image)
    assert where(drawn, TIER_COLOURS["severe"]).any()
    assert where(drawn, TIER_COLOURS["satisfactory"]).any()


def test_lines_leave_a_gap_for_a_missing_month_and_draw_the_chronic_line(qapp):
    image = lines_picture(
        ["Sep", "Oct", "Nov"],
        [Series("Mentees", [0.16, None, 0.12], MENTEE_COLOUR),
         Series("Whole school", [0.07, 0.08, 0.09], SCHOOL_COLOUR, dashed=True, square=True)],
        y_label="Absence rate", chronic_line=True, height=2.6)
    assert (image.width(), image.height()) == (1950, 780)
    drawn = pixels(image)
    plot = drawn[:600]  # above the legend
    blue = where(plot, MENTEE_COLOUR, 20)
    columns = np.flatnonzero(blue.any(axis=0))
    runs = clusters(columns)
    assert len(runs) == 2  # Sep's point and Nov's, nothing between them
    grey = np.flatnonzero(where(plot, SCHOOL_COLOUR, 20).any(axis=0))
    assert grey.min() < runs[0][1] and grey.max() > runs[1][0]  # the school's line goes on
    assert where(plot, CHRONIC_COLOUR, 30).any(axis=1).sum() >= 2  # the dotted 10% line


def test_meetings_histogram_draws_a_bar_per_number_of_meetings(qapp):
    image = meetings_picture([0, 0, 1, 2, 2, 2, 5])
    drawn = pixels(image)
    blue = where(drawn, MENTEE_COLOUR)
    bottom = np.flatnonzero(blue.any(axis=1)).max() - 2
    bars = clusters(np.flatnonzero(blue[bottom]))
    assert len(bars) == 4  # 0, 1, 2 and 5 meetings
    heights = [blue[:, (first + last) // 2].sum() for first, last in bars]
    assert heights[2] == pytest.approx(3 * heights[1], rel=0.02)
    assert heights[0] == pytest.approx(2 * heights[1], rel=0.02)
    assert heights[3] == pytest.approx(heights[1], rel=0.02)
    # The median, a dashed upright line in ink through the bar of 2 meetings.
    marked = pixels(meetings_picture([0, 0, 1, 2, 2, 2, 5], median=2))
    ink = where(marked, "#1f2933", 30)
    column = (bars[2][0] + bars[2][1]) // 2
    assert ink[:, column - 3:column + 4].any(axis=1).sum() > 100
    assert not where(drawn, "#1f2933", 30)[:, column - 3:column + 4][:bottom - 200].any()


def test_making_the_pdf_never_loads_matplotlib(tmp_path):
    script = (
        "import sys\n"
        "from reports.qt_app import ensure_gui_application\n"
        "ensure_gui_application()\n"
        "from reports.end_of_year import save_report_pdf\n"
        "from reports.figures import TEAM\n"
        "from tests.report_samples import sample_figures\n"
        f"save_report_pdf(sample_figures(TEAM), {str(tmp_path / 'r.pdf')!r})\n"
        "print(sorted(name for name in sys.modules if name.startswith('matplotlib')))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=PROJECT, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == "[]", result.stderr
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
