"""The end-of-year report's numbers: one object that the PDF, the workbook, the Reports screen
and ``report --json`` all show, so they can never disagree.

The figures come from ``analysis`` (the program's rules, computed once); here they are only
gathered, totalled by group and, in :func:`to_json`, shown as the report shows them (small
groups hidden). :func:`compute_figures` builds the object from a data file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.formats import date_words
from reports.suppression import GroupTable, ProtectedTable, protect

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
    meetings_held: int
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
        program team only."""
        tables = [protect(self.by_grade), protect(self.by_role)]
        if self.for_team and self.by_mentor is not None:
            tables.append(protect(self.by_mentor))
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


def count_by(values: Sequence[str], order: Sequence[str] = ()) -> dict[str, int]:
    """How many times each value occurs, in ``order`` first (zeros kept), then the rest."""
    counts: dict[str, int] = dict.fromkeys(order, 0)
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def tiers_dict(counts: Mapping[str | None, int]) -> dict[str, int]:
    """Counts by tier in tier order (students without a tier are left out)."""
    return {tier: int(counts.get(tier, 0)) for tier in TIERS}
