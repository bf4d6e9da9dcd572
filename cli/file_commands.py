"""Commands about the file as a whole: summary, students, check, backup."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli import add_json_flag
from cli.files import data_file_path, open_for_reading
from cli.output import Output
from storage import students, summary, years
from storage.backups import backup_to
from storage.errors import KnownProblem


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "summary", help="how many of each kind of record the file holds")
    add_json_flag(command)
    command.set_defaults(handler=summary_command)

    command = subparsers.add_parser("students", help="the students of a school year")
    command.add_argument("--year", metavar="NAME",
                         help="the school year (default: the current one)")
    add_json_flag(command)
    command.set_defaults(handler=students_command)

    command = subparsers.add_parser("check", help="check the file for damage")
    add_json_flag(command)
    command.set_defaults(handler=check_command)

    command = subparsers.add_parser("backup", help="save a consistent copy, even while in use")
    command.add_argument("out", metavar="OUT.sqlite", help="where to save the copy")
    add_json_flag(command)
    command.set_defaults(handler=backup_command)


def summary_command(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        counts = summary.record_counts(data.db)
        year = years.current_year(data.db)
    counts["current_year"] = year["name"] if year else None
    lines = [f"{name.replace('_', ' ')}: {value}" for name, value in counts.items()]
    return out.result(counts, lines)


def students_command(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        year = years.resolve_year(data.db, args.year)
        rows = students.students_in_year(data.db, year["id"])
    document = [
        {
            "student_id": row["local_id"],
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "preferred_name": row["preferred_name"],
            "grade": row["grade"],
            # Carried up by a new school year and not yet confirmed by that year's roster.
            "grade_provisional": bool(row["grade_provisional"]),
            "homeroom": row["homeroom"],
            "entry_date": row["entry_date"],
            "exit_date": row["exit_date"],
            "archived": bool(row["archived"]),
            "year": year["name"],
        }
        for row in rows
    ]
    lines = [f"{len(rows)} students in {year['name']}."] + [
        f"{row['local_id'] or '(no ID)':>10}  {row['last_name']}, {row['first_name']}"
        f"  grade {_grade_words(row['grade'])}  {row['homeroom']}"
        + ("  (archived)" if row["archived"] else "")
        for row in rows
    ]
    return out.result(document, lines)


def _grade_words(grade: int | None) -> str:
    return {None: "?", 0: "K", -1: "PK"}.get(grade, str(grade))


def check_command(args: argparse.Namespace, out: Output) -> int:
    from storage.database import open_data_file
    from storage.schema_check import differences

    # The layout is compared here, difference by difference, instead of refused at opening.
    with open_data_file(data_file_path(args), write=False, refuse_foreign=False) as data:
        problems = summary.integrity_problems(data.db)
        problems += [f"its layout is not MentorDesk's: {difference}"
                     for difference in differences(data.db)]
    if problems:
        message = (
            f"{data_file_path(args).name} has {len(problems)} problem(s): "
            + "; ".join(problems[:5])
            + ". Restore the latest backup, or keep a copy of the file and ask for help."
        )
        if out.json_mode:
            out.result({"ok": False, "problems": problems})
            return 1
        return out.refuse(message)
    return out.result({"ok": True, "problems": []}, f"{data_file_path(args).name} is sound.")


def backup_command(args: argparse.Namespace, out: Output) -> int:
    target = Path(args.out).expanduser()
    source = data_file_path(args)
    if target.resolve() == source.resolve():
        raise KnownProblem("The backup cannot overwrite the data file itself. Choose another name.")
    with open_for_reading(args) as data:
        # A reading command: it takes no writer's lock, so it writes nothing (not even history).
        backup_to(data.db, target)
    return out.result({"backup": str(target)}, f"Saved a copy of {source.name} to {target}.")
