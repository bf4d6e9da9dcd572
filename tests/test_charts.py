"""The screens' charts: matplotlib Figures drawn from plain values, exported sharp. (The
printed report's: tests/test_print_charts.py.)"""

from __future__ import annotations

import math
import subprocess
import sys

from reports.charts import (
    figure_png,
    figure_svg,
    monthly_absence_chart,
    student_months_chart,
    tier_counts_chart,
)
from tests.conftest import PROJECT


def test_monthly_chart_draws_mentees_and_school_with_gaps_for_missing_months():
    figure = monthly_absence_chart(["Sep", "Oct", "Nov"], [0.16, None, 0.12], [0.07, 0.08, 0.09])
    mentees, school = figure.axes[0].get_lines()[:2]
    assert mentees.get_label() == "Mentees" and school.get_label() == "Whole school"
    assert math.isnan(mentees.get_ydata()[1])
    assert list(school.get_ydata()) == [0.07, 0.08, 0.09]


def test_small_charts_for_the_screens_draw_their_values():
    bars = student_months_chart(["Sep", "Oct"], [0.05, 0.25], ["at-risk", "severe"])
    assert [patch.get_height() for patch in bars.axes[0].patches] == [0.05, 0.25]
    counts = tier_counts_chart({"satisfactory": 200, "at-risk": 90, "moderate": 70, "severe": 4})
    assert [patch.get_height() for patch in counts.axes[0].patches] == [200, 90, 70, 4]


def test_charts_export_as_300_dpi_png_and_as_svg():
    figure = student_months_chart(["Sep", "Oct"], [0.05, 0.25], width=6.5, height=2.4)
    png = figure_png(figure)
    assert png.startswith(b"\x89PNG")
    width = int.from_bytes(png[16:20], "big")
    assert width == round(6.5 * 300)
    assert b"<svg" in figure_svg(figure)


def test_charts_never_load_pyplot():
    script = ("import sys, reports.charts as c\n"
              "c.figure_png(c.student_months_chart(['Sep'], [0.2]), 50)\n"
              "print('matplotlib.pyplot' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=PROJECT, timeout=120)
    assert result.stdout.strip() == "False", result.stderr
