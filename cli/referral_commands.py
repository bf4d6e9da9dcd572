"""referral add / update / list: needs passed on to the counselor, nurse, an administrator..."""

from __future__ import annotations

import argparse
import sys

from actions import referrals as referral_actions
from actions.referrals import KEEP, NewReferral
from cli import add_json_flag
from cli.files import open_for_reading, open_for_writing, parse_day
from cli.output import Output
from program.vocabulary import (
    REFERRAL_KINDS,
    REFERRAL_STATUSES,
    day_words,
    label,
    person_name,
)
from storage import clock, referrals, students, years
from storage.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction) -> None:
    referral = subparsers.add_parser("referral", help="referrals to the counselor, nurse, ...")
    actions = referral.add_subparsers(dest="referral_action", metavar="ACTION")

    add = actions.add_parser("add", help="raise a referral for a student")
    add.add_argument("student_id", metavar="STUDENT_ID", help="the school's student ID")
    add.add_argument("--to", required=True, choices=list(REFERRAL_KINDS), dest="kind",
                     help="to whom the need goes")
    add.add_argument("--need", required=True, metavar="TEXT", help="the need, in a few words")
    add.add_argument("--by", metavar="MENTOR_EMAIL|TEXT", default="",
                     help="who raised it: a mentor's email, or a name")
    add.add_argument("--date", metavar="DATE", help="the day it was raised (default: today)")
    add.add_argument("--follow-up", metavar="DATE", help="the day to check on it")
    add_json_flag(add)
    add.set_defaults(handler=referral_add)

    update = actions.add_parser("update", help="move a referral along, with a dated note")
    update.add_argument("referral_id", metavar="ID", type=_number, help="the referral's number")
    update.add_argument("--status", choices=list(REFERRAL_STATUSES))
    update.add_argument("--follow-up", metavar="DATE",
                        help="the day to check on it again (none: no follow-up)")
    update.add_argument("--note", metavar="TEXT", default="", help="what happened")
    add_json_flag(update)
    update.set_defaults(handler=referral_update)

    listing = actions.add_parser("list", help="the year's referrals with their notes")
    listing.add_argument("--open", action="store_true", help="only open or in progress")
    listing.add_argument("--year", metavar="NAME", help="a school year (default: the current)")
    add_json_flag(listing)
    listing.set_defaults(handler=referral_list)


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a referral number") from None


def document(row: dict, notes: list[dict]) -> dict:
    """A referral as the commands print it (the keys the report uses)."""
    return {
        "referral_id": row["id"], "student_id": row["student_local_id"],
        "student_name": person_name(row, "student_"), "kind": row["kind"],
        "status": row["status"], "opened_on": row["opened_on"], "need": row["need"],
        "raised_by": row["raised_by"], "raised_by_email": row["mentor_email"] or None,
        "follow_up": row["follow_up_on"], "resolved_on": row["resolved_on"],
        "meeting_id": row["meeting_id"],
        "notes": [{"date": note["noted_on"], "text": note["note"], "status": note["status"]}
                  for note in notes],
    }


def _sentence(item: dict) -> str:
    due = f", follow up {day_words(item['follow_up'])}" if item["follow_up"] and \
        item["status"] != "resolved" else ""
    return (f"{item['referral_id']}: {item['student_name']} ({item['student_id'] or 'no ID'}) "
            f"to {label(REFERRAL_KINDS, item['kind']).lower()}, "
            f"{label(REFERRAL_STATUSES, item['status']).lower()}{due}: {item['need']}")


def referral_add(args: argparse.Namespace, out: Output) -> int:
    opened_on = parse_day(args.date, "--date") if args.date else clock.today()
    follow_up = parse_day(args.follow_up, "--follow-up") if args.follow_up else None
    with open_for_writing(args) as data:
        db = data.db
        student = students.student_by_local_id(db, args.student_id.strip())
        if student is None:
            raise InvalidInput(f"No student has the ID {args.student_id}. Check the ID (the "
                               "students command lists them).")
        mentor_id, raised_by = referral_actions.raised_by_from_text(db, args.by)
        outcome = referral_actions.raise_referral(db, NewReferral(
            student_id=student["id"], kind=args.kind, need=args.need, opened_on=opened_on,
            follow_up_on=follow_up, raised_by_mentor_id=mentor_id, raised_by=raised_by))
        saved = referrals.referral(db, outcome.value)
    item = document(saved, saved["notes"])
    if not out.json_mode:
        print(outcome.message, file=sys.stderr)
    return out.result(item, str(outcome.value))


def referral_update(args: argparse.Namespace, out: Output) -> int:
    follow_up = KEEP
    if args.follow_up is not None:
        typed = args.follow_up.strip()
        follow_up = None if typed.lower() in ("", "none") else parse_day(typed, "--follow-up")
    with open_for_writing(args) as data:
        outcome = referral_actions.update_referral(data.db, args.referral_id,
                                                   status=args.status, follow_up_on=follow_up,
                                                   note=args.note)
        saved = referrals.referral(data.db, args.referral_id)
    return out.result(document(saved, saved["notes"]), outcome.message)


def referral_list(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        year = years.resolve_year(data.db, args.year)
        rows = referrals.referrals_in_year(data.db, year["id"])
        notes = referrals.notes_by_referral(data.db, year_id=year["id"])
    if args.open:
        rows = [row for row in rows if row["status"] != "resolved"]
    items = [document(row, notes.get(row["id"], [])) for row in rows]
    lines = [_sentence(item) for item in items] or [
        f"No {'open ' if args.open else ''}referrals in {year['name']}."]
    return out.result(items, lines)
