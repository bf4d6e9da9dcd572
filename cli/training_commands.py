"""training add / attend / list: mentor training sessions and who came."""

from __future__ import annotations

import argparse
import sys

from actions import trainings as training_actions
from analysis.trainings import missed_required_sessions
from cli import add_json_flag
from cli.files import open_for_reading, open_for_writing, parse_day
from cli.output import Output
from program.vocabulary import TRAINING_KINDS, day_words, label
from storage import mentors, trainings, years
from storage.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction) -> None:
    training = subparsers.add_parser("training", help="mentor trainings and who came")
    actions = training.add_subparsers(dest="training_action", metavar="ACTION")

    add = actions.add_parser("add", help="add a training session")
    add.add_argument("--date", required=True, metavar="DATE", help="the day it is held")
    add.add_argument("--title", required=True, metavar="TEXT")
    add.add_argument("--kind", required=True, choices=list(TRAINING_KINDS))
    add.add_argument("--required", action="store_true", help="every mentor must attend")
    add_json_flag(add)
    add.set_defaults(handler=training_add)

    attend = actions.add_parser("attend", help="mark mentors as at a session (by email)")
    attend.add_argument("training_id", metavar="ID", type=_number, help="the session's number")
    attend.add_argument("emails", metavar="EMAIL", nargs="+", help="the mentors who came")
    add_json_flag(attend)
    attend.set_defaults(handler=training_attend)

    listing = actions.add_parser("list", help="the year's sessions and who came")
    listing.add_argument("--year", metavar="NAME", help="a school year (default: the current)")
    add_json_flag(listing)
    listing.set_defaults(handler=training_list)


def _number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a training number") from None


def training_add(args: argparse.Namespace, out: Output) -> int:
    held_on = parse_day(args.date, "--date")
    with open_for_writing(args) as data:
        outcome = training_actions.add_training(data.db, held_on, args.title, args.kind,
                                                required=args.required)
    if not out.json_mode:
        print(outcome.message, file=sys.stderr)
    return out.result({"training_id": outcome.value}, str(outcome.value))


def training_attend(args: argparse.Namespace, out: Output) -> int:
    with open_for_writing(args) as data:
        db = data.db
        mentor_ids = []
        for email in args.emails:
            found = mentors.mentors_by_email(db, email)
            if not found:
                raise InvalidInput(f"No mentor has the email {email}. Check the spelling "
                                   "(nobody was marked).")
            mentor_ids.append(sorted(found, key=lambda row: (not row["active"], row["id"]))[0]
                              ["id"])
        outcome = training_actions.add_attendees(db, args.training_id, mentor_ids)
        saved = trainings.training(db, args.training_id)
        emails = _emails(db)
    return out.result({"training_id": args.training_id, "added": [emails[i] for i in outcome.value],
                       "attendees": sorted(emails[i] for i in saved["attendee_ids"])},
                      outcome.message)


def _emails(db) -> dict[int, str]:
    return {row["id"]: row["email"] for row in mentors.all_mentors(db)}


def training_list(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        db = data.db
        year = years.resolve_year(db, args.year)
        rows = trainings.trainings_in_year(db, year["id"])
        emails = _emails(db)
        missed: dict[int, list[str]] = {}
        for item in missed_required_sessions(db, year["id"]):
            missed.setdefault(item.training_id, []).append(item.mentor_email)
    items = [{"training_id": row["id"], "held_on": row["held_on"], "title": row["title"],
              "kind": row["kind"], "required": bool(row["required"]),
              "attendees": sorted(emails[i] for i in row["attendee_ids"]),
              "missed": missed.get(row["id"], []) if row["required"] else []}
             for row in rows]
    lines = [f"{item['training_id']}: {day_words(item['held_on'])} \u201c{item['title']}\u201d "
             f"({label(TRAINING_KINDS, item['kind']).lower()}"
             f"{', required' if item['required'] else ''}): {len(item['attendees'])} came"
             + (f", {len(item['missed'])} still to make it up" if item["missed"] else "")
             for item in items] or [f"No trainings in {year['name']} yet."]
    return out.result(items, lines)
