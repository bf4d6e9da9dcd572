"""Writing a calendar plan: days closed and opened, the year's first and last day, the SIS's
count of school days."""

from __future__ import annotations

import sqlite_utils

from importing.kinds.base import Context, KindPlan
from importing.kinds.calendar.changes import Actions
from storage import import_lookups, years
from storage.import_changes import ChangeLog


def write(db: sqlite_utils.Database, kind_plan: KindPlan, batch_id: int, log: ChangeLog,
          context: Context) -> None:
    """Write the plan's calendar (caller's transaction)."""
    actions: Actions = kind_plan.actions
    year_id = kind_plan.year_id
    if actions.bounds or actions.stated:
        year = years.year_by_id(db, year_id)
        log.updated("school_years", {"id": year_id},
                    {key: year[key] for key in ("first_day", "last_day", "stated_school_days",
                                                "stated_by")})
        if actions.bounds:
            first, last = actions.bounds
            for old in import_lookups.non_school_days_of(db, year_id).values():
                if not first <= old["day"] <= last:
                    log.deleted("non_school_days", {"year_id": year_id, "day": old["day"]}, old)
            years.set_bounds(db, year_id, first, last)
        if actions.stated:
            years.set_stated_school_days(db, year_id, *actions.stated)
    for day, label, old in actions.set_days:
        key = {"year_id": year_id, "day": day}
        if old is None:
            log.inserted("non_school_days", key)
        else:
            log.updated("non_school_days", key, {"label": old["label"]})
        import_lookups.set_non_school_day(db, year_id, day, label, batch_id)
    for old in actions.remove_days:
        log.deleted("non_school_days", {"year_id": year_id, "day": old["day"]}, old)
        import_lookups.remove_non_school_day(db, year_id, old["day"])
    context.report(1, 1)
