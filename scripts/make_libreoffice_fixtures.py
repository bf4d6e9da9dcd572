"""Make the old-format test workbooks kept in tests/data with LibreOffice (run once; the files
are committed, so the tests need no LibreOffice).

    .venv/bin/python scripts/make_libreoffice_fixtures.py

Each workbook is first written as .xlsx with openpyxl, then LibreOffice converts it
(``soffice --headless --convert-to xls`` and ``ods``): the .xls and .ods files are as
LibreOffice saves them, formulas with their computed results. The password-protected copies
are saved through LibreOffice's UNO interface (the system python3 has it) with a password.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
import textwrap
from pathlib import Path

# The workbooks live with the tests that read them.
HERE = Path(__file__).resolve().parent.parent / "tests" / "data"

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
    ["Diaz, Sam", "sdiaz@example.org", "Counselor", "=D2-1"],  # a formula: 1
]

SAVE_WITH_PASSWORD = textwrap.dedent('''
    import os, subprocess, sys, time
    import uno
    from com.sun.star.beans import PropertyValue
    source, target, filter_name, profile = sys.argv[1:5]
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                              "--accept=pipe,name=mentordesk;urp;",
                              "-env:UserInstallation=" + uno.systemPathToFileUrl(profile)])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(150):
        try:
            context = resolver.resolve(
                "uno:pipe,name=mentordesk;urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop",
                                                               context)
    def prop(name, value):
        item = PropertyValue()
        item.Name, item.Value = name, value
        return item
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                            (prop("Hidden", True),))
    document.storeToURL(uno.systemPathToFileUrl(target),
                        (prop("FilterName", filter_name), prop("Password", "secret")))
    document.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
    office.wait(timeout=60)
''')


def write_xlsx(path: Path, sheets: dict[str, list[list]], *, hidden: tuple[str, ...] = (),
               merged: dict[str, str] | None = None) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for column in "BCDEF":
            sheet.column_dimensions[column].width = 14
        if name in hidden:
            sheet.sheet_state = "hidden"
        if merged and name in merged:
            sheet.merge_cells(merged[name])
    book.save(path)


def convert(source: Path, fmt: str, out: Path, profile: Path) -> None:
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", fmt, "--outdir", str(out.parent), str(source)],
                   check=True, capture_output=True, timeout=180)
    made = out.parent / f"{source.stem}.{fmt}"
    if made != out:
        made.replace(out)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        profile = work / "profile"
        sources = {
            "roster": ({"Roster": ROSTER, "Lists": [["Grades"], [6], [7], [8]]},
                       ("Lists",), {"Roster": "A1:F1"}),
            "attendance": ({"Attendance": ATTENDANCE}, (), {"Attendance": "A1:C1"}),
            "mentors": ({"Staff": MENTORS}, (), None),
        }
        for name, (sheets, hidden, merged) in sources.items():
            source = work / f"{name}.xlsx"
            write_xlsx(source, sheets, hidden=hidden, merged=merged)
            for fmt in ("xls", "ods"):
                convert(source, fmt, work / f"{name}.{fmt}", profile)
                shutil.copy(work / f"{name}.{fmt}", HERE / f"{name}.{fmt}")
        script = work / "save_with_password.py"
        script.write_text(SAVE_WITH_PASSWORD, encoding="utf-8")
        for fmt, filter_name in (("xls", "MS Excel 97"), ("ods", "calc8")):
            target = HERE / f"password.{fmt}"
            subprocess.run(["/usr/bin/python3", str(script), str(work / "roster.xlsx"),
                            str(target), filter_name, str(work / "uno-profile")],
                           check=True, capture_output=True, timeout=240)


if __name__ == "__main__":
    main()
