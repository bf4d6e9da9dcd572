"""Mentors: a staff list. Matched by email; without one, by full name (two people with one
name are a warning, not a guess). One email on two rows with different names is two people
given one address by mistake: neither goes in, and both rows are named."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from importing import fields as f
from importing.headers import Table
from importing.kinds.base import Context, Kind, KindPlan, Problems, Row, plural, rows_of, verb
from importing.kinds.sorting import Seen, sort_out
from importing.values import (
    Unreadable,
    descriptor_word,
    name_key,
    parse_availability,
    parse_date,
    parse_whole_number,
    parse_yes_no,
    split_name,
    text_of,
)
from storage import availability, import_lookups
from storage import mentors as mentor_store
from storage import settings as settings_store
from storage.import_changes import ChangeLog

FIELDS = (
    f.MENTOR_FIRST, f.MENTOR_LAST, f.MENTOR_FULL, f.MENTOR_EMAIL, f.MENTOR_PHONE, f.MENTOR_ROLE,
    f.CAPACITY, f.BACKGROUND_ON, f.BACKGROUND_EXPIRES, f.AGREEMENT_SIGNED, f.AGREEMENT_ON,
    f.ACTIVE, f.INTERESTS, f.NOTES, f.AVAILABILITY,
)
TEXT_FIELDS = ("phone", "interests", "notes")
DATE_FIELDS = ("background_check_on", "background_check_expires", "agreement_signed_on")


@dataclass
class Incoming:
    row: Row
    values: dict[str, Any]
    role: str | None = None
    grid: set | None = None
    every_weekday: bool = False
    existing: dict | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    email: str = ""


@dataclass
class Actions:
    new: list[Incoming] = field(default_factory=list)
    updates: list[Incoming] = field(default_factory=list)
    grids: list[Incoming] = field(default_factory=list)
    new_roles: list[str] = field(default_factory=list)


def plan(context: Context, tables: list[Table]) -> KindPlan:
    """Compare the staff list with MentorDesk's mentors; nothing is written."""
    db = context.db
    result = KindPlan(year_id=context.year["id"] if context.year else None)
    problems = Problems()
    existing = mentor_store.all_mentors(db)
    by_email: dict[str, list[dict]] = {}
    by_name: dict[tuple[str, str], list[dict]] = {}
    for mentor in existing:
        if mentor["email"]:
            by_email.setdefault(mentor["email"].lower(), []).append(mentor)
        by_name.setdefault(name_key(mentor["first_name"], mentor["last_name"]), []).append(mentor)
    roles = import_lookups.roles(db)
    grids = availability.get_all(db, "mentor")
    default_capacity = settings_store.get(db, "default_mentor_capacity")
    actions = Actions()
    by_email_seen: Seen = Seen()
    by_name_seen: Seen = Seen()
    every_weekday = 0
    kept: list[Incoming] = []
    for row in rows_of(tables):
        mentor = _read_row(row, problems)
        if mentor is None:
            result.skipped += 1
            continue
        values = mentor.values
        email = values.get("email", "").lower()
        key = name_key(values["first_name"], values["last_name"])
        shown = f"{values['first_name']} {values['last_name']}".strip()
        if email:
            earlier = by_email_seen.add(email, row, key, shown)
            if earlier is not None:
                if not by_email_seen.clashing(email):
                    problems.add(row, "email", f"{values['email']} is also on row "
                                               f"{earlier.number}; this row was skipped.")
                result.skipped += 1
                continue
        elif by_name_seen.add(key, row) is not None:
            problems.add(row, None,
                         f"Two rows are called {shown} (rows {by_name_seen.first[key].number} and "
                         f"{row.number}) and neither has an email to tell them apart: this row "
                         "was skipped. Add their emails.")
            result.skipped += 1
            continue
        mentor.email = email
        kept.append(mentor)
    if by_email_seen.clashes:
        # One email, two different people: neither goes in (both rows are named).
        by_email_seen.report(problems, "email", "email")
        clashing = [mentor for mentor in kept if by_email_seen.clashing(mentor.email)]
        result.skipped += len(clashing)  # the later rows were counted already
        kept = [mentor for mentor in kept if not by_email_seen.clashing(mentor.email)]
    found: list[Incoming] = []
    for mentor in kept:
        values = mentor.values
        if mentor.role and mentor.role.lower() not in roles and \
                mentor.role not in actions.new_roles:
            actions.new_roles.append(mentor.role)
        if mentor.every_weekday:
            every_weekday += 1
        matches = by_email.get(mentor.email, []) if mentor.email else []
        if not matches:
            named = by_name.get(name_key(values["first_name"], values["last_name"]), [])
            if mentor.email:
                # A mentor typed in without an email, now on the staff list with one.
                named = [m for m in named if not m["email"]]
            if len(named) > 1:
                problems.add(mentor.row, None,
                             f"MentorDesk has {len(named)} mentors called {values['first_name']} "
                             f"{values['last_name']}: this row was skipped. Add an email column "
                             "to tell them apart.")
                result.skipped += 1
                continue
            matches = named
        mentor.existing = matches[0] if matches else None
        found.append(mentor)
    sorted_mentors = sort_out(found, lambda mentor: mentor.existing,
                              lambda mentor, old: _changes(mentor, old, grids))
    for mentor in sorted_mentors.new:
        mentor.values.setdefault("capacity", default_capacity)
        actions.new.append(mentor)
        if mentor.grid:
            actions.grids.append(mentor)
    for mentor, _, (changes, grid_changed) in sorted_mentors.changed:
        mentor.changes = changes
        if grid_changed:
            actions.grids.append(mentor)
        if changes:
            actions.updates.append(mentor)
    sorted_mentors.count_into(result)
    if every_weekday:
        result.notes.append(f"{plural(every_weekday, 'row')} "
                            f"{verb(every_weekday, 'gives', 'give')} times without weekdays: "
                            "MentorDesk takes these as every weekday.")
    if actions.new_roles:
        result.notes.append("New roles will be added to the list: "
                            + ", ".join(actions.new_roles) + ".")
    result.details["roles_added"] = actions.new_roles
    result.problems = problems.finished()
    result.actions = actions
    return result


def _changes(mentor: Incoming, old: dict, grids: dict) -> tuple[dict, bool] | None:
    """(the fields that would change, whether the times would) for a found mentor."""
    changes = {k: v for k, v in mentor.values.items() if v != old[k]}
    if mentor.role and (old["role"] or "").lower() != mentor.role.lower():
        changes["role_id"] = mentor.role
    grid_changed = mentor.grid is not None and mentor.grid != grids.get(old["id"], set())
    return (changes, grid_changed) if changes or grid_changed else None


def _read_row(row: Row, problems: Problems) -> Incoming | None:
    first, last = row.get("first_name"), row.get("last_name")
    if first is None and last is None:
        whole = row.get("full_name")
        if whole is None:
            problems.add(row, None, "This row has no name, so it was skipped.")
            return None
        try:
            first, last = split_name(whole)
        except Unreadable as error:
            problems.unreadable(row, "full_name", error, "The row was skipped.")
            return None
    values: dict[str, Any] = {"first_name": text_of(first), "last_name": text_of(last)}
    email = row.get("email")
    if email is not None:
        email_text = text_of(email)
        if "@" not in email_text:
            problems.add(row, "email", f'"{email_text}" is not an email address; it was left '
                                       "out.")
        else:
            values["email"] = email_text
    for key in TEXT_FIELDS:
        value = row.get(key)
        if value is not None:
            values[key] = text_of(value)
    for key in DATE_FIELDS:
        value = row.get(key)
        if value is not None:
            try:
                values[key] = parse_date(value).isoformat()
            except Unreadable as error:
                # "Yes" in a background-check column: the check was done, date unknown.
                try:
                    if parse_yes_no(value) is not None:
                        problems.add(row, key, f"{error} The date was left blank.")
                        continue
                except Unreadable:
                    pass
                problems.unreadable(row, key, error, "It was left blank.")
    capacity = row.get("capacity")
    if capacity is not None:
        try:
            values["capacity"] = parse_whole_number(capacity, what="number of students")
        except Unreadable as error:
            problems.unreadable(row, "capacity", error, "The usual number was used.")
    for key in ("agreement_signed", "active"):
        value = row.get(key)
        if value is None:
            continue
        try:
            values[key] = int(bool(parse_yes_no(value)))
        except Unreadable:
            if key == "agreement_signed":
                try:
                    values["agreement_signed_on"] = parse_date(value).isoformat()
                    values[key] = 1
                    continue
                except Unreadable:
                    pass
            if key == "active" and text_of(value).lower() in ("inactive", "left", "former"):
                values[key] = 0
                continue
            problems.add(row, key, f'"{text_of(value)}" is not yes or no; it was left as it was.')
    mentor = Incoming(row=row, values=values)
    role = row.get("role")
    if role is not None:
        mentor.role = descriptor_word(role)  # Ed-Fi: ...StaffClassificationDescriptor#Teacher
    when_free = row.get("availability")
    if when_free is not None:
        try:
            mentor.grid, mentor.every_weekday = parse_availability(when_free)
        except Unreadable as error:
            problems.unreadable(row, "availability", error, "The times were left as they were.")
    return mentor


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's mentors (caller's transaction)."""
    actions: Actions = kind_plan.actions
    roles = import_lookups.roles(db)
    for name in actions.new_roles:
        role_id = import_lookups.add_role(db, name)
        roles[name.lower()] = role_id
        log.inserted("mentor_roles", {"id": role_id})
    ids: dict[int, int] = {}
    for mentor in actions.new:
        values = dict(mentor.values)
        if mentor.role:
            values["role_id"] = roles[mentor.role.lower()]
        mentor_id = mentor_store.add_mentor(db, batch_id=batch_id, **values)
        ids[id(mentor)] = mentor_id
        log.inserted("mentors", {"id": mentor_id})
    for mentor in actions.updates:
        changes = dict(mentor.changes)
        if "role_id" in changes:
            changes["role_id"] = roles[changes["role_id"].lower()]
        old = mentor_store.mentor(db, mentor.existing["id"])
        log.updated("mentors", {"id": mentor.existing["id"]}, {k: old[k] for k in changes})
        mentor_store.update_mentor(db, mentor.existing["id"], **changes)
    for mentor in actions.grids:
        mentor_id = ids.get(id(mentor)) or mentor.existing["id"]
        for weekday, slot in sorted(availability.get(db, "mentor", mentor_id)):
            key = {"mentor_id": mentor_id, "weekday": weekday, "slot": slot}
            log.deleted("mentor_availability", key, dict(key))
        availability.replace(db, "mentor", mentor_id, mentor.grid)
        for weekday, slot in sorted(mentor.grid):
            log.inserted("mentor_availability",
                         {"mentor_id": mentor_id, "weekday": weekday, "slot": slot})
    context.report(1, 1)


KIND = Kind(
    name="mentors",
    label="Mentors (a staff list)",
    fields=FIELDS,
    required=(frozenset({"full_name"}), frozenset({"last_name", "first_name"}),
              frozenset({"last_name"})),
    plan=plan,
    write=write,
    needs="the mentors' names",
)
