"""The report's tables as printed: each row with its counts as :mod:`reports.disclosure`
lets them be shown. The workbook and the PDF lay out the same rows."""

from __future__ import annotations

from typing import Any

from reports.breakdowns import COUNT, STAFF, Breakdown
from reports.disclosure import TOTAL, Shown, breakdown_key
from reports.figures import TIERS, ReportFigures
from reports.formats import Formatted, date_words
from reports.suppression import COMPLEMENT_TEXT, SMALL_TEXT
from reports.words import CHANGES, REFERRAL_KINDS, TIER_WORDS, word

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
HIDDEN_NOTE = (f'"{SMALL_TEXT}": a count of fewer than 5 students, or of a group of fewer than '
               f'5. "{COMPLEMENT_TEXT}": hidden as well, so that no hidden count can be worked '
               "out from the figures shown anywhere in this report; it may be of any size.")


def program_rows(figures: ReportFigures, view: Shown) -> list[list[Any]]:
    count = view.count
    return [
        ["Students enrolled", figures.students_enrolled],
        ["Students nominated", count(("nominated",))],
        ["Staff who nominated", figures.nominators],
        ["Students matched with a mentor", count(("matched",))],
        ["Students served (matched and met at least once)", count(("served",))],
        [f"Still matched on {date_words(figures.period.as_of)}", count(("still_matched",))],
        ["Matched with a mentor whose screening was not complete then", count(("uncleared",))],
        ["Nominated, never matched", count(("never_matched",))],
        ["Waitlisted", count(("waitlisted",))],
        ["Mentors in the program in the period", figures.mentors_on_roster],
        ["Mentors with mentees", figures.mentors_with_mentees],
        ["Mentees per mentor with mentees",
         Formatted(view.figure(("mentees_per_mentor",), figures.mentees_per_mentor),
                   "decimal")],
        [f"Mentors with screening complete on {date_words(figures.period.as_of)}",
         figures.screening_complete],
        ["Share of mentors with screening complete",
         Formatted(figures.screening_share, "percent")],
    ]



def dosage_rows(figures: ReportFigures, view: Shown) -> list[list[Any]]:
    spread = figures.meetings_per_mentee

    def meet(value: Any, fmt: str = "integer") -> Formatted:
        return Formatted(view.figure(("meetings",), value), fmt)

    return [
        ["Matches", view.count(("matches",))],
        ["Meetings with students held (a group meeting once)", meet(figures.meetings_held)],
        ["Meetings attended by mentees (a group meeting once per mentee)",
         meet(figures.mentee_meetings_held)],
        ["Family contacts", meet(figures.family_contacts)],
        ["Check-ins on absent days", meet(figures.absent_day_checkins)],
        ["Attempts (the student was absent)", meet(figures.meetings_attempted)],
        ["Meetings with the student per mentee, median", meet(spread.median, "decimal")],
        ["Meetings per mentee, lower quartile", meet(spread.lower_quartile, "decimal")],
        ["Meetings per mentee, upper quartile", meet(spread.upper_quartile, "decimal")],
        ["Meetings per match per month, median (as the rhythm counts them)",
         meet(figures.meetings_per_match_month_median, "decimal")],
        ["Share of matches meeting the monthly target",
         meet(figures.share_matches_on_target, "percent")],
        ["Match length, median (days)",
         Formatted(view.figure(("match_length",), figures.match_length_median_days),
                   "integer")],
        ["Matches closed early", view.count(("closed_total",))],
    ]



def change_rows(view: Shown) -> list[list[Any]]:
    return [[CHANGES["improved"] + " (1 or more fewer days absent per 100)",
             view.count(("improved",))],
            [CHANGES["same"], view.count(("same",))],
            [CHANGES["worse"] + " (1 or more more days absent per 100)",
             view.count(("worse",))],
            ["Too early to tell", view.count(("too_early",))],
            ["All mentees", view.count(("matched",))]]



def tier_rows(view: Shown) -> list[list[Any]]:
    rows = [[TIER_WORDS[tier], view.count(("tier_start", tier)),
             view.count(("tier_now", tier))] for tier in TIERS]
    rows.append(["Too few days to rate", view.count(("tier_start", None)),
                 view.count(("tier_now", None))])
    rows.append(["All mentees", view.count(("matched",)), view.count(("matched",))])
    rows.append(["Chronically absent (moderate or severe)", view.count(("chronic_start",)),
                 view.count(("chronic_now",))])
    return rows



GROUP_HEADERS = ["Group", "Students", "Absence rate before", "Absence rate after",
                 "Change: fewer days absent per 100", "Share improved",
                 "Days gained per 100 days enrolled", "Share of the chronically absent who "
                 "left it", "Mentee tiers this group lacks"]
GROUP_FORMATS = ["text", "integer", "percent", "percent", "decimal", "percent", "decimal",
                 "percent", "text"]

def group_row(name: str, group, view: Shown, count_key: tuple, figures_key: tuple,
              keys: dict[str, tuple] | None = None) -> list[Any]:
    """One group's row: its count and figures, each hidden as its own key says (``keys``:
    figures with keys of their own, by "share", "gained" and "left"; the rest use
    ``figures_key``)."""
    keys = keys or {}

    def figure(value: Any, which: str = "") -> Any:
        return view.figure(keys.get(which, figures_key), value)

    return [name, view.count(count_key), figure(group.before_rate), figure(group.after_rate),
            Formatted(figure(group.change_per_100), "decimal"),
            figure(group.share_improved, "share"),
            Formatted(figure(group.gained_per_100, "gained"), "decimal"),
            figure(group.left_chronic_share, "left"),
            ", ".join(TIER_WORDS[tier] for tier in group.missing_tiers)]


# The mentees' figures are the front page's: one key each, one value everywhere.
MENTEE_KEYS = {"share": ("share_improved",), "gained": ("days_gained",),
               "left": ("mentees_left_share",)}


def comparison_table(figures: ReportFigures, view: Shown):
    comparison = figures.comparison
    rows = [group_row("Mentees", comparison.mentees, view, ("judged",), ("rates",),
                      MENTEE_KEYS),
            group_row("Similar students (never matched)", comparison.never_matched, view,
                       ("compared_never",), ("compared_never_figures",)),
            group_row("Waitlisted nominees", comparison.waitlisted, view,
                       ("compared_waitlisted",), ("compared_waitlisted_figures",))]
    return GROUP_HEADERS, rows, GROUP_FORMATS



def previously_chronic_table(figures: ReportFigures, view: Shown):
    previously = figures.previously_chronic
    rows = [group_row("Mentees chronically absent last year", previously.mentees, view,
                       ("chronic_last_year",), ("chronic_last_year_figures",)),
            group_row("Similar students chronically absent last year", previously.similar,
                       view, ("chronic_last_year_similar",),
                       ("chronic_last_year_similar_figures",))]
    net = previously.net
    if net is not None and not view.hidden(("chronic_last_year_net",)):
        rows.append(["Days gained beyond similar students, per mentee", "", "", "",
                     Formatted(net.per_mentee, "decimal"), "", "", "",
                     f"range {net.low / net.mentees:,.1f} to {net.high / net.mentees:,.1f}"
                     if net.low is not None else ""])
    return GROUP_HEADERS, rows, GROUP_FORMATS



def dose_table(figures: ReportFigures, view: Shown):
    headers = ["Meetings with the student", "Mentees", "Absence rate before",
               "Absence rate after", "Change: fewer days absent per 100", "Share improved"]
    rows = []
    for band in figures.dose:
        key = ("dose_figures", band.low)
        rows.append([band.label, view.count(("dose", band.low)),
                     view.figure(key, band.before.rate), view.figure(key, band.after.rate),
                     Formatted(view.figure(key, band.change_per_100), "decimal"),
                     view.figure(key, band.share_improved)])
    rows.append(["All judged mentees", view.count(("judged",)), "", "", "", ""])
    return headers, rows, ["text", "integer", "percent", "percent", "decimal", "percent"]



def last_year_rows(figures: ReportFigures, view: Shown) -> list[list[Any]]:
    last = figures.last_year_mentees
    rate = ("ly_figures",)
    return [["Last year's mentees", view.count(("ly_mentees",))],
            ["Still enrolled this year", view.count(("ly_enrolled",))],
            ["Matched again this year", view.count(("ly_again",))],
            ["Chronically absent last year (of those still enrolled)",
             view.count(("ly_chronic_then",))],
            ["Chronically absent this year so far", view.count(("ly_chronic_now",))],
            ["Absence rate last year", Formatted(view.figure(rate, last.rate_last_year),
                                                 "percent")],
            ["Absence rate this year so far", Formatted(view.figure(rate, last.rate_now),
                                                        "percent")]]



def breakdown_table(table: Breakdown, view: Shown):
    """A breakdown's headers, rows (the Total row last) and formats, as the level shows them."""
    headers = [table.group_label] + [column.label for column in table.columns]
    formats = ["text"] + [column.format for column in table.columns]
    rows = []
    listed = () if view.below_threshold and table.name != "mentor" else table.rows
    for row in (*listed, None):
        group = TOTAL if row is None else row.group
        values = table.total if row is None else row.figures
        line: list[Any] = ["Total" if row is None else row.label]
        for column in table.columns:
            value = values.get(column.key)
            key = breakdown_key(table, group, column.key)
            if column.kind == STAFF:
                line.append(value)
            elif column.kind == COUNT:
                line.append(view.count(key, value))
            else:
                line.append(view.figure(key, value))
        rows.append(line)
    return headers, rows, formats



def referral_rows(figures: ReportFigures, view: Shown) -> list[list[Any]]:
    rows = [[word(REFERRAL_KINDS, line.kind), view.count(("referral", line.kind, "opened")),
             view.count(("referral", line.kind, "resolved")),
             view.count(("referral", line.kind, "still_open"))] for line in figures.referrals]
    if rows:
        rows.append(["Total", *(view.count(("referral", "total", column))
                                for column in ("opened", "resolved", "still_open"))])
    return rows





def exclusions(figures: ReportFigures, view: Shown) -> list[str]:
    """What the figures leave out, in sentences (counts of students as they may be shown)."""
    sentences = []
    if figures.too_early:
        sentences.append(
            f"Mentees too early to tell ({view.count(('too_early',))} of "
            f"{view.count(('matched',))}) had fewer than {figures.days_before} school days "
            f"enrolled before their match (this year, or the same part of last year) or fewer "
            f"than {figures.days_after} since. They count as served when they met, but are left "
            "out of the before-and-after figures.")
    sentences += figures.exclusions
    if figures.not_enrolled:
        sentences.append(f"Mentees not enrolled this year in the file "
                         f"({view.count(('not_enrolled',))}) show no grade.")
    return sentences
