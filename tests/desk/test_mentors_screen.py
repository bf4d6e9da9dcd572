"""The Mentors screen: list, filters, sorting, editing, availability, and finding a mentor."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from storage import availability, mentors
from tests.desk.conftest import wait_loaded
from tests.desk.helpers import when_dialog_opens
from ui.models import mentors as mentor_rows
from ui.screens.base import select_row


@pytest.fixture
def screen(qtbot, window):
    window.show_screen("mentors")
    mentors_screen = window.screens["mentors"]
    wait_loaded(qtbot, mentors_screen)
    return mentors_screen


def test_the_list_shows_active_mentors_with_their_load(screen, window):
    shown = screen.proxy.visible_rows()
    everyone = mentors.all_mentors(window.desk.db)
    assert len(shown) == sum(1 for m in everyone if m["active"])
    for row in range(screen.proxy.rowCount()):
        data = screen.proxy.row_at(row)
        assert screen.proxy.index(row, mentor_rows.LOAD).data() == (
            f"{data['mentees']} / {data['capacity']}")


def test_filters_show_mentors_with_room_or_everyone(qtbot, screen):
    screen.which.setCurrentIndex(screen.which.findData(mentor_rows.ROOM))
    room = screen.proxy.visible_rows()
    assert room and all(r["mentees"] < r["capacity"] and r["active"] for r in room)
    screen.which.setCurrentIndex(screen.which.findData(mentor_rows.ALL))
    assert any(not r["active"] for r in screen.proxy.visible_rows())
    screen.which.setCurrentIndex(screen.which.findData(mentor_rows.ACTIVE))
    some = screen.model.row_at(0)
    qtbot.keyClicks(screen.search, some["last_name"])
    wanted = mentor_rows.fold(some["last_name"])
    qtbot.waitUntil(lambda: all(wanted in r["search_text"] for r in screen.proxy.visible_rows()))
    assert 0 < screen.proxy.rowCount() < screen.model.rowCount()


def test_sorting_by_mentees_and_name(screen):
    screen.table.sortByColumn(mentor_rows.NAME, Qt.SortOrder.DescendingOrder)
    names = [mentor_rows.fold(f"{r['last_name']} {r['first_name']}")
             for r in screen.proxy.visible_rows()]
    assert names == sorted(names, reverse=True)
    screen.table.sortByColumn(mentor_rows.LOAD, Qt.SortOrder.AscendingOrder)
    room = [r["capacity"] - r["mentees"] for r in screen.proxy.visible_rows()]
    assert room == sorted(room)


def test_editing_a_mentors_capacity_updates_the_list(qtbot, screen, window):
    from ui.dialogs.mentor_editor import MentorEditor

    select_row(screen.table, 0)
    mentor_id = screen.current_mentor_id()

    def change(dialog: MentorEditor) -> None:
        dialog.capacity.setValue(9)
        dialog.interests.setText("chess, robots")
        dialog.accept()

    seen = when_dialog_opens(MentorEditor, change)
    qtbot.mouseClick(screen.detail.edit_button, Qt.MouseButton.LeftButton)
    assert seen
    wait_loaded(qtbot, screen)
    record = mentors.mentor(window.desk.db, mentor_id)
    assert record["capacity"] == 9 and record["interests"] == "chess, robots"
    row = screen.proxy.proxy_row_of(lambda r: r["id"] == mentor_id)
    assert screen.proxy.index(row, mentor_rows.LOAD).data().endswith("/ 9")
    assert "chess, robots" in screen.detail.body.toPlainText()


def test_adding_a_mentor(qtbot, screen, window):
    from ui.dialogs.mentor_editor import MentorEditor

    before = screen.model.rowCount()

    def fill(dialog: MentorEditor) -> None:
        qtbot.keyClicks(dialog.first_name, "Olga")
        qtbot.keyClicks(dialog.last_name, "Quill")
        dialog.role.setCurrentIndex(dialog.role.findText("Counselor"))
        dialog.accept()

    when_dialog_opens(MentorEditor, fill)
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.model.rowCount() == before + 1)
    wait_loaded(qtbot, screen)
    assert screen.detail.name.text() == "Olga Quill"
    assert "Counselor" in screen.detail.facts.text()


def test_clicking_the_mentors_grid_saves_it(qtbot, screen, window):
    select_row(screen.table, 1)
    mentor_id = screen.current_mentor_id()
    before = availability.get(window.desk.db, "mentor", mentor_id)
    qtbot.mouseClick(screen.detail.grid.button(4, "after_school"), Qt.MouseButton.LeftButton)
    after = availability.get(window.desk.db, "mentor", mentor_id)
    assert after ^ before == {(4, "after_school")}


def test_search_box_opens_a_mentor(qtbot, window):
    mentor = mentors.all_mentors(window.desk.db, active_only=True)[3]
    window.focus_search()
    qtbot.keyClicks(window.search, f"{mentor['first_name']} {mentor['last_name']}")
    index = next(i for i in range(window.search.results.rowCount())
                 if window.search.results.entry(i)["kind"] == "mentor")
    window.search._choose(window.search.results.entry(index))
    screen = window.screens["mentors"]
    qtbot.waitUntil(lambda: screen.detail.mentor_id == mentor["id"])
    assert window.stack.currentWidget() is screen


def test_clicking_a_mentee_opens_the_student(qtbot, screen, window):
    row = screen.proxy.proxy_row_of(lambda r: r["mentees"] > 0)
    select_row(screen.table, row)
    html = screen.detail.body.toHtml()
    student_id = int(html.split("student:")[1].split('"')[0].split("'")[0])
    from PySide6.QtCore import QUrl

    screen.detail.body.anchorClicked.emit(QUrl(f"student:{student_id}"))
    students_screen = window.screens["students"]
    qtbot.waitUntil(lambda: students_screen.detail.student_id == student_id)
    assert window.stack.currentWidget() is students_screen


def test_the_mentors_models_pass_the_model_tester(qtmodeltester, screen):
    qtmodeltester.check(screen.model)
    qtmodeltester.check(screen.proxy)
