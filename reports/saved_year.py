"""A year's aggregate report made to be kept: its figures and files, before the year is purged.

The administrators' report (totals only, small groups suppressed): the figures ``report --json``
prints, the Excel workbook and the PDF, as bytes for the data file to keep. Once a year's
student records are let go, ``report --year`` answers from these.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import sqlite_utils

from storage import settings, years


def year_report_files(db: sqlite_utils.Database, year_id: int, *, with_pdf: bool = True
                      ) -> tuple[dict, bytes, bytes | None]:
    """(the figures as ``report --json`` gives them, the workbook, the PDF) for the whole year.

    The PDF needs a Qt GUI application (offscreen is enough); ``with_pdf=False`` leaves it out.
    """
    from reports.figures import ADMINISTRATORS, compute_figures
    from reports.report_json import to_json
    from reports.workbook import save_report_workbook

    year = years.year_by_id(db, year_id)
    figures = compute_figures(db, year_id, as_of=dt.date.fromisoformat(year["last_day"]),
                              level=ADMINISTRATORS)
    with tempfile.TemporaryDirectory(prefix="mentordesk-report-") as folder:
        workbook = Path(save_report_workbook(figures, Path(folder) / "report.xlsx")).read_bytes()
        pdf = None
        if with_pdf:
            from reports.end_of_year import save_report_pdf
            from reports.qt_app import ensure_gui_application

            ensure_gui_application()
            logo = settings.get(db, "school_logo") or None
            pdf = Path(save_report_pdf(figures, Path(folder) / "report.pdf",
                                       logo_path=logo)).read_bytes()
    return to_json(figures), workbook, pdf
