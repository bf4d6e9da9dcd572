"""The end-of-year report as a printed document (PDF, print, the Reports screen's preview).

A summary page with the headline figures in large type, then the program, dosage, attendance
outcomes, the breakdowns by grade and mentor role, referrals, and notes on the data. Built
from a :class:`reports.figures.ReportFigures`; small groups are hidden as the workbook hides
them. QtGui only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage, QTextDocument

from reports import charts, html
from reports.document import new_document
from reports.figures import COMPARISON_LABEL, LEVELS, TIERS, ReportFigures, report_title
from reports.formats import Formatted, date_words
from reports.html import esc
from reports.pdf import PageDecor, load_logo, save_pdf
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
    plural,
    word,
)

CHART_WIDTH_PX = 624  # 6.5 inches at the 96 px per inch of page layout
ACCENT = "#1f5f99"



def chart_pngs(figures: ReportFigures, dpi: int = 300) -> dict[str, bytes]:
    """The report's charts as PNG bytes (300 dpi), by the names the document uses.

    Plain bytes, so a worker thread can draw them and the page be built anywhere.
    """
    pngs: dict[str, bytes] = {}
    if any(figures.tiers_at_start.values()) or any(figures.tiers_now.values()):
        figure = charts.tier_shift_chart(figures.tiers_at_start, figures.tiers_now,
                                         second_label=figures.period.now_label)
        pngs["chart:tiers"] = charts.figure_png(figure, dpi)
    if figures.meetings_by_mentee:
        figure = charts.meetings_histogram(figures.meetings_by_mentee,
                                           median=figures.meetings_per_mentee.median)
        pngs["chart:meetings"] = charts.figure_png(figure, dpi)
    if figures.monthly:
        figure = charts.monthly_absence_chart(
            [point.label for point in figures.monthly],
            [point.mentees_rate for point in figures.monthly],
            [point.school_rate for point in figures.monthly])
        pngs["chart:monthly"] = charts.figure_png(figure, dpi)
    return pngs


def chart_images(figures: ReportFigures, dpi: int = 300,
                 pngs: dict[str, bytes] | None = None) -> dict[str, QImage]:
    """The charts as pictures for the document (drawn now unless ``pngs`` are given)."""
    pngs = chart_pngs(figures, dpi) if pngs is None else pngs
    return {name: QImage.fromData(data) for name, data in pngs.items()}


def build_document(figures: ReportFigures, images: dict[str, QImage] | None = None
                   ) -> QTextDocument:
    """The whole report as one document, ready for :func:`reports.pdf.render`."""
    images = chart_images(figures) if images is None else images
    parts = [
        _summary_page(figures, images),
        _program_section(figures),
        _dosage_section(figures, images),
        _attendance_section(figures, images),
        _breakdown_section(figures),
        _referrals_section(figures),
        _notes_section(figures),
    ]
    if figures.for_team:
        parts.append(_students_section(figures))
    return new_document("".join(parts), title=report_title(figures), images=images)


def decor(figures: ReportFigures, logo_path: str | Path | None = None) -> PageDecor:
    """Every page's header and footer for this report."""
    return PageDecor(
        title=f"{report_title(figures)} · {figures.period.year_name}",
        school_name=figures.school_name,
        logo=load_logo(logo_path),
        footer_note=(f"{LEVELS[figures.level].capitalize()} · data as of "
                     f"{date_words(figures.period.as_of)}"),
        printed_on=figures.generated_at.date(),
    )


def save_report_pdf(figures: ReportFigures, path: Path | str, *, paper: str | None = None,
                    logo_path: str | Path | None = None,
                    pngs: dict[str, bytes] | None = None) -> Path:
    """Write the report as a PDF (Letter or A4), atomically; returns the path."""
    document = build_document(figures, chart_images(figures, pngs=pngs))
    return save_pdf(document, path, decor(figures, logo_path), paper=paper)


# Pieces ----------------------------------------------------------------------------------------


def _number(value: float | None, places: int = 0) -> str:
    if value is None:
        return "–"
    if places == 0:
        return f"{round(value):,}"
    return f"{value:,.{places}f}"


def _matched_sentence(figures: ReportFigures) -> str:
    nominated = ("1 student was nominated" if figures.students_nominated == 1
                 else f"{figures.students_nominated} students were nominated")
    if not figures.students_matched:
        return f"{nominated}; none has been matched with a mentor yet."
    return (f"{nominated} and {figures.students_matched} "
            f"{'was' if figures.students_matched == 1 else 'were'} matched with one of "
            f"{plural(figures.mentors_active, 'mentor')}.")


def _attendance_note(figures: ReportFigures) -> str:
    """", attendance imported through 23 November 2026" when it stops before the last day."""
    through = figures.attendance_through
    if through is None:
        return ", no attendance imported yet"
    if through < figures.period.as_of:
        return f", attendance imported through {date_words(through)}"
    return ""


def _change(before: float | None, after: float | None) -> float | None:
    return None if before is None or after is None else before - after


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _tile(number: str, caption: str, detail: str) -> str:
    return (f'<td width="33%" valign="top" style="padding: 10px">'
            f'<p style="font-size: 30pt; font-weight: 700; color: {ACCENT}; margin: 0">'
            f"{esc(number)}</p>"
            f'<p style="font-size: 11pt; font-weight: 600; margin: 0">{esc(caption)}</p>'
            f'<p style="font-size: 9pt; color: {html.MUTED}; margin: 0">{esc(detail)}</p></td>')


def _summary_page(figures: ReportFigures, images: dict[str, QImage]) -> str:
    period = figures.period
    tiles = [
        _tile(_number(figures.students_served), "students served",
              f"matched with a mentor and met at least once; {figures.students_nominated} "
              "nominated"),
        _tile(_number(figures.meetings_held), "meetings held",
              "a group meeting counts once; a median of "
              f"{_number(figures.meetings_per_mentee.median, 1)} per mentee"
              if figures.meetings_per_mentee.median is not None else "no mentee yet"),
        _tile(_percent(figures.share_improved), "of mentees improved their attendance",
              f"{figures.improved} of {figures.mentees_with_baseline} mentees with a baseline "
              "missed at least 1 fewer day per 100"),
        _tile(_number(figures.days_gained), "school days gained",
              f"{_number(figures.days_gained_per_100, 1)} per 100 days enrolled since matching"),
        _tile(_number(figures.left_chronic), "mentees left chronic absence",
              f"of {figures.chronic_at_start} chronically absent when matched"),
    ]
    grid = ('<table width="100%" cellspacing="6" cellpadding="0">'
            f"<tr>{''.join(tiles[:3])}</tr><tr>{''.join(tiles[3:])}<td></td></tr></table>")
    brief = [_matched_sentence(figures)]
    if figures.absences_per_100_before is not None and figures.absences_per_100_after is not None:
        brief.append(
            f"Mentees missed {_number(figures.absences_per_100_before, 1)} days per 100 enrolled "
            f"before their match and {_number(figures.absences_per_100_after, 1)} since.")
    else:
        brief.append("No mentee has attendance both before and since their match yet, so "
                     "there is no before-and-after comparison.")
    group = figures.comparison[0] if figures.comparison else None
    if group and group.absences_per_100_before is not None \
            and group.absences_per_100_after is not None:
        brief.append(
            f"{group.name.capitalize()} went from {_number(group.absences_per_100_before, 1)} "
            f"to {_number(group.absences_per_100_after, 1)} days per 100 over the same time "
            f"({COMPARISON_LABEL}).")
    parts = [
        f'<h1 style="font-size: 22pt">{esc(report_title(figures))}</h1>',
        f'<p style="font-size: 13pt; font-weight: 600; margin: 0">'
        f"{esc(figures.school_name or 'Mentoring program')}</p>",
        f'<p style="color: {html.MUTED}; margin-top: 2px">{esc(period.label)}. Data as of '
        f"{esc(date_words(period.as_of))}{esc(_attendance_note(figures))}. "
        f"{esc(LEVELS[figures.level].capitalize())}"
        f"{': totals only, no student names' if not figures.for_team else ''}.</p>",
        grid,
        html.heading("In brief", 3),
        html.bullet_list(brief),
    ]
    if "chart:tiers" in images:
        later = figures.period.now_label
        parts.append(html.heading(f"Mentees' attendance tiers, at match start and "
                                  f"{later[0].lower()}{later[1:]}", 3))
        parts.append(f'<p><img src="chart:tiers" width="{CHART_WIDTH_PX}"></p>')
    return "".join(parts)


def _figure_table(rows: Sequence[tuple[str, Any]]) -> str:
    return html.table(["Figure", "Value"], [[label, value] for label, value in rows],
                      ["text", "number"], widths=[70, 30])


def _program_section(figures: ReportFigures) -> str:
    reasons = sorted(figures.nominations_by_reason.items(), key=lambda item: -item[1])
    parts = [
        html.heading("2. The program", new_page=True),
        html.heading("Who was nominated, and why", 3),
        html.paragraph(
            f"{plural(figures.students_nominated, 'student')} nominated by "
            f"{plural(figures.nominators, 'member', 'members')} of staff. A nomination can give "
            "several reasons, so the reasons add up to more than the students.", muted=True),
        html.table(["Reason", "Students"], [[word(NOMINATION_REASONS, r), n] for r, n in reasons],
                   ["text", "integer"], widths=[70, 30]),
        html.heading("From nomination to match", 3),
        html.table(["Stage", "Students"], [
            ["Nominated", figures.students_nominated],
            ["Matched with a mentor", figures.students_matched],
            ["Served (matched and met at least once)", figures.students_served],
            [f"Still matched on {date_words(figures.period.as_of)}",
             figures.still_matched_at_end],
            ["Nominated, never matched", figures.never_matched],
            ["Waitlisted", figures.waitlisted],
        ], ["text", "integer"], widths=[70, 30]),
        html.heading("Mentors", 3),
        html.paragraph(
            f"{plural(figures.mentors_active, 'active mentor')}; "
            f"{_number(figures.mentees_per_mentor, 1)} mentees per mentor. Screening complete "
            f"(background check current and agreement signed): {figures.screening_complete} of "
            f"{figures.mentors_active}.", muted=True),
        html.table(["Role", "Mentors", "Mentees"],
                   [[line.role, line.mentors, line.mentees] for line in figures.mentors_by_role],
                   ["text", "integer", "integer"], widths=[60, 20, 20]),
        html.heading("Trainings", 3),
    ]
    headers = ["Date", "Training", "Required", "Mentors attended", "Share of mentors"]
    rows = []
    for line in figures.trainings:
        what = word(TRAINING_KINDS, line.kind)
        if figures.for_team and line.title:
            what = f"{what}: {line.title}"
        share = line.attended / line.mentors_active if line.mentors_active else None
        rows.append([line.held_on, what, "yes" if line.required else "no", line.attended, share])
    parts.append(html.table(headers, rows, ["date", "text", "text", "integer", "percent"],
                            empty_text="No trainings recorded in this period."))
    return "".join(parts)


def _dosage_section(figures: ReportFigures, images: dict[str, QImage]) -> str:
    spread = figures.meetings_per_mentee
    spread_text = "–"
    if spread.median is not None:
        low, high = _number(spread.lower_quartile, 1), _number(spread.upper_quartile, 1)
        spread_text = (f"{_number(spread.median, 1)} (middle half {low} to {high}; "
                       f"range {_number(spread.lowest)} to {_number(spread.highest)})")
    rows = [
        ("Matches", figures.matches),
        ("Meetings held (a group meeting counts once)", figures.meetings_held),
        ("Meetings attended by mentees (a group meeting counts for each mentee in it)",
         figures.mentee_meetings_held),
        ("Attempts (the student was absent)", figures.meetings_attempted),
        ("Meetings per mentee, median", spread_text),
        ("Meetings per match per month, median",
         Formatted(figures.meetings_per_match_month_median, "decimal")),
        ("Matches meeting the monthly target", Formatted(figures.share_matches_on_target,
                                                         "percent")),
        ("Match length, median (days)", Formatted(figures.match_length_median_days, "integer")),
        ("Matches closed early", figures.closed_early_total),
    ]
    closed = [[word(CLOSURE_REASONS, reason), count]
              for reason, count in sorted(figures.closed_early.items(), key=lambda i: -i[1])]
    parts = [html.heading("3. How often they met", new_page=True), _figure_table(rows)]
    if "chart:meetings" in images:
        parts += [html.heading("Meetings held per mentee", 3),
                  f'<p><img src="chart:meetings" width="{CHART_WIDTH_PX}"></p>']
    parts += [html.heading("Matches closed early, and why", 3),
              html.table(["Reason", "Matches"], closed, ["text", "integer"], widths=[70, 30],
                         empty_text="No match closed early.")]
    return "".join(parts)


def _attendance_section(figures: ReportFigures, images: dict[str, QImage]) -> str:
    parts = [
        html.heading("4. Attendance", new_page=True),
        html.paragraph(
            f"Before: the mentee's days enrolled before the match began (or last year when "
            f"this year had too few). After: from the match's start to its end or "
            f"{date_words(figures.period.as_of)}. {figures.mentees_with_baseline} mentees have a "
            f"baseline; {figures.mentees_without_baseline} have none and are left out of these "
            "figures.", muted=True),
        html.table(["", "Before the match", "Since the match"], [
            ["Absence rate", figures.absence_rate_before, figures.absence_rate_after],
            ["Days absent per 100 days enrolled", Formatted(figures.absences_per_100_before,
                                                            "decimal"),
             Formatted(figures.absences_per_100_after, "decimal")],
        ], ["text", "percent", "percent"], widths=[50, 25, 25]),
        html.heading("Improved, same or worse", 3),
    ]
    rated = figures.mentees_with_baseline
    parts.append(html.table(["Change", "Mentees", "Share"], [
        [CHANGES["improved"] + " (1 or more fewer days absent per 100)", figures.improved,
         figures.improved / rated if rated else None],
        [CHANGES["same"], figures.same, figures.same / rated if rated else None],
        [CHANGES["worse"] + " (1 or more more days absent per 100)", figures.worse,
         figures.worse / rated if rated else None],
    ], ["text", "integer", "percent"], widths=[60, 20, 20]))
    parts.append(html.paragraph(
        f"School days gained: {_number(figures.days_gained)} in all, "
        f"{_number(figures.days_gained_per_100, 1)} per 100 days enrolled since matching "
        "(the fall in each mentee's absence rate times their days enrolled since the match)."))
    parts.append(html.heading("Attendance tiers", 3))
    parts.append(html.table(
        ["Tier", "At match start", figures.period.now_label],
        [[TIER_WORDS[tier], figures.tiers_at_start.get(tier, 0), figures.tiers_now.get(tier, 0)]
         for tier in TIERS]
        + [["Chronically absent (moderate or severe)", figures.chronic_at_start,
            figures.chronic_now]],
        ["text", "integer", "integer"], widths=[60, 20, 20]))
    parts.append(html.paragraph(
        f"{plural(figures.left_chronic, 'mentee')} who were chronically absent when matched "
        "no longer are. The chart on the first page shows the same tiers.", muted=True))
    parts.append(html.heading(f"Compared with other students ({COMPARISON_LABEL})", 3,
                              new_page=True))
    parts.append(html.paragraph(
        "Students never matched this year, and nominees still waiting for a mentor, compared "
        "over the same dates with their tiers reweighted to match the mentees' at the start. "
        "A comparison shows what happened alongside the program, not what the program "
        "caused. A change below zero means more days absent.", muted=True))
    comparison_rows = [["Mentees", figures.mentees_with_baseline,
                        Formatted(figures.absences_per_100_before, "decimal"),
                        Formatted(figures.absences_per_100_after, "decimal"),
                        Formatted(_change(figures.absences_per_100_before,
                                          figures.absences_per_100_after), "decimal")]]
    notes = []
    for group in figures.comparison:
        comparison_rows.append([group.name.capitalize(), group.students,
                                Formatted(group.absences_per_100_before, "decimal"),
                                Formatted(group.absences_per_100_after, "decimal"),
                                Formatted(group.change_per_100, "decimal")])
        if group.missing_tiers:
            tiers = ", ".join(TIER_WORDS[tier].lower() for tier in group.missing_tiers)
            notes.append(f"{group.name.capitalize()} has no students in these tiers, which "
                         f"are left out of its reweighting: {tiers}.")
    parts.append(html.table(["Group", "Students", "Absent per 100 before",
                             "Absent per 100 after", "Fewer days absent per 100"],
                            comparison_rows, ["text", "integer", "decimal", "decimal", "decimal"]))
    for note in notes:
        parts.append(html.paragraph(note, muted=True, small=True))
    if "chart:monthly" in images:
        parts.append(html.heading("Month by month: mentees and the whole school", 3))
        parts.append(f'<p><img src="chart:monthly" width="{CHART_WIDTH_PX}"></p>')
    return "".join(parts)


# The printed breakdowns keep the columns a reader needs; the workbook has them all.
PRINT_COLUMNS = {"mentors": "Mentors with mentees", "mentees": "Mentees",
                 "improved": "Improved", "share_improved": "Share improved",
                 "rate_before": "Absent before", "rate_after": "Absent since",
                 "left_chronic": "Left chronic", "meetings": "Meetings attended"}


def _protected_table(table: ProtectedTable) -> str:
    keys = [column.key for column in table.columns]
    keep = [index for index, key in enumerate(keys) if key in PRINT_COLUMNS]
    headers = [table.headers()[0]] + [PRINT_COLUMNS[keys[index]] for index in keep]
    formats = table.formats()
    formats = [formats[0]] + [formats[index + 1] for index in keep]
    rows = [[row[0]] + [row[index + 1] for index in keep] for row in table.rows_shown()]
    widths = [16] + [84 // len(keep)] * len(keep)
    body = html.table(headers, rows, formats, widths=widths)
    return f'<div style="font-size: 8.5pt">{body}</div>'



def _breakdown_section(figures: ReportFigures) -> str:
    tables = figures.protected_tables()
    parts = [html.heading("5. By grade and by mentor role", new_page=True),
             html.paragraph(
                 f'Groups of fewer than 5 students show "{SMALL_TEXT}"; a few more figures show '
                 f'"{COMPLEMENT_TEXT}" so that a hidden number cannot be worked out from the '
                 "totals. Their percentages are hidden too.", muted=True)]
    titles = ["By grade", "By mentor role", "By mentor (program team only: every number shown)"]
    for title, table in zip(titles, tables, strict=False):
        parts.append(html.heading(title, 3))
        parts.append(_protected_table(table))
    return "".join(parts)


def _referrals_section(figures: ReportFigures) -> str:
    rows = [[word(REFERRAL_KINDS, line.kind), line.opened, line.resolved, line.still_open]
            for line in figures.referrals]
    if rows:
        rows.append(["Total", *(sum(row[i] for row in rows) for i in range(1, 4))])
    return "".join([
        html.heading("6. Referrals"),
        html.paragraph("Needs too big for a mentor, passed to the counselor, an administrator, "
                       "the nurse or a social worker.", muted=True),
        html.table(["Referred to", "Opened", "Resolved", "Not resolved yet"], rows,
                   ["text", "integer", "integer", "integer"],
                   empty_text="No referrals in this period."),
    ])


def _notes_section(figures: ReportFigures) -> str:
    definitions = "".join(f"<p><b>{esc(term)}</b>: {esc(text)}</p>"
                          for term, text in figures.definitions)
    tiers = "".join(f"<li><b>{esc(TIER_WORDS[tier])}</b>: {esc(TIER_MEANINGS[tier])}</li>"
                    for tier in TIERS)
    imports = [[line.imported_on, word({}, line.kind), word(IMPORT_MODES, line.mode),
                line.covers_from, line.covers_through] for line in figures.imports]
    return "".join([
        html.heading("7. Notes on the data", new_page=True),
        html.heading("Definitions", 3),
        definitions,
        f"<ul>{tiers}</ul>",
        html.heading("The imports behind these figures", 3),
        html.table(["Imported", "What", "Kind", "Covers from", "Covers to"], imports,
                   ["date", "text", "text", "date", "date"],
                   empty_text="No imports: the data was entered by hand."),
        html.heading("Left out", 3),
        html.bullet_list(figures.exclusions) or html.paragraph("Nothing was left out."),
    ])


SHORT_TIERS = {"satisfactory": "Satisfactory", "at-risk": "At risk", "moderate": "Moderate",
               "severe": "Severe", None: "–"}
SHORT_CHANGES = {"improved": "Improved", "same": "Same", "worse": "Worse", None: "No baseline"}


def _students_section(figures: ReportFigures) -> str:
    rows = [[line.name, line.local_id, line.grade, line.mentor, line.meetings_held,
             line.absence_rate_before, line.absence_rate_after,
             SHORT_TIERS.get(line.tier_at_start, "–"), SHORT_TIERS.get(line.tier_now, "–"),
             SHORT_CHANGES.get(line.change, "")] for line in figures.students]
    table = html.table(["Student", "ID", "Grade", "Mentor", "Meetings", "Absent before",
                        "Absent since", "Tier at start", "Tier now", "Change"], rows,
                       ["text", "text", "integer", "text", "integer", "percent", "percent",
                        "text", "text", "text"],
                       widths=[15, 7, 6, 15, 9, 8, 8, 11, 11, 10])
    return "".join([
        html.heading("Mentees one by one (program team only)", new_page=True),
        html.paragraph("Tiers: moderate and severe are chronic absence. Before: the baseline "
                       "before the match; since: from the match's start.", muted=True),
        f'<div style="font-size: 8pt">{table}</div>',
    ])
