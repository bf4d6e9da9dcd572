"""Printed pages: a QTextDocument laid out on Letter or A4 with the school's name and logo at
the top of every page and "Page N of M" at the bottom, saved as PDF or sent to a printer.

QtGui only: the printer (a QPrinter from the window's print dialog) arrives as the
QPagedPaintDevice it is, so this module never imports the widget or print-support modules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QPen,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reports.formats import date_words
from reports.saving import write_atomically

PAPER_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
MARGIN_MM = 15.0
PDF_RESOLUTION = 300
_HEADER_INCHES = 0.55
_FOOTER_INCHES = 0.4
# A heading at the foot of a page takes at least this much of its section along, or moves.
KEEP_WITH_HEADING_INCHES = 1.4
_LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico,
    QLocale.Country.Philippines, QLocale.Country.Chile, QLocale.Country.Colombia,
    QLocale.Country.Venezuela, QLocale.Country.CostaRica, QLocale.Country.Guatemala,
    QLocale.Country.PuertoRico,
}


@dataclass
class PageDecor:
    """What every page carries besides the document: title, school, logo, a footer note."""

    title: str
    school_name: str = ""
    logo: QImage | None = None
    footer_note: str = ""
    printed_on: dt.date = field(default_factory=dt.date.today)
    landscape: bool = False  # a wide list is printed across the page


def decor_for(db, title: str, *, footer_note: str = "") -> PageDecor:
    """A :class:`PageDecor` with the school's name and logo from the file's settings."""
    from storage import settings

    logo_path = settings.get(db, "school_logo")
    return PageDecor(title=title, school_name=settings.get(db, "school_name"),
                     logo=load_logo(logo_path), footer_note=footer_note)


def load_logo(path: str | Path | None) -> QImage | None:
    """The logo picture, or None when there is none or it cannot be read (reports go on)."""
    if not path:
        return None
    image = QImage(str(path))
    return None if image.isNull() else image


def default_paper() -> str:
    """Letter where it is the custom (North America, the Philippines, ...), A4 elsewhere."""
    system = QLocale.system()
    if system.language() == QLocale.Language.C or system.territory() in _LETTER_TERRITORIES:
        return "letter"
    return "a4"


def body_size_px() -> QSizeF:
    """The room for a document's body on the smaller of Letter and A4 (in 96-per-inch pixels,
    as a document is laid out on screen): to check that a page's worth fits on either."""
    sizes = [page_layout(paper).paintRect(QPageLayout.Unit.Inch) for paper in PAPER_SIZES]
    width = min(size.width() for size in sizes)
    height = min(size.height() for size in sizes) - _HEADER_INCHES - _FOOTER_INCHES
    return QSizeF(width * 96, height * 96)


def render(document: QTextDocument, device: QPagedPaintDevice, decor: PageDecor) -> int:
    """Lay ``document`` out on the device's pages and paint them; returns the page count.

    The caller's document is left as it was (a copy is laid out for the device).
    """
    page = document.clone()
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("the printer or PDF file could not be opened for drawing")
    try:
        layout = page.documentLayout()
        layout.setPaintDevice(device)
        dpi = device.logicalDpiY()
        area = device.pageLayout().paintRectPixels(device.logicalDpiX())
        width, height = float(area.width()), float(area.height())
        header = _HEADER_INCHES * dpi
        footer = _FOOTER_INCHES * dpi
        body_height = height - header - footer
        page.setPageSize(QSizeF(width, body_height))
        keep_headings_with_next(page, body_height, KEEP_WITH_HEADING_INCHES * dpi)
        pages = page.pageCount()
        for number in range(pages):
            if number:
                device.newPage()
            _draw_header(painter, decor, QRectF(0, 0, width, header), dpi)
            _draw_footer(painter, decor, QRectF(0, height - footer, width, footer), number + 1,
                         pages, dpi)
            painter.save()
            painter.translate(0, header - number * body_height)
            clip = QRectF(0, number * body_height, width, body_height)
            painter.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            palette = QPalette(context.palette)
            palette.setColor(QPalette.ColorRole.Text, QColor("#1f2933"))
            context.palette = palette
            layout.draw(painter, context)
            painter.restore()
        return pages
    finally:
        painter.end()


def keep_headings_with_next(document: QTextDocument, page_height: float, keep: float) -> int:
    """Start a heading on the next page when it would sit at the foot of a page, cut off
    from what it heads: a section that fits on a page moves whole; a longer one keeps at
    least ``keep`` (device pixels) with its heading. Returns how many headings moved."""
    layout = document.documentLayout()
    headings = []
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            headings.append(block)
        block = block.next()
    end = layout.documentSize().height()
    moved = 0
    for index, heading in enumerate(headings):
        fmt = heading.blockFormat()
        if fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
            continue
        # Positions are read afresh: an earlier move shifted everything below it.
        top = layout.blockBoundingRect(heading).top()
        following = (layout.blockBoundingRect(headings[index + 1]).top()
                     if index + 1 < len(headings) else layout.documentSize().height() or end)
        # At least the first line of what follows: a picture is one line, moved whole to
        # the next page when it does not fit, and the heading would stay behind alone.
        first = 0.0
        after = heading.next()
        if after.isValid() and after.layout() is not None and after.layout().lineCount():
            first = (layout.blockBoundingRect(after).top() - top
                     + after.layout().lineAt(0).height())
        needed = min(following - top, max(keep, first))
        if needed >= page_height or top % page_height < 1:
            continue
        if int(top // page_height) != int((top + needed - 1) // page_height):
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(heading).setBlockFormat(fmt)
            moved += 1
    if moved:
        # Lay the whole document out again: Qt's partial relayout after a format change can
        # squeeze a table's columns until their headings break inside words.
        document.markContentsDirty(0, document.characterCount())
    return moved


def _font(point_size: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setStyleHint(QFont.StyleHint.SansSerif)
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def _draw_header(painter: QPainter, decor: PageDecor, band: QRectF, dpi: float) -> None:
    painter.save()
    text_left = band.left()
    line_y = band.bottom() - 0.12 * dpi
    if decor.logo is not None:
        logo_height = line_y - band.top() - 0.05 * dpi
        scaled = decor.logo.size().scaled(int(3 * logo_height), int(logo_height),
                                          Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF(band.left(), band.top(), scaled.width(), scaled.height())
        painter.drawImage(target, decor.logo)
        text_left = target.right() + 0.12 * dpi
    text_band = QRectF(text_left, band.top(), band.right() - text_left, line_y - band.top())
    painter.setPen(QColor("#1f2933"))
    painter.setFont(_font(11, bold=True))
    painter.drawText(text_band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                     decor.school_name)
    painter.setFont(_font(9))
    painter.setPen(QColor("#52606d"))
    painter.drawText(text_band, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                     decor.title)
    pen = QPen(QColor("#9aa5b1"))
    pen.setWidthF(max(1.0, dpi / 150))
    painter.setPen(pen)
    painter.drawLine(band.left(), line_y, band.right(), line_y)
    painter.restore()


def _draw_footer(painter: QPainter, decor: PageDecor, band: QRectF, number: int, pages: int,
                 dpi: float) -> None:
    painter.save()
    painter.setFont(_font(8))
    painter.setPen(QColor("#52606d"))
    text_band = band.adjusted(0, 0.1 * dpi, 0, 0)
    align = Qt.AlignmentFlag.AlignVCenter
    note = decor.footer_note or f"Printed {date_words(decor.printed_on)}"
    painter.drawText(text_band, Qt.AlignmentFlag.AlignLeft | align, note)
    painter.drawText(text_band, Qt.AlignmentFlag.AlignRight | align, f"Page {number} of {pages}")
    painter.restore()


def save_pdf(document: QTextDocument, path: Path | str, decor: PageDecor, *,
             paper: str | None = None, landscape: bool = False) -> Path:
    """Write the document as a PDF (Letter or A4), atomically; returns the path."""
    paper = paper or default_paper()

    def write(temporary: Path) -> None:
        writer = QPdfWriter(str(temporary))
        writer.setResolution(PDF_RESOLUTION)
        writer.setCreator("MentorDesk")
        writer.setTitle(decor.title)
        writer.setPageLayout(page_layout(paper, landscape=landscape or decor.landscape))
        render(document, writer, decor)
        del writer  # the file is complete and closed before it is moved into place

    return write_atomically(path, write)


def page_layout(paper: str, *, landscape: bool = False) -> QPageLayout:
    """Letter or A4 with MentorDesk's margins."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {sorted(PAPER_SIZES)}")
    orientation = (QPageLayout.Orientation.Landscape if landscape
                   else QPageLayout.Orientation.Portrait)
    return QPageLayout(QPageSize(PAPER_SIZES[paper]), orientation,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def print_document(document: QTextDocument, printer: QPagedPaintDevice,
                   decor: PageDecor) -> int:
    """Send the document to a printer (a QPrinter set up by the print dialog); returns pages."""
    return render(document, printer, decor)
