"""Make the old-format test workbooks kept in this folder (run once; the files are committed).

    PYTHONPATH=/path/to/xlwt python tests/data/make_legacy_files.py

.xls files are written with xlwt (the BIFF8 format of Excel 97-2003, as Excel and LibreOffice
save it); .ods files as OpenDocument spreadsheets with a sheet LibreOffice would hide, a merged
title and a formula with its saved result. LibreOffice itself was not available where these
were made; the formats are the same.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent

ROSTER = [
    ["Westfield Middle School: roster"],
    ["Exported for the mentoring program"],
    ["Student ID", "Last Name", "First Name", "Grade", "Homeroom", "Entry Date"],
    [1001, "Rivera", "Ana", 7, "7B", dt.date(2025, 9, 2)],
    [1002, "Okafor", "Ben", "6th", "6A", dt.date(2025, 9, 2)],
    ["001003", "Nguyen", "Linh", "Gr. 8", "8C", dt.date(2025, 10, 6)],
    [],
    ["Thank you!"],
]
ATTENDANCE = [
    ["Daily attendance"],
    ["Student ID", "Date", "Code"],
    [1001, dt.date(2025, 9, 2), "P"],
    [1001, dt.date(2025, 9, 3), "A"],
    [1002, dt.date(2025, 9, 2), "P"],
    [1002, dt.date(2025, 9, 3), "T"],
]
MENTORS = [
    ["Staff", "Email", "Role", "Capacity"],
    ["Cole, Dana", "dcole@example.org", "Teacher", 2],
    ["Diaz, Sam", "sdiaz@example.org", "Counselor", 1],
]


def write_xls(path: Path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = ()) -> None:
    import xlwt

    book = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="m/d/yyyy")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        if name in hidden:
            sheet.visibility = 1
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    sheet.write(r, c, value, date_style)
                else:
                    sheet.write(r, c, value)
        if rows and len(rows[0]) == 1 and name not in hidden:
            sheet.merge(0, 0, 0, 4)
    book.save(str(path))


def _cell(value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="'
                f'{value.isoformat()}"><text:p>{value:%m/%d/%Y}</text:p></table:table-cell>')
    if isinstance(value, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>")
    return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
            "</text:p></table:table-cell>")


def write_ods(path: Path, sheets: dict[str, list[list]], hidden: tuple[str, ...] = (),
              formula: tuple[str, int, int, str, float] | None = None) -> None:
    tables = []
    for name, rows in sheets.items():
        style = "ta2" if name in hidden else "ta1"
        xml_rows = []
        for r, row in enumerate(rows):
            cells = []
            for c, value in enumerate(row):
                if formula and formula[0] == name and (r, c) == (formula[1], formula[2]):
                    cells.append(f'<table:table-cell table:formula="{formula[3]}" '
                                 f'office:value-type="float" office:value="{formula[4]}">'
                                 f"<text:p>{formula[4]}</text:p></table:table-cell>")
                elif r == 0 and len(row) == 1 and c == 0:
                    cells.append(f'<table:table-cell table:number-columns-spanned="5" '
                                 f'office:value-type="string"><text:p>{escape(str(value))}'
                                 "</text:p></table:table-cell>"
                                 '<table:covered-table-cell table:number-columns-repeated="4"/>')
                else:
                    cells.append(_cell(value))
            xml_rows.append(f"<table:table-row>{''.join(cells) or '<table:table-cell/>'}"
                            "</table:table-row>")
        tables.append(f'<table:table table:name="{escape(name)}" table:style-name="{style}">'
                      f'<table:table-column table:number-columns-repeated="8"/>'
                      f"{''.join(xml_rows)}</table:table>")
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3">'
        "<office:automatic-styles>"
        '<style:style style:name="ta1" style:family="table">'
        '<style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="ta2" style:family="table">'
        '<style:table-properties table:display="false"/></style:style>'
        "</office:automatic-styles>"
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"),
                         "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", manifest)


def main() -> None:
    helper = {"Lists": [["Grades"], [6], [7], [8]]}
    write_xls(HERE / "roster.xls", {"Roster": ROSTER, **helper}, hidden=("Lists",))
    write_ods(HERE / "roster.ods", {"Roster": ROSTER, **helper}, hidden=("Lists",))
    write_xls(HERE / "attendance.xls", {"Attendance": ATTENDANCE})
    write_ods(HERE / "attendance.ods", {"Attendance": ATTENDANCE})
    write_xls(HERE / "mentors.xls", {"Staff": MENTORS})
    capacity = [row[:] for row in MENTORS]
    capacity[2][3] = 0  # replaced by a formula with its saved result
    write_ods(HERE / "mentors.ods", {"Staff": capacity}, formula=("Staff", 2, 3, "of:=1*1", 1))


if __name__ == "__main__":
    main()
