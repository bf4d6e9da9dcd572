"""import / undo-import / imports / codes / template: bringing spreadsheets in, headless."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from actions.imports import ImportRequest, StoppedAfterSaving, import_file, undo_import
from actions.settings import set_attendance_code, set_day_types
from cli import add_json_flag, startup
from cli.files import data_file_path, open_for_reading, open_for_writing, parse_day
from cli.output import Output
from importing.apply import undo_preview
from importing.kinds import KIND_NAMES
from importing.kinds.base import Options
from importing.plan import Plan, make_plan, parse_mapping_option, prepare
from importing.template import write_nomination_template
from storage import attendance as attendance_store
from storage import day_types, imports
from storage.database import open_data_file
from storage.errors import InvalidInput


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "import", help="bring in a spreadsheet (roster, nominations, staff list, matches, "
        "meetings, attendance, calendar or survey answers)")
    command.add_argument("kind", choices=KIND_NAMES, help="what the file holds")
    command.add_argument("path", metavar="PATH", help="the .xlsx, .xls, .ods or .csv file")
    command.add_argument("--sheet", action="append", metavar="NAME",
                         help="import only this sheet (repeat for several)")
    command.add_argument("--dry-run", action="store_true",
                         help="show what would change, and change nothing")
    command.add_argument("--absences-only", action="store_true",
                         help="attendance: the file lists only absences and tardies; days not "
                         "listed were present days")
    command.add_argument("--through", metavar="DATE",
                         help="attendance: the last school day the file covers (default: its "
                         "latest date); for totals, the date they are as of")
    command.add_argument("--from", dest="covers_from", metavar="DATE",
                         help="attendance, absences only: the first school day the file covers "
                         "(default: the first day of the year)")
    command.add_argument("--year", metavar="NAME",
                         help="the school year (default: the current one)")
    command.add_argument("--when", choices=("start", "end"),
                         help="surveys: the answers are from the start or the end of mentoring "
                         "(default: the file's name says which)")
    command.add_argument("--close-matches", action="store_true",
                         help="roster: close the matches of students who left")
    command.add_argument("--map", action="append", metavar="COLUMN=FIELD",
                         help='say what a column holds, e.g. --map "Stu Num=student_id" '
                         '(FIELD "ignore" leaves a column out)')
    add_json_flag(command)
    command.set_defaults(handler=import_command)

    command = subparsers.add_parser("undo-import", help="undo a whole import")
    command.add_argument("batch", type=int, metavar="BATCH", help="the import's number")
    command.add_argument("--yes", action="store_true",
                         help="undo even when later work depends on the import (it goes too)")
    add_json_flag(command)
    command.set_defaults(handler=undo_command)

    command = subparsers.add_parser("imports", help="the imports made into the file")
    add_json_flag(command)
    command.set_defaults(handler=imports_command)

    codes = subparsers.add_parser("codes", help="the school's attendance codes")
    actions = codes.add_subparsers(dest="codes_action", metavar="ACTION")
    listing = actions.add_parser("list", help="every code and what it means")
    add_json_flag(listing)
    listing.set_defaults(handler=codes_list)
    setting = actions.add_parser("set", help="say what a code means")
    setting.add_argument("code", metavar="CODE")
    setting.add_argument("status", metavar="STATUS",
                         help="present, tardy, absent_excused, absent_unexcused, "
                         "suspension_in, suspension_out, half_day or partial")
    setting.add_argument("--label", default="", help="words for the code")
    add_json_flag(setting)
    setting.set_defaults(handler=codes_set)

    day_types = subparsers.add_parser("day-types", help="the kinds of day a calendar file "
                                      "names, and whether there is school on them")
    actions = day_types.add_subparsers(dest="day_types_action", metavar="ACTION")
    listing = actions.add_parser("list", help="every kind of day MentorDesk knows")
    add_json_flag(listing)
    listing.set_defaults(handler=day_types_list)
    setting = actions.add_parser("set", help="say whether there is school on a kind of day")
    setting.add_argument("word", metavar="WORD", help='the kind of day, e.g. "Spirit day"')
    setting.add_argument("school", choices=("school", "no-school"),
                         help="whether students are in school on such a day")
    add_json_flag(setting)
    setting.set_defaults(handler=day_types_set)

    template = subparsers.add_parser("template", help="blank spreadsheets to hand out")
    what = template.add_subparsers(dest="template_kind", metavar="WHAT")
    nominations = what.add_parser("nominations", help="the teachers' nomination sheet")
    nominations.add_argument("out", metavar="OUT.xlsx")
    add_json_flag(nominations)
    nominations.set_defaults(handler=template_nominations)


def import_command(args: argparse.Namespace, out: Output) -> int:
    path = Path(args.path).expanduser()
    options = Options(
        absences_only=args.absences_only,
        through=parse_day(args.through, "--through") if args.through else None,
        covers_from=parse_day(args.covers_from, "--from") if args.covers_from else None,
        close_matches=args.close_matches,
        survey_phase={"start": "pre", "end": "post"}.get(args.when or ""),
    )
    # The spreadsheet is checked before the data file is touched: a refused file leaves no trace.
    workbook = startup.workbook(path, args.sheet)
    target = data_file_path(args)
    if args.dry_run:
        if target.exists():
            with open_for_reading(args) as data:
                plan = _plan(data.db, workbook, args, options)
        else:
            with tempfile.TemporaryDirectory() as folder, \
                    open_data_file(Path(folder) / "preview.sqlite", create=True) as data:
                plan = _plan(data.db, workbook, args, options)
        return _answer(out, plan, None)
    request = ImportRequest(path, args.kind, sheets=args.sheet, year=args.year, options=options,
                            mapping_texts=args.map)
    try:
        with open_for_writing(args, create=True) as data:
            plan, batch = import_file(data.path, request, workbook=workbook).value
        return _answer(out, plan, batch)
    except KeyboardInterrupt:
        # Ctrl-C after the import was saved: say so, not "nothing was written".
        if request.saved_batch is not None:
            raise StoppedAfterSaving(request.saved_batch) from None
        raise


def _plan(db, workbook, args: argparse.Namespace, options: Options) -> Plan:
    source = prepare(db, workbook, args.kind, sheet_names=args.sheet)
    if args.map:
        source = prepare(db, workbook, args.kind, sheet_names=args.sheet,
                         mappings=parse_mapping_option(source, args.map))
    return make_plan(db, source, year_name=args.year, options=options)


def _answer(out: Output, plan: Plan, batch: int | None) -> int:
    document = plan.document(batch)
    if plan.stopped:
        document["error"] = plan.stopped
        if out.json_mode:
            out.result(document)
        else:
            for line in plan.sentences(dry_run=True)[1:]:
                print(line)
        print(plan.stopped, file=sys.stderr)
        return 1
    lines = plan.sentences(dry_run=batch is None)
    if plan.to_confirm and not plan.options.close_matches:
        lines.append("To close those matches, run the import again with --close-matches.")
    if batch is None:
        lines.append("Nothing was changed (a preview).")
    else:
        lines.append(f"This was import number {batch}. To undo it: undo-import {batch}")
    return out.result(document, lines)


def undo_command(args: argparse.Namespace, out: Output) -> int:
    if not 0 < args.batch < 2**63:  # SQLite's integers end there: no import has that number
        raise InvalidInput(f"There is no import number {args.batch}. The imports command "
                           "lists their numbers.")
    with open_for_writing(args) as data:
        batch, consequences, _ = undo_preview(data.db, args.batch)
        counts = undo_import(data.db, args.batch, agreed=args.yes).value
    document = {"batch": args.batch, "undone": True, "kind": batch["kind"],
                "file": batch["file_name"], **counts, "also_removed": consequences}
    return out.result(document, f"Undid import {args.batch} ({batch['kind']} from "
                                f"{batch['file_name']}): {counts['removed']} records removed, "
                                f"{counts['restored']} put back as they were.")


def imports_command(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        rows = imports.all_batches(data.db)
    document = [
        {"batch": row["id"], "kind": row["kind"], "file": row["file_name"],
         "sheets": row["sheets"], "imported_at": row["imported_at"],
         "year": row["details"].get("year"), "added": row["added"],
         "updated": row["updated"], "unchanged": row["unchanged"], "skipped": row["skipped"],
         "attendance_mode": row["attendance_mode"], "covers_from": row["covers_from"],
         "covers_through": row["covers_through"], "undone_at": row["undone_at"]}
        for row in rows
    ]
    if not rows:
        return out.result(document, "No imports yet.")
    lines = [f"{row['batch']:>4}  {row['imported_at'][:16]}  {row['kind']:<10} {row['file']}: "
             f"{row['added']} added, {row['updated']} updated"
             + (f"  (undone {row['undone_at'][:16]})" if row["undone_at"] else "")
             for row in document]
    return out.result(document, lines)


def codes_list(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        rows = attendance_store.codes(data.db)
    lines = [f"{row['code'] or '(blank)':>8}  {row['status']:<17} {row['label']}" for row in rows]
    return out.result(rows, lines)


def codes_set(args: argparse.Namespace, out: Output) -> int:
    with open_for_writing(args) as data:
        status = args.status.strip().lower().replace("-", "_").replace(" ", "_")
        set_attendance_code(data.db, args.code, status, args.label)
        row = next(r for r in attendance_store.codes(data.db)
                   if r["code"].upper() == args.code.strip().upper())
    return out.result(row, f"The code {row['code'] or '(blank)'} now means {row['status']}.")


def day_types_list(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        rows = day_types.listed(data.db)
    lines = [f"{row['word']:<28} {'school' if row['school'] else 'no school'}" for row in rows]
    return out.result(rows, lines)


def day_types_set(args: argparse.Namespace, out: Output) -> int:
    school = args.school == "school"
    with open_for_writing(args) as data:
        outcome = set_day_types(data.db, {args.word: school})
    return out.result({"word": args.word.strip(), "school": school}, outcome.message)


def template_nominations(args: argparse.Namespace, out: Output) -> int:
    saved = write_nomination_template(Path(args.out))
    return out.result({"template": "nominations", "file": str(saved)},
                      f"Saved the blank nomination sheet to {saved}.")

