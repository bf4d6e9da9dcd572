"""Printing a list: a document with title, date and table; PDF pages with numbers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QPdfWriter

from reports.list_print import table_document
from reports.pdf import PageDecor, page_layout, render, save_pdf

HEADERS = ["Name", "ID", "Grade", "Absence rate"]


def rows(count):
    return [[f"Student {n} <b>&amp;", f"{n:06d}", 6 + n % 3, n / 1000] for n in range(count)]


def pdf_bytes(document, decor, paper="letter"):
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(paper))
    pages = render(document, writer, decor)
    del writer
    buffer.close()
    return pages, bytes(data)


def test_the_document_shows_title_date_and_every_row_as_typed(qapp):
    document = table_document("Students", HEADERS, rows(3), {"Absence rate": "percent"},
                              subtitle="Grade 7", printed_on=dt.date(2026, 3, 2))
    text = document.toPlainText()
    assert text.startswith("Students")
    assert "Grade 7 · 3 rows · printed 2 March 2026" in text
    # Markup in a name prints as typed; it does not become markup.
    assert "Student 2 <b>&amp;" in text
    assert "0.2%" in text


def test_a_long_list_runs_over_several_numbered_pages(qapp):
    document = table_document("Students", HEADERS, rows(200))
    pages, data = pdf_bytes(document, PageDecor("Students", "Eastside Middle School"))
    assert pages >= 4
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", data)) == pages


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a4", (595, 842))])
def test_pdf_pages_are_letter_or_a4(qapp, tmp_path, paper, size):
    document = table_document("Students", HEADERS, rows(5))
    path = save_pdf(document, tmp_path / "students.pdf", PageDecor("Students"), paper=paper)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", data)
    assert boxes
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {size}


def test_a_logo_that_cannot_be_read_is_left_out_and_the_page_still_prints(qapp, tmp_path):
    from reports.pdf import load_logo

    broken = tmp_path / "logo.png"
    broken.write_bytes(b"not a picture")
    assert load_logo(broken) is None
    logo = QImage(40, 20, QImage.Format.Format_RGB32)
    logo.fill(0x336699)
    pages, data = pdf_bytes(table_document("Students", HEADERS, rows(2)),
                            PageDecor("Students", "Eastside", logo=logo))
    assert pages == 1 and data.startswith(b"%PDF")


def test_rendering_leaves_the_callers_document_as_it_was(qapp):
    document = table_document("Students", HEADERS, rows(100))
    before = document.pageSize()
    pdf_bytes(document, PageDecor("Students"))
    assert document.pageSize() == before


def test_short_cells_keep_one_line_and_a_wide_list_turns_the_page():
    from reports.list_print import column_room, needs_landscape

    headers = ["Name", "ID", "Last meeting", "Notes"]
    table = [["Ana Ruiz", "000101", "2 Oct 2026", "Talked about the week " * 4]] * 5
    room = column_room(headers, table, ["text", "text", "text", "wrap"])
    # The ID and the date never break; the notes do, and get room for a usual note only.
    assert [one_line for _, one_line in room] == [True, True, True, False]
    assert room[1][0] == 6 and room[3][0] == 40
    assert not needs_landscape(headers[:3], [row[:3] for row in table])
    assert needs_landscape(headers + ["Topics", "Mentor", "Concern"],
                           [row + ["Attendance, Family, Friends", "Yolanda Zimmerman",
                                   "Attendance, Behavior, Social-emotional"] for row in table])


def test_a_heading_never_sits_alone_at_the_foot_of_a_page(qapp):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    from reports.pdf import keep_headings_with_next

    def heading_top(document):
        block = document.begin()
        while block.isValid() and block.text() != "Mentor B":
            block = block.next()
        return document.documentLayout().blockBoundingRect(block).top()

    filler = "".join(f"<p>line {n}</p>" for n in range(12))
    section = "<h3>Mentor B</h3>" + "".join(f"<p>mentee {n}</p>" for n in range(4))
    document = QTextDocument()
    document.setHtml("<h3>Mentor A</h3>" + filler + section)
    document.setPageSize(QSizeF(400, 2000))
    # A page that ends just below "Mentor B": the heading would sit alone at its foot.
    page = heading_top(document) + 30
    document.setPageSize(QSizeF(400, page))
    assert heading_top(document) < page
    assert keep_headings_with_next(document, page, 120) == 1
    assert heading_top(document) >= page  # now it starts page 2, with its mentees
    assert keep_headings_with_next(document, page, 120) == 0  # and stays there


def test_a_heading_goes_with_a_picture_taller_than_the_room_it_keeps(qapp):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QColor, QImage, QTextDocument

    from reports.pdf import keep_headings_with_next

    def top_of(document, text):
        block = document.begin()
        while block.isValid() and block.text() != text:
            block = block.next()
        return document.documentLayout().blockBoundingRect(block).top()

    picture = QImage(300, 200, QImage.Format.Format_RGB32)
    picture.fill(QColor("steelblue"))
    document = QTextDocument()
    document.addResource(QTextDocument.ResourceType.ImageResource, "chart:x", picture)
    filler = "".join(f"<p>line {n}</p>" for n in range(12))
    document.setHtml(f"<h3>First</h3>{filler}<h3>Chart</h3><p><img src=\"chart:x\"></p>")
    document.setPageSize(QSizeF(400, 4000))
    # A page with room below "Chart" for more than the 60 pixels kept, not for the picture:
    # Qt moves the picture to page 2 and the heading would stay at the foot of page 1.
    page = top_of(document, "Chart") + 120
    document.setPageSize(QSizeF(400, page))
    assert keep_headings_with_next(document, page, 60) == 1
    assert top_of(document, "Chart") >= page
