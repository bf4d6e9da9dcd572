"""Log a meeting (Ctrl+M from anywhere): who, when, how long, what about, how it went, and
progress on the student's goals. A group meeting is logged once for several mentees."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from actions import meetings as meeting_actions
from actions.core import Outcome
from actions.meetings import MeetingForm
from actions.referrals import NewReferral
from analysis.attendance import meeting_advice_for
from program.meeting_advice import default_meeting_day
from program.vocabulary import MEETING_KINDS, MEETING_OUTCOMES
from program.vocabulary import SLOTS as SLOT_WORDS
from storage import clock, goals, lookups, matches, meetings
from storage.availability import SLOTS
from ui.desk import Desk
from ui.dialogs.common import DateField, OptionalDate
from ui.dialogs.form_dialog import FormDialog
from ui.dialogs.referral_dialog import FOLLOW_UP_AFTER, kind_choice, need_field
from ui.words import person_name


class LogMeetingDialog(FormDialog):
    """One short form for one meeting; saving writes it (and any goal notes) together."""

    def __init__(self, desk: Desk, parent: QWidget | None = None, *,
                 student_id: int | None = None, meeting_id: int | None = None) -> None:
        super().__init__(desk, "Edit a meeting" if meeting_id else "Log a meeting", parent,
                         minimum_width=560)
        self.meeting_id = meeting_id
        self.saved_meeting_id: int | None = None
        db = desk.db
        self.editing = meetings.meeting(db, meeting_id) if meeting_id else None
        self.open_matches = sorted(
            matches.open_matches(db, desk.year_id) if desk.year_id else [],
            key=lambda m: (m["student_last_name"].casefold(), m["student_first_name"].casefold()))
        if self.editing:
            # An old meeting may belong to a match that has ended since: offer it too.
            for match_id in self.editing["match_ids"]:
                if all(m["id"] != match_id for m in self.open_matches):
                    self.open_matches.append(matches.match(db, match_id))

        self.student = QComboBox()
        self.student.setEditable(True)
        self.student.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.student.setAccessibleName("Student")
        self.student.setToolTip("Type part of the student's name to find them (only students "
                                "with a mentor are listed)")
        self.student.lineEdit().setPlaceholderText("Type part of a name")
        for m in self.open_matches:
            self.student.addItem(f"{person_name(m, 'student_')} — with "
                                 f"{m['mentor_first_name']} {m['mentor_last_name']}", m["id"])
        completer = QCompleter(self.student.model(), self.student)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.student.setCompleter(completer)
        self.student.setCurrentIndex(-1)
        self.student.currentIndexChanged.connect(lambda _: self._match_changed())

        self.group_box = QGroupBox("Also there (a group meeting)")
        self.group_box.setToolTip("Tick the mentor's other mentees who were at this meeting: "
                                  "it is logged once for all of them")
        self.group_layout = QVBoxLayout(self.group_box)
        self.group_checks: list[QCheckBox] = []

        self.met_on = DateField(clock.today(), "Date", "The day of the meeting")
        self.met_on.setMaximumDate(self.met_on.date().addDays(0))
        self._date_chosen = False  # the person picked a date: a student's advice keeps off it
        self.met_on.dateChanged.connect(self._date_edited)
        self.advice = QLabel("")
        self.advice.setObjectName("hint")
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName("Suggested meeting day")
        self.advice.hide()
        self.slot = QComboBox()
        self.slot.setAccessibleName("Time of day")
        self.slot.setToolTip("When in the school day they met")
        self.slot.addItem("(not noted)", None)
        for slot in SLOTS:
            self.slot.addItem(SLOT_WORDS[slot], slot)
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 480)
        self.minutes.setSingleStep(5)
        self.minutes.setValue(30)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Minutes")
        self.minutes.setToolTip("How long the meeting lasted")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of meeting")
        self.kind.setToolTip("One-to-one, group, activity, family contact, or a check-in on a "
                             "day the student was absent")
        for code, text in MEETING_KINDS.items():
            self.kind.addItem(text, code)

        self.outcome_group = QButtonGroup(self)
        outcome_row = QHBoxLayout()
        self.outcome_buttons: dict[str, QRadioButton] = {}
        for code, text in MEETING_OUTCOMES.items():
            radio = QRadioButton(text)
            radio.setAccessibleName(f"Outcome: {text}")
            radio.setToolTip({"held": "The meeting happened",
                              "student_absent": "The mentor came but the student was absent "
                              "(counts as an attempt)",
                              "cancelled": "The meeting did not happen"}.get(code, text))
            self.outcome_group.addButton(radio)
            self.outcome_buttons[code] = radio
            outcome_row.addWidget(radio)
        outcome_row.addStretch(1)
        self.outcome_buttons["held"].setChecked(True)

        self.topic_checks: dict[int, QCheckBox] = {}
        topics_box = QWidget()
        topics_grid = QGridLayout(topics_box)
        topics_grid.setContentsMargins(0, 0, 0, 0)
        used = set(self.editing["topic_ids"]) if self.editing else set()
        entries = lookups.entries(db, "topics", include_inactive=True)
        shown = [e for e in entries if e["active"] or e["id"] in used]
        for position, entry in enumerate(shown):
            check = QCheckBox(entry["name"])
            check.setAccessibleName(f"Topic: {entry['name']}")
            check.setToolTip(f"They talked about {entry['name'].lower()}")
            self.topic_checks[entry["id"]] = check
            topics_grid.addWidget(check, position // 4, position % 4)

        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setToolTip("What happened, in a few words (kept private to the program)")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.notes.fontMetrics().height() * 4 + 12)

        # A need bigger than a mentor can meet: raised with the meeting, linked to it.
        self.referral_box = QGroupBox("Needs more than a mentor can give: raise a referral")
        self.referral_box.setCheckable(True)
        self.referral_box.setChecked(False)
        self.referral_box.setAccessibleName("Raise a referral with this meeting")
        self.referral_box.setToolTip("Tick to pass a need to the counselor, nurse, an "
                                     "administrator or others; it is saved with the meeting")
        self.referral_kind = kind_choice()
        self.referral_need = need_field()
        self.referral_follow_up = OptionalDate(
            "Follow up on", clock.today() + FOLLOW_UP_AFTER, clock.today(),
            "The day to check that the student was seen")
        referral_form = QFormLayout(self.referral_box)
        referral_form.addRow("To", self.referral_kind)
        referral_form.addRow("Need", self.referral_need)
        referral_form.addRow("", self.referral_follow_up)
        self.referral_box.toggled.connect(self._referral_toggled)
        self._referral_toggled(False)

        self.goals_box = QGroupBox("Progress on the student's goals (optional)")
        self.goals_box.setToolTip("A short note for any goal they worked on; it is kept with "
                                  "the goal, dated the day of the meeting")
        self.goals_layout = QFormLayout(self.goals_box)
        self.goal_edits: dict[int, QLineEdit] = {}

        who = QFormLayout()
        who.addRow("&Student", self.student)
        form = QFormLayout()
        when_row = QWidget()
        when = QHBoxLayout(when_row)
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.met_on)
        when.addWidget(self.slot)
        when.addWidget(self.minutes)
        when.addStretch(1)
        form.addRow("&Date", when_row)
        form.labelForField(when_row).setBuddy(self.met_on)
        form.addRow("", self.advice)
        form.addRow("&Kind", self.kind)
        outcome_widget = QWidget()
        outcome_row.setContentsMargins(0, 0, 0, 0)
        outcome_widget.setLayout(outcome_row)
        form.addRow("Outcome", outcome_widget)
        form.addRow("Topics", topics_box)
        form.addRow("&Notes", self.notes)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(who)
        body_layout.addWidget(self.group_box)
        body_layout.addLayout(form)
        body_layout.addWidget(self.goals_box)
        body_layout.addWidget(self.referral_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.scroll = scroll
        self.buttons = self.lay_out(scroll, "Save the meeting", "Save this meeting")

        if self.editing:
            self._fill_from(self.editing)
            self.referral_box.hide()  # a referral is raised with a new meeting, or on its own
        elif student_id is not None:
            self.choose_student(student_id)
        else:
            self._match_changed()
        self._body = body
        self.resize(620, 200)
        self._fit_height()
        self.student.setFocus()

    def _referral_toggled(self, on: bool) -> None:
        """Only the tick shows until it is ticked (the dialog stays short)."""
        layout = self.referral_box.layout()
        for row in range(layout.rowCount()):
            layout.setRowVisible(row, on)
        if on:
            self.referral_need.setFocus()
            self._fit_height()
            # On a small screen the form scrolls: bring the referral's fields into view.
            QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(self.referral_box))

    def _fit_height(self) -> None:
        """As tall as the form (no empty space; taller when a student's goals appear), never
        taller than the screen: the form scrolls then."""
        if not hasattr(self, "_body"):
            return
        room = self.screen().availableGeometry().height() if self.screen() else 800
        wanted = (self._body.sizeHint().height() + self.buttons.sizeHint().height()
                  + self.problem.sizeHint().height() + 40)
        height = min(wanted, int(room * 0.9))
        if height > self.height():
            self.resize(self.width(), height)

    # Choosing the student -------------------------------------------------------------------

    def choose_student(self, student_id: int) -> bool:
        """Pick the student's open match; False when they have none."""
        for position in range(self.student.count()):
            match_id = self.student.itemData(position)
            match = self._match(match_id)
            if match and match["student_id"] == student_id:
                self.student.setCurrentIndex(position)
                return True
        return False

    def _match(self, match_id: int | None) -> dict | None:
        return next((m for m in self.open_matches if m["id"] == match_id), None)

    def current_match(self) -> dict | None:
        index = self.student.currentIndex()
        if index < 0 or self.student.currentText() != self.student.itemText(index):
            return None
        return self._match(self.student.itemData(index))

    def _match_changed(self) -> None:
        match = self.current_match()
        for check in self.group_checks:
            self.group_layout.removeWidget(check)
            check.deleteLater()
        self.group_checks = []
        for edit in self.goal_edits.values():
            self.goals_layout.removeRow(edit)
        self.goal_edits = {}
        if match is None:
            self.group_box.hide()
            self.goals_box.hide()
            self.advice.hide()
            return
        if match["usual_slot"] and not self.editing:
            self.slot.setCurrentIndex(self.slot.findData(match["usual_slot"]))
        if not self.editing:
            self._offer_advised_day(match)
        others = [m for m in self.open_matches
                  if m["mentor_id"] == match["mentor_id"] and m["id"] != match["id"]]
        for other in others:
            check = QCheckBox(person_name(other, "student_"))
            check.setProperty("match_id", other["id"])
            check.setAccessibleName(f"Also there: {person_name(other, 'student_')}")
            check.setToolTip("Tick if this mentee was at the same meeting")
            check.toggled.connect(lambda _: self._group_changed())
            self.group_layout.addWidget(check)
            self.group_checks.append(check)
        self.group_box.setVisible(bool(others))
        working = [g for g in goals.goals_of(self.desk.db, match["student_id"])
                   if g["status"] == "working"]
        for goal in working:
            edit = QLineEdit()
            edit.setAccessibleName(f"Progress on: {goal['text']}")
            edit.setToolTip("How this goal went (leave empty if it did not come up)")
            edit.setPlaceholderText("How did it go?")
            label = goal["text"] if len(goal["text"]) <= 48 else goal["text"][:46] + "…"
            self.goals_layout.addRow(label, edit)
            self.goal_edits[goal["id"]] = edit
        self.goals_box.setVisible(bool(working) and not self.editing)
        self._fit_height()

    def _offer_advised_day(self, match: dict) -> None:
        """The student's suggested meeting day (program.meeting_advice, the one advice This
        week and the mentor's note give): this week's, once it has come, is offered first."""
        today = clock.today()
        advice = meeting_advice_for(self.desk.db, match["year_id"], [match["student_id"]],
                                    today).get(match["student_id"])
        if advice is None:
            self.advice.hide()
            if not self._date_chosen:
                self._set_day(today)
            return
        name = match["student_preferred_name"] or match["student_first_name"] or "the student"
        self.advice.setText(f"Suggested day: {advice.sentence(name)}")
        self.advice.show()
        if not self._date_chosen:
            self._set_day(default_meeting_day(advice, today))

    def _set_day(self, day: dt.date) -> None:
        self.met_on.blockSignals(True)
        self.met_on.set_day(day)
        self.met_on.blockSignals(False)

    def _date_edited(self) -> None:
        self._date_chosen = True

    def _group_changed(self) -> None:
        grouped = any(check.isChecked() for check in self.group_checks)
        if grouped:
            self.kind.setCurrentIndex(self.kind.findData("group"))
        elif self.kind.currentData() == "group":
            self.kind.setCurrentIndex(self.kind.findData("one_to_one"))

    def set_group(self, student_ids: list[int]) -> None:
        """Tick these mentees as also there."""
        for check in self.group_checks:
            match = self._match(check.property("match_id"))
            check.setChecked(match is not None and match["student_id"] in student_ids)

    def _fill_from(self, saved: dict) -> None:
        first, *rest = saved["match_ids"]
        position = self.student.findData(first)
        self.student.setCurrentIndex(position)
        self.student.setEnabled(False)
        self.student.setToolTip("The students of a logged meeting stay as they are; delete it "
                                "and log it again to change them")
        for check in self.group_checks:
            check.setChecked(check.property("match_id") in rest)
            check.setEnabled(False)
        self.met_on.set_day(dt.date.fromisoformat(saved["met_on"]))
        self.slot.setCurrentIndex(max(0, self.slot.findData(saved["slot"])))
        self.minutes.setValue(saved["minutes"] or 0)
        self.kind.setCurrentIndex(max(0, self.kind.findData(saved["kind"])))
        self.outcome_buttons.get(saved["outcome"], self.outcome_buttons["held"]).setChecked(True)
        for topic_id, check in self.topic_checks.items():
            check.setChecked(topic_id in saved["topic_ids"])
        self.notes.setPlainText(saved["notes"] or "")

    # Saving ------------------------------------------------------------------------------------

    def outcome(self) -> str:
        return next(code for code, radio in self.outcome_buttons.items() if radio.isChecked())

    def check(self) -> str | None:
        match = self.current_match()
        if match is None:
            self.student.setFocus()
            return ("Choose the student from the list (type part of their name). Only "
                    "students with a mentor can have a meeting logged.")
        if self.met_on.day() < dt.date.fromisoformat(match["started_on"]):
            return (f"The match began on {match['started_on']}; a meeting cannot be before "
                    "that. Check the date.")
        if self.referral_box.isChecked() and not self.referral_need.toPlainText().strip():
            self.referral_need.setFocus()
            return ("Write the need for the referral in a few words, or untick \u201cNeeds "
                    "more than a mentor can give\u201d.")
        return None

    def referral(self, student_id: int) -> NewReferral | None:
        """The referral to raise with the meeting (None when the box is not ticked)."""
        if self.editing or not self.referral_box.isChecked():
            return None
        return NewReferral(student_id=student_id, kind=self.referral_kind.currentData(),
                           need=self.referral_need.toPlainText(), opened_on=self.met_on.day(),
                           follow_up_on=self.referral_follow_up.day())

    def save(self) -> Outcome:
        match = self.current_match()
        match_ids = [match["id"]] + [check.property("match_id") for check in self.group_checks
                                     if check.isChecked()]
        form = MeetingForm(
            met_on=self.met_on.day(), slot=self.slot.currentData(),
            minutes=self.minutes.value() or None, kind=self.kind.currentData(),
            outcome=self.outcome(), notes=self.notes.toPlainText(),
            topic_ids=tuple(tid for tid, check in self.topic_checks.items() if check.isChecked()),
            goal_notes={goal_id: edit.text() for goal_id, edit in self.goal_edits.items()})
        if self.editing:
            outcome = meeting_actions.edit_meeting(self.desk.db, self.meeting_id, form)
        else:
            outcome = meeting_actions.log_meeting(self.desk.db, match_ids, form,
                                                  self.referral(match["student_id"]))
        self.saved_meeting_id = outcome.value
        return outcome
