"""The printed report: summary page, the sections of the issue, charts, pages."""

from __future__ import annotations

import re

from reports.end_of_year import build_document, chart_images, save_report_pdf
from reports.figures import TEAM
from tests.report_samples import sample_figures


def test_the_summary_page_leads_with_the_headline_figures(qapp):
    text = build_document(sample_figures()).toPlainText()
    summary = text[: text.index("2. The program")]
    for expected in ["34\nstudents served", "398\nmeetings held",
                     "61%\nof mentees improved their attendance", "152\nschool days gained",
                     "4.4 per 100 days enrolled", "11\nmentees left chronic absence",
                     "Data as of 12 June 2026"]:
        assert expected in summary


def test_every_section_of_the_report_is_there_in_order(qapp):
    text = build_document(sample_figures()).toPlainText()
    headings = ["2. The program", "3. How often they met", "4. Attendance",
                "Compared with other students (comparison, not proof of cause)",
                "5. By grade and by mentor role",
                "6. Referrals", "7. Notes on the data"]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)


def test_the_administrators_report_has_no_student_names_and_hides_small_groups(qapp):
    figures = sample_figures()
    text = build_document(figures).toPlainText()
    assert "Ana Ruiz" not in text and "800001" not in text
    assert "By mentor (" not in text
    assert "fewer than 5" in text
    # Free text (a training's title) stays out too.
    assert "Check-in" not in text


def test_the_program_team_report_adds_mentors_and_mentees_one_by_one(qapp):
    text = build_document(sample_figures(TEAM)).toPlainText()
    assert "By mentor (program team only: every number shown)" in text
    assert "Mentees one by one" in text and "Ana Ruiz" in text


def test_charts_are_high_resolution_pictures_in_the_document(qapp):
    images = chart_images(sample_figures())
    assert set(images) == {"chart:tiers", "chart:meetings", "chart:monthly"}
    for image in images.values():
        assert image.width() == 1950  # 6.5 inches at 300 dpi


def test_the_report_saves_as_a_pdf_of_several_pages(qapp, tmp_path):
    path = save_report_pdf(sample_figures(), tmp_path / "report.pdf", paper="a4")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) >= 6


def test_the_summary_says_when_attendance_stops_before_the_reports_last_day(qapp):
    import datetime as dt

    late = build_document(sample_figures(attendance_through=dt.date(2026, 6, 1))).toPlainText()
    assert "Data as of 12 June 2026, attendance imported through 1 June 2026." in late
    current = build_document(sample_figures()).toPlainText()
    assert "attendance imported through" not in current


def test_figures_and_one_word_headings_never_break_inside(qapp):
    from reports import html

    table = html.table(["Grade", "Left chronic"], [[7, "fewer than 5"]], ["integer", "integer"])
    # Numbers (and the words that stand in for a hidden one) stay on one line.
    assert table.count("white-space: nowrap") == 3  # "Grade", and both figures
