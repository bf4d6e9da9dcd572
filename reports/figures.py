"""The program report's numbers: one object that the PDF, the workbook, the Reports screen and
``report --json`` all show, so they can never disagree.

The figures come from :mod:`analysis.report` (loaded once, judged by the program's rules);
here they are only gathered into :class:`ReportFigures`. What an administrator may see of them
(small groups hidden) is :mod:`reports.disclosure`'s; the JSON is :mod:`reports.report_json`'s.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from analysis.report import ReportData, load_report
from analysis.surveys import mentee_answer_lines, mentee_changes
from program.comparison import GroupFigures
from program.outcomes import CHRONIC, NOT_CHRONIC, Comparison, PreviouslyChronic
from program.success_mentors import ChronicMonth, DoseBand, LastYearMentees, known_months
from program.vocabulary import person_name
from reports import breakdowns
from reports.breakdowns import Breakdown, MenteeFacts
from reports.definitions import definitions
from reports.formats import date_words
from storage import clock, settings

TIERS = ("satisfactory", "at-risk", "moderate", "severe")
ADMINISTRATORS = "administrators"
TEAM = "team"
LEVELS = {ADMINISTRATORS: "for administrators", TEAM: "for the program team"}
COMPARISON_LABEL = "comparison, not proof of cause"
THRESHOLD = 5


@dataclass(frozen=True)
class Period:
    """The dates a report covers: a school year so far, or a range inside it."""

    year_name: str
    year_first_day: dt.date
    year_last_day: dt.date
    start: dt.date  # the first day counted
    as_of: dt.date  # the last day counted (inclusive)

    @property
    def is_year_so_far(self) -> bool:
        return self.start <= self.year_first_day

    @property
    def is_whole_year(self) -> bool:
        return self.is_year_so_far and self.as_of >= self.year_last_day

    @property
    def now_label(self) -> str:
        """What "now" means in this report: "At year end", or "On 24 Nov 2026"."""
        return "At year end" if self.is_whole_year else f"On {self.as_of.day} {self.as_of:%b %Y}"

    @property
    def label(self) -> str:
        """"2025-2026, the whole year" / "the year so far, to 12 January 2026" / a range."""
        if self.is_whole_year:
            return f"School year {self.year_name}, the whole year"
        if self.is_year_so_far:
            return f"School year {self.year_name}, the year so far (to {date_words(self.as_of)})"
        return (f"School year {self.year_name}, {date_words(self.start)} to "
                f"{date_words(self.as_of)}")


@dataclass(frozen=True)
class Spread:
    """A median with its spread (quartiles and range)."""

    median: float | None
    lower_quartile: float | None = None
    upper_quartile: float | None = None
    lowest: float | None = None
    highest: float | None = None
    count: int = 0


@dataclass(frozen=True)
class TrainingLine:
    held_on: dt.date
    kind: str  # a code: start_of_year, mid_year, end_of_year, other
    title: str  # free text: shown at the program-team level only
    required: bool
    attended: int
    mentors_active: int  # mentors in the program in the period


@dataclass(frozen=True)
class ReferralLine:
    kind: str  # a code: counselor, administrator, nurse, social_worker, other
    opened: int
    resolved: int
    still_open: int


@dataclass(frozen=True)
class MonthPoint:
    year: int
    month: int
    mentees_rate: float | None
    school_rate: float | None

    @property
    def label(self) -> str:
        return dt.date(self.year, self.month, 1).strftime("%b")


@dataclass(frozen=True)
class ImportLine:
    """An attendance (or other) import behind the figures."""

    kind: str
    imported_on: dt.date
    mode: str | None
    covers_from: dt.date | None
    covers_through: dt.date | None
    file_name: str = ""  # free text: program-team level only


@dataclass(frozen=True)
class StudentLine:
    """One mentee's figures (the program-team level's per-student sheet)."""

    name: str
    local_id: str
    grade: int | None
    mentor: str
    started_on: dt.date
    ended_on: dt.date | None
    meetings_held: int
    absence_rate_before: float | None
    absence_rate_after: float | None
    tier_at_start: str | None
    tier_now: str | None
    change: str | None  # improved, same, worse, or None (too early to tell)
    days_gained: float | None
    baseline: str | None = None  # this_year, last_year, None
    mentor_cleared: bool = True  # the mentor's screening was complete when the match began


@dataclass
class ReportFigures:
    """Everything the program report shows, for one period and one level, before any is
    hidden (see :mod:`reports.disclosure`)."""

    school_name: str
    period: Period
    level: str
    generated_at: dt.datetime
    # The program
    students_enrolled: int
    students_nominated: int
    nominations_by_reason: dict[str, int]
    nominators: int
    students_matched: int
    still_matched_at_end: int
    students_served: int
    never_matched: int
    waitlisted: int
    uncleared_mentees: int  # matched with a mentor whose screening was not complete then
    mentors_on_roster: int  # in the program during the period
    mentors_with_mentees: int
    screening_complete: int  # of the mentors in the program, on the last day
    mentees_per_mentor: float | None
    trainings: list[TrainingLine]
    # How often they met
    matches: int
    meetings_held: int  # meetings with students that took place: a group meeting once
    mentee_meetings_held: int  # each mentee's meetings added up: a group once per mentee
    family_contacts: int
    absent_day_checkins: int
    meetings_attempted: int
    meetings_per_mentee: Spread
    meetings_by_mentee: list[int]
    meetings_per_match_month_median: float | None
    share_matches_on_target: float | None
    match_length_median_days: float | None
    closed_early: dict[str, int]
    # Attendance outcomes
    judged: int  # enough school days before and after to judge a change
    too_early: int
    improved: int
    same: int
    worse: int
    absence_rate_before: float | None  # pooled over the judged mentees
    absence_rate_after: float | None
    days_gained: float | None
    days_gained_per_100: float | None
    tiers_at_start: dict[str | None, int]  # None: too few days to rate
    tiers_now: dict[str | None, int]
    left_chronic: int
    comparison: Comparison
    previously_chronic: PreviouslyChronic
    dose: tuple[DoseBand, ...]
    chronic_by_month: tuple[ChronicMonth, ...]
    last_year_mentees: LastYearMentees
    school_absence_rate: float | None
    monthly: list[MonthPoint]
    attendance_through: dt.date | None
    # Breakdowns
    by_grade: Breakdown
    by_role: Breakdown
    by_mentor: Breakdown | None
    referrals: list[ReferralLine]
    # Notes on the data
    definitions: list[tuple[str, str]]
    imports: list[ImportLine]
    exclusions: list[str]  # what is left out, besides the mentees too early to tell
    not_enrolled: int  # mentees not enrolled this year in the file (they show no grade)
    days_before: int = 20
    days_after: int = 20
    students: list[StudentLine] = field(default_factory=list)  # program-team level only
    # The students' survey, per question: mentees who answered at the start and the end
    # (program.surveys.QuestionChange; reports/survey_section.py shows them).
    survey_change: list = field(default_factory=list)
    # Program-team level only: each mentee's answers (student, ID, question, start, end).
    survey_answers: list = field(default_factory=list)

    @property
    def for_team(self) -> bool:
        return self.level == TEAM

    @property
    def below_threshold(self) -> bool:
        """So few mentees that the administrators' report shows no program figures."""
        return 0 < self.students_matched < THRESHOLD

    @property
    def mentees_with_baseline(self) -> int:
        """Mentees whose change can be judged (kept for older readers of the figures)."""
        return self.judged

    @property
    def share_improved(self) -> float | None:
        return self.improved / self.judged if self.judged else None

    @property
    def absences_per_100_before(self) -> float | None:
        return None if self.absence_rate_before is None else 100 * self.absence_rate_before

    @property
    def absences_per_100_after(self) -> float | None:
        return None if self.absence_rate_after is None else 100 * self.absence_rate_after

    @property
    def chronic_at_start(self) -> int:
        return self.tiers_at_start.get("moderate", 0) + self.tiers_at_start.get("severe", 0)

    @property
    def chronic_now(self) -> int:
        return self.tiers_now.get("moderate", 0) + self.tiers_now.get("severe", 0)

    @property
    def closed_early_total(self) -> int:
        return sum(self.closed_early.values())

    @property
    def screening_share(self) -> float | None:
        return self.screening_complete / self.mentors_on_roster if self.mentors_on_roster \
            else None

    @property
    def similar(self) -> GroupFigures:
        """The comparison group: students never matched, reweighted to the mentees' tiers."""
        return self.comparison.never_matched


def report_title(figures: ReportFigures) -> str:
    """"End-of-year report" for a whole year, "Mentoring program report" for part of one."""
    return "End-of-year report" if figures.period.is_whole_year else "Mentoring program report"


def spread(values: Sequence[float]) -> Spread:
    """Median, quartiles and range of some values (quartiles need two or more)."""
    if not values:
        return Spread(None)
    ordered = sorted(values)
    lower = upper = None
    if len(ordered) >= 2:
        lower, _, upper = statistics.quantiles(ordered, n=4, method="inclusive")
    return Spread(statistics.median(ordered), lower, upper, ordered[0], ordered[-1],
                  len(ordered))


Progress = Callable[[int, int], None]
NOMINATION_REASON_ORDER = ("attendance", "behavior", "academics", "social_emotional", "other")
CLOSED_EARLY_ORDER = ("student_moved", "mentor_left", "mismatch", "other")
REFERRAL_ORDER = ("counselor", "administrator", "nurse", "social_worker", "other")


def _ordered(counts: Mapping[str, int], order: Sequence[str]) -> list[str]:
    """Every key of ``order`` (even with no count), then any other found, by name."""
    return list(order) + sorted(set(counts) - set(order))


def _referral_lines(found) -> list[ReferralLine]:
    by_kind = {line.kind: line for line in found}
    return [ReferralLine(kind, *(getattr(by_kind[kind], column) if kind in by_kind else 0
                                 for column in ("opened", "resolved", "still_open")))
            for kind in _ordered(by_kind, REFERRAL_ORDER)]


def compute_figures(db: sqlite_utils.Database, year_id: int, *, as_of: dt.date | None = None,
                    period_start: dt.date | None = None, level: str = ADMINISTRATORS,
                    progress: Progress | None = None) -> ReportFigures:
    """The report's figures for the year so far (``period_start`` None) or for a date range
    ending on ``as_of`` (inclusive; default today, clipped to the year's last day)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {sorted(LEVELS)}")
    report = progress or (lambda done, total: None)
    data = load_report(db, year_id, as_of=as_of, period_start=period_start,
                       progress=lambda done, total: report(done, total + 1))
    figures = figures_from(data, level, settings.get(db, "school_name"))
    mentees = {mentee.student_id for mentee in data.outcomes.mentees}
    figures.survey_change = mentee_changes(db, year_id, mentees=mentees)
    if level == TEAM:
        figures.survey_answers = mentee_answer_lines(db, year_id, mentees)
    report(6, 6)
    return figures


def _mentee_facts(data: ReportData) -> list[MenteeFacts]:
    facts = []
    for mentee in data.outcomes.mentees:
        mentor = data.mentors.get(data.mentor_of.get(mentee.student_id, -1))
        judged = mentee.judged
        facts.append(MenteeFacts(
            student_id=mentee.student_id,
            grade=data.enrolled.get(mentee.student_id, {}).get("grade"),
            mentor_id=mentor.mentor_id if mentor else 0,
            mentor_name=mentor.name if mentor else "(no name)",
            mentor_role=mentor.role if mentor else "",
            meetings=mentee.meetings,
            days_enrolled_before=mentee.before.days_enrolled if judged else None,
            days_absent_before=mentee.before.days_absent if judged else None,
            days_enrolled_after=mentee.after.days_enrolled if judged else None,
            days_absent_after=mentee.after.days_absent if judged else None,
            change=mentee.change,
            chronic_at_start=mentee.tier_at_start in CHRONIC,
            left_chronic=mentee.tier_at_start in CHRONIC and mentee.tier_now in NOT_CHRONIC,
        ))
    return facts


def figures_from(data: ReportData, level: str, school_name: str) -> ReportFigures:
    """The figures of loaded report material."""
    outcomes = data.outcomes
    program = outcomes.figures
    year = data.year
    period = Period(year.name, year.first_day, year.last_day, outcomes.period_start,
                    outcomes.as_of)
    facts = _mentee_facts(data)
    roster_by_role: dict[str, int] = {}
    for mentor in data.mentors.values():
        if mentor.on_roster:
            role = mentor.role or "Role not set"
            roster_by_role[role] = roster_by_role.get(role, 0) + 1
    held = [mentee.meetings for mentee in outcomes.mentees]
    judged_rhythms = [rhythm.held_per_month for rhythm in outcomes.rhythms
                      if rhythm.months_matched >= 1 and rhythm.held_per_month is not None]
    school = {(m.year, m.month): m.rate for m in data.school_months}
    mentees_months = {(m.year, m.month): m.rate for m in data.mentee_months}
    first, last = (period.start.year, period.start.month), (period.as_of.year, period.as_of.month)
    figures = ReportFigures(
        school_name=school_name,
        period=period,
        level=level,
        generated_at=clock.now().replace(microsecond=0),
        students_enrolled=len(data.enrolled),
        students_nominated=program.nominated,
        # Every reason, kind and closure is listed, with its zero: which rows a table has
        # must say nothing (a reader could count on a missing row being a zero).
        nominations_by_reason={reason: program.nominated_by_reason.get(reason, 0)
                               for reason in _ordered(program.nominated_by_reason,
                                                      NOMINATION_REASON_ORDER)},
        nominators=data.nominators,
        students_matched=program.matched,
        still_matched_at_end=len(data.still_matched),
        students_served=program.served,
        never_matched=program.never_matched,
        waitlisted=program.nominated_by_status.get("waitlisted", 0),
        uncleared_mentees=len(data.uncleared),
        mentors_on_roster=program.mentors_on_roster,
        mentors_with_mentees=program.mentors_matched,
        screening_complete=sum(1 for m in data.mentors.values() if m.on_roster and m.cleared),
        mentees_per_mentor=(program.matched / program.mentors_matched
                            if program.mentors_matched else None),
        trainings=[TrainingLine(t.held_on, t.kind, t.title, t.required, t.roster_attended,
                                program.mentors_on_roster) for t in program.trainings],
        matches=program.matches,
        meetings_held=program.distinct_meetings_held,
        mentee_meetings_held=program.held_meetings,
        family_contacts=program.family_contacts,
        absent_day_checkins=program.absent_day_checkins,
        meetings_attempted=program.attempts,
        meetings_per_mentee=spread(held),
        meetings_by_mentee=held,
        meetings_per_match_month_median=(statistics.median(judged_rhythms)
                                         if judged_rhythms else None),
        share_matches_on_target=program.share_meeting_target,
        match_length_median_days=program.median_match_days,
        closed_early={reason: program.closed_early_by_reason.get(reason, 0)
                      for reason in _ordered(program.closed_early_by_reason,
                                             CLOSED_EARLY_ORDER)},
        judged=outcomes.judged,
        too_early=outcomes.too_early,
        improved=outcomes.improved,
        same=outcomes.same,
        worse=outcomes.worse,
        absence_rate_before=outcomes.before.rate,
        absence_rate_after=outcomes.after.rate,
        days_gained=outcomes.days_gained if outcomes.judged else None,
        days_gained_per_100=outcomes.days_gained_per_100,
        tiers_at_start=dict(outcomes.tiers_at_start),
        tiers_now=dict(outcomes.tiers_now),
        left_chronic=outcomes.left_chronic,
        comparison=outcomes.comparison,
        previously_chronic=outcomes.previously_chronic,
        dose=outcomes.dose,
        chronic_by_month=known_months(outcomes.chronic_by_month, data.data_through),
        last_year_mentees=outcomes.last_year_mentees,
        school_absence_rate=data.school_rate,
        monthly=[MonthPoint(y, m, mentees_months.get((y, m)), school.get((y, m)))
                 for y, m in sorted(set(school) | set(mentees_months)) if first <= (y, m) <= last],
        attendance_through=data.data_through,
        by_grade=breakdowns.by_grade(facts),
        by_role=breakdowns.by_role(facts, data.role_order, roster_by_role),
        by_mentor=breakdowns.by_mentor(facts) if level == TEAM else None,
        referrals=_referral_lines(program.referrals),
        definitions=definitions(data, period),
        imports=_imports(data),
        exclusions=_exclusions(data),
        not_enrolled=sum(1 for m in outcomes.mentees if m.student_id not in data.enrolled),
        days_before=data.days_before,
        days_after=data.days_after,
    )
    if level == TEAM:
        figures.students = _student_lines(data)
    return figures


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _imports(data: ReportData) -> list[ImportLine]:
    lines = [ImportLine("attendance", _date(batch.imported_at), batch.mode, batch.covers_from,
                        batch.covers_through, batch.file_name)
             for batch in data.attendance_imports if not batch.undone]
    lines += [ImportLine(batch["kind"], _date(batch["imported_at"]), None,
                         _date(batch["covers_from"]), _date(batch["covers_through"]),
                         batch["file_name"]) for batch in data.other_imports]
    return sorted(lines, key=lambda line: line.imported_on)


def _exclusions(data: ReportData) -> list[str]:
    """What the figures leave out that is not a count of students (those are worded from the
    shown figures when printed: reports.report_tables.exclusions)."""
    sentences = []
    if data.days_without_data:
        missing = data.days_without_data
        if len(missing) == 1:
            which = f"one school day, {date_words(missing[0])}"
        else:
            which = (f"{len(missing)} school days between {date_words(missing[0])} and "
                     f"{date_words(missing[-1])}")
        sentences.append(f"No attendance has been imported for {which}: the attendance "
                         "figures count only the days imported.")
    if data.totals_only:
        sentences.append(
            f"{data.totals_only} students have attendance totals only (no days): they are in "
            "the rates but not in the month-by-month figures.")
    return sentences


def _student_lines(data: ReportData) -> list[StudentLine]:
    lines = []
    for mentee in data.outcomes.mentees:
        student = data.enrolled.get(mentee.student_id, {})
        mentor = data.mentors.get(data.mentor_of.get(mentee.student_id, -1))
        lines.append(StudentLine(
            name=person_name(student) if student else "(not enrolled this year)",
            local_id=student.get("local_id") or "",
            grade=student.get("grade"),
            mentor=mentor.name if mentor else "(no name)",
            started_on=mentee.match_start,
            ended_on=mentee.match_end,
            meetings_held=mentee.meetings,
            absence_rate_before=mentee.before.rate if mentee.before is not None else None,
            absence_rate_after=mentee.after.rate,
            tier_at_start=mentee.tier_at_start,
            tier_now=mentee.tier_now,
            change=mentee.change,
            days_gained=mentee.days_gained,
            baseline=mentee.baseline,
            mentor_cleared=mentee.student_id not in data.uncleared,
        ))
    return sorted(lines, key=lambda line: line.name.lower())
