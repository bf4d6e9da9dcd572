"""Print this list / Export this list (as filtered and sorted), the mentor roster, Suggest all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from storage import matches
from tests.desk.conftest import wait_loaded
from ui.models import students as student_rows


def test_export_this_list_writes_the_filtered_sorted_students(qtbot, window, tmp_path,
                                                              monkeypatch):
    from openpyxl import load_workbook

    screen = window.screens["students"]
    screen.grade.setCurrentIndex(screen.grade.findData(8))
    screen.table.sortByColumn(student_rows.NAME, Qt.SortOrder.DescendingOrder)
    shown = screen.proxy.visible_rows()
    target = tmp_path / "grade 8"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Excel workbook (*.xlsx)"))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window.export_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    saved = tmp_path / "grade 8.xlsx"
    assert saved.exists()
    sheet = load_workbook(saved).worksheets[0]
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    header_at = next(i for i, row in enumerate(values) if row and row[0] == "Name")
    body = [row for row in values[header_at + 1:] if any(row)]
    assert len(body) == len(shown)
    assert [row[1] for row in body] == [r["local_id"] for r in shown]


def test_exported_lists_hold_numbers_percentages_and_dates_and_keep_ids_as_text(
        qtbot, window, tmp_path, monkeypatch):
    import datetime as dt
    import re

    from openpyxl import load_workbook

    screen = window.screens["students"]
    shown = screen.shown_list()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "students.xlsx"), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window.export_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    sheet = load_workbook(tmp_path / "students.xlsx").worksheets[0]
    headers = [cell.value for cell in sheet[4]]
    body = list(sheet.iter_rows(min_row=5))
    assert len(body) == len(shown.rows)
    column = {name: headers.index(name) for name in ("ID", "Grade", "Absent", "Last meeting")}
    for row, texts in zip(body, shown.rows, strict=True):
        # The ID stays the school's text, zeros and all.
        assert row[column["ID"]].value == texts[column["ID"]]
        assert row[column["Grade"]].value == int(texts[column["Grade"]])
        absent = row[column["Absent"]]
        if texts[column["Absent"]]:
            shown_rate = float(texts[column["Absent"]].rstrip("%")) / 100
            assert absent.number_format == "0.0%" and abs(absent.value - shown_rate) < 0.0006
        last = row[column["Last meeting"]]
        if texts[column["Last meeting"]]:
            assert isinstance(last.value, dt.datetime) and last.is_date
    assert any(re.fullmatch(r"0[0-9]+", texts[column["ID"]]) for texts in shown.rows)


def test_a_wide_list_prints_across_the_page(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.output_commands.ask_print_or_pdf", lambda window, title: "pdf")
    target = tmp_path / "students.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window.print_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    import re

    boxes = re.findall(rb"MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]", target.read_bytes())
    assert boxes and all(float(width) > float(height) for width, height in boxes)


def test_print_this_list_can_save_a_pdf(qtbot, window, tmp_path, monkeypatch):
    window.show_screen("mentors")
    wait_loaded(qtbot, window.screens["mentors"])
    monkeypatch.setattr("ui.output_commands.ask_print_or_pdf", lambda window, title: "pdf")
    target = tmp_path / "mentors.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window.print_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    text = target.read_bytes()
    assert text[:4] == b"%PDF"


def test_a_students_profile_prints_from_their_page(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrinter

    import ui.printing as printing

    screen = window.screens["students"]
    from ui.screens.base import select_row

    select_row(screen.table, screen.proxy.proxy_row_of(lambda r: r["match_id"] is not None))
    monkeypatch.setattr("ui.output_commands.ask_print_or_pdf", lambda window, title: "print")
    printed = []

    def to_file(parent, document, decor, **kwargs):
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "profile.pdf"))
        printed.append(document.toPlainText())
        return printing.print_pages(parent, lambda device: None, printer=printer)

    monkeypatch.setattr(printing, "print_document", to_file)
    qtbot.mouseClick(screen.detail.profile_button, Qt.MouseButton.LeftButton)
    assert printed and screen.detail.record["last_name"] in printed[0]


def test_the_mentor_roster_exports_every_active_mentor(qtbot, window, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    target = tmp_path / "roster.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window.roster_excel_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    text = " ".join(str(c) for row in load_workbook(target).worksheets[0].iter_rows(
        values_only=True) for c in row if c)
    from storage import mentors

    for mentor in mentors.all_mentors(window.desk.db, active_only=True):
        assert mentor["last_name"] in text


def test_suggest_all_saves_only_the_ticked_matches(qtbot, window, monkeypatch):
    from tests.desk.helpers import when_dialog_opens
    from ui.dialogs.suggest_all import SuggestAllDialog

    db, year_id = window.desk.db, window.desk.year_id
    before = len(matches.open_matches(db, year_id))
    load_before = matches.open_match_counts(db, year_id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    proposed = {}

    def review(dialog: SuggestAllDialog) -> None:
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=20000)
        proposed["rows"] = dialog.model.rowCount()
        dialog.toggle(0)
        proposed["left_out"] = dialog.proxy.row_at(0)["student_id"]
        assert dialog.save_button.text().startswith(f"Save {proposed['rows'] - 1}")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    seen = when_dialog_opens(SuggestAllDialog, review)
    window.show_screen("matches")
    qtbot.mouseClick(window.screens["matches"].suggest_button, Qt.MouseButton.LeftButton)
    assert seen
    after = matches.open_matches(db, year_id)
    assert len(after) == before + proposed["rows"] - 1
    assert proposed["left_out"] not in {m["student_id"] for m in after}
    # Nobody got two mentors, and no mentor is over capacity.
    students_matched = [m["student_id"] for m in after]
    assert len(students_matched) == len(set(students_matched))
    from storage import mentors

    load = matches.open_match_counts(db, year_id)
    for mentor in mentors.all_mentors(db):
        added = load.get(mentor["id"], 0) - load_before.get(mentor["id"], 0)
        assert added <= max(0, mentor["capacity"] - load_before.get(mentor["id"], 0))


def test_the_proposal_model_passes_the_model_tester(qtmodeltester, qtbot, window):
    from ui.dialogs.suggest_all import SuggestAllDialog

    dialog = SuggestAllDialog(window.desk, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 0, timeout=20000)
    qtmodeltester.check(dialog.model)


def test_a_blank_nomination_sheet_is_saved_where_asked(qtbot, window, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    target = tmp_path / "for teachers"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    window.template_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    sheet = load_workbook(tmp_path / "for teachers.xlsx").active
    texts = {cell for row in sheet.iter_rows(values_only=True) for cell in row if cell}
    assert {"Student ID", "Last name", "First name", "Reason"} <= texts
