"""Checks every exported workbook must pass (shared by the export tests)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from reports.excel_safety import starts_like_formula


def reopen(path: Path) -> openpyxl.Workbook:
    """The workbook as Excel would read it back (openpyxl, formulas as written)."""
    return openpyxl.load_workbook(path)


def every_cell(workbook: openpyxl.Workbook):
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield sheet, cell


def assert_no_formulas(workbook: openpyxl.Workbook) -> None:
    """No cell is a formula, and no text starts like one."""
    for sheet, cell in every_cell(workbook):
        assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"
        if isinstance(cell.value, str):
            assert not starts_like_formula(cell.value), (
                f"{sheet.title}!{cell.coordinate} starts like a formula: {cell.value!r}")


def assert_every_sheet_has_a_table(workbook: openpyxl.Workbook) -> None:
    """Each sheet holds at least one Excel table whose header matches its cells."""
    for sheet in workbook.worksheets:
        assert sheet.tables, f"sheet {sheet.title} has no table"
        for table in sheet.tables.values():
            header_cells = sheet[table.ref][0]
            names = [column.name for column in table.tableColumns]
            assert names == [cell.value for cell in header_cells]
            assert len(set(name.lower() for name in names)) == len(names)
            assert len(sheet[table.ref]) >= 2, f"table {table.name} has no data row"


def assert_another_reader_agrees(path: Path) -> None:
    """A second, independent reader (calamine, in Rust) opens every sheet with the same cells."""
    import python_calamine

    ours = reopen(path)
    theirs = python_calamine.CalamineWorkbook.from_path(str(path))
    assert theirs.sheet_names == ours.sheetnames
    for sheet in ours.worksheets:
        rows = theirs.get_sheet_by_name(sheet.title).to_python()
        for row in sheet.iter_rows():
            for cell in row:
                # Dates come back as dates; text and numbers must be exactly what was written.
                if isinstance(cell.value, (str, int, float)) and not cell.is_date:
                    assert rows[cell.row - 1][cell.column - 1] == cell.value
