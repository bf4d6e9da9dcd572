"""The This week screen's lists as table rows: one model per list, each row opening its student
or mentor."""

from __future__ import annotations

from typing import Any

from analysis.week import Week
from program.vocabulary import (
    CONSENT_STATUSES,
    REFERRAL_KINDS,
    REFERRAL_STATUSES,
    TRAINING_KINDS,
    WEEKDAYS,
    day_words,
    join_words,
    label,
    plural,
    tier_words,
)
from program.week import tier_rank
from ui.models.table import Column, RowsModel

STUDENT, MENTOR = "student", "mentor"


def _student(item) -> dict[str, Any]:
    ref = item.student
    return {"student": ref.name, "student_sort": ref.sort_key, "student_id": ref.id,
            "local_id": ref.local_id or ""}


def _mentor(ref) -> dict[str, Any]:
    if ref is None:
        return {"mentor": "", "mentor_sort": None, "mentor_id": None}
    return {"mentor": ref.name, "mentor_sort": ref.sort_key, "mentor_id": ref.id,
            "email": ref.email}


def _opens(row: dict, kind: str) -> dict:
    row["opens"] = kind
    row["id"] = row["student_id"] if kind == STUDENT else row["mentor_id"]
    return row


def _flag_words(item) -> str:
    """"At risk → moderate chronic", or "Early warning: missed 2 of the first 20 days"."""
    parts = []
    if item.tier != item.tier_before:
        parts.append(f"{tier_words(item.tier_before)} → {tier_words(item.tier).lower()}")
    if item.early_warning is not None and not item.warned_before:
        parts.append(f"early warning: missed {plural(item.early_warning.missed, 'day')} of "
                     f"the first {item.early_warning.window}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def week_rows(week: Week) -> dict[str, list[dict]]:
    """Each list's rows, in the order the rules sorted them."""
    return {
        "overdue_matches": [_opens({
            **_student(i), **_mentor(i.mentor), "match_id": i.match_id,
            "days": i.school_days_since, "last": day_words(i.last_held) or "none yet",
            "last_sort": i.last_held.isoformat() if i.last_held else ""}, STUDENT)
            for i in week.overdue_matches],
        "absent_this_week": [_opens({
            **_student(i), **_mentor(i.mentor), "match_id": i.match_id,
            "dates": join_words([day_words(d, with_weekday=True)[:-5] for d in i.absent_dates]),
            "dates_sort": [d.isoformat() for d in i.absent_dates]}, STUDENT)
            for i in week.absent_this_week],
        "early_warnings": [_opens({
            **_student(i), **_mentor(i.mentor), "why": _flag_words(i),
            "why_sort": (-tier_rank(i.tier), i.early_warning is None)}, STUDENT)
            for i in week.early_warnings],
        "waiting_for_mentor": [_opens({
            **_student(i), "days": i.days_waiting, "since": day_words(i.since),
            "since_sort": i.since.isoformat() if i.since else ""}, STUDENT)
            for i in week.waiting_for_mentor],
        "referrals_due": [_opens({
            **_student(i), "referral_id": i.referral_id, "kind": label(REFERRAL_KINDS, i.kind),
            "follow_up": day_words(i.follow_up), "follow_up_sort": i.follow_up.isoformat(),
            "status": label(REFERRAL_STATUSES, i.status), "need": i.need}, STUDENT)
            for i in week.referrals_due],
        "missed_required_training": [_opens({
            **_mentor(i.mentor), "training_id": i.training_id, "title": i.title,
            "held": day_words(i.held_on), "held_sort": i.held_on.isoformat(),
            "kind": label(TRAINING_KINDS, i.kind)}, MENTOR)
            for i in week.missed_required_training],
        "over_capacity": [_opens({
            **_mentor(i.mentor), "open": i.open_matches, "capacity": i.capacity}, MENTOR)
            for i in week.over_capacity],
        "not_cleared": [_opens({**_mentor(i.mentor), "why": i.why[:1].upper() + i.why[1:]},
                               MENTOR) for i in week.not_cleared],
        "consent_missing": [_opens({
            **_student(i), **_mentor(i.mentor), "consent": label(CONSENT_STATUSES, i.consent)},
            STUDENT) for i in week.consent_missing],
        "left_school_still_matched": [_opens({
            **_student(i), **_mentor(i.mentor), "match_id": i.match_id,
            "left": day_words(i.exit_date), "left_sort": i.exit_date.isoformat(),
            "last_day": i.last_day, "close": ""}, STUDENT)
            for i in week.left_school_still_matched],
        "meeting_days": [_opens({
            **_student(i), **_mentor(i.mentor), "meet_on": WEEKDAYS[i.advice.weekday],
            "meet_sort": i.advice.weekday, "why": f"misses {WEEKDAYS[i.advice.missed_most]}s "
            "most"}, STUDENT) for i in week.meeting_days],
    }


_STUDENT = Column("student", "Student", "Double-click (or Enter) to open the student")
_MENTOR = Column("mentor", "Mentor", "The student's mentor")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "overdue_matches": (
        _STUDENT, _MENTOR,
        Column("days", "School days", "School days since the last meeting held (or since the "
               "match began)", numeric=True),
        Column("last", "Last held", "The latest meeting held")),
    "absent_this_week": (
        _STUDENT, Column("dates", "Absent on", "The school days this week counted as absent"),
        _MENTOR),
    "early_warnings": (
        _STUDENT,
        Column("why", "What changed", "The attendance tier a week ago and now, or the new "
               "early warning"),
        Column("mentor", "Mentor", "The student's mentor (empty: not matched)")),
    "waiting_for_mentor": (
        _STUDENT, Column("days", "Days waiting", "Calendar days since the earliest open "
                         "nomination", numeric=True),
        Column("since", "Since", "The nomination's date (or the day it came in)")),
    "referrals_due": (
        _STUDENT, Column("kind", "To", "Who the need was passed to"),
        Column("follow_up", "Follow-up", "The day to check on it"),
        Column("status", "Status", "Open or in progress"),
        Column("need", "Need", "What the student needs")),
    "missed_required_training": (
        Column("mentor", "Mentor", "Double-click (or Enter) to open the mentor"),
        Column("title", "Training", "The required session missed, with no make-up yet"),
        Column("held", "Held on", "The day it was held")),
    "over_capacity": (
        Column("mentor", "Mentor", "Double-click (or Enter) to open the mentor"),
        Column("open", "Mentees", "Open matches on the day", numeric=True),
        Column("capacity", "Capacity", "How many mentees the mentor agreed to take",
               numeric=True)),
    "not_cleared": (
        Column("mentor", "Mentor", "Double-click (or Enter) to open the mentor"),
        Column("why", "Why not cleared", "What is missing or out of date")),
    "consent_missing": (
        _STUDENT, Column("consent", "Consent", "The guardian's answer so far"), _MENTOR),
    "left_school_still_matched": (
        _STUDENT, Column("left", "Left on", "The exit date on the roster"), _MENTOR,
        Column("close", "", "Close the match with the reason \"student moved\"")),
    "meeting_days": (
        _STUDENT, Column("meet_on", "Meet on", "The suggested meeting day"),
        Column("why", "Why", "The weekday the student misses most"), _MENTOR),
}

# Starting widths in characters (the last column stretches).
WIDTHS: dict[str, list[int]] = {
    "overdue_matches": [17, 16, 10, 11],
    "absent_this_week": [17, 20, 16],
    "early_warnings": [17, 30, 14],
    "waiting_for_mentor": [20, 12, 12],
    "referrals_due": [16, 11, 11, 10, 14],
    "missed_required_training": [17, 26, 11],
    "over_capacity": [20, 9, 9],
    "not_cleared": [17, 40],
    "consent_missing": [17, 18, 16],
    "left_school_still_matched": [16, 11, 14, 19],
    "meeting_days": [16, 10, 19, 14],
}


class WeekListModel(RowsModel):
    """One of This week's lists (its columns are given when it is made)."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.name = name
        self.COLUMNS = COLUMNS[name]

    def cell_sort_value(self, row: dict, column: int) -> Any:
        key = self.COLUMNS[column].key
        sort_key = f"{key}_sort"
        if sort_key in row:
            value = row[sort_key]
            return tuple(value) if isinstance(value, list) else value
        return super().cell_sort_value(row, column)

    def cell_tooltip(self, row: dict, column: int) -> str | None:
        if self.COLUMNS[column].key == "student" and row.get("local_id"):
            return f"{row['student']}, ID {row['local_id']}: double-click to open"
        if self.COLUMNS[column].key == "mentor" and row.get("email"):
            return f"{row['mentor']} <{row['email']}>"
        return None
