"""report: the end-of-year (or any period's) program report as an Excel workbook or a PDF."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from cli import add_json_flag
from cli.files import open_for_reading, parse_day
from cli.output import Output
from program.vocabulary import day_words
from storage import clock, years
from storage.errors import InvalidInput

FORMATS = {".xlsx": "Excel workbook", ".pdf": "PDF"}


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "report", help="the program report (end of year, or any period) as .xlsx or .pdf")
    command.add_argument("out", metavar="OUT.xlsx|OUT.pdf",
                         help="the file to write: .xlsx for Excel, .pdf for print "
                         "(.mentordesk-district with --district)")
    command.add_argument("--year", metavar="NAME",
                         help="the school year (default: the current one)")
    command.add_argument("--as-of", metavar="DATE",
                         help="the report's last day, included (default: today, or the year's "
                         "last day when earlier)")
    command.add_argument("--from", dest="start", metavar="DATE",
                         help="the report's first day (default: the year's first day)")
    command.add_argument("--team", action="store_true",
                         help="for the program team: adds figures by mentor and a sheet per "
                         "student (default: for administrators, totals only)")
    command.add_argument("--paper", choices=("letter", "a4"),
                         help="PDF paper size (default: your computer's usual one)")
    command.add_argument("--district", action="store_true",
                         help="the district file instead (OUT.mentordesk-district): the "
                         "program's figures for the district's roll-up")
    add_json_flag(command)
    command.set_defaults(handler=report_command)


def _choose(db, year_name: str | None, as_of: dt.date | None) -> tuple[dict, dt.date]:
    """The year and the last day: the named or current year (or, with only --as-of, the year
    holding that date), as of the earlier of the date (default today) and the year's end."""
    from analysis.years import choose_year

    if year_name or as_of is None:
        year = years.current_year(db) if not year_name else years.resolve_year(db, year_name)
        if year is None:
            chosen = choose_year(db, as_of)
            year = years.year_by_id(db, chosen.year_id)
    else:
        chosen = choose_year(db, as_of)
        year = years.year_by_id(db, chosen.year_id)
    last_day = dt.date.fromisoformat(year["last_day"])
    first_day = dt.date.fromisoformat(year["first_day"])
    day = min(as_of or clock.today(), last_day)
    if day < first_day:
        raise InvalidInput(
            f"The school year {year['name']} starts on {first_day:%d %b %Y}, after "
            f"{day:%d %b %Y}: there is nothing to report yet. Choose a later --as-of date or "
            "another --year.")
    return year, day


def report_command(args: argparse.Namespace, out: Output) -> int:
    from reports import claims as report_claims
    from reports.disclosure import shown
    from reports.figures import ADMINISTRATORS, TEAM, compute_figures, report_title
    from reports.formats import date_words
    from reports.report_json import to_json

    if args.district:
        from cli.district_commands import district_command

        return district_command(args, out)
    path = Path(args.out).expanduser()
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidInput(
            f'MentorDesk writes the report as an Excel workbook (.xlsx) or a PDF (.pdf), so '
            f'"{path.name}" needs one of those endings, for example report.xlsx.')
    as_of = parse_day(args.as_of, "--as-of") if args.as_of else None
    start = parse_day(args.start, "--from") if args.start else None
    level = TEAM if args.team else ADMINISTRATORS
    with open_for_reading(args) as data:
        year, day = _choose(data.db, args.year, as_of)
        if year.get("purged_on"):
            return _kept_report(data.db, year, args, path, out)
        figures = compute_figures(data.db, year["id"], as_of=day, period_start=start,
                                  level=level)
        logo = _logo(data.db)
    if suffix == ".xlsx":
        from reports.workbook import save_report_workbook

        written = save_report_workbook(figures, path)
    else:
        from reports.end_of_year import save_report_pdf
        from reports.qt_app import ensure_gui_application

        ensure_gui_application()
        written = save_report_pdf(figures, path, paper=args.paper, logo_path=logo)
    view = shown(figures)
    document = to_json(figures, view)
    document["file"] = str(written)
    who = "the program team" if args.team else "administrators"
    # The report's own claims: the share who improved beside similar students', in the
    # front page's words, and its verdict when similar students did as well or better.
    found = report_claims.claims(figures, view)
    lines = [
        f"Saved the {report_title(figures).lower()} for {figures.period.year_name} "
        f"({FORMATS[suffix]}, for {who}) to {written}.",
        f"{figures.period.label}; data as of {date_words(figures.period.as_of)}.",
        f"Students served: {view.count(('served',))}. Meetings held: "
        f"{view.figure(('meetings',), figures.meetings_held)}. {found[0].sentence} "
        f"Mentees who left chronic absence: {view.count(('left_chronic',))}.",
    ]
    if any(claim.as_well_or_better for claim in found):
        lines.append(report_claims.verdict(found))
    return out.result(document, lines)


def _kept_report(db, year: dict, args: argparse.Namespace, path: Path, out: Output) -> int:
    """A purged year: the report kept when its student records were let go, as it was."""
    from reports.saving import write_atomically
    from storage.erasure import saved_report

    kept = saved_report(db, year["id"])
    if args.team or args.as_of or args.start or kept is None:
        raise InvalidInput(
            f"The student records of {year['name']} were let go on "
            f"{day_words(year['purged_on'])}; only its report for administrators, for the whole "
            "year, was kept. Run the command again without --team, --as-of and --from.")
    content = kept["workbook"] if path.suffix.lower() == ".xlsx" else kept["pdf"]
    if content is None:
        raise InvalidInput(f"The kept report of {year['name']} has no "
                           f"{FORMATS[path.suffix.lower()]}. Save it as .xlsx instead.")
    written = write_atomically(path, lambda temporary: temporary.write_bytes(content))
    document = {**kept["figures"], "file": str(written), "kept_report": True,
                "kept_at": kept["saved_at"]}
    return out.result(document, [
        f"Saved the report of {year['name']} kept when its student records were let go "
        f"({FORMATS[path.suffix.lower()]}) to {written}."])


def _logo(db) -> str:
    from storage import settings

    return settings.get(db, "school_logo")
