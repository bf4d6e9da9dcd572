"""student delete / year purge: letting data go on purpose, after saying what goes."""

from __future__ import annotations

import argparse

from cli import add_json_flag
from cli.files import data_file_path, open_for_reading, open_for_writing
from cli.output import Output
from storage.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction) -> None:
    student = subparsers.add_parser("student", help="one student (deleting for good)")
    actions = student.add_subparsers(dest="student_action", metavar="ACTION")
    delete = actions.add_parser(
        "delete", help="delete a student for good, with everything about them")
    delete.add_argument("student_id", metavar="STUDENT_ID", help="the school's student ID")
    delete.add_argument("--yes", action="store_true",
                        help="go ahead (without it: say what would go, change nothing)")
    add_json_flag(delete)
    delete.set_defaults(handler=student_delete)


def student_delete(args: argparse.Namespace, out: Output) -> int:
    from actions.letting_go import delete_student_for_good, deletion_question, find_student

    if not args.yes:
        with open_for_reading(args) as data:
            student = find_student(data.db, args.student_id)
            question = deletion_question(data.db, student["id"], data_file_path(args))
        raise InvalidInput(f"{question} Nothing was changed. To delete them, run again with "
                           f"--yes: student delete {args.student_id} --yes")
    with open_for_writing(args) as data:
        student = find_student(data.db, args.student_id)
        outcome = delete_student_for_good(data.db, student["id"])
    return out.result({"student_id": args.student_id.strip(), "deleted": True,
                       "removed": outcome.value},
                      f"Deleted the student with ID {args.student_id.strip()} for good, with "
                      "everything about them. Older backups still hold their record.")


def purge_year_command(args: argparse.Namespace, out: Output) -> int:
    """year purge NAME [--yes]: the year's report is saved in the file, then its student
    records go."""
    from actions.letting_go import YearReport, purge_question, purge_year, purgeable_year

    if not args.yes:
        with open_for_reading(args) as data:
            question = purge_question(data.db, args.name, data_file_path(args))
        raise InvalidInput(f"{question} Nothing was changed. To go ahead, run again with "
                           f"--yes: year purge {args.name} --yes")
    from reports.saved_year import year_report_files

    with open_for_writing(args) as data:
        year = purgeable_year(data.db, args.name)
        figures, workbook, pdf = year_report_files(data.db, year["id"])
        outcome = purge_year(data.db, args.name, YearReport(figures, workbook, pdf))
    return out.result({"year": year["name"], "purged": True, "removed": outcome.value,
                       "report_kept": True},
                      [outcome.message,
                       f"Its report can still be saved: report OUT.xlsx --year {year['name']}"])
