"""Printing a document: preview and print, or save it as a PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from storage.errors import KnownProblem
from ui.errors import show_error

PRINT, PDF = "print", "pdf"


def ask_how(parent: QWidget, title: str) -> str | None:
    """Print, or save as PDF? (None: neither.)"""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setIcon(QMessageBox.Icon.Question)
    box.setText(f"Print “{title}”, or save it as a PDF file?")
    print_button = box.addButton("Preview and print…", QMessageBox.ButtonRole.AcceptRole)
    pdf_button = box.addButton("Save as PDF…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(print_button)
    box.exec()
    clicked = box.clickedButton()
    return PRINT if clicked is print_button else PDF if clicked is pdf_button else None


def print_or_save(parent: QWidget, document: QTextDocument, decor, title: str) -> Path | None:
    """Ask, then preview and print, or save a PDF; returns the PDF's path when one was saved."""
    how = ask_how(parent, title)
    if how == PRINT:
        preview(parent, document, decor)
    elif how == PDF:
        return save_as_pdf(parent, document, decor, title)
    return None


def preview(parent: QWidget, document: QTextDocument, decor) -> None:
    """Qt's print preview; its Print button sends the pages to a printer."""
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from reports.pdf import default_paper, page_layout, print_document

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(default_paper()))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(f"Print – {decor.title}")
    dialog.paintRequested.connect(lambda device: print_document(document, device, decor))
    dialog.exec()


def save_as_pdf(parent: QWidget, document: QTextDocument, decor, title: str) -> Path | None:
    """Ask where, then write the PDF (atomically)."""
    from reports.pdf import save_pdf

    start = Path.home() / "Documents"
    start = (start if start.is_dir() else Path.home()) / f"{title.replace('/', '-')}.pdf"
    name, _ = QFileDialog.getSaveFileName(parent, "Save as PDF", str(start), "PDF (*.pdf)")
    if not name:
        return None
    path = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
    try:
        save_pdf(document, path, decor)
    except KnownProblem as problem:
        show_error(parent, problem)
        return None
    QMessageBox.information(parent, "Saved", f"Saved {path.name} in:\n{path.parent}")
    return path
