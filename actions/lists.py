"""The school's own word lists: mentor roles and meeting topics (add, rename, retire)."""

from __future__ import annotations

import sqlite_utils

from actions.changes import MEETINGS, MENTORS, SETTINGS
from actions.core import Outcome, change
from storage import lookups
from storage.errors import InvalidInput

# Which list, in words: (one entry, the list).
WORDS = {"roles": ("mentor role", "mentor roles"), "topics": ("meeting topic", "meeting topics")}
# A list's words show on these screens as well as in Settings.
_SHOWN_ON = {"roles": MENTORS, "topics": MEETINGS}


def _which(which: str) -> tuple[str, str]:
    if which not in WORDS:
        raise InvalidInput(f'There is no list called "{which}". The lists are: '
                           f"{', '.join(WORDS)}.")
    return WORDS[which]


def _entry(db: sqlite_utils.Database, which: str, entry_id: int) -> dict:
    found = [row for row in lookups.entries(db, which, include_inactive=True)
             if row["id"] == entry_id]
    if not found:
        raise InvalidInput("That word is no longer on the list.")
    return found[0]


def add_entry(db: sqlite_utils.Database, which: str, name: str) -> Outcome:
    """Add a word to a list (a retired one with the same name comes back); value: its id."""
    one, _ = _which(which)
    name = name.strip()
    if not name:
        raise InvalidInput(f"Type the new {one} first.")
    existing = next((row for row in lookups.entries(db, which, include_inactive=True)
                     if row["name"].casefold() == name.casefold()), None)
    if existing is not None and existing["active"]:
        raise InvalidInput(f"\u201c{existing['name']}\u201d is already on the list.")
    verb = "Bring back" if existing else "Add"
    with change(db, f"{verb} the {one} \u201c{name}\u201d", {SETTINGS, _SHOWN_ON[which]},
                code="list_entry") as step:
        entry_id = lookups.add_entry(db, which, existing["name"] if existing else name)
        step.note(f"{verb} the {one} \u201c{name}\u201d", list=which, entry_id=entry_id)
        step.done(f"\u201c{name}\u201d is on the list of {WORDS[which][1]}.", entry_id)
    return step.outcome


def rename_entry(db: sqlite_utils.Database, which: str, entry_id: int, name: str) -> Outcome:
    """Rename a word; records that use it show the new name."""
    one, _ = _which(which)
    old = _entry(db, which, entry_id)["name"]
    name = name.strip()
    if name == old:
        raise InvalidInput("That is its name already.")
    with change(db, f"Rename the {one} \u201c{old}\u201d", {SETTINGS, _SHOWN_ON[which]},
                code="list_entry") as step:
        lookups.rename_entry(db, which, entry_id, name)
        step.note(f"Renamed the {one} \u201c{old}\u201d to \u201c{name}\u201d", list=which,
                  entry_id=entry_id)
        step.done(f"Renamed \u201c{old}\u201d to \u201c{name}\u201d.", entry_id)
    return step.outcome


def retire_entry(db: sqlite_utils.Database, which: str, entry_id: int) -> Outcome:
    """Take a word off the choices; records that use it keep it."""
    one, _ = _which(which)
    entry = _entry(db, which, entry_id)
    if not entry["active"]:
        raise InvalidInput(f"\u201c{entry['name']}\u201d is already retired.")
    with change(db, f"Retire the {one} \u201c{entry['name']}\u201d",
                {SETTINGS, _SHOWN_ON[which]}, code="list_entry") as step:
        lookups.retire_entry(db, which, entry_id)
        step.note(f"Retired the {one} \u201c{entry['name']}\u201d", list=which,
                  entry_id=entry_id)
        step.done(f"\u201c{entry['name']}\u201d is no longer offered (what already uses it "
                  "keeps it).", entry_id)
    return step.outcome
