"""The Students screen driven as a facilitator would: find, filter, sort, edit, archive."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from storage import students
from storage.database import open_data_file
from tests.desk.conftest import wait_loaded
from tests.desk.helpers import when_dialog_opens
from ui.models import students as student_rows
from ui.screens.base import select_row


def _screen(window):
    return window.screens["students"]


def _shown(screen) -> list[dict]:
    return screen.proxy.visible_rows()


def _pick_student(demo_copy, predicate):
    with open_data_file(demo_copy, write=False) as data:
        from storage import years

        year = years.current_year(data.db)
        rows = student_rows.load_rows(data.db, year["id"])
    return next(row for row in rows if predicate(row))


def test_ctrl_f_finds_a_student_by_part_of_the_name_and_opens_them(qtbot, window, demo_copy):
    target = _pick_student(demo_copy, lambda r: len(r["last_name"]) > 4)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, f"{target['first_name'][:3]} {target['last_name'][1:5]}")
    found = [window.search.results.entry(i) for i in range(window.search.results.rowCount())]
    assert any(entry["kind"] == "student" and entry["id"] == target["id"] for entry in found)
    # Narrow to exactly this student by ID, then press Enter.
    window.search.clear()
    qtbot.keyClicks(window.search, target["local_id"][2:])
    first = window.search.results.entry(0)
    assert first["id"] == target["id"]
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    screen = _screen(window)
    qtbot.waitUntil(lambda: screen.detail.student_id == target["id"])
    assert screen.current_student_id() == target["id"]
    assert target["last_name"] in screen.detail.name.text()


def test_search_ignores_accents_and_finds_mentors_too(qtbot, window, demo_copy):
    accented = _pick_student(demo_copy, lambda r: any(c in r["last_name"] for c in "éñáíóú"))
    plain = (accented["last_name"].replace("é", "e").replace("ñ", "n").replace("á", "a")
             .replace("í", "i").replace("ó", "o").replace("ú", "u"))
    window.focus_search()
    qtbot.keyClicks(window.search, plain.lower())
    ids = [window.search.results.entry(i)["id"] for i in range(window.search.results.rowCount())]
    assert accented["id"] in ids
    with open_data_file(demo_copy, write=False) as data:
        from storage import mentors

        mentor = mentors.all_mentors(data.db)[0]
    window.search.clear()
    qtbot.keyClicks(window.search, mentor["last_name"])
    kinds = {(window.search.results.entry(i)["kind"], window.search.results.entry(i)["id"])
             for i in range(window.search.results.rowCount())}
    assert ("mentor", mentor["id"]) in kinds


def test_typing_in_the_students_filter_narrows_the_list(qtbot, window):
    screen = _screen(window)
    total = screen.proxy.rowCount()
    some = screen.model.row_at(5)
    qtbot.keyClicks(screen.search, some["last_name"][:4])
    qtbot.waitUntil(lambda: screen.proxy.rowCount() < total)
    assert all(some["last_name"][:4].lower() in row["last_name"].lower()
               or some["last_name"][:4].lower() in row["search_text"] for row in _shown(screen))
    assert "showing" in screen.count.text()
    qtbot.mouseClick(screen.clear_button, Qt.MouseButton.LeftButton)
    assert screen.proxy.rowCount() == total


def test_grade_mentor_and_concern_filters_show_only_those_students(qtbot, window):
    screen = _screen(window)
    grade_index = screen.grade.findData(7)
    screen.grade.setCurrentIndex(grade_index)
    assert _shown(screen) and all(row["grade"] == 7 for row in _shown(screen))
    screen.grade.setCurrentIndex(0)

    screen.who.setCurrentIndex(screen.who.findData(student_rows.MATCHED))
    matched = _shown(screen)
    assert matched and all(row["mentor_name"] for row in matched)
    screen.who.setCurrentIndex(screen.who.findData(student_rows.UNMATCHED))
    assert all(not row["mentor_name"] for row in _shown(screen))
    screen.who.setCurrentIndex(screen.who.findData(student_rows.WAITING))
    waiting = _shown(screen)
    assert waiting and all(row["match_id"] is None and row["nomination_status"] in
                           ("new", "accepted", "waitlisted") for row in waiting)
    screen.who.setCurrentIndex(0)

    screen.concern.setCurrentIndex(screen.concern.findData("behavior"))
    concerned = _shown(screen)
    assert concerned and all("behavior" in row["reasons"] for row in concerned)
    assert all("Behavior" in screen.proxy.index(r, student_rows.REASONS).data()
               for r in range(screen.proxy.rowCount()))


def test_clicking_column_titles_sorts_the_list(qtbot, window):
    screen = _screen(window)
    header = screen.table.horizontalHeader()
    header_pos = header.sectionViewportPosition(student_rows.GRADE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + type(header.rect().topLeft())(header_pos, 5))
    grades = [row["grade"] for row in _shown(screen)]
    assert grades == sorted(grades) or grades == sorted(grades, reverse=True)
    first_order = grades
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().topLeft() + type(header.rect().topLeft())(header_pos, 5))
    grades = [row["grade"] for row in _shown(screen)]
    assert grades == list(reversed(first_order)) or grades == sorted(grades, reverse=True)

    screen.table.sortByColumn(student_rows.NAME, Qt.SortOrder.AscendingOrder)
    names = [student_rows.fold(f"{r['last_name']} {r['first_name']}") for r in _shown(screen)]
    assert names == sorted(names)
    screen.table.sortByColumn(student_rows.NAME, Qt.SortOrder.DescendingOrder)
    names = [student_rows.fold(f"{r['last_name']} {r['first_name']}") for r in _shown(screen)]
    assert names == sorted(names, reverse=True)


def test_selection_stays_on_the_same_student_after_sorting(qtbot, window):
    screen = _screen(window)
    select_row(screen.table, 10)
    chosen = screen.current_student_id()
    screen.table.sortByColumn(student_rows.HOMEROOM, Qt.SortOrder.DescendingOrder)
    assert screen.current_student_id() == chosen
    assert screen.detail.student_id == chosen


def test_editing_a_profile_saves_it_to_the_file(qtbot, window, demo_copy):
    from ui.dialogs.student_editor import StudentEditor

    screen = _screen(window)
    select_row(screen.table, 2)
    student_id = screen.current_student_id()

    def fill(dialog: StudentEditor) -> None:
        dialog.preferred_name.clear()
        qtbot.keyClicks(dialog.preferred_name, "Ziggy")
        dialog.guardian_phone.setText("555-000-1234")
        dialog.consent.setCurrentIndex(dialog.consent.findData("given"))
        dialog.consent_date.check.setChecked(True)
        dialog.homeroom.setText("7Z")
        qtbot.mouseClick(dialog.findChild(type(screen.add_button), "primary"),
                         Qt.MouseButton.LeftButton)

    seen = when_dialog_opens(StudentEditor, fill)
    qtbot.mouseClick(screen.detail.edit_button, Qt.MouseButton.LeftButton)
    assert seen
    wait_loaded(qtbot, screen)
    with open_data_file(demo_copy, write=False) as data:
        record = students.student(data.db, student_id)
        enrollment = students.enrollment(data.db, student_id, window.desk.year_id)
    assert record["preferred_name"] == "Ziggy"
    assert record["guardian_phone"] == "555-000-1234"
    assert record["consent_status"] == "given" and record["consent_date"]
    assert enrollment["homeroom"] == "7Z"
    assert screen.current_student_id() == student_id
    assert "Ziggy" in screen.detail.name.text()
    row = screen.proxy.proxy_row_of(lambda r: r["id"] == student_id)
    assert screen.proxy.index(row, student_rows.HOMEROOM).data() == "7Z"


def test_a_duplicate_student_id_is_refused_in_plain_words(qtbot, window):
    from ui.dialogs.student_editor import StudentEditor

    screen = _screen(window)
    taken = screen.model.row_at(0)["local_id"]
    dialog = StudentEditor(window.desk, None, window)
    qtbot.addWidget(dialog)
    dialog.first_name.setText("Test")
    dialog.last_name.setText("Person")
    dialog.local_id.setText(taken)
    dialog.accept()
    assert dialog.problem.isVisible() or not dialog.problem.isHidden()
    assert taken in dialog.problem.text()
    assert dialog.result() == 0


def test_adding_a_student_puts_them_in_the_list(qtbot, window):
    from ui.dialogs.student_editor import StudentEditor

    screen = _screen(window)
    before = screen.model.rowCount()

    def fill(dialog: StudentEditor) -> None:
        qtbot.keyClicks(dialog.first_name, "Quinta")
        qtbot.keyClicks(dialog.last_name, "Zzyzx")
        qtbot.keyClicks(dialog.local_id, "0999001")
        dialog.grade.setCurrentIndex(dialog.grade.findData(7))
        dialog.accept()

    when_dialog_opens(StudentEditor, fill)
    qtbot.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.model.rowCount() == before + 1)
    wait_loaded(qtbot, screen)
    added = screen.model.row_at(screen.model.row_of(lambda r: r["local_id"] == "0999001"))
    assert added["grade"] == 7
    assert screen.detail.name.text() == "Quinta Zzyzx"


def test_archiving_hides_a_student_and_restoring_brings_them_back(qtbot, window, monkeypatch):
    screen = _screen(window)
    row = screen.proxy.proxy_row_of(lambda r: r["match_id"] is None)
    select_row(screen.table, row)
    student_id = screen.current_student_id()
    total = screen.proxy.rowCount()
    qtbot.mouseClick(screen.detail.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.proxy.rowCount() == total - 1)
    assert screen.proxy.proxy_row_of(lambda r: r["id"] == student_id) is None
    assert students.student(window.desk.db, student_id)["archived"] == 1

    qtbot.mouseClick(screen.show_archived, Qt.MouseButton.LeftButton)
    assert screen.proxy.rowCount() == total
    shown = screen.proxy.proxy_row_of(lambda r: r["id"] == student_id)
    assert "(archived)" in screen.proxy.index(shown, student_rows.NAME).data()
    select_row(screen.table, shown)
    assert screen.detail.archive_button.text().replace("&", "") == "Restore"
    qtbot.mouseClick(screen.detail.archive_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: students.student(window.desk.db, student_id)["archived"] == 0)
    wait_loaded(qtbot, screen)
    qtbot.mouseClick(screen.show_archived, Qt.MouseButton.LeftButton)
    assert screen.proxy.proxy_row_of(lambda r: r["id"] == student_id) is not None


def test_archiving_a_matched_student_asks_first(qtbot, window, monkeypatch):
    screen = _screen(window)
    select_row(screen.table, screen.proxy.proxy_row_of(lambda r: r["match_id"] is not None))
    student_id = screen.current_student_id()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(screen.detail.archive_button, Qt.MouseButton.LeftButton)
    assert asked
    assert students.student(window.desk.db, student_id)["archived"] == 0


def test_clicking_the_availability_grid_saves_it(qtbot, window):
    from storage import availability

    screen = _screen(window)
    select_row(screen.table, 0)
    student_id = screen.current_student_id()
    before = availability.get(window.desk.db, "student", student_id)
    button = screen.detail.grid.button(2, "planning")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    after = availability.get(window.desk.db, "student", student_id)
    assert after ^ before == {(2, "planning")}


def test_the_students_models_pass_the_model_tester(qtmodeltester, window):
    screen = _screen(window)
    qtmodeltester.check(screen.model)
    qtmodeltester.check(screen.proxy)


def test_the_attendance_tab_shows_rate_tier_pattern_and_chart(qtbot, window):
    from analysis import attendance as attendance_figures

    screen = _screen(window)
    records = attendance_figures.year_attendance(window.desk.db, window.desk.year_id)
    patterned = next(r for r in records if r.pattern_weekdays)
    assert screen.show_student(patterned.student_id)
    detail = screen.detail
    detail.tabs.setCurrentWidget(detail.attendance_page)
    text = detail.attendance_text.text()
    from program.vocabulary import WEEKDAYS
    from ui.words import percent

    assert "Most missed: " + WEEKDAYS[patterned.pattern_weekdays[0]] in text
    assert percent(patterned.absence_rate) in text
    assert detail.tier.text() != ""
    qtbot.waitUntil(detail.month_chart.has_chart, timeout=20000)
    row = screen.proxy.proxy_row_of(lambda r: r["id"] == patterned.student_id)
    assert screen.proxy.index(row, student_rows.RATE).data() == percent(patterned.absence_rate)


def test_the_tier_filter_shows_chronic_and_early_warning_students(qtbot, window):
    screen = _screen(window)
    screen.tier.setCurrentIndex(screen.tier.findData(student_rows.CHRONIC))
    chronic = _shown(screen)
    assert chronic and all(r["tier"] in ("moderate", "severe") for r in chronic)
    screen.tier.setCurrentIndex(screen.tier.findData(student_rows.EARLY_WARNING))
    assert all(r["early_warning"] for r in _shown(screen))
    screen.tier.setCurrentIndex(screen.tier.findData("severe"))
    assert all(screen.proxy.index(r, student_rows.TIER).data().startswith("Severe")
               for r in range(screen.proxy.rowCount()))


def test_goals_can_be_added_noted_and_marked_met(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from storage import goals

    screen = _screen(window)
    select_row(screen.table, 4)
    student_id = screen.current_student_id()
    detail = screen.detail
    detail.tabs.setCurrentIndex(1)
    answers = iter([("Hand in homework on Fridays", True), ("Did it twice this week.", True)])
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *a, **k: next(answers))
    add_goal = next(b for b in detail.findChildren(type(detail.edit_button))
                    if b.text().replace("&", "") == "Add a goal…")
    qtbot.mouseClick(add_goal, Qt.MouseButton.LeftButton)
    saved = goals.goals_of(window.desk.db, student_id)
    goal = next(g for g in saved if g["text"] == "Hand in homework on Fridays")
    row = next(r for r in range(detail.goals_model.rowCount())
               if detail.goals_model.item(r, 0).text() == goal["text"])
    detail.goals_view.setCurrentIndex(detail.goals_model.index(row, 0))
    add_note = next(b for b in detail.findChildren(type(detail.edit_button))
                    if b.text().replace("&", "") == "Add a progress note…")
    qtbot.mouseClick(add_note, Qt.MouseButton.LeftButton)
    row = next(r for r in range(detail.goals_model.rowCount())
               if detail.goals_model.item(r, 0).text() == goal["text"])
    detail.goals_view.setCurrentIndex(detail.goals_model.index(row, 0))
    mark_met = next(b for b in detail.findChildren(type(detail.edit_button))
                    if b.text().replace("&", "") == "Mark met")
    qtbot.mouseClick(mark_met, Qt.MouseButton.LeftButton)
    goal = next(g for g in goals.goals_of(window.desk.db, student_id) if g["id"] == goal["id"])
    assert goal["status"] == "met"
    assert [n["note"] for n in goal["notes"]] == ["Did it twice this week."]


def test_the_tier_words_on_screen_are_the_reports_words(window):
    from program.attendance import TIERS
    from program.vocabulary import tier_words

    screen = _screen(window)
    offered = [screen.tier.itemText(i) for i in range(screen.tier.count())]
    assert all(tier_words(tier) in offered for tier in TIERS)
    assert tier_words(None) in offered  # "too few days", as the report says it
    for row in range(screen.proxy.rowCount()):
        record = screen.proxy.row_at(row)
        text = screen.proxy.index(row, student_rows.TIER).data()
        if record["tier"] is not None:
            assert text.startswith(tier_words(record["tier"]))
        elif record["rated"]:
            assert text == tier_words(None)
    shown = screen.proxy.row_at(0)
    screen.show_student(shown["id"])
    if shown["tier"] is not None:
        assert screen.detail.tier.text() == tier_words(shown["tier"])


def test_a_search_that_finds_nobody_says_so_and_how_to_see_everyone(qtbot, window):
    screen = _screen(window)
    assert not screen.empty_note.isVisible()
    qtbot.keyClicks(screen.search, "zzzqx")
    qtbot.waitUntil(lambda: screen.proxy.rowCount() == 0)
    assert screen.empty_note.isVisible()
    assert "No students match" in screen.empty_note.text()
    qtbot.mouseClick(screen.clear_button, Qt.MouseButton.LeftButton)
    assert screen.proxy.rowCount() > 0 and not screen.empty_note.isVisible()
