"""The district: ``report OUT.mentordesk-district --district`` (this school's figures for the
district's program office) and ``rollup OUT.xlsx|OUT.pdf FILE...`` (several schools' files
combined into the district's workbook or PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path

from cli import add_json_flag
from cli.files import open_for_reading, parse_day
from cli.output import Output
from storage.errors import InvalidInput

ROLLUP_FORMATS = {".xlsx": "Excel workbook", ".pdf": "PDF"}


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "rollup", help="combine schools' district files into the district's workbook or PDF")
    command.add_argument("out", metavar="OUT.xlsx|OUT.pdf",
                         help="the file to write: .xlsx for Excel, .pdf for print")
    command.add_argument("files", metavar="FILE", nargs="+",
                         help="the schools' .mentordesk-district files")
    command.add_argument("--paper", choices=("letter", "a4"),
                         help="PDF paper size (default: your computer's usual one)")
    add_json_flag(command)
    command.set_defaults(handler=rollup_command)


def district_command(args: argparse.Namespace, out: Output) -> int:
    """``report OUT --district``: this school's district file for the year."""
    from cli.report_commands import _choose
    from reports.district import NOTICE, SUFFIX, district_document, save_district_file

    path = Path(args.out).expanduser()
    if not path.name.endswith(SUFFIX):
        raise InvalidInput(f'The district file ends in {SUFFIX}, so "{path.name}" needs that '
                           f"ending, for example lincoln{SUFFIX}.")
    if args.start or args.team:
        raise InvalidInput("The district file is the program's whole year so far, for the "
                           "district's program office: leave out --from and --team.")
    as_of = parse_day(args.as_of, "--as-of") if args.as_of else None
    with open_for_reading(args) as data:
        year, day = _choose(data.db, args.year, as_of)
        document = district_document(data.db, year["id"], day)
    saved = save_district_file(document, path)
    figures = document["figures"]
    return out.result({**document, "file": str(saved)}, [
        f"Saved {document['school']['name']}'s district file for {document['year']['name']} "
        f"(as of {document['as_of']}) to {saved}.",
        f"Students served: {figures.get('students_served', 0)}. Meetings held: "
        f"{figures.get('meetings_held', 0)}.",
        NOTICE,
    ])


def rollup_command(args: argparse.Namespace, out: Output) -> int:
    from reports.rollup import combine
    from reports.rollup_model import publish
    from reports.rollup_outputs import save_rollup

    path = Path(args.out).expanduser()
    suffix = path.suffix.lower()
    if suffix not in ROLLUP_FORMATS:
        raise InvalidInput(f'MentorDesk writes the roll-up as an Excel workbook (.xlsx) or a PDF '
                           f'(.pdf), so "{path.name}" needs one of those endings, for example '
                           "district.xlsx.")
    rollup = combine([Path(name) for name in args.files])
    published = publish(rollup)
    saved = save_rollup(published, path, paper=args.paper)
    document = {**published.document(), "file": str(saved)}
    lines = [f"Saved the district roll-up for {rollup.year['name']} ({ROLLUP_FORMATS[suffix]}, "
             f"{len(rollup.schools)} {'school' if len(rollup.schools) == 1 else 'schools'}) "
             f"to {saved}.", *rollup.notes]
    if published.any_hidden:
        lines.append("Small counts are not shown (fewer than 5), nor any figure they could be "
                     "worked out from.")
    return out.result(document, lines)
