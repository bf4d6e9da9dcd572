"""The printed report: summary page, the sections of the issue, charts, pages."""

from __future__ import annotations

import re

import pytest

from reports.end_of_year import build_document, chart_pictures, save_report_pdf
from reports.figures import TEAM
from tests.report_samples import sample_figures


@pytest.fixture(scope="module")
def admin_text(qapp):
    return build_document(sample_figures()).toPlainText()


def test_the_summary_page_leads_with_the_headline_figures_beside_similar_students(admin_text):
    summary = admin_text[: admin_text.index("2. The program")]
    for expected in ["34\nstudents served", "398\nmeetings with students held",
                     "4.4\nschool days gained per 100 days", "similar students: 1.2",
                     "Data as of 12 June 2026"]:
        assert expected in summary
    # Each effect in words that say which way it points.
    assert "similar students gained fewer (1.2) over the same days" in summary
    # The tile of mentees who left chronic absence sets a share beside a share, not a count.
    assert "of those judged, 45% left it, similar students 30%" in summary
    assert "Beyond what similar students' change would have given them, mentees gained 110 " \
           "school days (range 60 to 170)" in summary


def test_every_section_of_the_report_is_there_in_order(admin_text):
    headings = ["2. The program", "3. How often they met", "4. Attendance",
                "Compared with similar students (comparison, not proof of cause)",
                "Mentees chronically absent last year", "Attendance change by meetings held",
                "The whole school chronically absent, this year and last",
                "5. By grade and by mentor role", "6. Referrals",
                "7. Last year's mentees this year", "8. How mentees' survey answers changed",
                "9. Notes on the data"]
    positions = [admin_text.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_the_administrators_report_has_no_student_names_and_hides_small_groups(admin_text):
    assert "Ana Ruiz" not in admin_text and "800001" not in admin_text
    assert "By mentor (" not in admin_text
    assert "fewer than 5" in admin_text and "not shown" in admin_text
    # Free text (a training's title) stays out too.
    assert "=Check-in" not in admin_text


def test_when_similar_students_did_as_well_the_front_page_says_so(qapp):
    figures = sample_figures()
    comparison = figures.comparison
    better = type(comparison.never_matched)(
        "Never matched", 320, 0.081, 0.05, 0.7, 6.0, 0.6, (), True, ())
    figures.comparison = type(comparison)(comparison.mentees, better, comparison.waitlisted,
                                          comparison.net)
    text = build_document(figures).toPlainText()
    assert "similar students without a mentor did better (70%)" in text
    assert "Similar students without a mentor did as well or better on every measure here" \
        in text


def test_the_program_team_report_adds_mentors_and_mentees_one_by_one(qapp):
    text = build_document(sample_figures(TEAM)).toPlainText()
    assert "By mentor (program team only: every number shown)" in text
    assert "Mentees one by one" in text and "Ana Ruiz" in text
    assert "not shown" not in text


def test_charts_are_high_resolution_pictures_in_the_document(qapp):
    admin = chart_pictures(sample_figures())
    # The tier chart and the meetings histogram would draw counts administrators may not see.
    assert set(admin) == {"chart:monthly", "chart:chronic"}
    team = chart_pictures(sample_figures(TEAM))
    assert set(team) == {"chart:tiers", "chart:meetings", "chart:monthly", "chart:chronic"}
    for image in team.values():
        assert image.width() == 1950  # 6.5 inches at 300 dpi


def test_the_report_saves_as_a_pdf_of_several_pages(qapp, tmp_path):
    path = save_report_pdf(sample_figures(), tmp_path / "report.pdf", paper="a4")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 6


def test_the_summary_says_when_attendance_stops_before_the_reports_last_day(qapp, admin_text):
    import datetime as dt

    late = build_document(sample_figures(attendance_through=dt.date(2026, 6, 1))).toPlainText()
    assert "Data as of 12 June 2026, attendance imported through 1 June 2026." in late
    assert "attendance imported through" not in admin_text


def test_figures_and_one_word_headings_never_break_inside(qapp):
    from reports import html

    table = html.table(["Grade", "Left chronic"], [[7, "fewer than 5"]], ["integer", "integer"])
    # Numbers (and the words that stand in for a hidden one) stay on one line.
    assert table.count("white-space: nowrap") == 3  # "Grade", and both figures


def _words_broken_in_tables(document) -> list[str]:
    """Words the layout splits over two lines inside a table cell (a column too narrow)."""
    from PySide6.QtGui import QTextCursor

    broken = []
    block = document.begin()
    while block.isValid():
        if QTextCursor(block).currentTable() is not None:
            text, layout = block.text(), block.layout()
            for n in range(layout.lineCount() - 1):
                line = layout.lineAt(n)
                end = line.textStart() + line.textLength()
                if 0 < end < len(text) and text[end - 1] not in " -/" and text[end] != " ":
                    broken.append(f"{text[:end]}|{text[end:]}")
        block = block.next()
    return broken


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_no_table_heading_or_figure_breaks_inside_a_word(qapp, tmp_path, demo_copy, paper):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPainter, QPdfWriter

    from reports.figures import compute_figures
    from reports.pdf import PDF_RESOLUTION, page_layout
    from storage import years
    from storage.database import open_data_file
    from tests.conftest import DEMO_TODAY

    # The demo school: its tables by mentor role are full of "fewer than 5".
    with open_data_file(demo_copy, write=False) as data:
        year = years.current_year(data.db)
        figures = compute_figures(data.db, year["id"], as_of=DEMO_TODAY)
    # Laid out as reports.pdf.render lays it out on the PDF's pages.
    writer = QPdfWriter(str(tmp_path / "laid-out.pdf"))
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(paper))
    built = build_document(figures)
    document = built.clone()  # the built document's owner stays alive while it is read
    painter = QPainter(writer)  # fonts are measured as drawn on the PDF only while it draws
    try:
        document.documentLayout().setPaintDevice(writer)
        area = writer.pageLayout().paintRectPixels(writer.logicalDpiX())
        document.setPageSize(QSizeF(area.width(), area.height()))
        assert document.pageCount() > 1
        broken = _words_broken_in_tables(document)
        assert broken == [], "\n".join(broken)
    finally:
        painter.end()
