"""demo: fill a new (or, with --force, emptied) file with the made-up demo school."""

from __future__ import annotations

import argparse

from cli import add_json_flag
from cli.files import data_file_path, open_for_writing, parse_day
from cli.output import Output
from storage import clock, summary
from storage.errors import InvalidInput
from storage.maintenance import empty_file, holds_data


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("demo", help="fill a new file with a made-up demo school")
    command.add_argument("--students", type=int, default=400, metavar="N",
                         help="students this year (default 400)")
    command.add_argument("--seed", type=int, default=1, metavar="S",
                         help="same seed, same school (default 1)")
    command.add_argument("--force", action="store_true",
                         help="empty a file that already holds data first")
    command.add_argument("--today", metavar="DATE", help=argparse.SUPPRESS)
    add_json_flag(command)
    command.set_defaults(handler=demo_command)


def demo_command(args: argparse.Namespace, out: Output) -> int:
    from demo.school import build_demo_school

    if args.students < 12 or args.students > 5000:
        raise InvalidInput("--students takes a number from 12 to 5000.")
    today = parse_day(args.today, "--today") if args.today else clock.today()
    with open_for_writing(args, create=True) as data:
        if holds_data(data.db):
            if not args.force:
                raise InvalidInput(
                    f"{data_file_path(args).name} already holds a school. Nothing was changed. "
                    "Choose a new file name for the demo, or add --force to empty this one first."
                )
            empty_file(data.db)
        result = build_demo_school(data.db, students_count=args.students, seed=args.seed,
                                   today=today)
        counts = summary.record_counts(data.db)
    document = {**counts, "years": result["years"], "file": str(data_file_path(args))}
    return out.result(
        document,
        f"Made the demo school in {data_file_path(args).name}: {counts['students']} students, "
        f"{counts['mentors']} mentors, {counts['matches']} matches, {counts['meetings']} "
        f"meetings, {counts['attendance_days']} attendance days ({', '.join(result['years'])}).",
    )
