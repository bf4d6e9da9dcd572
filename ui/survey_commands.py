"""Mentoring > Surveys… and File > Save the meeting check-in form…: what the window does for
the surveys and the mentors' check-in form."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ui import printing
from ui.dialogs.surveys import SurveysDialog, ask_save_text, saved_with_notices

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def open_surveys(window: MainWindow) -> None:
    """The surveys' questions and the ways to give them."""
    if not window.desk.is_open:
        return
    dialog = SurveysDialog(window.desk, window)
    dialog.exec()


def save_checkin_form(window: MainWindow) -> None:
    """The check-in form's questions, to copy into the school's forms tool."""
    if not window.desk.is_open:
        return
    from program.checkin import TITLE
    from reports.form_questions import CHECKIN_NOTICE, OUTSIDE_THE_SCHOOL, checkin_list, save_text
    from storage import lookups

    path = ask_save_text(window, "Save the meeting check-in form",
                         printing.file_name(f"{TITLE} questions", ".txt"))
    if path is None:
        return
    topics = [row["name"] for row in lookups.entries(window.desk.db, "topics")]
    text = checkin_list(window.desk.school_name(), topics)
    printing.save_in_background(window, "Saving the check-in form…",
                                lambda: save_text(text, path),
                                lambda saved: saved_with_notices(
                                    window, saved, [OUTSIDE_THE_SCHOOL, CHECKIN_NOTICE]))
