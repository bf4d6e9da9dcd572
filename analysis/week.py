"""This week: every list of the facilitator's home screen (and the ``week`` command), worked out
for one school year as of one day. Loaded here through storage, judged by program/ rules:
program.cadence (overdue), program.attendance (absences, early warning, tiers),
program.meeting_advice (the meeting day), program.waiting, program.trainings, program.week.

A match is open on a day when it started on or before it and has not ended before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from analysis import cadence
from analysis.attendance import load_student_days
from analysis.attendance import rules as attendance_rules
from analysis.years import school_calendar
from program.attendance import EarlyWarning, assess_student, enrolled_days
from program.matching import screening
from program.meeting_advice import MeetingAdvice
from program.trainings import Session, missed_required
from program.vocabulary import day_words, person_name
from program.waiting import is_waiting
from program.week import (
    FLAG_LOOKBACK,
    absent_days,
    days_waiting,
    has_left,
    last_day_before_leaving,
    name_key,
    newly_flagged,
    open_on,
    over_capacity,
    referral_due,
    school_days_this_week,
    waiting_since,
    week_start,
)
from storage import matches, mentors, program_inputs, referrals, students, trainings, years
from storage.errors import InvalidInput


@dataclass(frozen=True)
class StudentRef:
    """A student as the lists show them: internal id, the school's ID, name."""

    id: int
    local_id: str | None
    name: str
    sort_key: tuple


@dataclass(frozen=True)
class MentorRef:
    """A mentor as the lists show them: internal id, email, name."""

    id: int
    email: str
    name: str
    sort_key: tuple


@dataclass(frozen=True)
class OverdueMatch:
    match_id: int
    student: StudentRef
    mentor: MentorRef
    school_days_since: int  # since the last held meeting (or the match's start)
    last_held: dt.date | None


@dataclass(frozen=True)
class AbsentMentee:
    student: StudentRef
    mentor: MentorRef
    match_id: int
    absent_dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class NewlyFlagged:
    student: StudentRef
    mentor: MentorRef | None  # their mentor on the day, when matched
    tier: str | None
    tier_before: str | None
    early_warning: EarlyWarning | None
    warned_before: bool


@dataclass(frozen=True)
class WaitingStudent:
    student: StudentRef
    since: dt.date | None
    days_waiting: int | None


@dataclass(frozen=True)
class ReferralDue:
    referral_id: int
    student: StudentRef
    kind: str
    status: str
    follow_up: dt.date
    opened_on: dt.date
    need: str
    raised_by: str


@dataclass(frozen=True)
class MissedTraining:
    mentor: MentorRef
    training_id: int
    title: str
    held_on: dt.date
    kind: str


@dataclass(frozen=True)
class OverCapacity:
    mentor: MentorRef
    open_matches: int
    capacity: int


@dataclass(frozen=True)
class NotCleared:
    mentor: MentorRef
    why: str  # "no background check on file and agreement not signed"


@dataclass(frozen=True)
class ConsentMissing:
    student: StudentRef
    mentor: MentorRef
    match_id: int
    consent: str  # unknown, requested, declined


@dataclass(frozen=True)
class LeftSchool:
    student: StudentRef
    mentor: MentorRef
    match_id: int
    exit_date: dt.date
    last_day: dt.date  # the match's last day when closed for "student moved"


@dataclass(frozen=True)
class MeetingDay:
    student: StudentRef
    mentor: MentorRef
    match_id: int
    advice: MeetingAdvice
    first_name: str  # how the advice names the student ("Ana misses Thursdays most")

    @property
    def words(self) -> str:
        return self.advice.words(self.first_name)


@dataclass(frozen=True)
class Week:
    """Every "This week" list for one school year as of one day."""

    year_id: int
    year_name: str
    day: dt.date
    week_from: dt.date  # Monday of the day's week
    overdue_after: int  # school days without a held meeting before a match is overdue
    overdue_matches: tuple[OverdueMatch, ...]
    absent_this_week: tuple[AbsentMentee, ...]
    early_warnings: tuple[NewlyFlagged, ...]
    waiting_for_mentor: tuple[WaitingStudent, ...]
    referrals_due: tuple[ReferralDue, ...]
    missed_required_training: tuple[MissedTraining, ...]
    over_capacity: tuple[OverCapacity, ...]
    not_cleared: tuple[NotCleared, ...]
    consent_missing: tuple[ConsentMissing, ...]
    left_school_still_matched: tuple[LeftSchool, ...]
    meeting_days: tuple[MeetingDay, ...]


LIST_NAMES = ("overdue_matches", "absent_this_week", "early_warnings", "waiting_for_mentor",
              "referrals_due", "missed_required_training", "over_capacity", "not_cleared",
              "consent_missing", "left_school_still_matched", "meeting_days")

# Each list's heading, and what it means when it is empty ("all is well: ...").
LIST_WORDS = {
    "overdue_matches": ("Matches overdue for a meeting",
                        "every open match has met recently"),
    "absent_this_week": ("Mentees absent this week", "no mentee has missed a day this week"),
    "early_warnings": ("Students newly flagged", "nobody was newly flagged in the last 7 days"),
    "waiting_for_mentor": ("Nominated students waiting for a mentor",
                           "every nominated student has a mentor"),
    "referrals_due": ("Referrals due for follow-up", "no referral's follow-up is due"),
    "missed_required_training": ("Mentors who missed a required training",
                                 "every mentor with a mentee came to the required trainings"),
    "over_capacity": ("Mentors over their capacity", "no mentor has more mentees than agreed"),
    "not_cleared": ("Mentors with a mentee who are not cleared",
                    "every mentor with a mentee is cleared"),
    "consent_missing": ("Matched students without guardian consent",
                        "every matched student has guardian consent"),
    "left_school_still_matched": ("Matched students who have left the school",
                                  "no matched student has left"),
    "meeting_days": ("Suggested meeting days", "no mentee's absences fall on one weekday"),
}


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def year_of_day(db: sqlite_utils.Database, day: dt.date) -> dict:
    """The school year containing ``day``; a day outside every school year is refused."""
    year = years.year_containing(db, day)
    if year is not None:
        return year
    known = years.all_years(db)
    if not known:
        raise InvalidInput("This file has no school year yet. Add one first, for example: "
                           "year add 2025-2026 --first-day 2025-09-02 --last-day 2026-06-12")
    spans = ", ".join(f"{row['name']} ({day_words(row['first_day'])} to "
                      f"{day_words(row['last_day'])})" for row in known)
    raise InvalidInput(f"{day_words(day)} is not inside any school year, so there is no week to "
                       f"show. Choose a date inside one: {spans}.")


def _student_ref(row: dict) -> StudentRef:
    return StudentRef(row["id"], row.get("local_id"), person_name(row),
                      name_key(row.get("last_name", ""), row.get("first_name", ""), row["id"]))


def _mentor_ref(row: dict) -> MentorRef:
    return MentorRef(row["id"], row.get("email") or "",
                     f"{row.get('first_name', '')} {row.get('last_name', '')}".strip(),
                     name_key(row.get("last_name", ""), row.get("first_name", ""), row["id"]))


class _People:
    """The year's students and every mentor, by id, as the lists name them."""

    def __init__(self, db: sqlite_utils.Database, year_id: int) -> None:
        self.student_rows = {row["id"]: row for row in students.students_in_year(db, year_id)}
        self.mentor_rows = {row["id"]: row for row in mentors.all_mentors(db)}
        self._students: dict[int, StudentRef] = {}
        self._mentors: dict[int, MentorRef] = {}

    def student(self, student_id: int) -> StudentRef:
        if student_id not in self._students:
            row = self.student_rows.get(student_id) or {"id": student_id}
            self._students[student_id] = _student_ref(row)
        return self._students[student_id]

    def mentor(self, mentor_id: int) -> MentorRef:
        if mentor_id not in self._mentors:
            row = self.mentor_rows.get(mentor_id) or {"id": mentor_id}
            self._mentors[mentor_id] = _mentor_ref(row)
        return self._mentors[mentor_id]


def this_week(db: sqlite_utils.Database, day: dt.date, year_id: int | None = None) -> Week:
    """Every list for the school year containing ``day`` (or ``year_id``, whose dates must
    contain it), as of ``day``."""
    year = years.year_by_id(db, year_id) if year_id is not None else year_of_day(db, day)
    if year is None:
        raise InvalidInput("That school year is no longer in this file. Choose another year.")
    if not year["first_day"] <= day.isoformat() <= year["last_day"]:
        raise InvalidInput(f"{day_words(day)} is not inside the school year {year['name']} "
                           f"({day_words(year['first_day'])} to {day_words(year['last_day'])}).")
    year_id = year["id"]
    calendar = school_calendar(db, year_id)
    people = _People(db, year_id)
    all_matches = matches.matches_in_year(db, year_id)
    open_now = sorted((m for m in all_matches
                       if open_on(_day(m["started_on"]), _day(m["ended_on"]), day)),
                      key=lambda m: (m["started_on"], m["id"]))
    mentee_match: dict[int, dict] = {}
    for match in open_now:
        mentee_match.setdefault(match["student_id"], match)

    rhythm_rules = cadence.rules(db)
    overdue = [
        OverdueMatch(r.match_id, people.student(r.student_id), people.mentor(r.mentor_id),
                     r.school_days_since, r.last_held)
        for r in cadence.match_rhythm(db, year_id, day) if r.active and r.overdue]
    overdue.sort(key=lambda item: (-item.school_days_since, item.student.sort_key))

    absent, flagged, meeting_days = _attendance_lists(db, year_id, calendar, day, people,
                                                      mentee_match)
    mentor_ids_now = {m["mentor_id"] for m in open_now}
    active_mentors_now = sorted(i for i in mentor_ids_now
                                if people.mentor_rows.get(i, {}).get("active"))
    return Week(
        year_id=year_id,
        year_name=year["name"],
        day=day,
        week_from=week_start(day),
        overdue_after=rhythm_rules.overdue_after_school_days,
        overdue_matches=tuple(overdue),
        absent_this_week=absent,
        early_warnings=flagged,
        waiting_for_mentor=_waiting(db, year_id, day, people, set(mentee_match)),
        referrals_due=_referrals_due(db, year_id, day, people),
        missed_required_training=_missed_trainings(db, year_id, day, people,
                                                   active_mentors_now),
        over_capacity=_over_capacity(open_now, people),
        not_cleared=_not_cleared(mentor_ids_now, day, people),
        consent_missing=_consent_missing(mentee_match, people),
        left_school_still_matched=_left_school(mentee_match, day, people, calendar),
        meeting_days=meeting_days,
    )


def _by_student(items: Iterable, key=None) -> tuple:
    return tuple(sorted(items, key=key or (lambda item: item.student.sort_key)))


def _attendance_lists(db: sqlite_utils.Database, year_id: int, calendar, day: dt.date,
                      people: _People, mentee_match: dict[int, dict]
                      ) -> tuple[tuple[AbsentMentee, ...], tuple[NewlyFlagged, ...],
                                 tuple[MeetingDay, ...]]:
    """Mentees absent this week, students newly flagged, and each mentee's meeting day."""
    school_rules = attendance_rules(db)
    weights = school_rules.weights()
    this_week_days = school_days_this_week(calendar, day)
    before = day - FLAG_LOOKBACK
    absent, flagged, advised = [], [], []
    for student in load_student_days(db, year_id, calendar):
        sid = student.student_id
        if sid not in people.student_rows:
            continue
        now = assess_student(student, calendar, day, school_rules)
        earlier = assess_student(student, calendar, before, school_rules)
        match = mentee_match.get(sid)
        mentor = people.mentor(match["mentor_id"]) if match else None
        # Chronic a week ago counts as flagged then: the early-warning flag is only left off
        # chronic students (they are on the chronic list), so a tier falling from chronic to
        # at risk is no new flag.
        warned_before = earlier.early_warning is not None or earlier.chronic
        if newly_flagged(now.early_warning is not None, now.tier, warned_before, earlier.tier):
            flagged.append(NewlyFlagged(people.student(sid), mentor, now.tier, earlier.tier,
                                        now.early_warning, warned_before))
        if match is None:
            continue
        dates = absent_days(enrolled_days(student, calendar, day), weights, this_week_days)
        if dates:
            absent.append(AbsentMentee(people.student(sid), mentor, match["id"], dates))
        if now.advice is not None:
            row = people.student_rows[sid]
            advised.append(MeetingDay(people.student(sid), mentor, match["id"], now.advice,
                                      row.get("preferred_name") or row.get("first_name")
                                      or "the student"))
    return _by_student(absent), _by_student(flagged), _by_student(advised)


def _waiting(db: sqlite_utils.Database, year_id: int, day: dt.date, people: _People,
             matched: set[int]) -> tuple[WaitingStudent, ...]:
    """Nominated students still waiting for a mentor on the day, longest first."""
    nominations: dict[int, list[tuple[str, dt.date | None]]] = {}
    for student_id, status, nominated_on, imported_at in program_inputs.nomination_days(
            db, year_id):
        row = people.student_rows.get(student_id)
        if row is None:
            continue
        # A nomination without a date counts from the day its sheet was imported, or from the
        # day the student was entered.
        since = _day(nominated_on) or _day(imported_at) or _day(row.get("created_at"))
        if since is not None and since > day:
            continue  # not nominated yet on that day
        nominations.setdefault(student_id, []).append((status, since))
    found = []
    for student_id, listed in nominations.items():
        row = people.student_rows[student_id]
        if not is_waiting([status for status, _ in listed], matched_now=student_id in matched,
                          archived=bool(row["archived"]), exit_date=row["exit_date"], on=day):
            continue
        since = waiting_since(listed)
        found.append(WaitingStudent(people.student(student_id), since,
                                    days_waiting(since, day)))
    found.sort(key=lambda item: (-(item.days_waiting or 0), item.student.sort_key))
    return tuple(found)


def _referrals_due(db: sqlite_utils.Database, year_id: int, day: dt.date,
                   people: _People) -> tuple[ReferralDue, ...]:
    """Open or in-progress referrals whose follow-up is today or past, the oldest first."""
    due = []
    for row in referrals.referrals_in_year(db, year_id):
        follow_up = _day(row["follow_up_on"])
        opened = _day(row["opened_on"])
        if opened is not None and opened > day:
            continue
        if not referral_due(row["status"], follow_up, day):
            continue
        student = people.student(row["student_id"]) if row["student_id"] in \
            people.student_rows else _student_ref({
                "id": row["student_id"], "local_id": row["student_local_id"],
                "first_name": row["student_first_name"], "last_name": row["student_last_name"]})
        raised_by = row["raised_by"]
        if not raised_by and row["raised_by_mentor_id"]:
            raised_by = people.mentor(row["raised_by_mentor_id"]).name
        due.append(ReferralDue(row["id"], student, row["kind"], row["status"], follow_up,
                               opened, row["need"], raised_by))
    due.sort(key=lambda item: (item.follow_up, item.student.sort_key, item.referral_id))
    return tuple(due)


def _missed_trainings(db: sqlite_utils.Database, year_id: int, day: dt.date, people: _People,
                      mentor_ids: list[int]) -> tuple[MissedTraining, ...]:
    """Active mentors with an open match who missed a required session (and no make-up)."""
    sessions = [Session(row["id"], _day(row["held_on"]), row["kind"], bool(row["required"]),
                        frozenset(row["attendee_ids"]), row["title"])
                for row in trainings.trainings_in_year(db, year_id)]
    missed = [MissedTraining(people.mentor(item.mentor_id), item.session.training_id,
                             item.session.title, item.session.held_on, item.session.kind)
              for item in missed_required(sessions, mentor_ids, day)]
    missed.sort(key=lambda item: (item.mentor.sort_key, item.held_on, item.training_id))
    return tuple(missed)


def _over_capacity(open_now: list[dict], people: _People) -> tuple[OverCapacity, ...]:
    counts: dict[int, int] = {}
    for match in open_now:
        counts[match["mentor_id"]] = counts.get(match["mentor_id"], 0) + 1
    found = []
    for mentor_id, count in counts.items():
        capacity = people.mentor_rows.get(mentor_id, {}).get("capacity", 0)
        if over_capacity(count, capacity):
            found.append(OverCapacity(people.mentor(mentor_id), count, capacity))
    return tuple(sorted(found, key=lambda item: item.mentor.sort_key))


def _not_cleared(mentor_ids: set[int], day: dt.date, people: _People) -> tuple[NotCleared, ...]:
    found = []
    for mentor_id in mentor_ids:
        row = people.mentor_rows.get(mentor_id)
        if row is None:
            continue
        cleared, why = screening(_day(row["background_check_on"]),
                                 _day(row["background_check_expires"]),
                                 bool(row["agreement_signed"]), day)
        if not cleared:
            found.append(NotCleared(people.mentor(mentor_id), why))
    return tuple(sorted(found, key=lambda item: item.mentor.sort_key))


def _consent_missing(mentee_match: dict[int, dict],
                     people: _People) -> tuple[ConsentMissing, ...]:
    found = []
    for student_id, match in mentee_match.items():
        consent = people.student_rows.get(student_id, {}).get("consent_status", "unknown")
        if consent != "given":
            found.append(ConsentMissing(people.student(student_id),
                                        people.mentor(match["mentor_id"]), match["id"], consent))
    return _by_student(found)


def _left_school(mentee_match: dict[int, dict], day: dt.date, people: _People,
                 calendar) -> tuple[LeftSchool, ...]:
    found = []
    for student_id, match in mentee_match.items():
        exit_date = _day(people.student_rows.get(student_id, {}).get("exit_date"))
        if has_left(exit_date, day):
            found.append(LeftSchool(people.student(student_id), people.mentor(match["mentor_id"]),
                                    match["id"], exit_date,
                                    last_day_before_leaving(exit_date, _day(match["started_on"]),
                                                            calendar)))
    return _by_student(found)
