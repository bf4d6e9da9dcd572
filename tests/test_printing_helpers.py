"""A mentee's one-page profile, printed from the student's page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtPrintSupport import QPrinter


def test_a_mentees_profile_prints_from_the_students_page(qapp, data_file, tmp_path):
    from tests.report_fixture import build_small_school
    from ui.printing import print_profile, profile_pages

    school = build_small_school(data_file.db)
    profile, document, _ = profile_pages(data_file.db, school.student_ids["m3"], school.year_id,
                                         as_of=dt.date(2025, 10, 27))
    assert profile.mentor == "Thaddeus Yelverton"
    assert "Thaddeus Yelverton" in document.toPlainText()
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "profile.pdf"))
    assert print_profile(None, data_file.db, school.student_ids["m3"], school.year_id,
                         printer=printer)
    assert (tmp_path / "profile.pdf").read_bytes().startswith(b"%PDF")
