"""The program report as an Excel workbook for administrators (or the program team).

A Summary sheet with the headline figures beside similar students' and native Excel charts,
one sheet per table of the report (each a formatted Excel table), and a Definitions sheet. At
the administrators' level it holds aggregate figures and coded categories only (no student
names or IDs, no free text), every count as :mod:`reports.disclosure` lets it be shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reports import claims as report_claims
from reports import survey_section
from reports.disclosure import BELOW_THRESHOLD, Shown, shown
from reports.figures import COMPARISON_LABEL, LEVELS, TIERS, ReportFigures, report_title
from reports.formats import Formatted, date_words
from reports.report_tables import (
    HIDDEN_NOTE,
    MONTHS,
    breakdown_table,
    change_rows,
    comparison_table,
    dosage_rows,
    dose_table,
    exclusions,
    last_year_rows,
    previously_chronic_table,
    program_rows,
    referral_rows,
    tier_rows,
)
from reports.suppression import COMPLEMENT_TEXT, SMALL_TEXT
from reports.words import (
    CHANGES,
    CLOSURE_REASONS,
    IMPORT_MODES,
    NOMINATION_REASONS,
    TIER_MEANINGS,
    TIER_WORDS,
    TRAINING_KINDS,
    word,
)
from reports.workbook_charts import add_charts
from reports.workbook_style import add_table_sheet, new_workbook, save_workbook


def build_workbook(figures: ReportFigures, view: Shown | None = None) -> Workbook:
    """The whole report as a workbook (not yet saved)."""
    view = view or shown(figures)
    workbook = new_workbook(f"{report_title(figures)} {figures.period.year_name}")
    context = _Context(workbook, figures)
    found = report_claims.claims(figures, view)
    notes = [report_claims.verdict(found)]
    if view.below_threshold:
        notes.insert(0, BELOW_THRESHOLD)
    summary = context.sheet(
        "Summary", f"{report_title(figures)}: summary",
        ["Figure", "Mentees", "Similar students", "What it says"],
        _summary_rows(figures, view, found), ["text", "number", "number", "wrap"],
        large_columns=(1,), notes=notes + [f"Similar students: {COMPARISON_LABEL}; see "
                                           "Definitions."])
    context.sheet("Program", "The program", ["Figure", "Value"], program_rows(figures, view),
                  ["text", "number"], notes=[HIDDEN_NOTE] if view.anything_hidden else [])
    reasons = sorted(figures.nominations_by_reason.items(), key=lambda item: -item[1])
    context.sheet("Nominations", "Nominations by reason", ["Reason", "Students"],
                  [[word(NOMINATION_REASONS, reason), view.count(("reason", reason))]
                   for reason, _ in reasons], ["text", "integer"],
                  notes=["A nomination can give several reasons."])
    context.sheet("Trainings", "Trainings", *_training_table(figures))
    context.sheet("Dosage", "How often they met", ["Figure", "Value"],
                  dosage_rows(figures, view), ["text", "number"])
    context.sheet("Closed early", "Matches closed early, and why", ["Reason", "Matches"],
                  [[word(CLOSURE_REASONS, reason), view.count(("closed", reason))]
                   for reason, _ in sorted(figures.closed_early.items(),
                                           key=lambda item: -item[1])], ["text", "integer"])
    rates = ("rates",)
    context.sheet("Attendance", "Attendance before and since the match",
                  ["Measure", "Before the match", "Since the match"], [
                      ["Absence rate", view.figure(rates, figures.absence_rate_before),
                       view.figure(rates, figures.absence_rate_after)],
                      ["Days absent per 100 days enrolled",
                       Formatted(view.figure(rates, figures.absences_per_100_before),
                                 "decimal"),
                       Formatted(view.figure(rates, figures.absences_per_100_after),
                                 "decimal")],
                  ], ["text", "percent", "percent"],
                  notes=[f"Judged mentees only: those with at least {figures.days_before} "
                         f"school days before and {figures.days_after} after (see Change)."])
    context.sheet("Change", "Improved, about the same, worse", ["Change", "Mentees"],
                  change_rows(view), ["text", "integer"],
                  notes=[f"Too early to tell: fewer than {figures.days_before} school days "
                         f"before or {figures.days_after} after."])
    tiers_sheet = context.sheet("Tiers", "Attendance tiers of mentees",
                                ["Tier", "At match start", figures.period.now_label],
                                tier_rows(view), ["text", "integer", "integer"])
    context.sheet("Comparison", f"Compared with similar students ({COMPARISON_LABEL})",
                  *comparison_table(figures, view),
                  notes=["Similar students: never matched, measured over the same school days "
                         "as the mentees, reweighted to the mentees' tiers at the start. "
                         "Waitlisted nominees likewise.",
                         "A change below zero means more days absent. A comparison, not "
                         "proof of cause."])
    context.sheet("Chronic last year", "Mentees chronically absent last year",
                  *previously_chronic_table(figures, view),
                  notes=["Against similar students who were chronically absent last year too, "
                         "over the same school days."])
    context.sheet("Meetings and change", "Attendance change by meetings held (judged mentees)",
                  *dose_table(figures, view))
    chronic = context.sheet(
        "School chronic absence", "The whole school chronically absent, by month",
        ["Month", "This year", "Last year"],
        [[MONTHS[month.month - 1], month.this_year, month.last_year]
         for month in figures.chronic_by_month], ["text", "percent", "percent"],
        notes=["The share of students enrolled long enough to be rated who were chronically "
               "absent over the year up to the month's end."])
    context.sheet("Last year's mentees", "Last year's mentees this year", ["Figure", "Value"],
                  last_year_rows(figures, view), ["text", "number"])
    monthly = context.sheet("Monthly", "Absence rate month by month",
                            ["Month", "Mentees", "Whole school"],
                            [[f"{point.label} {point.year}",
                              view.figure(("monthly_mentees",), point.mentees_rate),
                              point.school_rate] for point in figures.monthly],
                            ["text", "percent", "percent"])
    tables = [figures.by_grade, figures.by_role]
    if figures.for_team and figures.by_mentor is not None:
        tables.append(figures.by_mentor)
    for table in tables:
        headers, rows, formats = breakdown_table(table, view)
        context.sheet(table.title, table.title, headers, rows, formats, notes=[HIDDEN_NOTE])
    context.sheet("Survey", "How mentees' survey answers changed", survey_section.HEADERS,
                  survey_section.survey_rows(figures, view), survey_section.FORMATS,
                  notes=[survey_section.SCALE_NOTE])
    context.sheet("Referrals", "Referrals by kind",
                  ["Referred to", "Opened", "Resolved", "Not resolved yet"],
                  referral_rows(figures, view), ["text", "integer", "integer", "integer"])
    context.sheet("Imports", "The imports behind these figures", *_imports_table(figures))
    context.sheet("Definitions", "Definitions and notes on the data", ["Term", "Definition"],
                  _definition_rows(figures, view), ["text", "wrap"])
    if figures.for_team:
        context.sheet("Students", "Mentees one by one (program team only)",
                      *_students_table(figures))
        context.sheet("Survey answers", "Survey answers one by one (program team only)",
                      survey_section.ANSWER_HEADERS, figures.survey_answers,
                      survey_section.ANSWER_FORMATS)
    tier_cells = [("tier_" + when, tier) for when in ("start", "now")
                  for tier in (*TIERS, None)]
    drawable = any(figures.tiers_at_start.values()) and not view.any_hidden(tier_cells)
    add_charts(summary, tiers_sheet if drawable else None, monthly,
               len(figures.monthly) if not view.hidden(("monthly_mentees",)) else 0,
               chronic, len(figures.chronic_by_month)
               if any(m.this_year is not None or m.last_year is not None
                      for m in figures.chronic_by_month) else 0)
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


def _summary_rows(figures: ReportFigures, view: Shown, found) -> list[list[Any]]:
    net = figures.comparison.net
    rows = [
        ["Students served", view.count(("served",)), "",
         "Matched with a mentor and met at least once (the Program sheet has how many were "
         "nominated and matched)."],
        ["Meetings with students held", view.figure(("meetings",), figures.meetings_held), "",
         "Meetings that took place; a group meeting counts once. Family contacts and "
         "check-ins on absent days are counted apart (see Dosage)."],
    ]
    for claim in found:
        rows.append([claim.label, Formatted(claim.mentees, claim.format),
                     Formatted(claim.similar, claim.format), claim.sentence])
    if net is not None:
        if view.hidden(("net",)):
            rows.append(["School days gained beyond similar students", COMPLEMENT_TEXT, "",
                         "Not shown: it would give away a hidden count."])
        else:
            verdict = ("the range is wholly above zero" if net.clear and net.net > 0
                       else "the range is wholly below zero" if net.clear
                       else "too few students to tell the difference")
            span = ("no range: too few mentees to redraw" if net.low is None else
                    f"range {net.low:,.1f} to {net.high:,.1f} ({net.resamples:,} redraws, "
                    f"seed {net.seed})")
            rows.append(["School days gained beyond similar students",
                         Formatted(net.net, "decimal"), "", f"{span.capitalize()}: {verdict}."])
    rows += [
        ["Mentees who left chronic absence", view.count(("left_chronic",)), "",
         "Of the mentees chronically absent when matched (the Tiers sheet has how many)."],
        ["Mentors with mentees", figures.mentors_with_mentees, "",
         f"{figures.mentors_on_roster} mentors in the program in the period."],
    ]
    return rows



def _training_table(figures: ReportFigures):
    headers = ["Date", "Training", "Required", "Mentors attended", "Mentors in the program",
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


def _definition_rows(figures: ReportFigures, view: Shown) -> list[list[Any]]:
    rows = [[term, text] for term, text in figures.definitions]
    rows += [[TIER_WORDS[tier], f"Attendance tier: {TIER_MEANINGS[tier]}."] for tier in TIERS]
    rows += [[SMALL_TEXT.capitalize(), "A count of fewer than 5 students, or any count of a "
              "group of fewer than 5, hidden so that no student can be picked out. It may be "
              "0 to 4."],
             [COMPLEMENT_TEXT.capitalize(), "Hidden as well, so that no hidden count can be "
              "worked out from the figures shown anywhere in this report (totals, other "
              "tables, the front page). It may be of any size."]]
    rows += [["Left out", sentence] for sentence in exclusions(figures, view)]
    return rows


def _students_table(figures: ReportFigures):
    headers = ["Student", "Student ID", "Grade", "Mentor", "Match began", "Match ended",
               "Meetings with the student", "Before from", "Absence rate before",
               "Absence rate since", "Tier at start", "Tier now", "Change", "Days gained",
               "Mentor cleared when matched"]
    rows = [[line.name, line.local_id, line.grade, line.mentor, line.started_on, line.ended_on,
             line.meetings_held,
             {"this_year": "This year", "last_year": "Last year, same part"}.get(
                 line.baseline, "None"),
             line.absence_rate_before, line.absence_rate_after,
             TIER_WORDS.get(line.tier_at_start, ""), TIER_WORDS.get(line.tier_now, ""),
             word(CHANGES, line.change) if line.change else "Too early to tell",
             line.days_gained, "yes" if line.mentor_cleared else "no"]
            for line in figures.students]
    formats = ["text", "text", "integer", "text", "date", "date", "integer", "text", "percent",
               "percent", "text", "text", "text", "decimal", "text"]
    return headers, rows, formats
