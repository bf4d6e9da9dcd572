"""Shared steps for the import tests: preview and import a file into an open data file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from importing.apply import ImportRequest, apply_plan, preview_file
from importing.kinds.base import Options
from importing.plan import Plan


def preview(data, path: Path, kind: str, *, year: str | None = None, sheets=None,
            maps: list[str] | None = None, **options) -> Plan:
    request = ImportRequest(Path(path), kind, sheets=sheets, year=year,
                            options=Options(**options), mapping_texts=maps)
    return preview_file(data.db, request)


def run(data, path: Path, kind: str, **kwargs) -> tuple[Plan, int]:
    plan = preview(data, path, kind, **kwargs)
    return plan, apply_plan(data.db, plan)


def table_checksum(path: Path, *tables: str) -> str:
    """A checksum of some tables' rows (a re-import adds a history line, nothing else)."""
    import hashlib

    connection = sqlite3.connect(path)
    digest = hashlib.sha256()
    for table in tables:
        for row in connection.execute(f"SELECT * FROM [{table}] ORDER BY 1, 2"):
            digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()


RECORD_TABLES = ("students", "enrollments", "nominations", "nomination_reasons", "mentors",
                 "mentor_roles", "matches", "meetings", "meeting_matches", "meeting_topics",
                 "topics", "attendance", "attendance_summaries", "non_school_days",
                 "student_availability", "mentor_availability")


def messages(plan: Plan) -> str:
    return " | ".join(problem.message for problem in plan.problems)
