"""The program report as a printed document (PDF, print, the Reports screen's preview).

A summary page with the headline figures beside similar students', then the program, how often
they met, attendance (the comparison, last year's chronically absent, meetings and change, the
whole school month by month), the breakdowns by grade and mentor role, referrals, last year's
mentees, and notes on the data. Every count prints as :mod:`reports.disclosure` lets it (the
same as the workbook's). QtGui only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage, QTextDocument

from reports import claims as report_claims
from reports import html, print_charts, survey_section
from reports.chart_style import MENTEE_COLOUR, SCHOOL_COLOUR
from reports.disclosure import BELOW_THRESHOLD, Shown, shown
from reports.document import new_document
from reports.figures import COMPARISON_LABEL, LEVELS, TIERS, ReportFigures, report_title
from reports.formats import Formatted, date_words
from reports.html import esc
from reports.pdf import PageDecor, load_logo, save_pdf
from reports.print_charts import Series
from reports.report_tables import (
    GROUP_FORMATS,
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
    CLOSURE_REASONS,
    IMPORT_MODES,
    NOMINATION_REASONS,
    TIER_MEANINGS,
    TIER_WORDS,
    TRAINING_KINDS,
    plural,
    word,
)

CHART_WIDTH_PX = 624  # 6.5 inches at the 96 px per inch of page layout
ACCENT = "#1f5f99"
TIER_CELLS = [("tier_" + when, tier) for when in ("start", "now") for tier in (*TIERS, None)]


def chart_pictures(figures: ReportFigures, dpi: int = 300) -> dict[str, QImage]:
    """The report's charts as 300-dpi pictures, by the names the document uses; a chart is
    left out when it would draw a hidden count. A worker thread may draw them."""
    view = shown(figures)
    pictures: dict[str, QImage] = {}
    if (any(figures.tiers_at_start.values()) or any(figures.tiers_now.values())) \
            and not view.any_hidden(TIER_CELLS):
        pictures["chart:tiers"] = print_charts.tier_shift_picture(
            figures.tiers_at_start, figures.tiers_now, second_label=figures.period.now_label,
            dpi=dpi)
    if figures.for_team and figures.meetings_by_mentee:
        # How many mentees had each number of meetings: counts of students, so the program
        # team's only (administrators get the bands of the dose table).
        pictures["chart:meetings"] = print_charts.meetings_picture(
            figures.meetings_by_mentee, median=figures.meetings_per_mentee.median, dpi=dpi)
    if figures.monthly and not view.hidden(("monthly_mentees",)):
        pictures["chart:monthly"] = print_charts.lines_picture(
            [point.label for point in figures.monthly],
            [Series("Mentees", [point.mentees_rate for point in figures.monthly],
                    MENTEE_COLOUR),
             Series("Whole school", [point.school_rate for point in figures.monthly],
                    SCHOOL_COLOUR, dashed=True, square=True)],
            y_label="Absence rate", chronic_line=True, height=2.6, dpi=dpi)
    if any(m.this_year is not None or m.last_year is not None
           for m in figures.chronic_by_month):
        pictures["chart:chronic"] = print_charts.lines_picture(
            [MONTHS[m.month - 1] for m in figures.chronic_by_month],
            [Series("This year", [m.this_year for m in figures.chronic_by_month],
                    MENTEE_COLOUR),
             Series("Last year", [m.last_year for m in figures.chronic_by_month],
                    SCHOOL_COLOUR, dashed=True, square=True)],
            y_label="Chronically absent", dpi=dpi)
    return pictures


def build_document(figures: ReportFigures, images: dict[str, QImage] | None = None
                   ) -> QTextDocument:
    """The whole report as one document, ready for :func:`reports.pdf.render`."""
    images = chart_pictures(figures) if images is None else images
    view = shown(figures)
    parts = [
        _summary_page(figures, view, images),
        _program_section(figures, view),
        _dosage_section(figures, view, images),
        _attendance_section(figures, view, images),
        _breakdown_section(figures, view),
        _referrals_section(figures, view),
        _last_year_section(figures, view),
        survey_section.survey_html(figures, view, 8),
        _notes_section(figures, view),
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
                    pictures: dict[str, QImage] | None = None) -> Path:
    """Write the report as a PDF (Letter or A4), atomically; returns the path (``pictures``:
    the charts already drawn)."""
    document = build_document(figures, pictures)
    return save_pdf(document, path, decor(figures, logo_path), paper=paper)


# Pieces ----------------------------------------------------------------------------------------


def _number(value: Any, places: int = 0) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return "–"
    if places == 0:
        return f"{round(value):,}"
    return f"{value:,.{places}f}"


def _percent(value: Any) -> str:
    if isinstance(value, str):
        return value
    return "–" if value is None else f"{value * 100:.0f}%"


def _matched_sentence(figures: ReportFigures, view: Shown) -> str:
    nominated = view.count(("nominated",))
    matched = view.count(("matched",))
    if matched == 0:
        return f"Students nominated: {nominated}; none has been matched with a mentor yet."
    return (f"Students nominated: {nominated}; matched with a mentor: {matched}, by "
            f"{plural(figures.mentors_with_mentees, 'mentor')} who had mentees "
            f"({figures.mentors_on_roster} mentors in the program in the period).")


def _attendance_note(figures: ReportFigures) -> str:
    """", attendance imported through 23 November 2026" when it stops before the last day."""
    through = figures.attendance_through
    if through is None:
        return ", no attendance imported yet"
    if through < figures.period.as_of:
        return f", attendance imported through {date_words(through)}"
    return ""


def _tile(number: str, caption: str, detail: str) -> str:
    return (f'<td width="33%" valign="top" style="padding: 10px">'
            f'<p style="font-size: 26pt; font-weight: 700; color: {ACCENT}; margin: 0">'
            f"{esc(number)}</p>"
            f'<p style="font-size: 11pt; font-weight: 600; margin: 0">{esc(caption)}</p>'
            f'<p style="font-size: 9pt; color: {html.MUTED}; margin: 0">{esc(detail)}</p></td>')


def _of_chronic(count: Any) -> str:
    if isinstance(count, str):
        return "of those chronically absent when matched"
    return f"of {_number(count)} chronically absent when matched"


def _summary_page(figures: ReportFigures, view: Shown, images: dict[str, QImage]) -> str:
    period = figures.period
    found = report_claims.claims(figures, view)
    similar = figures.similar
    improved, gained, left = found
    median = view.figure(("meetings",), figures.meetings_per_mentee.median)
    tiles = [
        _tile(_number(view.count(("served",))), "students served",
              f"matched with a mentor and met at least once; "
              f"{_number(view.count(('nominated',)))} nominated"),
        _tile(_number(view.figure(("meetings",), figures.meetings_held)),
              "meetings with students held",
              "a group meeting counts once; a median of "
              f"{_number(median, 1)} per mentee" if figures.meetings_per_mentee.median
              is not None else "no mentee yet"),
        _tile(_percent(improved.mentees), "of mentees improved their attendance",
              f"similar students: {_percent(improved.similar)}"),
        _tile(_number(gained.mentees, 1), "school days gained per 100 days",
              f"similar students: {_number(gained.similar, 1)}"),
        _tile(_number(view.count(("left_chronic",))), "mentees left chronic absence",
              # A count beside a share would read as one figure: both groups' shares.
              _of_chronic(view.count(("chronic_start",)))
              + f"; of those judged, {_percent(left.mentees)} left it, similar students "
                f"{_percent(left.similar)}"),
    ]
    grid = ('<table width="100%" cellspacing="6" cellpadding="0">'
            f"<tr>{''.join(tiles[:3])}</tr><tr>{''.join(tiles[3:])}<td></td></tr></table>")
    brief = []
    if view.below_threshold:
        brief.append(BELOW_THRESHOLD)
    brief.append(_matched_sentence(figures, view))
    brief += [claim.sentence for claim in found]
    brief.append(report_claims.verdict(found))
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
        html.paragraph(f"Similar students: students never matched, measured over the same "
                       f"school days as the mentees and weighted to their tiers "
                       f"({COMPARISON_LABEL}; {similar.students:,} of them).", muted=True,
                       small=True) if not view.hidden(("compared_never",)) else "",
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


def _program_section(figures: ReportFigures, view: Shown) -> str:
    count = view.count
    reasons = sorted(figures.nominations_by_reason.items(), key=lambda item: -item[1])
    role = figures.by_role
    role_rows = [[row.label, row.figures.get("on_roster", 0), row.figures.get("with_mentees", 0),
                  view.count(("role", repr(row.group), "mentees"), row.figures["mentees"])]
                 for row in (() if view.below_threshold else role.rows)]
    role_rows.append(["Total", role.total.get("on_roster", 0), role.total.get("with_mentees", 0),
                      count(("matched",))])
    parts = [
        html.heading("2. The program", new_page=True),
        html.heading("Who was nominated, and why", 3),
        html.paragraph(
            f"{count(('nominated',))} students nominated by "
            f"{plural(figures.nominators, 'member', 'members')} of staff. A nomination can give "
            "several reasons, so the reasons add up to more than the students.", muted=True),
        html.table(["Reason", "Students"],
                   [[word(NOMINATION_REASONS, r), count(("reason", r))] for r, _ in reasons],
                   ["text", "integer"], widths=[70, 30]),
        html.heading("From nomination to match", 3),
        _figure_table([(label, value) for label, value in program_rows(figures, view)]),
        html.heading("Mentors by role", 3),
        html.paragraph("Mentors in the program: recorded as active on a day of the period, or "
                       "with a mentee in it. Mentees by their mentor's role.", muted=True),
        html.table(["Role", "Mentors in the program", "Mentors with mentees", "Mentees"],
                   role_rows, ["text", "integer", "integer", "integer"],
                   widths=[40, 20, 20, 20]),
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


def _dosage_section(figures: ReportFigures, view: Shown, images: dict[str, QImage]) -> str:
    closed = [[word(CLOSURE_REASONS, reason), view.count(("closed", reason))]
              for reason, _ in sorted(figures.closed_early.items(), key=lambda i: -i[1])]
    parts = [html.heading("3. How often they met", new_page=True),
             _figure_table([(label, value) for label, value in dosage_rows(figures, view)])]
    if "chart:meetings" in images:
        parts += [html.heading("Meetings with the student per mentee", 3),
                  f'<p><img src="chart:meetings" width="{CHART_WIDTH_PX}"></p>']
    parts += [html.heading("Matches closed early, and why", 3),
              html.table(["Reason", "Matches"], closed, ["text", "integer"], widths=[70, 30],
                         empty_text="No match closed early.")]
    return "".join(parts)


def _attendance_section(figures: ReportFigures, view: Shown, images: dict[str, QImage]) -> str:
    rates = ("rates",)
    parts = [
        html.heading("4. Attendance", new_page=True),
        html.paragraph(
            f"After: from the match's start to its end or {date_words(figures.period.as_of)}. "
            f"Before: the school days before the match, when at least {figures.days_before}; "
            "for a mentee matched in the first weeks, the same part of last year. A change is "
            f"judged with at least {figures.days_before} days before and {figures.days_after} "
            f"after: {view.count(('judged',))} mentees; "
            f"{view.count(('too_early',))} are too early to tell.", muted=True),
        html.table(["", "Before the match", "Since the match"], [
            ["Absence rate", view.figure(rates, figures.absence_rate_before),
             view.figure(rates, figures.absence_rate_after)],
            ["Days absent per 100 days enrolled",
             Formatted(view.figure(rates, figures.absences_per_100_before), "decimal"),
             Formatted(view.figure(rates, figures.absences_per_100_after), "decimal")],
        ], ["text", "percent", "percent"], widths=[50, 25, 25]),
        html.heading("Improved, about the same, worse", 3),
        html.table(["Change", "Mentees"], change_rows(view), ["text", "integer"],
                   widths=[70, 30]),
        html.paragraph(
            f"School days gained: {_number(view.figure(('days_gained',), figures.days_gained))} "
            f"in all, {_number(view.figure(('days_gained',), figures.days_gained_per_100), 1)} "
            "per 100 days enrolled since matching (the fall in each judged mentee's absence "
            "rate times their days enrolled since the match)."),
        html.heading("Attendance tiers", 3),
        html.table(["Tier", "At match start", figures.period.now_label], tier_rows(view),
                   ["text", "integer", "integer"], widths=[60, 20, 20]),
        html.heading(f"Compared with similar students ({COMPARISON_LABEL})", 3, new_page=True),
        html.paragraph(
            "Students never matched this year, each measured over the same school days as a "
            "mentee, their tiers weighted to match the mentees' at the start; nominees still "
            "waitlisted likewise. A comparison shows what happened alongside the program, not "
            "what the program caused. A change below zero means more days absent.", muted=True),
    ]
    headers, rows, _ = comparison_table(figures, view)
    parts.append(_wide_table(headers, rows, GROUP_FORMATS))
    net = figures.comparison.net
    if net is not None and not view.hidden(("net",)) and net.low is not None:
        parts.append(html.paragraph(
            f"School days gained beyond similar students: {net.net:,.0f} (range {net.low:,.0f} "
            f"to {net.high:,.0f}, from {net.resamples:,} redraws with the fixed seed "
            f"{net.seed}). " + ("The range lies on one side of zero." if net.clear else
                                "The range holds zero: too few students to tell the "
                                "difference.")))
    missing = figures.similar.missing_tiers
    if missing:
        parts.append(html.paragraph(
            "Similar students include none in these tiers, which are left out of the "
            f"weighting: {', '.join(TIER_WORDS[t].lower() for t in missing)}.", muted=True,
            small=True))
    parts.append(html.heading("Mentees chronically absent last year", 3))
    headers, rows, _ = previously_chronic_table(figures, view)
    parts.append(_wide_table(headers, rows, GROUP_FORMATS))
    parts.append(html.heading("Attendance change by meetings held", 3))
    headers, rows, formats = dose_table(figures, view)
    # The bands' names ("20 meetings or more") need a column as wide as the figures'.
    parts.append(_wide_table(headers, rows, formats, DOSE_WIDTHS))
    if "chart:monthly" in images:
        parts.append(html.heading("Month by month: mentees and the whole school", 3))
        parts.append(f'<p><img src="chart:monthly" width="{CHART_WIDTH_PX}"></p>')
    parts.append(html.heading("The whole school chronically absent, this year and last", 3))
    if "chart:chronic" in images:
        parts.append(f'<p><img src="chart:chronic" width="{CHART_WIDTH_PX}"></p>')
    parts.append(html.table(["Month", "This year", "Last year"],
                            [[MONTHS[m.month - 1], m.this_year, m.last_year]
                             for m in figures.chronic_by_month],
                            ["text", "percent", "percent"], widths=[40, 30, 30]))
    return "".join(parts)


# The groups' tables: the group's name wide enough for two lines, the figures alike.
GROUP_WIDTHS = [20, 9, 9, 9, 9, 10, 9, 13, 12]


DOSE_WIDTHS = [24, 14, 15, 15, 16, 16]


def _wide_table(headers: list[str], rows: list[list[Any]], formats: list[str],
                widths: list[int] = GROUP_WIDTHS) -> str:
    """A table of many figures, in a smaller type, its columns as ``widths`` (percent)."""
    return f'<div style="font-size: 8pt">{html.table(headers, rows, formats, widths=widths)}</div>'


# The printed breakdowns keep the columns a reader needs; the workbook has them all.
# (Too early to tell is mentees less judged; with it, a row of "fewer than 5" was wider
# than the page and the headings broke inside words.)
PRINT_COLUMNS = {"mentees": "Mentees", "judged": "Judged", "improved": "Improved",
                 "share_improved": "Share improved",
                 "rate_before": "Absent before", "rate_after": "Absent since",
                 "left_chronic": "Left chronic"}
PRINT_ROOM = {"mentees": 10, "judged": 10, "improved": 10, "share_improved": 11,
              "rate_before": 10, "rate_after": 10, "left_chronic": 10}


def _printed(headers: list[str], rows: list[list[Any]], formats: list[str], keys: list[str]
             ) -> str:
    keep = [index for index, key in enumerate(keys) if key in PRINT_COLUMNS]
    printed_headers = [headers[0]] + [PRINT_COLUMNS[keys[index]] for index in keep]
    printed_formats = [formats[0]] + [formats[index + 1] for index in keep]
    printed_rows = [[row[0]] + [row[index + 1] for index in keep] for row in rows]
    # Room by the longest word of each heading, so no heading breaks inside a word
    # ("improve-d"); the first column fits "Paraprofessional".
    room = [PRINT_ROOM[keys[index]] for index in keep]
    widths = [19] + [round(81 * share / sum(room)) for share in room]
    body = html.table(printed_headers, printed_rows, printed_formats, widths=widths)
    return f'<div style="font-size: 7.5pt">{body}</div>'


def _breakdown_section(figures: ReportFigures, view: Shown) -> str:
    note = (f'A count of fewer than 5 students shows "{SMALL_TEXT}"; a few more figures show '
            f'"{COMPLEMENT_TEXT}" so that no hidden count can be worked out from the figures '
            "shown anywhere in this report. Their percentages are hidden too."
            if not figures.for_team else
            "The program team's report shows every figure in full: it names each mentee "
            "anyway. Share it with the program team only.")
    parts = [html.heading("5. By grade and by mentor role", new_page=True),
             html.paragraph(note, muted=True)]
    if view.below_threshold:
        parts.append(html.paragraph(BELOW_THRESHOLD))
    tables = [(figures.by_grade, "By grade"), (figures.by_role, "By mentor role")]
    if figures.for_team and figures.by_mentor is not None:
        tables.append((figures.by_mentor, "By mentor (program team only: every number shown)"))
    for table, title in tables:
        headers, rows, formats = breakdown_table(table, view)
        parts.append(html.heading(title, 3))
        parts.append(_printed(headers, rows, formats, [c.key for c in table.columns]))
    return "".join(parts)


def _referrals_section(figures: ReportFigures, view: Shown) -> str:
    return "".join([
        html.heading("6. Referrals"),
        html.paragraph("Needs too big for a mentor, passed to the counselor, an administrator, "
                       "the nurse or a social worker.", muted=True),
        html.table(["Referred to", "Opened", "Resolved", "Not resolved yet"],
                   referral_rows(figures, view), ["text", "integer", "integer", "integer"],
                   empty_text="No referrals in this period."),
    ])


def _last_year_section(figures: ReportFigures, view: Shown) -> str:
    return "".join([
        html.heading("7. Last year's mentees this year"),
        _figure_table([(label, value) for label, value in last_year_rows(figures, view)]),
    ])


def _notes_section(figures: ReportFigures, view: Shown) -> str:
    definitions = "".join(f"<p><b>{esc(term)}</b>: {esc(text)}</p>"
                          for term, text in figures.definitions)
    tiers = "".join(f"<li><b>{esc(TIER_WORDS[tier])}</b>: {esc(TIER_MEANINGS[tier])}</li>"
                    for tier in TIERS)
    imports = [[line.imported_on, word({}, line.kind), word(IMPORT_MODES, line.mode),
                line.covers_from, line.covers_through] for line in figures.imports]
    return "".join([
        html.heading("9. Notes on the data", new_page=True),
        html.heading("Definitions", 3),
        definitions,
        f"<ul>{tiers}</ul>",
        f"<p><b>{esc(SMALL_TEXT.capitalize())}</b>: a count of fewer than 5 students, or of a "
        "group of fewer than 5 (0 to 4).</p>",
        f"<p><b>{esc(COMPLEMENT_TEXT.capitalize())}</b>: hidden as well, so that no hidden "
        "count can be worked out from the figures shown; it may be of any size.</p>",
        html.heading("The imports behind these figures", 3),
        html.table(["Imported", "What", "Kind", "Covers from", "Covers to"], imports,
                   ["date", "text", "text", "date", "date"],
                   empty_text="No imports: the data was entered by hand."),
        html.heading("Left out", 3),
        html.bullet_list(exclusions(figures, view)) or html.paragraph("Nothing was left out."),
    ])


SHORT_TIERS = {"satisfactory": "Satisfactory", "at-risk": "At risk", "moderate": "Moderate",
               "severe": "Severe", None: "–"}
SHORT_CHANGES = {"improved": "Improved", "same": "Same", "worse": "Worse", None: "Too early"}


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
        html.paragraph("Tiers: moderate and severe are chronic absence. Before: the stretch "
                       "before the match (or the same part of last year); since: from the "
                       "match's start.", muted=True),
        f'<div style="font-size: 8pt">{table}</div>',
    ])
