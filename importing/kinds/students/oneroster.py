"""OneRoster ``users.csv``: students among staff and guardians, and guardians by reference.

OneRoster 1.1 gives each row a ``role``; 1.2 moves roles to ``roles.csv``, so a users file
may hold students, teachers and guardians with nothing to tell them apart but ``grades``:
rows with a grade are students, the others are left out (and named). ``phone`` is the person's
own phone, not a guardian's; a student's guardians are the rows whose ``sourcedId`` their
``agentSourcedIds`` list.
"""

from __future__ import annotations

import re
from typing import Any

from importing.headers import Table, normalize_header
from importing.kinds.base import Row
from importing.values import is_blank, text_of

_MARKS = {"sourced id", "given name", "family name"}


def is_oneroster(table: Table) -> bool:
    """Whether a table is a OneRoster users file (sourcedId, givenName, familyName)."""
    return {normalize_header(header) for header in table.headers} >= _MARKS


def refine(table: Table) -> None:
    """Fix the guessed columns of a OneRoster users file: ``phone`` is not a guardian's."""
    if not is_oneroster(table):
        return
    for column, header in enumerate(table.headers):
        if normalize_header(header) == "phone" and table.mapping.get(column) == "guardian_phone":
            del table.mapping[column]


def has_roles(table: Table) -> bool:
    """OneRoster 1.1 (a role on each row) rather than 1.2 (roles in another file)."""
    return table.column_of("person_role") is not None


class Guardians:
    """The guardians a OneRoster file's students point at (``agentSourcedIds``)."""

    def __init__(self, rows: list[Row]) -> None:
        self.by_sourced: dict[str, Row] = {}
        for row in rows:
            if row.table.column_of("sourced_id") is None or not is_oneroster(row.table):
                continue
            sourced = row.get("sourced_id")
            if sourced is not None:
                self.by_sourced[text_of(sourced)] = row

    def of(self, row: Row) -> dict[str, str]:
        """guardian_name / guardian_phone / guardian_email of the row's first guardian."""
        agents = row.get("agents")
        if agents is None:
            return {}
        for sourced in re.split(r"[,;\s]+", text_of(agents)):
            agent = self.by_sourced.get(sourced)
            if agent is None or agent is row:
                continue
            found = {"guardian_name": " ".join(
                text_of(part) for part in (agent.get("first_name"), agent.get("last_name"))
                if part is not None)}
            for key, header in (("guardian_phone", "phone"), ("guardian_email", "email")):
                value = _by_header(agent, header)
                if value:
                    found[key] = value
            return {key: value for key, value in found.items() if value}
        return {}


def _by_header(row: Row, wanted: str) -> str:
    for column, header in enumerate(row.table.headers):
        if normalize_header(header) == wanted and column < len(row.cells):
            value: Any = row.cells[column]
            return "" if is_blank(value) else text_of(value)
    return ""
