"""The report workbook's native Excel charts, drawn from its own tables (so they show what
the tables show, and nothing a table hides)."""

from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.worksheet.worksheet import Worksheet

from reports.workbook_style import HEADER_ROW

TIERS = ("satisfactory", "at-risk", "moderate", "severe")
TIER_FILLS = {"satisfactory": "4C9A6A", "at-risk": "E3B23C", "moderate": "E07B39",
              "severe": "B8322A"}


def _text_categories(chart, reference: Reference) -> None:
    """Category labels read as text (a numRef over text cells shows 1, 2, 3 in some Excels)."""
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(reference)))


def add_charts(summary: Worksheet, tiers: Worksheet | None, monthly: Worksheet,
               months: int, chronic: Worksheet, chronic_months: int,
               anchor_column: str = "F") -> None:
    """Native Excel charts on the Summary sheet, drawn from the Tiers, Monthly and School
    chronic absence tables (each only when it has something to draw: an empty chart reads as
    a fault; the tiers only when none of their counts is hidden, since a chart would draw a
    hidden count)."""
    anchors = iter(f"{anchor_column}{row}" for row in (4, 19, 34))
    if tiers is not None:
        _add_tier_chart(summary, tiers, next(anchors))
    if months:
        _add_monthly_chart(summary, monthly, months, next(anchors))
    if chronic_months:
        _add_monthly_chart(summary, chronic, chronic_months, next(anchors),
                           "Whole school chronically absent, this year and last",
                           "Chronically absent")


def _add_tier_chart(summary: Worksheet, tiers: Worksheet, anchor: str) -> None:
    first = HEADER_ROW + 1
    bar = BarChart()
    bar.type = "bar"
    bar.grouping = "stacked"
    bar.overlap = 100
    bar.gapWidth = 60
    bar.title = "Mentees' attendance tiers"
    bar.y_axis.title = "Mentees"
    bar.y_axis.majorGridlines = None
    bar.add_data(Reference(tiers, min_col=1, max_col=3, min_row=first,
                           max_row=first + len(TIERS) - 1), from_rows=True, titles_from_data=True)
    _text_categories(bar, Reference(tiers, min_col=2, max_col=3, min_row=HEADER_ROW,
                                    max_row=HEADER_ROW))
    for series, tier in zip(bar.series, TIERS, strict=True):
        series.graphicalProperties.solidFill = TIER_FILLS[tier]
        series.graphicalProperties.line.solidFill = "FFFFFF"
    # "At match start" above the later bar, as people read; the count axis stays at the bottom.
    bar.x_axis.scaling.orientation = "maxMin"
    bar.y_axis.crosses = "max"
    bar.legend.position = "b"
    # Spelled out: some Excel versions hide the axes of charts that leave this unset.
    bar.x_axis.delete = False
    bar.y_axis.delete = False
    bar.height, bar.width = 7.5, 16
    summary.add_chart(bar, anchor)


def _add_monthly_chart(summary: Worksheet, monthly: Worksheet, months: int, anchor: str,
                       title: str = "Absence rate by month",
                       y_title: str = "Absence rate") -> None:
    first = HEADER_ROW + 1
    line = LineChart()
    line.title = title
    line.y_axis.title = y_title
    line.y_axis.number_format = "0%"
    line.y_axis.scaling.min = 0
    line.add_data(Reference(monthly, min_col=2, max_col=3, min_row=HEADER_ROW,
                            max_row=HEADER_ROW + months),
                  titles_from_data=True)
    _text_categories(line, Reference(monthly, min_col=1, min_row=first,
                                     max_row=HEADER_ROW + months))
    styles = (("1F5F99", None, "circle"), ("7B8794", "dash", "square"))
    for series, (colour, dash, symbol) in zip(line.series, styles, strict=True):
        # Straight lines between the months: a smoothed curve invents values between them.
        series.smooth = False
        series.graphicalProperties.line.solidFill = colour
        series.graphicalProperties.line.width = 28575
        if dash:
            series.graphicalProperties.line.dashStyle = dash
        series.marker.symbol = symbol
        series.marker.size = 6
        series.marker.graphicalProperties = GraphicalProperties(solidFill=colour)
        series.marker.graphicalProperties.line.solidFill = colour
    line.legend.position = "b"
    line.x_axis.delete = False
    line.y_axis.delete = False
    line.height, line.width = 7.5, 16
    summary.add_chart(line, anchor)
