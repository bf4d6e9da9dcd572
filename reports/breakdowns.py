"""The report's breakdowns (by grade, by mentor role, by mentor): per-mentee facts from the
outcome rules, totalled by group. What may be shown of them is decided in
:mod:`reports.disclosure`."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from program.vocabulary import grade_words

COUNT, RATE, NUMBER, STAFF = "count", "rate", "number", "staff"


@dataclass(frozen=True)
class Column:
    """One column of a breakdown: its key, heading, kind and display format."""

    key: str
    label: str
    kind: str = COUNT
    format: str = "integer"
    ratio_of: tuple[str, ...] = ()  # a share: the counts it divides (hidden with either)
    about: tuple[str, ...] = ()  # a rate or median: the group it describes (hidden if small)


COLUMNS = (
    Column("mentees", "Mentees"),
    Column("judged", "Judged (20 days before and after)"),
    Column("improved", "Improved"),
    Column("same", "About the same"),
    Column("worse", "Worse"),
    Column("too_early", "Too early to tell"),
    Column("share_improved", "Share improved", RATE, "percent", ("improved", "judged")),
    Column("rate_before", "Absence rate before", RATE, "percent", about=("judged",)),
    Column("rate_after", "Absence rate since", RATE, "percent", about=("judged",)),
    Column("chronic_at_start", "Chronically absent at start"),
    Column("left_chronic", "Left chronic absence"),
    Column("meetings_median", "Meetings with the student, median", NUMBER, "decimal",
           about=("mentees",)),
)
ROLE_COLUMNS = (
    Column("on_roster", "Mentors in the program", STAFF),
    Column("with_mentees", "Mentors with mentees", STAFF),
)
# Within a row: judged = improved + same + worse; mentees = judged + too early.
ROW_SUMS = (("judged", ("improved", "same", "worse")), ("mentees", ("judged", "too_early")))
ROW_BOUNDS = (("left_chronic", "chronic_at_start"), ("chronic_at_start", "mentees"))


@dataclass(frozen=True)
class MenteeFacts:
    """What the breakdowns need of one mentee (from the outcome rules; nothing recomputed)."""

    student_id: int
    grade: int | None
    mentor_id: int
    mentor_name: str
    mentor_role: str
    meetings: int  # with the student
    days_enrolled_before: float | None  # judged mentees only
    days_absent_before: float | None
    days_enrolled_after: float | None
    days_absent_after: float | None
    change: str | None  # improved, same, worse; None: too early to tell
    chronic_at_start: bool
    left_chronic: bool


@dataclass(frozen=True)
class GroupRow:
    """One group of a breakdown and its figures."""

    group: Any
    label: str
    figures: Mapping[str, Any]


@dataclass(frozen=True)
class Breakdown:
    """Mentees grouped one way, with a Total row."""

    name: str  # grade, role, mentor
    title: str
    group_label: str
    columns: tuple[Column, ...]
    rows: tuple[GroupRow, ...]
    total: Mapping[str, Any]
    notes: tuple[str, ...] = field(default_factory=tuple)


def group_figures(mentees: Sequence[MenteeFacts]) -> dict[str, Any]:
    """One group's figures; rates pooled (days absent over days enrolled, all together)."""
    judged = [m for m in mentees if m.change is not None]
    before_days = sum(m.days_enrolled_before or 0 for m in judged)
    after_days = sum(m.days_enrolled_after or 0 for m in judged)
    improved = sum(m.change == "improved" for m in judged)
    return {
        "mentees": len(mentees),
        "judged": len(judged),
        "improved": improved,
        "same": sum(m.change == "same" for m in judged),
        "worse": sum(m.change == "worse" for m in judged),
        "too_early": len(mentees) - len(judged),
        "share_improved": improved / len(judged) if judged else None,
        "rate_before": (sum(m.days_absent_before or 0 for m in judged) / before_days
                        if before_days else None),
        "rate_after": (sum(m.days_absent_after or 0 for m in judged) / after_days
                       if after_days else None),
        "chronic_at_start": sum(m.chronic_at_start for m in mentees),
        "left_chronic": sum(m.left_chronic for m in mentees),
        "meetings_median": statistics.median(m.meetings for m in mentees) if mentees else None,
        "with_mentees": len({m.mentor_id for m in mentees}),
    }


def breakdown(name: str, title: str, group_label: str, mentees: Iterable[MenteeFacts],
              key: Callable[[MenteeFacts], Any], label: Callable[[Any], str], *,
              order: Callable[[Any], Any] = lambda group: (group is None, str(group)),
              columns: tuple[Column, ...] = COLUMNS,
              extra: Mapping[Any, Mapping[str, Any]] | None = None) -> Breakdown:
    """Mentees grouped by ``key`` (labelled by ``label``), with a Total row; ``extra`` adds
    figures (and groups without mentees) by group."""
    mentees = list(mentees)
    groups: dict[Any, list[MenteeFacts]] = {}
    for mentee in mentees:
        groups.setdefault(key(mentee), []).append(mentee)
    for group in extra or {}:
        groups.setdefault(group, [])
    rows = []
    for group in sorted(groups, key=order):
        figures = group_figures(groups[group])
        figures.update((extra or {}).get(group, {}))
        for column in columns:
            if column.kind == STAFF:
                figures.setdefault(column.key, 0)
        rows.append(GroupRow(group, label(group), figures))
    total = group_figures(mentees)
    for column in columns:
        if column.kind == STAFF:
            total[column.key] = sum(row.figures.get(column.key, 0) for row in rows)
    return Breakdown(name, title, group_label, columns, tuple(rows), total)


def by_grade(mentees: Iterable[MenteeFacts]) -> Breakdown:
    return breakdown("grade", "By grade", "Grade", mentees, lambda m: m.grade,
                     lambda grade: grade_words(grade, long=True) or "Grade not known",
                     order=lambda grade: (grade is None, grade if grade is not None else 0))


def by_role(mentees: Iterable[MenteeFacts], role_order: Mapping[str, int] | None = None,
            roster: Mapping[str, int] | None = None) -> Breakdown:
    """By the role of each mentee's mentor; ``roster``: mentors in the program by role."""
    role_order = role_order or {}
    extra = {role: {"on_roster": count} for role, count in (roster or {}).items()}
    return breakdown("role", "By mentor role", "Mentor role", mentees,
                     lambda m: m.mentor_role or "Role not set", str,
                     order=lambda role: (role_order.get(str(role), 999), str(role)),
                     columns=ROLE_COLUMNS + COLUMNS, extra=extra)


def by_mentor(mentees: Iterable[MenteeFacts]) -> Breakdown:
    return breakdown("mentor", "By mentor", "Mentor", mentees,
                     lambda m: (m.mentor_name, m.mentor_id), lambda group: group[0],
                     order=lambda group: group)
