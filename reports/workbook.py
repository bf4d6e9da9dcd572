"""The end-of-year report as an Excel workbook for administrators (or the program team).

A Summary sheet with the headline figures and native Excel charts, one sheet per table of the
report (each a formatted Excel table), and a Definitions sheet. At the administrators' level it
holds aggregate figures and coded categories only: no student names or IDs, no free text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.worksheet.worksheet import Worksheet

from reports.figures import COMPARISON_LABEL, LEVELS, TIERS, ReportFigures, report_title
from reports.formats import Formatted, date_words
from reports.suppression import COMPLEMENT_TEXT, SMALL_TEXT, ProtectedTable
from reports.words import (
    CHANGES,
    CLOSURE_REASONS,
    IMPORT_MODES,
    NOMINATION_REASONS,
    REFERRAL_KINDS,
    TIER_MEANINGS,
    TIER_WORDS,
    TRAINING_KINDS,
    word,
)
from reports.workbook_style import HEADER_ROW, add_table_sheet, new_workbook, save_workbook

TIER_FILLS = {"satisfactory": "4C9A6A", "at-risk": "E3B23C", "moderate": "E07B39",
              "severe": "B8322A"}


def build_workbook(figures: ReportFigures) -> Workbook:
    """The whole report as a workbook (not yet saved)."""
    workbook = new_workbook(f"{report_title(figures)} {figures.period.year_name}")
    context = _Context(workbook, figures)
    summary = context.sheet(
        "Summary", f"{report_title(figures)}: summary", ["Figure", "Value", "What it means"],
        _summary_rows(figures), ["text", "number", "wrap"], large_columns=(1,))
    context.sheet("Program", "The program", ["Figure", "Value"], _program_rows(figures),
                  ["text", "number"])
    reasons = sorted(figures.nominations_by_reason.items(), key=lambda item: -item[1])
    context.sheet("Nominations", "Nominations by reason", ["Reason", "Students"],
                  [[word(NOMINATION_REASONS, reason), count] for reason, count in reasons],
                  notes=["A nomination can give several reasons."])
    context.sheet("Mentors by role", "Mentors by role", ["Role", "Mentors", "Mentees"],
                  [[line.role, line.mentors, line.mentees] for line in figures.mentors_by_role])
    context.sheet("Trainings", "Trainings", *_training_table(figures))
    context.sheet("Dosage", "How often they met", ["Figure", "Value"], _dosage_rows(figures),
                  ["text", "number"])
    context.sheet("Closed early", "Matches closed early, and why", ["Reason", "Matches"],
                  [[word(CLOSURE_REASONS, reason), count]
                   for reason, count in sorted(figures.closed_early.items(),
                                               key=lambda item: -item[1])])
    context.sheet("Attendance", "Attendance before and since the match",
                  ["Measure", "Before the match", "Since the match"], [
                      ["Absence rate", figures.absence_rate_before, figures.absence_rate_after],
                      ["Days absent per 100 days enrolled",
                       Formatted(figures.absences_per_100_before, "decimal"),
                       Formatted(figures.absences_per_100_after, "decimal")],
                  ], ["text", "percent", "percent"],
                  notes=[f"{figures.mentees_with_baseline} mentees with a baseline; "
                         f"{figures.mentees_without_baseline} without one are left out."])
    rated = figures.mentees_with_baseline
    context.sheet("Change", "Improved, same or worse", ["Change", "Mentees", "Share"], [
        [CHANGES[change], count, count / rated if rated else None]
        for change, count in (("improved", figures.improved), ("same", figures.same),
                              ("worse", figures.worse))
    ], ["text", "integer", "percent"])
    tiers = context.sheet("Tiers", "Attendance tiers of mentees",
                          ["Tier", "At match start", figures.period.now_label],
                          [[TIER_WORDS[tier], figures.tiers_at_start.get(tier, 0),
                            figures.tiers_now.get(tier, 0)] for tier in TIERS]
                          + [["Chronically absent (moderate or severe)",
                              figures.chronic_at_start, figures.chronic_now]],
                          ["text", "integer", "integer"])
    context.sheet("Comparison", f"Compared with other students ({COMPARISON_LABEL})",
                  *_comparison_table(figures),
                  notes=["Students never matched, and waitlisted nominees, over the same "
                         "dates (before and after the mentees' middle match date), with their "
                         "tiers reweighted to match the mentees' at the start.",
                         "A change below zero means more days absent. A comparison, not proof "
                         "of cause."])
    monthly = context.sheet("Monthly", "Absence rate month by month",
                            ["Month", "Mentees", "Whole school"],
                            [[f"{point.label} {point.year}", point.mentees_rate,
                              point.school_rate] for point in figures.monthly],
                            ["text", "percent", "percent"])
    notes = [f'"{SMALL_TEXT}": a group or count of fewer than 5 students. "{COMPLEMENT_TEXT}": '
             "hidden so that a small group cannot be worked out from the totals."]
    titles = ["By grade", "By mentor role", "By mentor"]
    for title, table in zip(titles, figures.protected_tables(), strict=False):
        context.sheet(title, title, table.headers(), _shown_rows(table), table.formats(),
                      notes=notes)
    referral_rows = [[word(REFERRAL_KINDS, line.kind), line.opened, line.resolved,
                      line.still_open] for line in figures.referrals]
    context.sheet("Referrals", "Referrals by kind",
                  ["Referred to", "Opened", "Resolved", "Not resolved yet"], referral_rows)
    context.sheet("Imports", "The imports behind these figures", *_imports_table(figures))
    context.sheet("Definitions", "Definitions and notes on the data", ["Term", "Definition"],
                  _definition_rows(figures), ["text", "wrap"])
    if figures.for_team:
        context.sheet("Students", "Mentees one by one (program team only)",
                      *_students_table(figures))
    _add_charts(summary, tiers, monthly, figures)
    return workbook


def save_report_workbook(figures: ReportFigures, path: Path | str) -> Path:
    """Write the report workbook atomically; returns the path."""
    return save_workbook(build_workbook(figures), path)


class _Context:
    """Adds sheets with the report's subtitle and page header."""

    def __init__(self, workbook: Workbook, figures: ReportFigures) -> None:
        self.workbook = workbook
        period = figures.period
        self.subtitle = (f"{figures.school_name + ' · ' if figures.school_name else ''}"
                         f"{period.label} · data as of {date_words(period.as_of)} · "
                         f"{LEVELS[figures.level]}")
        self.page_header = figures.school_name

    def sheet(self, name: str, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
              formats: Sequence[str] | None = None, *, notes: Sequence[str] = (),
              large_columns: Sequence[int] = ()) -> Worksheet:
        return add_table_sheet(self.workbook, name, title, headers, rows, formats,
                               subtitle=self.subtitle, notes=notes, page_header=self.page_header,
                               large_columns=large_columns, empty_text="None in this period")


def _summary_rows(figures: ReportFigures) -> list[list[Any]]:
    return [
        ["Students served", figures.students_served,
         f"Matched with a mentor and met at least once ({figures.students_nominated} "
         "nominated)."],
        ["Meetings held", figures.meetings_held,
         "Meetings that took place; a group meeting counts once (attempts when the student "
         "was absent are not counted)."],
        ["Share of mentees whose attendance improved", Formatted(figures.share_improved,
                                                                 "percent"),
         f"{figures.improved} of {figures.mentees_with_baseline} mentees with a baseline missed "
         "at least 1 fewer day per 100 days enrolled."],
        ["School days gained", Formatted(figures.days_gained, "decimal"),
         "The fall in each mentee's absence rate times their days enrolled since the match."],
        ["School days gained per 100 days enrolled", Formatted(figures.days_gained_per_100,
                                                               "decimal"),
         "The same, per 100 days enrolled since matching."],
        ["Mentees who left chronic absence", figures.left_chronic,
         f"Of {figures.chronic_at_start} mentees chronically absent when matched."],
        ["Days absent per 100 before the match", Formatted(figures.absences_per_100_before,
                                                           "decimal"), ""],
        ["Days absent per 100 since the match", Formatted(figures.absences_per_100_after,
                                                          "decimal"), ""],
        ["Active mentors", figures.mentors_active, ""],
    ]


def _program_rows(figures: ReportFigures) -> list[list[Any]]:
    return [
        ["Students enrolled", figures.students_enrolled],
        ["Students nominated", figures.students_nominated],
        ["Staff who nominated", figures.nominators],
        ["Students matched with a mentor", figures.students_matched],
        ["Students served (matched and met at least once)", figures.students_served],
        [f"Still matched on {date_words(figures.period.as_of)}", figures.still_matched_at_end],
        ["Nominated, never matched", figures.never_matched],
        ["Waitlisted", figures.waitlisted],
        ["Active mentors", figures.mentors_active],
        ["Mentees per mentor", Formatted(figures.mentees_per_mentor, "decimal")],
        ["Mentors with screening complete", figures.screening_complete],
        ["Share of mentors with screening complete", Formatted(figures.screening_share,
                                                               "percent")],
    ]


def _dosage_rows(figures: ReportFigures) -> list[list[Any]]:
    spread = figures.meetings_per_mentee
    return [
        ["Matches", figures.matches],
        ["Meetings held (a group meeting once)", figures.meetings_held],
        ["Meetings attended (a group meeting once per mentee)",
         figures.mentee_meetings_held],
        ["Attempts (the student was absent)", figures.meetings_attempted],
        ["Meetings per mentee, median", Formatted(spread.median, "decimal")],
        ["Meetings per mentee, lower quartile", Formatted(spread.lower_quartile, "decimal")],
        ["Meetings per mentee, upper quartile", Formatted(spread.upper_quartile, "decimal")],
        ["Meetings per mentee, fewest", Formatted(spread.lowest, "integer")],
        ["Meetings per mentee, most", Formatted(spread.highest, "integer")],
        ["Meetings per match per month, median",
         Formatted(figures.meetings_per_match_month_median, "decimal")],
        ["Share of matches meeting the monthly target",
         Formatted(figures.share_matches_on_target, "percent")],
        ["Match length, median (days)", Formatted(figures.match_length_median_days, "integer")],
        ["Matches closed early", figures.closed_early_total],
    ]


def _training_table(figures: ReportFigures):
    headers = ["Date", "Training", "Required", "Mentors attended", "Active mentors",
               "Share of mentors"]
    formats = ["date", "text", "text", "integer", "integer", "percent"]
    rows = []
    for line in figures.trainings:
        row = [line.held_on, word(TRAINING_KINDS, line.kind), "yes" if line.required else "no",
               line.attended, line.mentors_active,
               line.attended / line.mentors_active if line.mentors_active else None]
        if figures.for_team:
            row.insert(2, line.title)
        rows.append(row)
    if figures.for_team:
        headers.insert(2, "Title")
        formats.insert(2, "text")
    return headers, rows, formats


def _comparison_table(figures: ReportFigures):
    headers = ["Group", "Students", "Absence rate before", "Absence rate after",
               "Days absent per 100 before", "Days absent per 100 after",
               "Change: fewer days absent per 100", "Mentee tiers this group lacks"]
    change = None
    if figures.absences_per_100_before is not None and figures.absences_per_100_after is not None:
        change = figures.absences_per_100_before - figures.absences_per_100_after
    rows = [["Mentees", figures.mentees_with_baseline, figures.absence_rate_before,
             figures.absence_rate_after, figures.absences_per_100_before,
             figures.absences_per_100_after, change, ""]]
    rows += [[group.name.capitalize(), group.students, group.absence_rate_before,
              group.absence_rate_after, group.absences_per_100_before,
              group.absences_per_100_after, group.change_per_100,
              ", ".join(TIER_WORDS[tier] for tier in group.missing_tiers)]
             for group in figures.comparison]
    return headers, rows, ["text", "integer", "percent", "percent", "decimal", "decimal",
                           "decimal", "text"]


def _shown_rows(table: ProtectedTable) -> list[list[Any]]:
    return table.rows_shown()


def _imports_table(figures: ReportFigures):
    headers = ["Imported on", "What", "Kind", "Covers from", "Covers to"]
    formats = ["date", "text", "text", "date", "date"]
    rows = []
    for line in figures.imports:
        row = [line.imported_on, word({}, line.kind), word(IMPORT_MODES, line.mode),
               line.covers_from, line.covers_through]
        if figures.for_team:
            row.append(line.file_name)
        rows.append(row)
    if figures.for_team:
        headers.append("File")
        formats.append("text")
    return headers, rows, formats


def _definition_rows(figures: ReportFigures) -> list[list[Any]]:
    rows = [[term, text] for term, text in figures.definitions]
    rows += [[TIER_WORDS[tier], f"Attendance tier: {TIER_MEANINGS[tier]}."] for tier in TIERS]
    rows += [["Comparison group", "Students never matched this year, compared over the same "
              "dates with their tiers reweighted to match the mentees' at the start: a "
              "comparison, not proof of cause."],
             [SMALL_TEXT.capitalize(), "A group or count of fewer than 5 students, hidden so "
              "that no student can be picked out."],
             [COMPLEMENT_TEXT.capitalize(), "Hidden as well, so that a hidden small group "
              "cannot be worked out from the totals."]]
    rows += [["Left out", sentence] for sentence in figures.exclusions]
    return rows


def _students_table(figures: ReportFigures):
    headers = ["Student", "Student ID", "Grade", "Mentor", "Match began", "Match ended",
               "Meetings held", "Absence rate before", "Absence rate since", "Tier at start",
               "Tier now", "Change", "Days gained"]
    rows = [[line.name, line.local_id, line.grade, line.mentor, line.started_on, line.ended_on,
             line.meetings_held, line.absence_rate_before, line.absence_rate_after,
             TIER_WORDS.get(line.tier_at_start, ""), TIER_WORDS.get(line.tier_now, ""),
             word(CHANGES, line.change), line.days_gained] for line in figures.students]
    formats = ["text", "text", "integer", "text", "date", "date", "integer", "percent",
               "percent", "text", "text", "text", "decimal"]
    return headers, rows, formats


def _text_categories(chart, reference: Reference) -> None:
    """Category labels read as text (a numRef over text cells shows 1, 2, 3 in some Excels)."""
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(reference)))


def _add_charts(summary: Worksheet, tiers: Worksheet, monthly: Worksheet,
                figures: ReportFigures) -> None:
    """Native Excel charts on the Summary sheet, drawn from the Tiers and Monthly tables
    (each only when it has something to draw: an empty chart reads as a fault)."""
    if any(figures.tiers_at_start.values()) or any(figures.tiers_now.values()):
        _add_tier_chart(summary, tiers)
    if figures.monthly:
        _add_monthly_chart(summary, monthly, len(figures.monthly))


def _add_tier_chart(summary: Worksheet, tiers: Worksheet) -> None:
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
    summary.add_chart(bar, "E4")


def _add_monthly_chart(summary: Worksheet, monthly: Worksheet, months: int) -> None:
    first = HEADER_ROW + 1
    line = LineChart()
    line.title = "Absence rate by month"
    line.y_axis.title = "Absence rate"
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
    summary.add_chart(line, "E17")
