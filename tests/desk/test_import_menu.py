"""File > Import… on the real window: the wizard over the open file, and the lists refresh."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog

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
    # The window is modal (exec); shown instead, the test can drive it.
    monkeypatch.setattr(import_wizard.ImportWizard, "exec",
                        lambda self: opened.append(self) or self.show())
    window.show_screen("mentors")
    window.import_action.trigger()
    wizard = opened[0]
    qtbot.mouseClick(wizard.file_page.choose, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY and
                    wizard.summary_page.is_complete(), timeout=30000)
    assert "add 1 student" in wizard.summary_page.headline.text()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(wizard.import_page.is_complete, timeout=30000)
    assert wizard.batch_id is not None
    screen = window.screens["students"]
    assert window.stack.currentWidget() is screen  # what came in is shown
    wait_loaded(qtbot, screen)
    assert any(row["local_id"] == "990001" for row in screen.model.rows())


MESSY_TEACHER_SHEET = [
    ["Mentoring program: student nominations"],
    ["Please fill in one row per student. Thank you!"],
    [],
    ["Student's name (Last, First)", "Gr.", "Teacher", "Reason(s) for nomination",
     "Best time to meet"],
    ["Rivera, Ana", "7th", "Ms. Cole", "attendence", "lunch"],
    ["Okafor, Ben", "Gr 6", "Mr. Diaz", "attendance + behavior", "Mon/Wed after school"],
    ["Nguyen, Linh", "8", "Ms. Cole", "grades; friends", ""],
    ["Lopez, Maya", "7", "Mr. Diaz", "shy, new to school", "before school"],
    [],
    ["Thank you for your nominations!"],
]


def test_first_run_to_the_roster_in_a_few_clicks(qtbot, tmp_path, window_data_dir,
                                                 monkeypatch):
    """Counted on a real window: a new file, the school named, the year set, a messy teacher
    sheet chosen, the roster on screen. Clicks after the file is chosen: the aim is 4, at most
    8 (it was 13 clicks on 6 pages)."""
    from tests.spreadsheets import xlsx
    from ui.dialogs import import_wizard
    from ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.open_file(tmp_path / "new school.sqlite", create=True)
    main.resize(1366, 768)
    main.show()
    page = main.start_page
    qtbot.keyClicks(page.school, "Lakeview Middle School")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)  # the year (as suggested)
    sheet = xlsx(tmp_path / "nominations from teachers.xlsx", {"Nominations":
                                                                MESSY_TEACHER_SHEET},
                 merged={"Nominations": ["A1:E1"]})
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *args, **kwargs: (str(sheet), "")))
    opened = []
    monkeypatch.setattr(import_wizard.ImportWizard, "exec",
                        lambda self: opened.append(self) or self.show())
    main.import_action.trigger()
    wizard = opened[0]
    qtbot.mouseClick(wizard.file_page.choose, Qt.MouseButton.LeftButton)  # the file is chosen
    clicks = ClickCounter()  # every mouse press the application gets from now on
    qtbot.waitUntil(lambda: wizard.currentId() == wizard.SUMMARY and not wizard.busy,
                    timeout=30000)
    summary = wizard.summary_page
    assert summary.is_complete(), summary.headline.text()
    assert "add 4 students" in summary.headline.text()
    wizard.grab().save(str(tmp_path / "summary.png"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Import
    qtbot.waitUntil(wizard.import_page.is_complete, timeout=30000)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)  # Done
    students = main.screens["students"]
    assert main.stack.currentWidget() is students
    wait_loaded(qtbot, students)
    names = sorted(row["last_name"] for row in students.model.rows())
    assert names == ["Lopez", "Nguyen", "Okafor", "Rivera"]
    assert clicks.stop() == 2  # Import, Done: the aim was 4, at most 8


class ClickCounter(QObject):
    """Counts the mouse presses the whole application receives (any window, any widget)."""

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.MouseButtonPress and watched.isWidgetType():
            self.presses += 1
        return False

    def stop(self) -> int:
        QApplication.instance().removeEventFilter(self)
        return self.presses


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
