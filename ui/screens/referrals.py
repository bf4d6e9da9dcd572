"""The Referrals screen: every need passed on this year, what is due for follow-up, and one
referral with its dated notes."""

from __future__ import annotations

import datetime as dt

import sqlite_utils
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from program.vocabulary import REFERRAL_KINDS
from ui.desk import REFERRALS, STUDENTS, Desk
from ui.models.referrals import (
    ALL,
    DUE,
    FOLLOW_UP,
    OPEN,
    RESOLVED,
    ReferralFilter,
    ReferralsModel,
    load_rows,
)
from ui.screens.base import button, labelled, make_combo
from ui.screens.list_screen import ListScreen
from ui.widgets.detail_pane import DetailPane, add_to, text_view
from ui.widgets.referral_text import referral_html
from ui.words import person_name


class ReferralDetail(DetailPane):
    """One referral: the student, to whom, the need, and every dated note."""

    update_requested = Signal(int)
    student_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Referral", "Choose a referral in the list to see its notes here.",
                         340, parent)
        self.row: dict | None = None
        self.update_button = button("&Update…", "A new status, a follow-up date or a note "
                                    "(kept with today's date)", self._update, primary=True)
        self.student_button = button("Open the s&tudent", "Go to this student's page",
                                     self._student)
        actions = QHBoxLayout()
        actions.addWidget(self.update_button)
        actions.addWidget(self.student_button)
        actions.addStretch(1)
        self.body = text_view("The referral and its notes", "To whom, the need, who raised it, "
                              "and each step noted with its date")
        add_to(self.content, self.title, self.facts, actions, (self.body, 1))
        self.show_referral(None)

    def show_referral(self, row: dict | None) -> None:
        self.row = row
        self.set_showing(row is not None)
        if row is None:
            return
        name = person_name(row, "student_")
        self.title.setText(name)
        self.title.setAccessibleName(f"Referral of {name}")
        self.facts.setText(f"ID {row['student_local_id']}" if row["student_local_id"]
                           else "No student ID")
        self.body.setHtml(referral_html(row))

    def _update(self) -> None:
        if self.row is not None:
            self.update_requested.emit(self.row["id"])

    def _student(self) -> None:
        if self.row is not None:
            self.student_requested.emit(self.row["student_id"])


class ReferralsScreen(ListScreen):
    """Needs passed on to the counselor, nurse, an administrator or others, and their notes."""

    KEY = "referrals"
    TITLE = "Referrals"
    KEEP_IN_VIEW = FOLLOW_UP
    NOUN = "referrals"
    CHANGES = frozenset({REFERRALS, STUDENTS})

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, ReferralsModel(), ReferralFilter(), parent)
        self.count.setAccessibleName("How many referrals are shown")
        self.search = self.make_search("Type part of a name or need", "Find in the referrals",
                                       "Shows only referrals whose student, need or raiser "
                                       "contains what you type", width_chars=18)
        self.show_which = make_combo(
            "Show", "Open ones (open or in progress), those due for follow-up, resolved ones, "
            "or every referral",
            [("Open or in progress", OPEN), ("Due for follow-up", DUE), ("Resolved", RESOLVED),
             ("Every referral", ALL)], self.apply_filters)
        self.kind = make_combo("To whom", "Show referrals to one kind of help only",
                               [("To anyone", None)]
                               + [(f"To: {text}", code) for code, text in REFERRAL_KINDS.items()],
                               self.apply_filters)
        self.raise_button = button("&Raise a referral…", "Pass a student's need to the "
                                   "counselor, nurse, an administrator or others",
                                   self.raise_referral, primary=True)
        self.filter_controls(self.show_which, self.kind, self.search)
        self.make_list("Referrals list", "Click a referral to see its notes; click a column "
                       "title to sort", [18, 11, 22, 9, 10, 11, 14])
        detail = ReferralDetail()
        detail.update_requested.connect(self.update_referral)
        detail.student_requested.connect(self.student_requested)
        self.lay_out([self.raise_button], [(self.search, 1), labelled("S&how", self.show_which),
                                           self.kind, None],
                     detail=detail, sizes=(700, 380))

    def read_rows(self, db: sqlite_utils.Database, year_id: int, as_of: dt.date) -> list[dict]:
        return load_rows(db, year_id, as_of)

    def current_filter(self) -> ReferralFilter:
        return ReferralFilter(self.search.text(), self.show_which.currentData(),
                              self.kind.currentData())

    def reveal(self, row: dict) -> None:
        self.clear_filters(apply=False)
        self.set_choice(self.show_which, ALL)
        self.apply_filters()

    def show_detail(self, row: dict | None) -> None:
        self.detail.show_referral(row)

    def empty_words(self, year: str) -> str:
        return (f"No referrals in {year} yet. When a student needs more than a mentor can "
                "give, raise one here, from the student's page, or while logging a meeting.")

    def update_count(self) -> None:
        rows = self.model.rows()
        open_ = sum(1 for row in rows if row["status"] != "resolved")
        due = sum(1 for row in rows if row["due"])
        self.count.setText(f"{open_} open, {due} due for follow-up · showing "
                           f"{self.proxy.rowCount()} of {len(rows)}")

    def show_due(self) -> None:
        """Only the referrals due for follow-up (from elsewhere in the window)."""
        self.show_which.setCurrentIndex(self.show_which.findData(DUE))

    def raise_referral(self) -> None:
        from ui.dialogs.referral_dialog import RaiseReferralDialog

        dialog = RaiseReferralDialog(self.desk, self)
        if dialog.exec():
            self._wanted = dialog.referral_id

    def update_referral(self, referral_id: int) -> None:
        from ui.dialogs.referral_dialog import UpdateReferralDialog

        # The referral stays chosen while the filters show it (a resolved one leaves "Open").
        UpdateReferralDialog(self.desk, referral_id, self).exec()
