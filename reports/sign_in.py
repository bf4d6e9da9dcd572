"""The sign-in sheet of a training session: every active mentor's name with a line to sign on,
and a few blank lines for anyone else who comes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from program.vocabulary import TRAINING_KINDS, label, person_name
from reports.formats import date_words
from reports.html import HEADER_FILL, MUTED, RULE, esc
from reports.words import plural
from storage import mentors, settings, trainings
from storage.errors import InvalidInput

BLANK_LINES = 4  # for a new mentor or a visitor not on the list yet


@dataclass(frozen=True)
class SignInSheet:
    """What the sheet prints: the session and the names, by last name."""

    school_name: str
    title: str
    held_on: dt.date
    kind: str
    required: bool
    names: list[tuple[str, str]]  # (name as people say it, role)


def sign_in_sheet(db: sqlite_utils.Database, training_id: int) -> SignInSheet:
    """The session's sheet: every active mentor, by last name."""
    session = trainings.training(db, training_id)
    if session is None:
        raise InvalidInput("That training session is no longer in the data file.")
    names = [(person_name(row), row["role"] or "")
             for row in mentors.all_mentors(db, active_only=True)]
    return SignInSheet(settings.get(db, "school_name"), session["title"],
                       dt.date.fromisoformat(session["held_on"]), session["kind"],
                       bool(session["required"]), names)


def sign_in_html(sheet: SignInSheet) -> str:
    """The sheet as rich text: a heading, then a numbered table with a line to sign on."""
    kind = label(TRAINING_KINDS, sheet.kind)
    facts = f"{date_words(sheet.held_on)} · {kind}" + (" · required" if sheet.required else "")
    line = f"border-bottom: 1px solid {RULE}"
    parts = [f"<h1>{esc(sheet.title)}</h1>",
             f'<p style="color:{MUTED}">{esc(facts)} · '
             f"{esc(plural(len(sheet.names), 'mentor'))}. Please sign beside your name.</p>",
             '<table width="100%" cellspacing="0" cellpadding="7" border="0" '
             'style="border-collapse: collapse">',
             f'<thead><tr><th align="right" width="5%" bgcolor="{HEADER_FILL}">#</th>'
             f'<th align="left" width="35%" bgcolor="{HEADER_FILL}">Mentor</th>'
             f'<th align="left" width="20%" bgcolor="{HEADER_FILL}">Role</th>'
             f'<th align="left" width="40%" bgcolor="{HEADER_FILL}">Signature</th></tr></thead>'
             "<tbody>"]
    rows = list(sheet.names) + [("", "")] * BLANK_LINES
    for number, (name, role) in enumerate(rows, start=1):
        parts.append(f'<tr><td align="right" style="{line}; color:{MUTED}">{number}</td>'
                     f'<td style="{line}">{esc(name)}</td>'
                     f'<td style="{line}; color:{MUTED}">{esc(role)}</td>'
                     f'<td style="{line}">&nbsp;<br>&nbsp;</td></tr>')
    parts.append("</tbody></table>")
    return "".join(parts)


def sign_in_document(sheet: SignInSheet):
    """The sheet as a printable QTextDocument (for reports.pdf.save_pdf or a printer)."""
    from reports.document import new_document

    return new_document(sign_in_html(sheet), title=f"Sign-in: {sheet.title}")
