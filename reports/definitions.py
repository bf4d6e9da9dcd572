"""The words of the report's Definitions sheet (and the PDF's notes): what each figure means,
written out so a principal can check how every number was made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from program.comparison import INTERVAL, RESAMPLES, SEED
from program.success_mentors import DOSE_BANDS, band_label
from reports.formats import date_words

if TYPE_CHECKING:
    from analysis.report import ReportData
    from reports.figures import Period


def definitions(data: ReportData, period: Period) -> list[tuple[str, str]]:
    """(term, definition) in the order the report uses them."""
    rules = data.attendance_rules
    before, after = data.days_before, data.days_after
    suspension = ("counts as absent (the school's setting)"
                  if rules.in_school_suspension_counts_absent
                  else "counts as present: the student is in the building")
    bands = ", ".join(band_label(band).lower() for band in DOSE_BANDS)
    return [
        ("Period", f"{period.label}. Figures count what happened from "
                   f"{date_words(period.start)} to {date_words(period.as_of)}, both included."),
        ("Absence rate", "Days absent over days enrolled. A full day absent counts 1 "
                         "(excused, unexcused or out-of-school suspension); a half day counts "
                         f"0.5; a tardy counts as present. In-school suspension {suspension}."),
        ("Chronic absence (the 10% rule)", "Absent 10% or more of the days enrolled, for any "
                                           "reason; exactly 10% counts as chronic."),
        ("Minimum enrollment", f"A student enrolled fewer than {rules.minimum_enrolled_days} "
                               "school days gets no attendance tier (\"too few days to "
                               "rate\")."),
        ("Before and after", "After: from the match's start (or the period's first day, if "
                             "later) to its end or the report's last day. Before: the mentee's "
                             f"school days this year before the match, when they were enrolled "
                             f"on at least {before} of them. A mentee matched in the first "
                             "weeks has too few; then the same part of last year is "
                             "\"before\": last year's school days at the same places in its "
                             "calendar as the \"after\" days (the 6th to the 60th school day, "
                             "say), so autumn is set against last autumn, never last year's "
                             "whole year against this autumn."),
        ("Too early to tell", f"A change is judged only with at least {before} school days "
                              f"enrolled before and {after} after (the school's settings "
                              "change_days_before and change_days_after). The other mentees "
                              "are too early to tell: counted as matched and served, left out "
                              "of improved, same and worse and of the rates before and "
                              "after."),
        ("Improved, about the same, worse", "Improved: at least 1 fewer day absent per 100 "
                                            "days enrolled after than before; worse: at least "
                                            "1 more; otherwise about the same."),
        ("Attendance tier at the start", "The tier of the mentee's \"before\" days; without "
                                         "them, too few days to rate."),
        ("School days gained", "For each judged mentee, (absence rate before - absence rate "
                               "after) x days enrolled after, added up. Per 100 days: the "
                               "same over the days enrolled after, times 100."),
        ("Similar students (the comparison group)",
         "Students enrolled this year and never matched, each measured over the same school "
         "days as a mentee: the mentees' before-and-after days are put in a fixed order (by "
         "their dates, then by student), and the comparison students, in the order of their "
         "record number in MentorDesk, take them in turn; so the same file always gives the "
         "same comparison. They need the same days before and after as mentees. Their "
         "figures are worked out tier by tier (their tier over their \"before\" days) and "
         "weighted to the mentees' mix of tiers at the start. Nominees still waitlisted are "
         "a second, smaller comparison. A comparison shows what happened alongside the "
         "program, not what the program caused."),
        ("Days gained beyond similar students",
         "For each judged mentee, (their fall in absence rate - the fall of similar students "
         "of the same tier) x their days enrolled after, added up. Its range: mentees, and "
         f"similar students within each tier, are drawn again at random {RESAMPLES:,} times "
         f"(with replacement, from the fixed seed {SEED}, so the same file always gives the "
         f"same range), and the middle {INTERVAL:.0%} of the results is the range. When the "
         "range holds zero there are too few students to tell the difference."),
        ("Chronically absent last year", "Absent 10% or more of their days enrolled over last "
                                         "year's whole school year (as imported)."),
        ("Meetings with the student", "Meetings marked held of the kinds one-to-one, group "
                                      "and activity. Family contacts and check-ins on absent "
                                      "days are counted apart; an attempt when the student "
                                      "was absent is neither. A group meeting is one meeting "
                                      "held, and one for each mentee in it."),
        ("Meetings bands (dose)", f"Judged mentees by their meetings with the student: "
                                  f"{bands}."),
        ("Served", "Matched with a mentor in the period, with at least one meeting with the "
                   "student held."),
        ("Monthly target", f"{data.meeting_target} meetings a month, counted as the meeting "
                           "rhythm on the screens counts them (every meeting held, family "
                           "contacts and check-ins too). A match is judged once it has run a "
                           "month's worth of school days."),
        ("Mentors in the program", "Mentors recorded as active on at least one day of the "
                                   "period, and every mentor with a mentee in it, as the file "
                                   "recorded them then (a mentor who stepped back later still "
                                   "counts for this period)."),
        ("Screening complete", "A background check that has not expired and a signed "
                               "agreement, as recorded on the report's last day."),
        ("Mentor not cleared when matched", "Mentees whose match began on a day their mentor's "
                                            "screening was not complete, as the file recorded "
                                            "it then."),
        ("Whole school chronically absent, by month", "At the end of each month, the share of "
                                                      "the students enrolled long enough to be "
                                                      "rated who were chronically absent over "
                                                      "the year up to then; last year's at the "
                                                      "same month's end beside it."),
    ]
