"""year add / use / list: school years and their calendars."""

from __future__ import annotations

import argparse
import datetime as dt

from actions import years as year_actions
from analysis.years import calendar_check
from cli import add_json_flag
from cli.files import open_for_reading, open_for_writing, parse_day
from cli.output import Output
from storage import years
from storage.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction) -> None:
    year = subparsers.add_parser("year", help="school years and their calendars")
    actions = year.add_subparsers(dest="year_action", metavar="ACTION")

    add = actions.add_parser("add", help="set up (or update) a school year")
    add.add_argument("name", help="the year's name, such as 2025-2026")
    add.add_argument("--first-day", required=True, metavar="DATE", help="first instructional day")
    add.add_argument("--last-day", required=True, metavar="DATE", help="last instructional day")
    add.add_argument("--no-school", metavar="DATES", default="",
                     help="non-school days: dates and ranges, comma-separated "
                     "(2025-11-27,2025-12-22..2026-01-02)")
    add_json_flag(add)
    add.set_defaults(handler=year_add)

    use = actions.add_parser("use", help="make a year the current one")
    use.add_argument("name")
    add_json_flag(use)
    use.set_defaults(handler=year_use)

    listing = actions.add_parser("list", help="the school years in the file")
    add_json_flag(listing)
    listing.set_defaults(handler=year_list)

    start = actions.add_parser(
        "start", help="start a new school year from the current one: students move up a "
        "grade, the top grade leaves, matches go on")
    start.add_argument("name", help="the new year's name, such as 2027-2028")
    start.add_argument("--first-day", required=True, metavar="DATE",
                       help="first instructional day")
    start.add_argument("--last-day", required=True, metavar="DATE",
                       help="last instructional day")
    start.add_argument("--no-school", metavar="DATES", default="",
                       help="non-school days: dates and ranges, comma-separated")
    keep = start.add_mutually_exclusive_group()
    keep.add_argument("--keep-matches", dest="keep_matches", action="store_true", default=True,
                      help="matches whose student and mentor both stay go on (the default)")
    keep.add_argument("--no-keep-matches", dest="keep_matches", action="store_false",
                      help="close every open match at the end of the year")
    start.add_argument("--dry-run", action="store_true",
                       help="say what would happen, and change nothing")
    add_json_flag(start)
    start.set_defaults(handler=year_start)

    purge = actions.add_parser(
        "purge", help="let go of a past year's student-level records, keeping its report")
    purge.add_argument("name", help="the past school year")
    purge.add_argument("--yes", action="store_true",
                       help="go ahead (without it: say what would go, change nothing)")
    add_json_flag(purge)
    purge.set_defaults(handler=year_purge)


def parse_non_school_days(text: str) -> list[dt.date]:
    """"2025-11-27,2025-12-22..2026-01-02" -> every date named, ranges inclusive."""
    days: list[dt.date] = []
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        if ".." in part:
            start_text, end_text = part.split("..", 1)
            start = parse_day(start_text, "the start of a break")
            end = parse_day(end_text, "the end of a break")
            if end < start:
                raise InvalidInput(f"The break {part} ends before it starts. Check the two dates.")
            days.extend(start + dt.timedelta(days=n) for n in range((end - start).days + 1))
        else:
            days.append(parse_day(part, "a non-school day"))
    return days


def year_add(args: argparse.Namespace, out: Output) -> int:
    first_day = parse_day(args.first_day, "--first-day")
    last_day = parse_day(args.last_day, "--last-day")
    no_school = parse_non_school_days(args.no_school)
    # Weekends are not school days anyway; a range over a break names only its weekdays.
    no_school = [day for day in no_school if day.weekday() < 5]
    with open_for_writing(args, create=True) as data:
        db = data.db
        existed = years.year_by_name(db, args.name.strip()) is not None
        outcome = year_actions.save_year(db, args.name, first_day, last_day,
                                         [(day, "") for day in no_school])
        year_id = outcome.value
        current = years.current_year(db)
        year = years.year_by_id(db, year_id)
        non_school = years.non_school_days(db, year_id)
        check = calendar_check(db, year_id)
    document = {**year, "non_school_days": [row["day"] for row in non_school],
                "current": current["id"] == year_id if current else False,
                "updated": existed, "school_days": check.school_days,
                "warnings": list(check.warnings)}
    verb = "Updated" if existed else "Added"
    lines = [f"{verb} the school year {year['name']}: {first_day:%d %b %Y} to {last_day:%d %b %Y}, "
             f"{len(non_school)} non-school days, {check.school_days} school days."]
    # The action's sentence goes on to say how much stored attendance falls on days now closed.
    closing = outcome.message.removeprefix(f"{verb} the school year {year['name']}.").strip()
    if closing:
        lines.append(closing)
    if document["current"]:
        lines.append(f"{year['name']} is the current year.")
    lines += list(check.warnings)
    return out.result(document, lines)


def year_use(args: argparse.Namespace, out: Output) -> int:
    with open_for_writing(args) as data:
        year = year_actions.use_year(data.db, args.name).value
    return out.result({"current_year": year["name"]}, f"{year['name']} is now the current year.")


def year_list(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        rows = years.all_years(data.db)
        current = years.current_year(data.db)
        checks = {row["id"]: calendar_check(data.db, row["id"]) for row in rows}
    document = [{**row, "current": bool(current and current["id"] == row["id"]),
                 "school_days": checks[row["id"]].school_days,
                 "stated_school_days": checks[row["id"]].stated_school_days,
                 "warnings": list(checks[row["id"]].warnings)} for row in rows]
    if not rows:
        return out.result(document, "No school years yet.")
    lines = []
    for row in document:
        lines.append(f"{row['name']}: {row['first_day']} to {row['last_day']}, "
                     f"{row['non_school_days']} non-school days, {row['school_days']} school days"
                     + ("  (current)" if row["current"] else ""))
        lines += [f"  {warning}" for warning in row["warnings"]]
    return out.result(document, lines)


def year_start(args: argparse.Namespace, out: Output) -> int:
    from actions.new_year import NewYear, preview_new_year, start_new_year

    first_day = parse_day(args.first_day, "--first-day")
    last_day = parse_day(args.last_day, "--last-day")
    no_school = [day for day in parse_non_school_days(args.no_school) if day.weekday() < 5]
    request = NewYear(args.name, first_day, last_day, [(day, "") for day in no_school],
                      keep_matches=args.keep_matches)
    if args.dry_run:
        with open_for_reading(args) as data:
            preview = preview_new_year(data.db, request)
        return out.result({**preview.figures(), "dry_run": True},
                          preview.sentences() + ["Nothing was changed (a preview)."])
    with open_for_writing(args) as data:
        outcome = start_new_year(data.db, request)
    preview = outcome.value
    return out.result({**preview.figures(), "dry_run": False},
                      preview.sentences() + [outcome.message])


def year_purge(args: argparse.Namespace, out: Output) -> int:
    from cli.letting_go import purge_year_command

    return purge_year_command(args, out)
