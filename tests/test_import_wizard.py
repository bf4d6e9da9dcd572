"""The import window, driven as a facilitator would, each page rendered to a picture."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.conftest import data_checksum
from tests.spreadsheets import csv_file, xlsx

RENDERS = Path(os.environ.get("MENTORDESK_RENDERS", "/tmp/mentordesk-renders"))

ROSTER = [["Westfield Middle School roster"], ["Student ID", "Last Name", "First Name", "Grade",
                                               "Homeroom", "Bus"],
          [1001, "Rivera", "Ana", 7, "7B", 12], [1002, "Okafor", "Ben", "6th", "6A", 4],
          [1003, "Nguyen", "Linh", "Gr. 8", "8C", 9], [None, "Lopez", "Maya", "Sev", "7A", 2]]


def render(widget, name: str) -> None:
    RENDERS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(RENDERS / f"{name}.png"))


def count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


@pytest.fixture
def open_wizard(qtbot, data_file, monkeypatch):
    """A function: the wizard over the data file the window has open, choosing ``path``."""
    from ui.dialogs.import_wizard import ImportWizard

    calls = []

    def make(path: Path):
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *args, **kwargs: (str(path), "")))
        wizard = ImportWizard(None, data_file.path, on_imported=lambda: calls.append(1))
        wizard.imported_calls = calls
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.mouseClick(wizard.file_page.choose, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not wizard.file_page.loading, timeout=10000)
        return wizard

    return make


def go_next(qtbot, wizard) -> None:
    before = wizard.currentId()
    wizard.next()
    assert wizard.currentId() != before


def test_a_roster_goes_in_step_by_step(qtbot, open_wizard, data_file, tmp_path):
    wizard = open_wizard(xlsx(tmp_path / "roster.xlsx", {"Roster": ROSTER}))
    assert wizard.file_page.isComplete()
    assert "1 sheet to read: Roster" in wizard.file_page.status.text()
    render(wizard, "wizard-1-file")

    go_next(qtbot, wizard)
    assert wizard.currentId() == wizard.KIND and wizard.kind_name == "students"
    assert "Student ID" in wizard.kind_page.guess.text()
    render(wizard, "wizard-2-kind")

    go_next(qtbot, wizard)  # one sheet: straight to the columns
    assert wizard.currentId() == wizard.COLUMNS
    model = wizard.columns_page.model
    assert [model.index(row, 2).data() for row in range(model.rowCount())] == [
        "Student ID", "Last name", "First name", "Grade", "Homeroom", "(leave out)"]
    assert wizard.columns_page.isComplete()
    render(wizard, "wizard-3-columns")

    go_next(qtbot, wizard)
    page = wizard.preview_page
    qtbot.waitUntil(page.isComplete, timeout=10000)
    assert "add 4" in page.summary.text() and "skip 0" in page.summary.text()
    assert page.problems.rowCount() == 2  # no ID for Maya; her grade is unreadable
    assert count(data_file.path, "students") == 0  # a preview writes nothing
    render(wizard, "wizard-4-preview")

    go_next(qtbot, wizard)
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    assert wizard.batch_id is not None and wizard.imported_calls == [1]
    assert "4</b> students added" in wizard.import_page.status.text()
    assert count(data_file.path, "students") == 4
    render(wizard, "wizard-5-done")


def test_a_column_can_be_changed_and_is_remembered(qtbot, open_wizard, data_file, tmp_path):
    path = csv_file(tmp_path / "odd.csv", [["Kid no", "Surname", "Given name"],
                                           ["2001", "Rivera", "Ana"]])
    wizard = open_wizard(path)
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    page = wizard.columns_page
    assert not page.isComplete() or page.model.index(0, 2).data() == "(leave out)"
    combo = page.view.indexWidget(page.model.index(0, 2))
    combo.setCurrentIndex(combo.findData("student_id"))
    combo.activated.emit(combo.currentIndex())
    assert page.model.index(0, 2).data() == "Student ID"
    assert page.isComplete()
    go_next(qtbot, wizard)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=10000)
    go_next(qtbot, wizard)
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    connection = sqlite3.connect(data_file.path)
    assert connection.execute("SELECT local_id FROM students").fetchall() == [("2001",)]
    connection.close()
    again = open_wizard(path)
    go_next(qtbot, again)
    go_next(qtbot, again)
    assert again.columns_page.model.index(0, 2).data() == "Student ID"
    assert "last time" in again.columns_page.status.text()


def test_sheets_one_per_grade_can_be_chosen(qtbot, open_wizard, data_file, tmp_path):
    header = ["Student ID", "Student Name", "Teacher", "Reason"]
    path = xlsx(tmp_path / "nominations.xlsx", {
        "Gr 6": [header, [3001, "Ana Rivera", "Ms. Cole", "attendance"]],
        "Gr 7": [header, [3002, "Ben Okafor", "Mr. Diaz", "behavior"],
                 [3003, "Linh Nguyen", "Mr. Diaz", "grades"]],
        "Read me": [["Fill in one row per student. Thank you!"]],
        "Lists": [["Reasons"], ["attendance"]],
    }, hidden=["Lists"])
    wizard = open_wizard(path)
    assert "Hidden sheets are left out: Lists" in wizard.file_page.status.text()
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    assert wizard.currentId() == wizard.SHEETS
    model = wizard.sheets_page.model
    assert model.ticked() == ["Gr 6", "Gr 7"]
    assert not model.flags(model.index(2)) & Qt.ItemFlag.ItemIsEnabled  # "Read me"
    render(wizard, "wizard-sheets")
    model.setData(model.index(0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.ticked() == ["Gr 7"]
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=10000)
    assert "add 2" in wizard.preview_page.summary.text()
    go_next(qtbot, wizard)
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    assert count(data_file.path, "students") == 2
    assert count(data_file.path, "nominations") == 2


def test_unknown_attendance_codes_are_explained_on_the_preview(qtbot, open_wizard, data_file,
                                                                tmp_path):
    from tests.import_helpers import run

    run(data_file, csv_file(tmp_path / "r.csv", [["Student ID", "Last", "First"],
                                                 ["1001", "Rivera", "Ana"]]), "students")
    path = csv_file(tmp_path / "att.csv", [["Student ID", "Date", "Code"],
                                           ["1001", "9/2/2025", "P"], ["1001", "9/3/2025", "FT"],
                                           ["1001", "9/4/2025", "RX"]])
    wizard = open_wizard(path)
    go_next(qtbot, wizard)
    assert wizard.kind_name == "attendance" and wizard.kind_page.attendance_box.isVisible()
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    page = wizard.preview_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10000)
    assert wizard.plan.stopped and not page.isComplete()
    assert page.codes_box.isVisible() and page.codes.rowCount() == 2
    render(wizard, "wizard-codes")
    for row, status in enumerate(("present", "absent_unexcused")):
        combo = page.codes_view.indexWidget(page.codes.index(row, 2))
        combo.setCurrentIndex(combo.findData(status))
        combo.activated.emit(combo.currentIndex())
    assert page.save_codes.isEnabled()
    qtbot.mouseClick(page.save_codes, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.isComplete, timeout=10000)
    assert not page.codes_box.isVisible()
    go_next(qtbot, wizard)
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    assert count(data_file.path, "attendance") == 3


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_first_page(qtbot, open_wizard,
                                                                         tmp_path):
    fake = tmp_path / "roster.xlsx"
    fake.write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 4)
    wizard = open_wizard(fake)
    assert not wizard.file_page.isComplete()
    assert "not a spreadsheet" in wizard.file_page.status.text()
    render(wizard, "wizard-refused")


def test_a_matched_student_who_left_offers_to_close_the_match(qtbot, open_wizard, data_file,
                                                               tmp_path):
    from storage import matches, mentors, students, years
    from tests.import_helpers import run

    run(data_file, xlsx(tmp_path / "r.xlsx", {"R": ROSTER[1:4]}), "students")
    ana = students.student_by_local_id(data_file.db, "1001")
    mentor = mentors.add_mentor(data_file.db, first_name="Dana", last_name="Cole")
    match = matches.add_match(data_file.db, mentor, ana["id"],
                              years.current_year(data_file.db)["id"], "2025-09-15")
    path = csv_file(tmp_path / "left.csv", [["Student ID", "Last Name", "First Name",
                                             "Exit Date"], ["1001", "Rivera", "Ana",
                                                            "2/6/2026"]])
    wizard = open_wizard(path)
    for _ in range(3):
        go_next(qtbot, wizard)
    page = wizard.preview_page
    qtbot.waitUntil(page.isComplete, timeout=10000)
    assert page.close_matches.isVisible() and "this match" in page.close_matches.text()
    render(wizard, "wizard-close-matches")
    page.close_matches.setChecked(True)
    qtbot.waitUntil(page.isComplete, timeout=10000)
    go_next(qtbot, wizard)
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=10000)
    assert matches.match(data_file.db, match)["closure_reason"] == "student_moved"


def test_cancel_during_the_import_leaves_the_file_as_it_was(qtbot, open_wizard, data_file,
                                                             tmp_path):
    from tests.import_helpers import run

    run(data_file, csv_file(tmp_path / "r.csv", [["Student ID", "Last", "First"]] + [
        [str(5000 + n), f"Student{n}", "Test"] for n in range(600)]), "students")
    rows = [["Student ID", "Date", "Code"]]
    day = dt.date(2025, 9, 2)
    days = []
    while len(days) < 150:
        if day.weekday() < 5 and day not in (dt.date(2025, 11, 27), dt.date(2025, 11, 28)):
            days.append(day)
        day += dt.timedelta(days=1)
    rows += [[str(5000 + n), day.isoformat(), "P"] for n in range(600) for day in days]
    wizard = open_wizard(csv_file(tmp_path / "att.csv", rows))
    for _ in range(3):
        go_next(qtbot, wizard)
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    before = data_checksum(data_file.path)
    go_next(qtbot, wizard)
    wizard.reject()  # the Cancel button
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=20000)
    assert wizard.batch_id is None
    assert data_checksum(data_file.path) == before


def test_the_import_history_undoes_an_import_after_asking(qtbot, data_file, tmp_path,
                                                          monkeypatch):
    from storage import matches, mentors, students, years
    from tests.import_helpers import run
    from ui.dialogs.import_history import ImportHistoryDialog

    _, batch = run(data_file, xlsx(tmp_path / "r.xlsx", {"R": ROSTER[1:4]}), "students")
    ana = students.student_by_local_id(data_file.db, "1001")
    mentor = mentors.add_mentor(data_file.db, first_name="Dana", last_name="Cole")
    matches.add_match(data_file.db, mentor, ana["id"], years.current_year(data_file.db)["id"],
                      "2025-09-15")
    asked = []

    def answer(box):
        asked.append(box.text())
        box.show()
        qtbot.waitExposed(box)
        render(box, "undo-confirmation")
        box.hide()
        for button in box.buttons():
            if button.text() == "Undo the import":
                box.clickedButton = lambda b=button: b
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    changed = []
    dialog = ImportHistoryDialog(None, data_file.path, on_changed=lambda: changed.append(1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.loaded, timeout=10000)
    assert dialog.model.rowCount() == 1
    dialog.view.selectRow(0)
    assert dialog.undo_button.isEnabled()
    render(dialog, "import-history")
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: changed == [1], timeout=10000)
    assert "1 match" in asked[0] and "would be removed" in asked[0]
    assert count(data_file.path, "students") == 0
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1
                    and bool(dialog.model.row_at(0)["undone_at"]), timeout=10000)
    assert batch == dialog.model.row_at(0)["batch"]


def test_the_import_models_behave_as_qt_expects(qtmodeltester, tmp_path):
    from importing.kinds import KINDS
    from importing.plan import prepare, read_file
    from importing.problems import Problem
    from ui.models.attendance_codes import UnknownCodesModel
    from ui.models.import_columns import ColumnMappingModel
    from ui.models.import_problems import ProblemsModel, problem_rows
    from ui.models.import_sheets import SheetChoiceModel

    source = prepare(None, read_file(xlsx(tmp_path / "r.xlsx", {"R": ROSTER})), "students")
    columns = ColumnMappingModel()
    columns.set_table(source.tables[0], KINDS["students"].fields)
    qtmodeltester.check(columns)
    sheets = SheetChoiceModel()
    sheets.set_sheets([{"name": "Gr 6", "rows": 3, "usable": True, "why": ""},
                       {"name": "Notes", "rows": 0, "usable": False, "why": "no table found"}])
    qtmodeltester.check(sheets)
    codes = UnknownCodesModel()
    codes.set_codes([("FT", 3), ("", 1)])
    qtmodeltester.check(codes)
    problems = ProblemsModel()
    problems.set_rows(problem_rows([Problem("R", 6, "Grade", "Not a grade."),
                                    Problem("R", None, None, "Grouped.", stops=True)]))
    qtmodeltester.check(problems)


def test_choosing_a_field_for_one_column_takes_it_off_another(tmp_path):
    from importing.kinds import KINDS
    from importing.plan import prepare, read_file
    from ui.models.import_columns import ColumnMappingModel

    source = prepare(None, read_file(xlsx(tmp_path / "r.xlsx", {"R": ROSTER})), "students")
    model = ColumnMappingModel()
    model.set_table(source.tables[0], KINDS["students"].fields)
    assert model.mapping()[0] == "student_id"
    model.setData(model.index(5, 2), "student_id")
    assert model.mapping().get(5) == "student_id" and 0 not in model.mapping()
    model.setData(model.index(5, 2), "")
    assert 5 not in model.mapping()
