"""The end-of-year report's numbers: one object that the PDF, the workbook, the Reports screen
and ``report --json`` all show, so they can never disagree.

The figures come from ``analysis`` (the program's rules, computed once); here they are only
gathered, totalled by group and, in :func:`to_json`, shown as the report shows them (small
groups hidden). :func:`compute_figures` builds the object from a data file.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from analysis import attendance as analysis_attendance
from analysis import outcomes as analysis_outcomes
from analysis import years as analysis_years
from program.matching import screening
from reports import breakdowns
from reports.breakdowns import MenteeFacts
from reports.formats import date_words
from reports.suppression import GroupTable, ProtectedTable, protect
from storage import clock, imports, lookups, matches, mentors, nominations, settings, students

TIERS = ("satisfactory", "at-risk", "moderate", "severe")
ADMINISTRATORS = "administrators"
TEAM = "team"
LEVELS = {ADMINISTRATORS: "for administrators", TEAM: "for the program team"}
COMPARISON_LABEL = "comparison, not proof of cause"


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
class RoleLine:
    role: str
    mentors: int
    mentees: int


@dataclass(frozen=True)
class TrainingLine:
    held_on: dt.date
    kind: str  # a code: start_of_year, mid_year, end_of_year, other
    title: str  # free text: shown at the program-team level only
    required: bool
    attended: int
    mentors_active: int


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
class ComparisonGroup:
    """A group set beside the mentees (never matched; waitlisted), its rates reweighted to the
    mentees' tiers at the start."""

    name: str
    students: int
    absence_rate_before: float | None
    absence_rate_after: float | None
    missing_tiers: tuple[str, ...] = ()  # mentee tiers this group has no students in

    @property
    def absences_per_100_before(self) -> float | None:
        return None if self.absence_rate_before is None else 100 * self.absence_rate_before

    @property
    def absences_per_100_after(self) -> float | None:
        return None if self.absence_rate_after is None else 100 * self.absence_rate_after

    @property
    def change_per_100(self) -> float | None:
        """Fewer days absent per 100 after than before (negative: more)."""
        if self.absence_rate_before is None or self.absence_rate_after is None:
            return None
        return 100 * (self.absence_rate_before - self.absence_rate_after)


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
    change: str | None  # improved, same, worse, or None (no baseline)
    days_gained: float | None


@dataclass
class ReportFigures:
    """Everything the end-of-year report shows, for one period and one level."""

    school_name: str
    period: Period
    level: str
    generated_at: dt.datetime
    # 2. The program
    students_enrolled: int
    students_nominated: int
    nominations_by_reason: dict[str, int]
    nominators: int
    students_matched: int
    still_matched_at_end: int
    students_served: int
    never_matched: int
    waitlisted: int
    mentors_active: int
    mentors_by_role: list[RoleLine]
    mentees_per_mentor: float | None
    screening_complete: int
    trainings: list[TrainingLine]
    # 3. Dosage
    matches: int
    meetings_held: int  # meetings that took place: a group meeting once
    mentee_meetings_held: int  # each mentee's held meetings added up: a group once per mentee
    meetings_attempted: int
    meetings_per_mentee: Spread
    meetings_by_mentee: list[int]  # held meetings of each mentee served (for the spread chart)
    meetings_per_match_month_median: float | None
    share_matches_on_target: float | None
    match_length_median_days: float | None
    closed_early: dict[str, int]
    # 4. Attendance outcomes
    mentees_with_baseline: int
    mentees_without_baseline: int
    absence_rate_before: float | None
    absence_rate_after: float | None
    absences_per_100_before: float | None
    absences_per_100_after: float | None
    improved: int
    same: int
    worse: int
    days_gained: float | None
    days_gained_per_100: float | None
    chronic_at_start: int
    chronic_now: int
    left_chronic: int
    tiers_at_start: dict[str, int]
    tiers_now: dict[str, int]
    comparison: list[ComparisonGroup]
    school_absence_rate: float | None
    monthly: list[MonthPoint]
    attendance_through: dt.date | None  # the last school day any attendance import covers
    # 5. Breakdowns (before suppression; see the protected_* properties)
    by_grade: GroupTable
    by_role: GroupTable
    by_mentor: GroupTable | None
    # 6. Referrals
    referrals: list[ReferralLine]
    # 7. Notes on the data
    definitions: list[tuple[str, str]]
    imports: list[ImportLine]
    exclusions: list[str]
    # Program-team level only
    students: list[StudentLine] = field(default_factory=list)

    @property
    def for_team(self) -> bool:
        return self.level == TEAM

    @property
    def share_improved(self) -> float | None:
        """Improved mentees over mentees with a baseline."""
        return self.improved / self.mentees_with_baseline if self.mentees_with_baseline else None

    @property
    def closed_early_total(self) -> int:
        return sum(self.closed_early.values())

    @property
    def screening_share(self) -> float | None:
        return self.screening_complete / self.mentors_active if self.mentors_active else None

    def protected_tables(self) -> list[ProtectedTable]:
        """The breakdowns as the report shows them (small groups hidden); by mentor for the
        program team only, in full: the team sees each mentee anyway, and nearly every mentor
        has fewer than 5 mentees."""
        tables = [protect(self.by_grade), protect(self.by_role)]
        if self.for_team and self.by_mentor is not None:
            tables.append(protect(self.by_mentor, threshold=1))
        return tables


def report_title(figures: ReportFigures) -> str:
    """"End-of-year report" for a whole year, "Mentoring program report" for part of one."""
    return "End-of-year report" if figures.period.is_whole_year else "Mentoring program report"


def _plain(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _breakdown_json(table: ProtectedTable, key: str) -> list[dict[str, Any]]:
    rows = []
    for index, (label, _) in enumerate(table.source.rows):
        row: dict[str, Any] = {key: label}
        for column, cell in zip(table.columns, table.row(index), strict=True):
            row[column.key] = _plain(cell.shown)
        rows.append(row)
    return rows


def to_json(figures: ReportFigures) -> dict[str, Any]:
    """The figures the report shows, as one JSON object (``report --json``)."""
    tables = figures.protected_tables()
    period = figures.period
    document: dict[str, Any] = {
        "school": figures.school_name,
        "year": period.year_name,
        "as_of": period.as_of.isoformat(),
        "period_start": period.start.isoformat(),
        "period": period.label,
        "level": figures.level,
        "students_enrolled": figures.students_enrolled,
        "students_nominated": figures.students_nominated,
        "nominations_by_reason": dict(figures.nominations_by_reason),
        "students_matched": figures.students_matched,
        "still_matched_at_end": figures.still_matched_at_end,
        "students_served": figures.students_served,
        "never_matched": figures.never_matched,
        "waitlisted": figures.waitlisted,
        "mentors_active": figures.mentors_active,
        "mentors_by_role": [{"role": line.role, "mentors": line.mentors,
                             "mentees": line.mentees} for line in figures.mentors_by_role],
        "mentees_per_mentor": _plain(figures.mentees_per_mentor),
        "screening_complete": figures.screening_complete,
        "trainings": [{"held_on": line.held_on.isoformat(), "kind": line.kind,
                       "required": line.required, "attended": line.attended,
                       "mentors_active": line.mentors_active} for line in figures.trainings],
        "matches": figures.matches,
        "meetings_held": figures.meetings_held,
        "mentee_meetings_held": figures.mentee_meetings_held,
        "meetings_attempted": figures.meetings_attempted,
        "meetings_per_mentee": {
            "median": _plain(figures.meetings_per_mentee.median),
            "lower_quartile": _plain(figures.meetings_per_mentee.lower_quartile),
            "upper_quartile": _plain(figures.meetings_per_mentee.upper_quartile),
            "lowest": _plain(figures.meetings_per_mentee.lowest),
            "highest": _plain(figures.meetings_per_mentee.highest),
        },
        "meetings_per_match_month_median": _plain(figures.meetings_per_match_month_median),
        "share_matches_on_target": _plain(figures.share_matches_on_target),
        "match_length_median_days": _plain(figures.match_length_median_days),
        "closed_early": dict(figures.closed_early),
        "mentees_with_baseline": figures.mentees_with_baseline,
        "mentees_without_baseline": figures.mentees_without_baseline,
        "absence_rate_before": _plain(figures.absence_rate_before),
        "absence_rate_after": _plain(figures.absence_rate_after),
        "absences_per_100_before": _plain(figures.absences_per_100_before),
        "absences_per_100_after": _plain(figures.absences_per_100_after),
        "improved": figures.improved,
        "same": figures.same,
        "worse": figures.worse,
        "share_improved": _plain(figures.share_improved),
        "days_gained": _plain(figures.days_gained),
        "days_gained_per_100": _plain(figures.days_gained_per_100),
        "chronic_at_start": figures.chronic_at_start,
        "chronic_now": figures.chronic_now,
        "left_chronic": figures.left_chronic,
        "tiers_at_start": {tier: figures.tiers_at_start.get(tier, 0) for tier in TIERS},
        "tiers_now": {tier: figures.tiers_now.get(tier, 0) for tier in TIERS},
        "comparison": {
            "label": COMPARISON_LABEL,
            "mentees": {"students": figures.mentees_with_baseline,
                        "absence_rate_before": _plain(figures.absence_rate_before),
                        "absence_rate_after": _plain(figures.absence_rate_after),
                        "absences_per_100_before": _plain(figures.absences_per_100_before),
                        "absences_per_100_after": _plain(figures.absences_per_100_after)},
            "groups": [{"name": group.name, "students": group.students,
                        "absence_rate_before": _plain(group.absence_rate_before),
                        "absence_rate_after": _plain(group.absence_rate_after),
                        "absences_per_100_before": _plain(group.absences_per_100_before),
                        "absences_per_100_after": _plain(group.absences_per_100_after),
                        "change_per_100": _plain(group.change_per_100),
                        "missing_tiers": list(group.missing_tiers)}
                       for group in figures.comparison],
        },
        "school_absence_rate": _plain(figures.school_absence_rate),
        "attendance_through": _plain(figures.attendance_through),
        "monthly": [{"month": f"{point.year}-{point.month:02d}",
                     "mentees_rate": _plain(point.mentees_rate),
                     "school_rate": _plain(point.school_rate)} for point in figures.monthly],
        "by_grade": _breakdown_json(tables[0], "grade"),
        "by_role": _breakdown_json(tables[1], "role"),
        "referrals": [{"kind": line.kind, "opened": line.opened, "resolved": line.resolved,
                       "still_open": line.still_open} for line in figures.referrals],
        "imports": [{"kind": line.kind, "imported_on": line.imported_on.isoformat(),
                     "mode": line.mode, "covers_from": _plain(line.covers_from),
                     "covers_through": _plain(line.covers_through)}
                    for line in figures.imports],
    }
    if figures.for_team and len(tables) > 2:
        document["by_mentor"] = _breakdown_json(tables[2], "mentor")
    return document


def tiers_dict(counts: Mapping[str | None, int]) -> dict[str, int]:
    """Counts by tier in tier order (students without a tier are left out)."""
    return {tier: int(counts.get(tier, 0)) for tier in TIERS}


# Building the figures from a data file ---------------------------------------------------------

Progress = Callable[[int, int], None]


def compute_figures(db: sqlite_utils.Database, year_id: int, *, as_of: dt.date | None = None,
                    period_start: dt.date | None = None, level: str = ADMINISTRATORS,
                    progress: Progress | None = None) -> ReportFigures:
    """The report's figures for the year so far (``period_start`` None) or for a date range
    ending on ``as_of`` (inclusive; default today, clipped to the year's last day)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {sorted(LEVELS)}")
    report = progress or (lambda done, total: None)
    steps = 5
    report(0, steps)
    chosen = analysis_years.year_with_date(db, year_id, as_of)
    outcomes = analysis_outcomes.program_outcomes(db, year_id, chosen.as_of, period_start)
    report(1, steps)
    overview = analysis_attendance.school_overview(db, year_id, outcomes.as_of)
    report(2, steps)
    enrolled = {row["id"]: row for row in students.students_in_year(db, year_id)}
    mentor_rows = {row["id"]: row for row in mentors.all_mentors(db)}
    latest_match = _latest_match_of_each_student(db, year_id, outcomes.as_of)
    latest_mentor = {student_id: row["mentor_id"] for student_id, row in latest_match.items()}
    role_order = {row["name"]: row["sort_order"]
                  for row in lookups.entries(db, "roles", include_inactive=True)}
    report(3, steps)

    facts = []
    for mentee in outcomes.mentees:
        mentor = mentor_rows.get(latest_mentor.get(mentee.student_id, -1), {})
        facts.append(MenteeFacts(
            student_id=mentee.student_id,
            grade=enrolled.get(mentee.student_id, {}).get("grade"),
            mentor_id=mentor.get("id", 0),
            mentor_name=_person(mentor),
            mentor_role=mentor.get("role") or "",
            meetings_held=mentee.held_meetings,
            days_enrolled_before=mentee.before.days_enrolled if mentee.compared else None,
            days_absent_before=mentee.before.days_absent if mentee.compared else None,
            days_enrolled_after=mentee.after.days_enrolled if mentee.compared else None,
            days_absent_after=mentee.after.days_absent if mentee.compared else None,
            change=mentee.change,
            chronic_at_start=mentee.tier_at_start in CHRONIC,
            chronic_now=mentee.tier_now in CHRONIC,
        ))

    program = outcomes.figures
    period = Period(chosen.name, chosen.first_day, chosen.last_day, outcomes.period_start,
                    outcomes.as_of)
    active = [row for row in mentor_rows.values() if row["active"]]
    cleared = sum(1 for row in active if screening(
        _date(row["background_check_on"]), _date(row["background_check_expires"]),
        bool(row["agreement_signed"]), outcomes.as_of)[0])
    roles: dict[str, list[int]] = {}
    for row in active:
        roles.setdefault(row["role"] or "Role not set", [0, 0])[0] += 1
    for fact in facts:
        roles.setdefault(fact.mentor_role or "Role not set", [0, 0])[1] += 1
    held = [fact.meetings_held for fact in facts]
    judged = [rhythm.held_per_month for rhythm in outcomes.rhythms
              if rhythm.months_matched >= 1 and rhythm.held_per_month is not None]
    compared = [m for m in outcomes.mentees if m.compared]
    rules = analysis_attendance.rules(db)
    report(4, steps)

    figures = ReportFigures(
        school_name=settings.get(db, "school_name"),
        period=period,
        level=level,
        generated_at=clock.now().replace(microsecond=0),
        students_enrolled=len(enrolled),
        students_nominated=program.nominated,
        nominations_by_reason={reason: program.nominated_by_reason.get(reason, 0)
                               for reason in _ordered(program.nominated_by_reason,
                                                      NOMINATION_REASON_ORDER)},
        nominators=_nominators(db, year_id, period),
        students_matched=program.matched,
        still_matched_at_end=sum(1 for m in outcomes.mentees
                                 if _still_matched(latest_match.get(m.student_id),
                                                   outcomes.as_of)),
        students_served=program.served,
        never_matched=program.never_matched,
        waitlisted=program.nominated_by_status.get("waitlisted", 0),
        mentors_active=program.mentors_on_roster,
        mentors_by_role=[RoleLine(role, counts[0], counts[1]) for role, counts in
                         sorted(roles.items(), key=lambda item: (role_order.get(item[0], 999),
                                                                 item[0]))],
        mentees_per_mentor=(program.matched / program.mentors_matched
                            if program.mentors_matched else None),
        screening_complete=cleared,
        trainings=[TrainingLine(t.held_on, t.kind, t.title, t.required, t.roster_attended,
                                program.mentors_on_roster) for t in program.trainings],
        matches=program.matches,
        meetings_held=program.distinct_meetings_held,
        mentee_meetings_held=program.held_meetings,
        meetings_attempted=sum(rhythm.attempts for rhythm in outcomes.rhythms),
        meetings_per_mentee=spread(held),
        meetings_by_mentee=held,
        meetings_per_match_month_median=statistics.median(judged) if judged else None,
        share_matches_on_target=program.share_meeting_target,
        match_length_median_days=program.median_match_days,
        closed_early=dict(program.closed_early_by_reason),
        mentees_with_baseline=len(compared),
        mentees_without_baseline=outcomes.no_baseline,
        absence_rate_before=outcomes.before.rate,
        absence_rate_after=outcomes.after.rate,
        absences_per_100_before=outcomes.before.per_100,
        absences_per_100_after=outcomes.after.per_100,
        improved=outcomes.improved,
        same=outcomes.same,
        worse=outcomes.worse,
        days_gained=outcomes.days_gained if compared else None,
        days_gained_per_100=outcomes.days_gained_per_100,
        chronic_at_start=outcomes.chronic_at_start,
        chronic_now=outcomes.chronic_now,
        left_chronic=sum(1 for m in outcomes.mentees
                         if m.tier_at_start in CHRONIC and m.tier_now in NOT_CHRONIC),
        tiers_at_start=tiers_dict(outcomes.tiers_at_start),
        tiers_now=tiers_dict(outcomes.tiers_now),
        comparison=[_comparison_group("students never matched",
                                      outcomes.comparison.never_matched),
                    _comparison_group("waitlisted nominees", outcomes.comparison.waitlisted)],
        school_absence_rate=overview.school_rate,
        monthly=_monthly(overview, period),
        attendance_through=overview.data_through,
        by_grade=breakdowns.by_grade(facts),
        by_role=breakdowns.by_role(facts, role_order),
        by_mentor=breakdowns.by_mentor(facts) if level == TEAM else None,
        referrals=[ReferralLine(line.kind, line.opened, line.resolved, line.still_open)
                   for line in program.referrals],
        definitions=_definitions(db, rules, period),
        imports=_imports(db, year_id, overview),
        exclusions=_exclusions(outcomes, overview, enrolled),
    )
    if level == TEAM:
        figures.students = _student_lines(outcomes, enrolled, mentor_rows, latest_mentor)
    report(steps, steps)
    return figures


CHRONIC = ("moderate", "severe")
NOT_CHRONIC = ("satisfactory", "at-risk")
NOMINATION_REASON_ORDER = ("attendance", "behavior", "academics", "social_emotional", "other")


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


def _ordered(counts: Mapping[str, int], order: Sequence[str]) -> list[str]:
    return [key for key in order if key in counts] + sorted(set(counts) - set(order))


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _person(row: Mapping[str, Any]) -> str:
    name = " ".join(part for part in (row.get("first_name", ""), row.get("last_name", ""))
                    if part)
    return name or "(no name)"


def _latest_match_of_each_student(db: sqlite_utils.Database, year_id: int,
                                  as_of: dt.date) -> dict[int, dict]:
    """Each matched student's latest match begun by the date (its mentor is "their mentor")."""
    latest: dict[int, dict] = {}
    for row in matches.matches_in_year(db, year_id):
        if row["started_on"] > as_of.isoformat():
            continue
        best = latest.get(row["student_id"])
        if best is None or (row["started_on"], row["id"]) > (best["started_on"], best["id"]):
            latest[row["student_id"]] = row
    return latest


def _still_matched(match: dict | None, as_of: dt.date) -> bool:
    """Matched on the report's last day: open then, or closed as planned at the year's end."""
    if match is None:
        return False
    return (not match["ended_on"] or match["ended_on"] > as_of.isoformat()
            or match["closure_reason"] == "planned_end")


def _nominators(db: sqlite_utils.Database, year_id: int, period: Period) -> int:
    """How many different staff nominated someone in the period (names are never shown)."""
    names = set()
    for row in nominations.nominations_in_year(db, year_id):
        day = _date(row["nominated_on"])
        in_period = day is None and period.is_year_so_far or (
            day is not None and day <= period.as_of
            and (period.is_year_so_far or day >= period.start))
        if in_period and row["nominated_by"].strip():
            names.add(" ".join(row["nominated_by"].lower().split()))
    return len(names)


def _comparison_group(name: str, group) -> ComparisonGroup:
    return ComparisonGroup(name, group.students, group.before_rate, group.after_rate,
                           tuple(group.missing_tiers))


def _monthly(overview, period: Period) -> list[MonthPoint]:
    school = {(m.year, m.month): m.rate for m in overview.school_months}
    mentees = {(m.year, m.month): m.rate for m in overview.mentee_months}
    first = (period.start.year, period.start.month)
    last = (period.as_of.year, period.as_of.month)
    return [MonthPoint(year, month, mentees.get((year, month)), school.get((year, month)))
            for year, month in sorted(set(school) | set(mentees)) if first <= (year, month) <= last]


def _definitions(db: sqlite_utils.Database, rules, period: Period) -> list[tuple[str, str]]:
    target = settings.get(db, "meeting_target_per_month")
    suspension = ("counts as absent (the school's setting)"
                  if rules.in_school_suspension_counts_absent
                  else "counts as present: the student is in the building")
    return [
        ("Period", f"{period.label}. Figures count what happened from "
                   f"{date_words(period.start)} to {date_words(period.as_of)}, both included."),
        ("Absence rate", "Days absent over days enrolled. A full day absent counts 1 "
                         "(excused, unexcused or out-of-school suspension); a half day counts "
                         f"0.5; a tardy counts as present. In-school suspension {suspension}."),
        ("Chronic absence (the 10% rule)", "Absent 10% or more of the days enrolled, for any "
                                           "reason; exactly 10% counts as chronic."),
        ("Minimum enrollment", f"A student enrolled fewer than {rules.minimum_enrolled_days} "
                               "school days gets no attendance tier."),
        ("Before and after", "Before: the mentee's days enrolled this year before the match "
                             "began, when there are at least the minimum; otherwise last "
                             "year's whole year, when imported; otherwise no baseline. After: "
                             "from the match's start to its end or the report's last day."),
        ("Improved, same, worse", "Improved: at least 1 fewer day absent per 100 days "
                                  "enrolled after than before; worse: at least 1 more; "
                                  "otherwise the same."),
        ("School days gained", "For each mentee, (absence rate before - absence rate after) x "
                               "days enrolled after, added up."),
        ("Served", "Matched with a mentor in the period, with at least one meeting held."),
        ("Meetings held", "Meetings that took place: marked held, not attempts when the "
                          "student was absent. A group meeting counts once: a lunch group of "
                          "three mentees is one meeting."),
        ("Meetings per mentee", "Each mentee's own held meetings: a group meeting counts for "
                                "every mentee in it, so the mentees' meetings (the \"Meetings "
                                "attended\" columns) add up to more than the meetings held. "
                                "Meetings per match per month and the monthly target count "
                                "the same way."),
        ("Monthly target", f"{target} meetings a month. A match is judged once it has run a "
                           "month's worth of school days."),
        ("Screening complete", "A background check that has not expired and a signed "
                               "agreement."),
    ]


def _imports(db: sqlite_utils.Database, year_id: int, overview) -> list[ImportLine]:
    lines = [ImportLine("attendance", _date(batch.imported_at[:10]), batch.mode,
                        batch.covers_from, batch.covers_through, batch.file_name)
             for batch in overview.imports if not batch.undone]
    for batch in imports.all_batches(db):
        if batch["year_id"] == year_id and batch["kind"] != "attendance" \
                and not batch["undone_at"]:
            lines.append(ImportLine(batch["kind"], _date(batch["imported_at"][:10]), None,
                                    _date(batch["covers_from"]), _date(batch["covers_through"]),
                                    batch["file_name"]))
    return sorted(lines, key=lambda line: line.imported_on)


def _exclusions(outcomes, overview, enrolled: Mapping[int, dict]) -> list[str]:
    sentences = []
    if outcomes.no_baseline:
        sentences.append(
            f"{outcomes.no_baseline} of the {len(outcomes.mentees)} mentees had no baseline "
            "(too few school days before their match and no attendance from last year): they "
            "count as served when they met, but are left out of the before-and-after figures.")
    if outcomes.too_early:
        sentences.append(
            f"{outcomes.too_early} mentees were matched too recently to have a school day "
            "since; they are left out of the before-and-after figures.")
    if overview.days_without_data:
        missing = overview.days_without_data
        if len(missing) == 1:
            which = f"one school day, {date_words(missing[0])}"
        else:
            which = (f"{len(missing)} school days between {date_words(missing[0])} and "
                     f"{date_words(missing[-1])}")
        sentences.append(f"No attendance has been imported for {which}: the attendance "
                         "figures count only the days imported.")
    totals_only = sum(1 for record in overview.records if record.source == "summary")
    if totals_only:
        sentences.append(
            f"{totals_only} students have attendance totals only (no days): they are in the "
            "rates but not in the month-by-month chart.")
    not_enrolled = sum(1 for m in outcomes.mentees if m.student_id not in enrolled)
    if not_enrolled:
        sentences.append(f"{not_enrolled} mentees are not enrolled this year in the file and "
                         "show no grade.")
    return sentences


def _student_lines(outcomes, enrolled: Mapping[int, dict], mentor_rows: Mapping[int, dict],
                   latest_mentor: Mapping[int, int]) -> list[StudentLine]:
    lines = []
    for mentee in outcomes.mentees:
        student = enrolled.get(mentee.student_id, {})
        name = " ".join(part for part in (student.get("preferred_name") or
                                          student.get("first_name", ""),
                                          student.get("last_name", "")) if part)
        lines.append(StudentLine(
            name=name or "(not enrolled this year)",
            local_id=student.get("local_id") or "",
            grade=student.get("grade"),
            mentor=_person(mentor_rows.get(latest_mentor.get(mentee.student_id, -1), {})),
            started_on=mentee.match_start,
            ended_on=mentee.match_end,
            meetings_held=mentee.held_meetings,
            absence_rate_before=mentee.before.rate if mentee.before is not None else None,
            absence_rate_after=mentee.after.rate,
            tier_at_start=mentee.tier_at_start,
            tier_now=mentee.tier_now,
            change=mentee.change,
            days_gained=mentee.days_gained,
        ))
    return sorted(lines, key=lambda line: line.name.lower())
