"""Referrals: pass a need too big for a mentor to the counselor, an administrator, the nurse, a
social worker or someone else; move it along with a dated note at each change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from actions.changes import REFERRALS
from actions.core import Outcome, change
from analysis.years import year_of_day
from program.vocabulary import REFERRAL_KINDS, REFERRAL_STATUSES, day_words, label, person_name
from storage import clock, mentors, referrals, students
from storage.errors import InvalidInput


@dataclass(frozen=True)
class NewReferral:
    """What raising a referral gathers: the student, to whom, the need, who raised it, when."""

    student_id: int
    kind: str
    need: str
    opened_on: dt.date
    follow_up_on: dt.date | None = None
    raised_by_mentor_id: int | None = None
    raised_by: str = ""  # free text, when it was not one of the mentors
    meeting_id: int | None = None


def to_whom(kind: str) -> str:
    """ "counselor" -> "the counselor" (for sentences)."""
    return "someone else" if kind == "other" else f"the {label(REFERRAL_KINDS, kind).lower()}"


def raised_by_from_text(db: sqlite_utils.Database, text: str | None) -> tuple[int | None, str]:
    """``--by``: a mentor's email (unknown ones refused) or free text; (mentor id, words)."""
    text = (text or "").strip()
    if "@" not in text:
        return None, text
    found = mentors.mentors_by_email(db, text)
    if not found:
        raise InvalidInput(f"No mentor has the email {text}. Check the spelling, or write the "
                           "person's name instead of an email.")
    mentor = sorted(found, key=lambda row: (not row["active"], row["id"]))[0]
    return mentor["id"], f"{mentor['first_name']} {mentor['last_name']}".strip()


def check_referral(db: sqlite_utils.Database, new: NewReferral) -> tuple[dict, dict]:
    """(student, school year) of a referral about to be raised, or a refusal in a sentence."""
    student = students.student(db, new.student_id)
    if student is None:
        raise InvalidInput("That student is no longer in the data file. Choose the student again.")
    if new.kind not in REFERRAL_KINDS:
        raise InvalidInput(f'"{new.kind}" is not someone a referral can go to. Use one of: '
                           f"{', '.join(REFERRAL_KINDS)}.")
    if not new.need.strip():
        raise InvalidInput("Write the need in a few words (what the student needs help with).")
    year = year_of_day(db, new.opened_on, "The referral's date")
    if new.follow_up_on is not None and new.follow_up_on < new.opened_on:
        raise InvalidInput(f"The follow-up ({day_words(new.follow_up_on)}) is before the "
                           f"referral's date ({day_words(new.opened_on)}). Choose a later "
                           "follow-up date.")
    if new.raised_by_mentor_id is not None and mentors.mentor(db, new.raised_by_mentor_id) is None:
        raise InvalidInput("The mentor who raised it is no longer in the data file.")
    return student, year


def write_referral(db: sqlite_utils.Database, new: NewReferral, year_id: int) -> int:
    """The storage writes of a checked referral (inside an action's transaction); its id."""
    raised_by = new.raised_by.strip()
    if new.raised_by_mentor_id is not None:
        mentor = mentors.mentor(db, new.raised_by_mentor_id)
        raised_by = f"{mentor['first_name']} {mentor['last_name']}".strip()
    return referrals.add_referral(db, new.student_id, year_id, new.kind, new.opened_on,
                                  new.need.strip(), raised_by=raised_by,
                                  raised_by_mentor_id=new.raised_by_mentor_id,
                                  meeting_id=new.meeting_id, follow_up_on=new.follow_up_on)


def raise_referral(db: sqlite_utils.Database, new: NewReferral) -> Outcome:
    """Raise a referral for a student; value: its number."""
    student, year = check_referral(db, new)
    name = person_name(student)
    with change(db, f"Refer {name} to {to_whom(new.kind)}", {REFERRALS},
                code="referral") as step:
        referral_id = write_referral(db, new, year["id"])
        step.note(f"Referred {name} to {to_whom(new.kind)}", referral_id=referral_id)
        due = f" Follow up on {day_words(new.follow_up_on)}." if new.follow_up_on else ""
        step.done(f"Referred {name} to {to_whom(new.kind)} (referral {referral_id}).{due}",
                  referral_id)
    return step.outcome


class _Keep:
    """The follow-up date as it is (no change asked)."""


KEEP = _Keep()


def update_referral(db: sqlite_utils.Database, referral_id: int, *, status: str | None = None,
                    follow_up_on: dt.date | None | _Keep = KEEP, note: str = "",
                    on: dt.date | None = None) -> Outcome:
    """Move a referral along: a new status, a new follow-up date (None: none), a note; each
    change leaves one dated note on the referral."""
    saved = referrals.referral(db, referral_id)
    if saved is None:
        raise InvalidInput(f"There is no referral number {referral_id}. The numbers are in the "
                           "Referrals screen (or: referral list --json).")
    on = on or clock.today()
    note = (note or "").strip()
    if status is not None and status not in REFERRAL_STATUSES:
        raise InvalidInput(f'"{status}" is not a referral status. Use one of: '
                           f"{', '.join(REFERRAL_STATUSES)}.")
    opened = dt.date.fromisoformat(saved["opened_on"])
    new_status = status if status is not None and status != saved["status"] else None
    old_follow_up = saved["follow_up_on"]
    new_follow_up = None if isinstance(follow_up_on, _Keep) else follow_up_on
    follow_up_changed = not isinstance(follow_up_on, _Keep) and (
        (new_follow_up.isoformat() if new_follow_up else None) != old_follow_up)
    if new_follow_up is not None and new_follow_up < opened:
        raise InvalidInput(f"The follow-up ({day_words(new_follow_up)}) is before the "
                           f"referral's date ({day_words(opened)}). Choose a later date.")
    if new_status is None and not follow_up_changed and not note:
        raise InvalidInput("Nothing to change: choose a new status, a follow-up date or write "
                           "a note.")
    name = person_name(saved, "student_")
    parts = [note] if note else []
    if new_status is not None and not note:
        parts.append(f"Marked {label(REFERRAL_STATUSES, new_status).lower()}.")
    if follow_up_changed:
        parts.append(f"Follow up on {day_words(new_follow_up)}." if new_follow_up
                     else "No follow-up planned.")
    if len(parts) > 1 and parts[0][-1] not in ".!?":
        parts[0] += "."  # the note and the follow-up read as two sentences
    text = " ".join(parts)
    with change(db, f"Update the referral of {name}", {REFERRALS},
                code="referral_update") as step:
        if follow_up_changed:
            referrals.set_follow_up(db, referral_id, new_follow_up)
        if new_status is not None:
            referrals.set_status(db, referral_id, new_status, on, text)
        else:
            referrals.add_note(db, referral_id, on, None, text)
        step.note(f"Updated the referral of {name}: {text}", referral_id=referral_id,
                  status=new_status)
        step.done(f"Updated the referral of {name}: {text}", referral_id)
    return step.outcome


def set_follow_up(db: sqlite_utils.Database, referral_id: int,
                  follow_up_on: dt.date | None) -> Outcome:
    """The day to check on a referral again (None: no follow-up planned)."""
    return update_referral(db, referral_id, follow_up_on=follow_up_on)
