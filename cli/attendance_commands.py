"""attendance: each student's days enrolled, days absent, absence rate and tier."""

from __future__ import annotations

import argparse

from analysis.attendance import by_student, year_attendance
from analysis.years import choose_year
from cli import add_json_flag
from cli.files import open_for_reading, parse_day
from cli.output import Output
from program.attendance import TIERS, tier_counts
from program.vocabulary import percent, tier_words, weekday_words
from storage import students


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser(
        "attendance", help="each student's absence rate and tier (chronic absence)")
    command.add_argument("--as-of", metavar="DATE",
                         help="count up to this date, included (default: today)")
    command.add_argument("--year", metavar="NAME",
                         help="the school year (default: the one containing the as-of date)")
    add_json_flag(command)
    command.set_defaults(handler=attendance_command)


def _number(value: float) -> float | int:
    """90.0 -> 90, 11.5 -> 11.5: whole numbers print as whole numbers."""
    return int(value) if float(value).is_integer() else value


def attendance_command(args: argparse.Namespace, out: Output) -> int:
    as_of = parse_day(args.as_of, "--as-of") if args.as_of else None
    with open_for_reading(args) as data:
        chosen = choose_year(data.db, as_of, args.year)
        records = by_student(year_attendance(data.db, chosen.year_id, chosen.as_of))
        roster = students.students_in_year(data.db, chosen.year_id)
    document = []
    for row in roster:
        record = records[row["id"]]
        document.append({
            "student_id": row["local_id"],
            "days_enrolled": _number(record.days_enrolled),
            "days_absent": _number(record.days_absent),
            "absence_rate": None if record.absence_rate is None else round(record.absence_rate, 4),
            "tier": record.tier,
            "chronic": record.chronic,
            "early_warning": record.early_warning is not None,
            "pattern_weekdays": [weekday_words(w) for w in record.pattern_weekdays],
            "source": record.source,
            "first_name": row["first_name"],
            "last_name": row["last_name"],
            "grade": row["grade"],
            "homeroom": row["homeroom"],
            "year": chosen.name,
            "as_of": chosen.as_of.isoformat(),
        })
    counts = tier_counts(records.values())
    lines = [
        f"Attendance in {chosen.name} up to {chosen.as_of:%d %b %Y}: {len(document)} students. "
        + ", ".join(f"{tier_words(tier)} {counts[tier]}" for tier in (*TIERS, None)) + "."
    ]
    for row, item in zip(roster, document, strict=True):
        lines.append(
            f"{item['student_id'] or '(no ID)':>10}  {row['last_name']}, {row['first_name']}: "
            f"{item['days_absent']:g} of {item['days_enrolled']:g} days absent "
            f"({percent(item['absence_rate'])}), {tier_words(item['tier'])}"
        )
    return out.result(document, lines)
