"""The attacker's reading of a saved administrators' workbook: every count of students it
prints, by what the labels say it is, and the facts a reader knows between them (a Total row
is the sum of its rows; improved + same + worse = judged; a count cannot exceed its group;
left chronic absence <= chronic at the start). Read back from the file with openpyxl, nothing
taken from the report's own objects."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from tests.suppression_attacker import Reading

TIER_ROWS = {"Satisfactory": "satisfactory", "At risk": "at-risk",
             "Moderate chronic": "moderate", "Severe chronic": "severe",
             "Too few days to rate": "none"}
PROGRAM_ROWS = {"Students enrolled": "enrolled", "Students nominated": "nominated",
                "Students matched with a mentor": "matched",
                "Students served (matched and met at least once)": "served",
                "Matched with a mentor whose screening was not complete then": "uncleared",
                "Nominated, never matched": "never_matched", "Waitlisted": "waitlisted"}
BREAKDOWN_COLUMNS = {"Mentees": "mentees", "Judged (20 days before and after)": "judged",
                     "Improved": "improved", "About the same": "same", "Worse": "worse",
                     "Too early to tell": "too_early",
                     "Chronically absent at start": "chronic_start",
                     "Left chronic absence": "left_chronic"}
LAST_YEAR_ROWS = {"Last year's mentees": "ly_mentees", "Still enrolled this year": "ly_enrolled",
                  "Matched again this year": "ly_again",
                  "Chronically absent last year (of those still enrolled)": "ly_then",
                  "Chronically absent this year so far": "ly_now"}


def _table(sheet) -> list[list[object]]:
    (table,) = sheet.tables.values()
    return [[cell.value for cell in row] for row in sheet[table.ref]]


def _rows(workbook, name: str) -> tuple[list[str], list[list[object]]]:
    rows = _table(workbook[name])
    return [str(value) for value in rows[0]], rows[1:]


def read_admin_workbook(path: Path) -> Reading:
    """What the reader knows from the workbook at ``path``."""
    workbook = openpyxl.load_workbook(path)
    reading = Reading()
    see = reading.see
    _, rows = _rows(workbook, "Program")
    for label, value in rows:
        if label in PROGRAM_ROWS:
            see((PROGRAM_ROWS[label],), value)
        elif str(label).startswith("Still matched on"):
            see(("still_matched",), value)
    for small in ("served", "still_matched", "uncleared", "not_enrolled"):
        reading.bound((small,), ("matched",))
    reading.bound(("matched",), ("enrolled",))
    for small in ("never_matched", "waitlisted"):
        reading.bound((small,), ("nominated",))
    _, rows = _rows(workbook, "Summary")
    for label, mentees, *_ in rows:
        if label == "Students served":
            see(("served",), mentees)
        elif label == "Mentees who left chronic absence":
            see(("left_chronic",), mentees)
        elif label == "Share of the chronically absent who left it":
            reading.share_of(("left_chronic",), mentees)  # of the judged among them
        elif label == "Share who improved their attendance":
            reading.share_of(("improved",), mentees)
    _, rows = _rows(workbook, "Nominations")
    for label, value in rows:
        if value is not None:
            see(("reason", label), value)
            reading.bound(("reason", label), ("nominated",))
    _, rows = _rows(workbook, "Dosage")
    for label, value in rows:
        if label == "Matches":
            see(("matches",), value)
        elif label == "Matches closed early":
            see(("closed",), value)
    reading.bound(("matched",), ("matches",))
    _, rows = _rows(workbook, "Closed early")
    closed = []
    for label, value in rows:
        if value is not None:
            closed.append(("closed", label))
            see(("closed", label), value)
    reading.total(("closed",), closed)
    reading.bound(("closed",), ("matches",))
    _, rows = _rows(workbook, "Change")
    keys = {"Improved": "improved", "About the same": "same", "Worse": "worse",
            "Too early to tell": "too_early", "All mentees": "matched"}
    for label, value in rows:
        key = next(key for start, key in keys.items() if str(label).startswith(start))
        see((key,), value)
    reading.total(("judged",), [("improved",), ("same",), ("worse",)])
    reading.total(("matched",), [("judged",), ("too_early",)])
    headers, rows = _rows(workbook, "Tiers")
    for label, start, now in rows:
        if label in TIER_ROWS:
            see(("tier_start", TIER_ROWS[label]), start)
            see(("tier_now", TIER_ROWS[label]), now)
        elif label == "All mentees":
            see(("matched",), start)
            see(("matched",), now)
        else:
            see(("chronic_start",), start)
            see(("chronic_now",), now)
    for when, chronic in (("tier_start", "chronic_start"), ("tier_now", "chronic_now")):
        reading.total(("matched",), [(when, tier) for tier in TIER_ROWS.values()])
        reading.total((chronic,), [(when, "moderate"), (when, "severe")])
    reading.bound(("left_chronic",), ("chronic_start",))
    _, rows = _rows(workbook, "Comparison")
    for (_, students, *_), key in zip(rows, ("judged", "compared", "compared_waiting"),
                                          strict=True):
        see((key,), students)
    reading.bound(("compared",), ("enrolled",))
    _, rows = _rows(workbook, "Chronic last year")
    see(("chronic_last_year",), rows[0][1])
    see(("chronic_last_year_similar",), rows[1][1])
    reading.bound(("chronic_last_year",), ("judged",))
    reading.bound(("chronic_last_year_similar",), ("compared",))
    _, rows = _rows(workbook, "Meetings and change")
    bands = []
    for label, value, *_ in rows:
        if label == "All judged mentees":
            see(("judged",), value)
        else:
            bands.append(("band", label))
            see(("band", label), value)
    reading.total(("judged",), bands)
    _, rows = _rows(workbook, "Last year's mentees")
    for label, value in rows:
        if label in LAST_YEAR_ROWS:
            see((LAST_YEAR_ROWS[label],), value)
    reading.bound(("ly_enrolled",), ("ly_mentees",))
    for small in ("ly_again", "ly_then", "ly_now"):
        reading.bound((small,), ("ly_enrolled",))
    reading.bound(("ly_again",), ("matched",))
    for name, listed in (("By grade", True), ("By mentor role", False)):
        _breakdown(workbook, name, reading, listed)
    _referrals(workbook, reading)
    _, rows = _rows(workbook, "Definitions")
    for term, text in rows:
        if term != "Left out":
            continue
        found = re.match(r"Mentees too early to tell \((.+?) of (.+?)\)", text)
        if found:
            see(("too_early",), _number(found.group(1)))
            see(("matched",), _number(found.group(2)))
        found = re.match(r"Mentees not enrolled this year in the file \((.+?)\)", text)
        if found:
            see(("not_enrolled",), _number(found.group(1)))
    if ("not_enrolled",) not in reading.shown:
        reading.at_most = [fact for fact in reading.at_most if fact[0] != ("not_enrolled",)]
    return reading


def _number(text: str) -> object:
    return int(text.replace(",", "")) if text.replace(",", "").isdigit() else text


def _breakdown(workbook, name: str, reading: Reading, listed: bool) -> None:
    headers, rows = _rows(workbook, name)
    columns = {index: BREAKDOWN_COLUMNS[header] for index, header in enumerate(headers)
               if header in BREAKDOWN_COLUMNS}
    groups = []
    for row in rows:
        label = row[0]
        for index, key in columns.items():
            cell = (key,) if label == "Total" else (name, label, key)
            reading.see(cell, row[index])
        if label != "Total":
            groups.append(label)
            if listed:
                reading.listed_sizes.add((name, label, "mentees"))
    for label in groups:
        def cell(key: str, label: str = label) -> tuple:
            return (name, label, key)

        reading.total(cell("judged"), [cell("improved"), cell("same"), cell("worse")])
        reading.total(cell("mentees"), [cell("judged"), cell("too_early")])
        reading.bound(cell("left_chronic"), cell("chronic_start"))
        reading.bound(cell("chronic_start"), cell("mentees"))
    if groups:
        for key in columns.values():
            reading.total((key,), [(name, label, key) for label in groups])


def _referrals(workbook, reading: Reading) -> None:
    headers, rows = _rows(workbook, "Referrals")
    if rows and rows[0][1] is None:
        return  # "None in this period"
    keys = ("opened", "resolved", "open")
    kinds = []
    for row in rows:
        kind = row[0]
        for key, value in zip(keys, row[1:], strict=True):
            reading.see(("referral", kind, key), value)
        if kind != "Total":
            kinds.append(kind)
        reading.total(("referral", kind, "opened"),
                      [("referral", kind, "resolved"), ("referral", kind, "open")])
    for key in keys:
        reading.total(("referral", "Total", key), [("referral", kind, key) for kind in kinds])


def figures_printed_twice(path: Path) -> list[tuple[str, object, object]]:
    """Figures the workbook prints in two places: (what, on the Summary, on Comparison)."""
    workbook = openpyxl.load_workbook(path)
    _, summary = _rows(workbook, "Summary")
    by_label = {row[0]: row[1] for row in summary}
    headers, comparison = _rows(workbook, "Comparison")
    mentees = dict(zip(headers, comparison[0], strict=True))
    return [(label, by_label[label], mentees[column]) for label, column in (
        ("Share who improved their attendance", "Share improved"),
        ("School days gained per 100 days enrolled", "Days gained per 100 days enrolled"),
        ("Share of the chronically absent who left it",
         "Share of the chronically absent who left it"))]
