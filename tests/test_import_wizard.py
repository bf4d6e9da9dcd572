"""The import window, driven as a facilitator would, each page rendered to a picture.

Choosing the file is the last step before the summary: MentorDesk reads the file, guesses what
it holds, its sheets and its columns, and shows everything on one page with Import. The
detailed pages are one click away and come back to the summary.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
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
    """A function: the window over the data file, with ``path`` chosen; it waits for the
    summary (or, for a refused file, the first page's sentence)."""
    from ui.dialogs.import_wizard import ImportWizard

    calls = []

    def make(path: Path):
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *args, **kwargs: (str(path), "")))
        wizard = ImportWizard(None, data_file.path,
                              on_imported=lambda kind, outcome: calls.append(kind))
        wizard.imported_calls = calls
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.mouseClick(wizard.file_page.choose, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not wizard.file_page.loading and not wizard.busy,
                        timeout=20000)
        return wizard

    return make


def import_now(qtbot, wizard) -> None:
    """Press Import on the summary and wait for the import to end."""
    assert wizard.currentId() == wizard.SUMMARY
    qtbot.waitUntil(wizard.summary_page.is_complete, timeout=20000)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.import_page.is_complete, timeout=30000)


def back_to_summary(qtbot, wizard) -> None:
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard.SUMMARY
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20000)


def test_a_roster_goes_in_with_one_click_after_choosing_the_file(qtbot, open_wizard,
                                                                  data_file, tmp_path):
    wizard = open_wizard(xlsx(tmp_path / "roster.xlsx", {"Roster": ROSTER}))
    assert wizard.currentId() == wizard.SUMMARY  # no page to confirm a sure guess
    page = wizard.summary_page
    assert "students" in page.kind_text.text() and "Student ID" in page.kind_text.text()
    assert "Roster (4 rows)" in page.sheets_text.text()
    assert "Student ID → Student ID" in page.columns_text.text()
    assert "Not imported: Bus" in page.columns_text.text()
    assert "4 rows" in page.headline.text() and "add 4 students" in page.headline.text()
    assert page.problems.rowCount() == 2  # no ID for Maya; her grade is unreadable
    assert wizard.next_button.text() == "&Import" and wizard.next_button.isEnabled()
    assert count(data_file.path, "students") == 0  # the summary writes nothing
    render(wizard, "wizard-summary")
    import_now(qtbot, wizard)
    assert wizard.batch_id is not None and wizard.imported_calls == ["students"]
    assert "4 students</b> added" in wizard.import_page.status.text()
    assert count(data_file.path, "students") == 4
    render(wizard, "wizard-done")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Done
    assert not wizard.isVisible()


def test_the_window_and_the_headless_import_write_the_same(qtbot, open_wizard, data_file,
                                                           tmp_path):
    from actions.imports import ImportRequest, import_file, undo_import

    def stored() -> list[tuple]:
        return data_file.db.execute(
            "SELECT s.local_id, s.first_name, s.last_name, e.grade, e.homeroom FROM students s "
            "JOIN enrollments e ON e.student_id = s.id ORDER BY 1, 2").fetchall()

    path = xlsx(tmp_path / "roster.xlsx", {"Roster": ROSTER})
    wizard = open_wizard(path)
    import_now(qtbot, wizard)
    from_window = stored()
    undo_import(data_file.db, wizard.batch_id)
    assert stored() == []
    import_file(data_file.path, ImportRequest(path, "students"))
    assert stored() == from_window and len(from_window) == 4


def test_a_column_can_be_chosen_one_click_from_the_summary_and_is_remembered(
        qtbot, open_wizard, data_file, tmp_path):
    path = csv_file(tmp_path / "odd.csv", [["Kid no", "Surname", "Given name"],
                                           ["2001", "Rivera", "Ana"]])
    wizard = open_wizard(path)
    page = wizard.summary_page
    assert not page.is_complete() or "could not tell" in page.columns_text.text() or \
        "Not imported: Kid no" in page.columns_text.text()
    qtbot.mouseClick(page.change_columns, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard.COLUMNS
    columns = wizard.columns_page
    combo = columns.view.indexWidget(columns.model.index(0, 2))
    combo.setCurrentIndex(combo.findData("student_id"))
    combo.activated.emit(combo.currentIndex())
    assert columns.model.index(0, 2).data() == "Student ID"
    render(wizard, "wizard-columns")
    back_to_summary(qtbot, wizard)
    assert "Kid no → Student ID" in page.columns_text.text()
    import_now(qtbot, wizard)
    connection = sqlite3.connect(data_file.path)
    assert connection.execute("SELECT local_id FROM students").fetchall() == [("2001",)]
    connection.close()
    again = open_wizard(path)
    assert "Kid no → Student ID" in again.summary_page.columns_text.text()


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
    page = wizard.summary_page
    assert "Gr 6 (1 row), Gr 7 (2 rows)" in page.sheets_text.text()
    assert "Lists (hidden)" in page.sheets_text.text()
    qtbot.mouseClick(page.change_sheets, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard.SHEETS
    model = wizard.sheets_page.model
    assert model.ticked() == ["Gr 6", "Gr 7"]
    assert model.index(1).data().endswith("(2 rows)")  # as the summary counts them
    assert not model.flags(model.index(2)) & Qt.ItemFlag.ItemIsEnabled  # "Read me"
    render(wizard, "wizard-sheets")
    model.setData(model.index(0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.ticked() == ["Gr 7"]
    back_to_summary(qtbot, wizard)
    assert "add 2 students" in page.headline.text()
    import_now(qtbot, wizard)
    assert count(data_file.path, "students") == 2
    assert count(data_file.path, "nominations") == 2


def test_what_the_file_holds_can_be_changed(qtbot, open_wizard, data_file, tmp_path):
    path = csv_file(tmp_path / "people.csv", [["Name", "Email"],
                                              ["Dana Cole", "dcole@school.org"]])
    wizard = open_wizard(path)
    assert wizard.kind_name == "mentors"
    qtbot.mouseClick(wizard.summary_page.change_kind, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == wizard.KIND
    render(wizard, "wizard-kind")
    button = next(b for b in wizard.kind_page.buttons.buttons()
                  if b.property("kind") == "students")
    # On its circle: a radio button takes clicks on its circle and words, not the row's end.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    back_to_summary(qtbot, wizard)
    assert wizard.kind_name == "students"
    assert "students" in wizard.summary_page.kind_text.text()


def test_unknown_attendance_codes_are_explained_on_the_summary(qtbot, open_wizard, data_file,
                                                                tmp_path):
    from tests.import_helpers import run

    run(data_file, csv_file(tmp_path / "r.csv", [["Student ID", "Last", "First"],
                                                 ["1001", "Rivera", "Ana"]]), "students")
    path = csv_file(tmp_path / "att.csv", [["Student ID", "Date", "Code"],
                                           ["1001", "9/2/2025", "P"], ["1001", "9/3/2025", "FT"],
                                           ["1001", "9/4/2025", "RX"]])
    wizard = open_wizard(path)
    page = wizard.summary_page
    assert wizard.kind_name == "attendance" and wizard.plan.stopped
    assert not page.is_complete() and not wizard.next_button.isEnabled()
    box = page.unknown
    assert box.isVisible() and box.codes.rowCount() == 2
    render(wizard, "wizard-codes")
    for row, status in enumerate(("present", "absent_unexcused")):
        combo = box.view.indexWidget(box.codes.index(row, 2))
        combo.setCurrentIndex(combo.findData(status))
        combo.activated.emit(combo.currentIndex())
    assert box.save.isEnabled()
    qtbot.mouseClick(box.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.is_complete, timeout=20000)
    assert not box.isVisible()
    import_now(qtbot, wizard)
    assert count(data_file.path, "attendance") == 3


def test_unknown_kinds_of_day_are_asked_about_in_the_window(qtbot, open_wizard, data_file,
                                                             tmp_path):
    path = csv_file(tmp_path / "cal.csv", [["Date", "Event"], ["2025-10-10", "Spirit day"],
                                           ["2025-10-13", "Holiday"]])
    wizard = open_wizard(path)
    box = wizard.summary_page.unknown
    assert box.isVisible() and box.codes.index(0, 0).data() == "Spirit day"
    combo = box.view.indexWidget(box.codes.index(0, 2))
    combo.setCurrentIndex(combo.findData("school"))
    combo.activated.emit(combo.currentIndex())
    qtbot.mouseClick(box.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.summary_page.is_complete, timeout=20000)
    import_now(qtbot, wizard)
    assert count(data_file.path, "non_school_days") == 3  # Thanksgiving (2) and the holiday


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_first_page(qtbot, open_wizard,
                                                                         tmp_path):
    fake = tmp_path / "roster.xlsx"
    fake.write_bytes(b"%PDF-1.5\n" + bytes(range(256)) * 4)
    wizard = open_wizard(fake)
    assert wizard.currentId() == wizard.FILE and not wizard.file_page.is_complete()
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
    page = wizard.summary_page
    assert page.close_matches.isVisible() and "this match" in page.close_matches.text()
    render(wizard, "wizard-close-matches")
    page.close_matches.setChecked(True)
    qtbot.waitUntil(page.is_complete, timeout=20000)
    import_now(qtbot, wizard)
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
    qtbot.waitUntil(wizard.summary_page.is_complete, timeout=30000)
    before = data_checksum(data_file.path)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.reject()  # the Cancel button
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=30000)
    assert wizard.batch_id is None
    assert data_checksum(data_file.path) == before


def test_the_wizard_speaks_a_facilitators_words(qtbot, open_wizard, tmp_path):
    from importing.kinds import KINDS

    labels = [spec.label for kind in KINDS.values() for spec in kind.fields]
    for banned in ("(whole)", "(words)", "(leave out)"):
        assert not any(banned in text for text in labels)
    path = csv_file(tmp_path / "n.csv", [["Student Name", "Teacher", "Reason"],
                                         ["Rivera, Ana", "Ms. Cole", "attendence"],
                                         ["Okafor, Ben", "Mr. Diaz", "attendance + behavior"],
                                         ["Nguyen, Linh", "Mr. Diaz", "wears hats"]])
    wizard = open_wizard(path)
    qtbot.mouseClick(wizard.summary_page.change_columns, Qt.MouseButton.LeftButton)
    model = wizard.columns_page.model
    assert model.index(0, 1).data() == "Rivera, Ana\nOkafor, Ben\nNguyen, Linh"
    choices = [text for _, text in model.choices()]
    assert "Not imported" in choices and not any("(" in text and "whole" in text
                                                  for text in choices)
    render(wizard, "wizard-words")
    back_to_summary(qtbot, wizard)
    text = wizard.summary_page.notes.text() + " ".join(
        wizard.summary_page.problems.row_at(row)["message"]
        for row in range(wizard.summary_page.problems.rowCount()))
    assert "attendence" in text and "wears hats" in text  # understood, or flagged


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
