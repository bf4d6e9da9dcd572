"""File > Save for the district… and File > District roll-up… on the real window."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from reports.district import NOTICE
from storage import settings
from tests.district_files import district


def _said(monkeypatch) -> list[str]:
    said: list[str] = []

    def exec_(box):
        said.append(box.text() + "\n" + box.informativeText())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return said


def test_save_for_the_district_asks_for_the_school_id_once(window, qtbot, monkeypatch,
                                                            tmp_path):
    target = tmp_path / "riverside"
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return "36-0101", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = _said(monkeypatch)
    window.district_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert len(asked) == 1 and "school ID" in asked[0]
    assert settings.get(window.desk.db, "school_id") == "36-0101"
    saved = tmp_path / "riverside.mentordesk-district"
    document = json.loads(saved.read_text(encoding="utf-8"))
    assert document["school"]["school_id"] == "36-0101"
    assert document["year"]["name"] == window.desk.year["name"]
    assert NOTICE in said[0]


def test_the_district_roll_up_from_the_window(window, qtbot, monkeypatch, tmp_path):
    files = district(tmp_path, 4, [25, 3, 40])
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda *a, **k: ([str(path) for path in files], ""))
    target = tmp_path / "district"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said = _said(monkeypatch)
    window.rollup_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert (tmp_path / "district.xlsx").exists()
    assert "3 schools counted" in said[0] and "Small counts are not shown" in said[0]
