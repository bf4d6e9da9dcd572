"""A mentor's weekly note: choose the mentor, read the note, then print it, copy it as text or
open it as an email draft in the person's own mail program (MentorDesk opens no connection)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from analysis.mentor_note import MentorNote, mentor_note, mentors_with_mentees
from program.vocabulary import day_words, plural
from program.week import week_start
from reports.mailto import mailto_link
from ui.desk import Desk
from ui.dialogs.common import resize_within_screen
from ui.loading import Loader
from ui.screens.base import button


class MentorNoteDialog(QDialog):
    """One mentor's note at a time; the buttons act on the note shown."""

    def __init__(self, desk: Desk, day: dt.date, parent: QWidget | None = None, *,
                 mentor_id: int | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.day = day
        self.note: MentorNote | None = None
        self.setWindowTitle("Weekly notes for mentors")
        self.setAccessibleName(self.windowTitle())
        resize_within_screen(self, 760, 640)
        mentors = mentors_with_mentees(desk.db, desk.year_id, day)
        intro = QLabel(f"The note for the week of {day_words(week_start(day), with_weekday=True)}"
                       f" (as of {day_words(day, with_weekday=True)}), for each of the "
                       f"{plural(len(mentors), 'mentor')} with a mentee. A note holds only that "
                       "mentor's own mentees.")
        intro.setWordWrap(True)
        self.mentor = QComboBox()
        self.mentor.setAccessibleName("Mentor")
        self.mentor.setToolTip("Whose note to show")
        for row in mentors:
            self.mentor.addItem(f"{row['first_name']} {row['last_name']}", row["id"])
        chooser = QLabel("&Mentor")
        chooser.setBuddy(self.mentor)
        top = QHBoxLayout()
        top.addWidget(chooser)
        top.addWidget(self.mentor, 1)
        self.view = QTextBrowser()
        self.view.setAccessibleName("The note")
        self.view.setToolTip("The note as it prints")
        self.status = QLabel("")
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened")
        self.print_button = button("&Print…", "Print the note (or save it as a PDF)",
                                   self.print_note)
        self.copy_button = button("&Copy as text", "Copy the note, to paste into an email or a "
                                  "message", self.copy_text)
        self.email_button = button("&Email draft…", "Open a new email to the mentor in your "
                                   "mail program, with the note in it; you check and send it",
                                   self.email_draft, primary=True)
        actions = QHBoxLayout()
        actions.addWidget(self.print_button)
        actions.addWidget(self.copy_button)
        actions.addWidget(self.email_button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.loader = Loader(self)
        self.mentor.currentIndexChanged.connect(lambda _: self._load())
        for widget in (self.print_button, self.copy_button, self.email_button):
            widget.setEnabled(False)
        if not mentors:
            self.view.setPlainText("No mentor has a mentee on this day, so there is no note "
                                   "to write.")
            self.mentor.setEnabled(False)
        else:
            position = self.mentor.findData(mentor_id) if mentor_id is not None else -1
            self.mentor.setCurrentIndex(max(0, position))
            if self.mentor.currentIndex() == 0:
                self._load()  # no change signal when the first one was chosen already
        self.mentor.setFocus()

    def _load(self) -> None:
        mentor_id = self.mentor.currentData()
        if mentor_id is None:
            return
        for widget in (self.print_button, self.copy_button, self.email_button):
            widget.setEnabled(False)
        self.status.setText("")
        year_id, day = self.desk.year_id, self.day
        self.loader.load(self.desk.data.path,
                         lambda db: mentor_note(db, mentor_id, day, year_id), self._shown)

    def _shown(self, note: MentorNote) -> None:
        from reports.mentor_note import note_document

        self.note = note
        # The page's own document: the note on screen reads as it prints.
        self.document = note_document(note)
        self.document.setParent(self.view)
        self.view.setDocument(self.document)
        self.print_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.email_button.setEnabled(bool(note.mentor_email))
        self.email_button.setToolTip(
            f"Open a new email to {note.mentor_email} in your mail program, with the note in "
            "it; you check and send it" if note.mentor_email else
            f"{note.mentor_name} has no email on file: add it on the Mentors screen first")

    # What the buttons do -----------------------------------------------------------------------

    def note_text(self) -> str:
        from reports.mentor_note import note_text

        return note_text(self.note) if self.note else ""

    def copy_text(self) -> None:
        if self.note is None:
            return
        QGuiApplication.clipboard().setText(self.note_text())
        self.status.setText(f"Copied {self.note.mentor_name}'s note: paste it into an email or "
                            "a message.")

    def email_link(self) -> str:
        """The mailto: link of the note shown (empty without a note or an email)."""
        from reports.mentor_note import note_subject

        if self.note is None or not self.note.mentor_email:
            return ""
        return mailto_link(self.note.mentor_email, note_subject(self.note), self.note_text())

    def email_draft(self) -> None:
        link = self.email_link()
        if not link:
            return
        if QDesktopServices.openUrl(QUrl(link, QUrl.ParsingMode.StrictMode)):
            self.status.setText(f"Opened an email to {self.note.mentor_email} in your mail "
                                "program: check it there, then send it.")
        else:
            self.status.setText("No mail program answered. Use Copy as text and paste the note "
                                "into an email instead.")

    def print_note(self) -> None:
        if self.note is None:
            return
        from reports.mentor_note import note_decor, note_document
        from storage import settings
        from ui.printing import print_document

        decor = note_decor(self.note, settings.get(self.desk.db, "school_logo"))
        if print_document(self, note_document(self.note), decor):
            self.status.setText(f"Sent {self.note.mentor_name}'s note to the printer.")

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Enter in the mentor list must not close the dialog (there is no default button).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)
