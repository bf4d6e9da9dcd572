"""The rules Excel enforces when it opens a workbook (break one and it offers to "repair" the
file), checked on the parts inside the .xlsx zip.

:func:`structural_problems` lists what would make Excel complain: sheet names, table names and
ranges, overlapping tables, table headers that differ from their cells, defined names, chart
ranges that point at missing sheets or empty cells, parts without a content type.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree
from openpyxl.utils.cell import column_index_from_string, range_boundaries

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"m": MAIN, "r": RELS, "c": CHART, "t": TYPES}

SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# A table or defined name: starts with a letter, _ or \, then letters, digits, _ or .
NAME = re.compile(r"^[A-Za-z_\\][A-Za-z0-9_.\\]*$")
# Names Excel would read as a cell reference (A1, XFD1048576, R1C1, R, C).
A1_LIKE = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")
R1C1_LIKE = re.compile(r"^[Rr]([0-9]*)([Cc][0-9]*)?$|^[Cc][0-9]*$")
BUILT_IN_NAMES = {"_xlnm.Print_Titles", "_xlnm.Print_Area", "_xlnm._FilterDatabase"}
REFERENCE = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$")
LONGEST_TEXT = 32_767


def _read(archive: zipfile.ZipFile, name: str):
    return ElementTree.fromstring(archive.read(name))


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: id -> (type, target part name)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in archive.namelist():
        return {}
    found = {}
    for rel in _read(archive, rels_name).findall("r:Relationship", NS):
        target = rel.get("Target")
        if rel.get("TargetMode") == "External":
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        found[rel.get("Id")] = (rel.get("Type").rsplit("/", 1)[-1], path)
    return found


def _is_valid_name(name: str) -> bool:
    return (bool(NAME.match(name)) and len(name) <= 255 and not A1_LIKE.match(name)
            and not R1C1_LIKE.match(name) and name.upper() not in {"TRUE", "FALSE"})


def _sheet_cells(archive: zipfile.ZipFile, part: str,
                 shared: list[str]) -> dict[tuple[int, int], str]:
    """Every non-empty cell of a sheet as (row, column) -> its text."""
    cells = {}
    for cell in _read(archive, part).iter(f"{{{MAIN}}}c"):
        reference = cell.get("r")
        match = re.match(r"^([A-Z]+)([0-9]+)$", reference or "")
        if match is None:
            continue
        kind = cell.get("t")
        value = cell.find("m:v", NS)
        if kind == "inlineStr":
            text = "".join(t.text or "" for t in cell.iter(f"{{{MAIN}}}t"))
        elif value is None:
            continue
        elif kind == "s":
            text = shared[int(value.text)]
        else:
            text = value.text or ""
        cells[(int(match.group(2)), column_index_from_string(match.group(1)))] = text
    return cells


def _split_reference(formula: str) -> tuple[str, str] | None:
    match = REFERENCE.match(formula.strip())
    if match is None:
        return None
    sheet = match.group(1).replace("''", "'") if match.group(1) else match.group(2)
    return sheet, match.group(3).replace("$", "")


def structural_problems(path: Path | str) -> list[str]:
    """What in this workbook would make Excel offer a repair (empty when nothing)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        types = _read(archive, "[Content_Types].xml")
        defaults = {d.get("Extension").lower() for d in types.findall("t:Default", NS)}
        overrides = {o.get("PartName").lstrip("/") for o in types.findall("t:Override", NS)}
        for name in names:
            if name.endswith("/"):
                continue
            if name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
                problems.append(f"part {name} has no content type")

        shared: list[str] = []
        if "xl/sharedStrings.xml" in names:
            for item in _read(archive, "xl/sharedStrings.xml").findall("m:si", NS):
                shared.append("".join(t.text or "" for t in item.iter(f"{{{MAIN}}}t")))

        workbook = _read(archive, "xl/workbook.xml")
        workbook_rels = _rels(archive, "xl/workbook.xml")
        sheets: list[tuple[str, str]] = []
        seen_sheets: set[str] = set()
        for sheet in workbook.findall("m:sheets/m:sheet", NS):
            name = sheet.get("name")
            if not name or len(name) > 31 or SHEET_NAME_FORBIDDEN.search(name) \
                    or name.startswith("'") or name.endswith("'") or name.lower() == "history":
                problems.append(f"sheet name {name!r} is not allowed")
            if name.lower() in seen_sheets:
                problems.append(f"sheet name {name!r} is used twice")
            seen_sheets.add(name.lower())
            part = workbook_rels.get(sheet.get(f"{{{DOC_RELS}}}id"), ("", ""))[1]
            if part not in names:
                problems.append(f"sheet {name!r} has no part")
                continue
            sheets.append((name, part))
        if not sheets:
            problems.append("the workbook has no sheet")
        sheet_names = {name for name, _ in sheets}

        for defined in workbook.findall("m:definedNames/m:definedName", NS):
            name = defined.get("name")
            if name not in BUILT_IN_NAMES and not _is_valid_name(name):
                problems.append(f"defined name {name!r} is not allowed")
            local = defined.get("localSheetId")
            if local is not None and not 0 <= int(local) < len(sheets):
                problems.append(f"defined name {name!r} belongs to no sheet")
            for piece in (defined.text or "").split(","):
                target = _split_reference(piece)
                if target is None or target[0] not in sheet_names:
                    problems.append(f"defined name {name!r} points at {piece!r}")
                elif local is not None and target[0] != sheets[int(local)][0]:
                    problems.append(f"defined name {name!r} of one sheet points at another")

        table_names: set[str] = set()
        table_ids: set[str] = set()
        for sheet_name, part in sheets:
            cells = _sheet_cells(archive, part, shared)
            for (row, column), text in cells.items():
                if len(text) > LONGEST_TEXT:
                    problems.append(f"{sheet_name} row {row} column {column} is too long")
            areas: list[tuple[str, tuple[int, int, int, int]]] = []
            for kind, target in _rels(archive, part).values():
                if target not in names:
                    problems.append(f"{sheet_name} points at a missing part {target}")
                    continue
                if kind == "table":
                    problems += _table_problems(archive, target, sheet_name, cells, table_names,
                                                table_ids, areas)
                elif kind == "drawing":
                    for chart_kind, chart in _rels(archive, target).values():
                        if chart_kind == "chart":
                            problems += _chart_problems(archive, chart, archive_sheets=sheets,
                                                        shared=shared)
            for index, (name_a, a) in enumerate(areas):
                for name_b, b in areas[index + 1:]:
                    if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                        problems.append(f"tables {name_a} and {name_b} overlap on {sheet_name}")
    return problems


def _table_problems(archive, part, sheet_name, cells, table_names, table_ids, areas):
    problems = []
    table = _read(archive, part)
    name = table.get("displayName") or ""
    if not _is_valid_name(name):
        problems.append(f"table name {name!r} is not allowed")
    if name.lower() in table_names:
        problems.append(f"table name {name!r} is used twice")
    table_names.add(name.lower())
    if table.get("name") and table.get("name").lower() != name.lower() \
            and table.get("name").lower() in table_names:
        problems.append(f"table name {table.get('name')!r} is used twice")
    if table.get("id") in table_ids:
        problems.append(f"table id {table.get('id')} is used twice")
    table_ids.add(table.get("id"))
    try:
        first_column, first_row, last_column, last_row = range_boundaries(table.get("ref"))
    except (TypeError, ValueError):
        return problems + [f"table {name} has a range Excel cannot read: {table.get('ref')}"]
    areas.append((name, (first_row, first_column, last_row, last_column)))
    if last_row <= first_row:
        problems.append(f"table {name} has a header but no row")
    auto_filter = table.find("m:autoFilter", NS)
    if auto_filter is not None and auto_filter.get("ref") != table.get("ref"):
        problems.append(f"table {name}'s filter covers {auto_filter.get('ref')}, "
                        f"not {table.get('ref')}")
    columns = table.findall("m:tableColumns/m:tableColumn", NS)
    count = table.find("m:tableColumns", NS).get("count")
    width = last_column - first_column + 1
    if len(columns) != width or (count is not None and int(count) != width):
        problems.append(f"table {name} has {len(columns)} columns for a range {width} wide")
    headers = [column.get("name") for column in columns]
    if len({header.lower() for header in headers}) != len(headers):
        problems.append(f"table {name} repeats a column name")
    if len({column.get("id") for column in columns}) != len(columns):
        problems.append(f"table {name} repeats a column id")
    for offset, header in enumerate(headers):
        cell = cells.get((first_row, first_column + offset))
        if cell != header:
            problems.append(f"table {name} column {header!r} sits over the cell {cell!r} on "
                            f"{sheet_name}")
    return problems


def _chart_problems(archive, part, *, archive_sheets, shared):
    problems = []
    chart = _read(archive, part)
    sheet_parts = dict(archive_sheets)
    if chart.find("c:chart/c:title", NS) is None:
        problems.append(f"chart {part} has no title")
    series = list(chart.iter(f"{{{CHART}}}ser"))
    if not series:
        problems.append(f"chart {part} has no series")
    for axis in [*chart.iter(f"{{{CHART}}}catAx"), *chart.iter(f"{{{CHART}}}valAx")]:
        deleted = axis.find("c:delete", NS)
        if deleted is not None and deleted.get("val") in ("1", "true"):
            problems.append(f"chart {part} hides an axis")
    cache: dict[str, dict] = {}
    for formula in chart.iter(f"{{{CHART}}}f"):
        target = _split_reference(formula.text or "")
        if target is None or target[0] not in sheet_parts:
            problems.append(f"chart {part} points at {formula.text!r}")
            continue
        sheet, area = target
        if sheet not in cache:
            cache[sheet] = _sheet_cells(archive, sheet_parts[sheet], shared)
        try:
            first_column, first_row, last_column, last_row = range_boundaries(area)
        except ValueError:
            problems.append(f"chart {part} has a range Excel cannot read: {formula.text}")
            continue
        filled = [(row, column) for row in range(first_row, last_row + 1)
                  for column in range(first_column, last_column + 1)
                  if (row, column) in cache[sheet]]
        if not filled:
            problems.append(f"chart {part} points at empty cells {formula.text}")
    return problems
