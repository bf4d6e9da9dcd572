"""demo: fill a new (or, with --force, emptied) file with the made-up demo school."""

from __future__ import annotations

import argparse

from actions.demo import make_demo_school
from cli import add_json_flag
from cli.files import data_file_path, open_for_writing, parse_day
from cli.output import Output
from storage import clock
from storage.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("demo", help="fill a new file with a made-up demo school")
    command.add_argument("--students", type=int, default=400, metavar="N",
                         help="students this year (default 400)")
    command.add_argument("--seed", type=int, default=1, metavar="S",
                         help="same seed, same school (default 1)")
    command.add_argument("--force", action="store_true",
                         help="make the demo again in a file that holds the demo school")
    command.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    add_json_flag(command)
    command.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace, out: Output) -> int:
    if args.students < 12 or args.students > 5000:
        raise InvalidInput("--students takes a number from 12 to 5000.")
    today = parse_day(args.today, "--today") if args.today else clock.today()
    with open_for_writing(args, create=True) as data:
        counts = make_demo_school(data.db, file_name=data_file_path(args).name,
                                  students=args.students, seed=args.seed, today=today,
                                  replace_demo=args.force).value
    document = {**counts, "file": str(data_file_path(args))}
    return out.result(
        document,
        f"Made the demo school in {data_file_path(args).name}: {counts['students']} students, "
        f"{counts['mentors']} mentors, {counts['matches']} matches, {counts['meetings']} "
        f"meetings, {counts['attendance_days']} attendance days ({', '.join(counts['years'])}).",
    )
