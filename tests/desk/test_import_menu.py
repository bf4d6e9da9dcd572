"""File > Import… on the real window: the wizard over the open file, and the lists refresh."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.desk.conftest import wait_loaded
from tests.spreadsheets import csv_file


def test_file_import_brings_a_new_student_onto_the_students_screen(qtbot, window, tmp_path,
                                                                   monkeypatch):
    from ui.dialogs import import_wizard

    roster = csv_file(tmp_path / "new students.csv",
                      [["Student ID", "Last Name", "First Name", "Grade"],
                       ["990001", "Quintero", "Paz", "7"]])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(roster), "")))
    opened = []
    # The wizard is modal (exec); shown instead, the test can drive it step by step.
    monkeypatch.setattr(import_wizard.ImportWizard, "exec",
                        lambda self: opened.append(self) or self.show())
    window.import_action.trigger()
    wizard = opened[0]
    qtbot.mouseClick(wizard.file_page.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10000)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == wizard.COLUMNS
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20000)
    assert "add 1" in wizard.preview_page.summary.text()
    wizard.next()
    qtbot.waitUntil(wizard.import_page.isComplete, timeout=20000)
    assert wizard.batch_id is not None
    screen = window.screens["students"]
    wait_loaded(qtbot, screen)
    assert any(row["local_id"] == "990001" for row in screen.model.rows())


def test_file_import_history_lists_the_imports_and_undoes_one(qtbot, window, tmp_path,
                                                              monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from importing.apply import ImportRequest, import_file
    from ui.dialogs import import_history

    roster = csv_file(tmp_path / "late arrivals.csv",
                      [["Student ID", "Last Name", "First Name", "Grade"],
                       ["990002", "Osei", "Nia", "6"]])
    _, batch = import_file(window.desk.data.path, ImportRequest(path=roster, kind="students"))
    window.desk.notify("students")
    opened = []
    monkeypatch.setattr(import_history.ImportHistoryDialog, "exec",
                        lambda self: opened.append(self) or self.show())
    window.history_action.trigger()
    dialog = opened[0]
    qtbot.waitUntil(lambda: dialog.loaded, timeout=20000)
    files = [dialog.model.rows()[row]["file"] for row in range(dialog.model.rowCount())]
    assert "late arrivals.csv" in files
    row = files.index("late arrivals.csv")
    dialog.view.selectRow(dialog.proxy.mapFromSource(dialog.model.index(row, 0)).row())
    assert dialog.undo_button.isEnabled()
    asked = []

    def answer(box):
        asked.append(box.text())
        next(b for b in box.buttons() if b.text() == "Undo the import").click()

    monkeypatch.setattr(QMessageBox, "exec", answer)
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    screen = window.screens["students"]

    def undone() -> bool:
        return all(r["local_id"] != "990002" for r in screen.model.rows())

    qtbot.waitUntil(lambda: bool(asked), timeout=20000)
    qtbot.waitUntil(lambda: undone() and not screen.loader.busy, timeout=30000)
    assert batch is not None
    assert "late arrivals.csv" in asked[0] or "1 student" in asked[0]
