"""File > Import… on the real window: the wizard over the open file, and the lists refresh."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.desk.conftest import wait_loaded
from tests.spreadsheets import csv_file

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


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
