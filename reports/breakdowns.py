"""The report's breakdowns (by grade, by mentor role, by mentor): per-mentee facts from the
outcome rules, totalled by group into tables that :mod:`reports.suppression` then protects."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from reports.suppression import NUMBER, RATE, STAFF, Column, GroupTable
from reports.words import grade_words


@dataclass(frozen=True)
class MenteeFacts:
    """What the breakdowns need of one mentee (from analysis; nothing recomputed here)."""

    student_id: int
    grade: int | None
    mentor_id: int
    mentor_name: str
    mentor_role: str
    meetings_held: int
    days_enrolled_before: float | None
    days_absent_before: float | None
    days_enrolled_after: float | None
    days_absent_after: float | None
    change: str | None  # improved, same, worse; None: no baseline
    chronic_at_start: bool
    chronic_now: bool


def _columns(with_mentors: bool) -> list[Column]:
    columns = [
        Column("mentees", "Mentees"),
        Column("with_baseline", "With a baseline"),
        Column("improved", "Improved"),
        Column("same", "Same"),
        Column("worse", "Worse"),
        Column("share_improved", "Share improved", RATE, share_of=("improved", "with_baseline")),
        Column("rate_before", "Absence rate before", RATE),
        Column("rate_after", "Absence rate since", RATE),
        Column("chronic_at_start", "Chronic at start"),
        Column("left_chronic", "Left chronic"),
        Column("meetings", "Meetings attended", NUMBER, format="integer"),
    ]
    if with_mentors:
        columns.insert(0, Column("mentors", "Mentors with mentees", STAFF))
    return columns


SUMS = [("with_baseline", ("improved", "same", "worse"))]


def group_figures(mentees: Sequence[MenteeFacts]) -> dict[str, float | int | None]:
    """One group's totals; rates are pooled (days absent over days enrolled, all together)."""
    rated = [m for m in mentees if m.change is not None]
    before_days = sum(m.days_enrolled_before or 0 for m in rated)
    after_days = sum(m.days_enrolled_after or 0 for m in rated)
    improved = sum(m.change == "improved" for m in rated)
    return {
        "mentors": len({m.mentor_id for m in mentees}),
        "mentees": len(mentees),
        "with_baseline": len(rated),
        "improved": improved,
        "same": sum(m.change == "same" for m in rated),
        "worse": sum(m.change == "worse" for m in rated),
        "share_improved": improved / len(rated) if rated else None,
        "rate_before": (sum(m.days_absent_before or 0 for m in rated) / before_days
                        if before_days else None),
        "rate_after": (sum(m.days_absent_after or 0 for m in rated) / after_days
                       if after_days else None),
        "chronic_at_start": sum(m.chronic_at_start for m in mentees),
        "left_chronic": sum(m.chronic_at_start and not m.chronic_now for m in mentees),
        "meetings": sum(m.meetings_held for m in mentees),
    }


def breakdown(title: str, group_label: str, mentees: Iterable[MenteeFacts],
              key: Callable[[MenteeFacts], object], label: Callable[[object], str], *,
              order: Callable[[object], object] = lambda group: (group is None, str(group)),
              with_mentors: bool = False) -> GroupTable:
    """Mentees grouped by ``key`` (labelled by ``label``), with a Total row."""
    mentees = list(mentees)
    groups: dict[object, list[MenteeFacts]] = {}
    for mentee in mentees:
        groups.setdefault(key(mentee), []).append(mentee)
    rows = [(label(group), group_figures(groups[group])) for group in sorted(groups, key=order)]
    return GroupTable(title, group_label, _columns(with_mentors), rows, size="mentees",
                      sums=SUMS, total=group_figures(mentees))


def by_grade(mentees: Iterable[MenteeFacts]) -> GroupTable:
    return breakdown("By grade", "Grade", mentees, lambda m: m.grade, grade_words,
                     order=lambda grade: (grade is None, grade if grade is not None else 0))


def by_role(mentees: Iterable[MenteeFacts], role_order: Mapping[str, int] | None = None
            ) -> GroupTable:
    role_order = role_order or {}
    return breakdown("By mentor role", "Mentor role", mentees, lambda m: m.mentor_role,
                     lambda role: str(role or "Role not set"),
                     order=lambda role: (role_order.get(str(role), 999), str(role)),
                     with_mentors=True)


def by_mentor(mentees: Iterable[MenteeFacts]) -> GroupTable:
    return breakdown("By mentor", "Mentor", mentees, lambda m: (m.mentor_name, m.mentor_id),
                     lambda group: group[0], order=lambda group: group)
