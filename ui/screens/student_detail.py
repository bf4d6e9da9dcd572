"""The pane beside the students list: one student's profile, goals, mentors, meetings,
referrals and attendance."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from actions import goals as goal_actions
from actions import nominations as nomination_actions
from actions import students as student_actions
from analysis import attendance as attendance_figures
from program.vocabulary import (
    ATTENDANCE_SOURCES,
    CLOSURE_REASONS,
    CONSENT_STATUSES,
    GOAL_STATUSES,
    MEETING_KINDS,
    MEETING_OUTCOMES,
    TIER_EXPLANATIONS,
    WEEKDAYS,
    join_words,
    label,
    plural,
    tier_words,
)
from storage import (
    availability,
    clock,
    goals,
    matches,
    meetings,
    nominations,
    referrals,
    students,
    surveys,
)
from ui.desk import Desk, import_available
from ui.operations import perform
from ui.screens.base import button
from ui.screens.student_surveys import survey_answers_html
from ui.widgets.availability_grid import AvailabilityGrid
from ui.widgets.chart import ChartView
from ui.widgets.detail_pane import DetailPane, add_to, scrolling, section_title, text_view
from ui.widgets.nominations import NominationsBox
from ui.widgets.referral_text import referral_html
from ui.widgets.tier_badge import TierBadge
from ui.words import day_words, grade_words, percent, person_name, usual_time
from ui.words import escaped as _e


class StudentDetail(DetailPane):
    """Everything about one student; actions raise signals the screen carries out."""

    edit_requested = Signal(int)
    match_requested = Signal(int)
    meeting_requested = Signal(int)
    profile_requested = Signal(int)
    archive_requested = Signal(int, bool)  # student, archive (True) or restore (False)
    mentor_requested = Signal(int)
    changed = Signal()

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__("Student", "Choose a student in the list to see their details here.",
                         390, parent)
        self.desk = desk
        self.student_id: int | None = None
        self.record: dict | None = None
        self.name = self.title
        self.tier = TierBadge()
        self.edit_button = button("&Edit…", "Change the student's names, ID, grade, "
                                  "guardian and consent", self._edit)
        self.match_button = button("Find a &mentor…", "See the mentors who suit this student "
                                   "best, with the reasons, and make a match", self._match,
                                   primary=True)
        self.meeting_button = button("&Log a meeting…", "Record a meeting with this student "
                                     "(Ctrl+M)", self._meeting)
        self.profile_button = button("&Print profile…", "A one-page profile for the mentor: "
                                     "interests, free times, goals, attendance pattern, recent "
                                     "meetings", self._profile)
        self.archive_button = button("Archi&ve", "Hide this student from the lists (nothing is "
                                     "deleted; you can restore them)", self._archive)

        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.tier, 0, Qt.AlignmentFlag.AlignTop)
        # Two short rows of buttons: the pane stays narrow enough for the list beside it to
        # show every column up to Concern on a 1440-wide screen.
        actions = QHBoxLayout()
        for widget in (self.edit_button, self.match_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        more = QHBoxLayout()
        more.addWidget(self.meeting_button)
        more.addWidget(self.profile_button)
        more.addWidget(self.archive_button)
        more.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Student details sections")
        self.tabs.setToolTip("Sections about this student")
        for arrow in self.tabs.tabBar().findChildren(QToolButton):  # when the pane is narrow
            arrow.setToolTip("Show the other sections")
        # A label (not a browser) so the availability grid sits right under the profile.
        self.profile = QLabel("")
        self.profile.setWordWrap(True)
        self.profile.setTextFormat(Qt.TextFormat.RichText)
        self.profile.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.profile.setAccessibleName("Profile")
        self.profile.setToolTip("Guardian, consent, interests and notes")
        self.grid = AvailabilityGrid("the student")
        self.grid.changed.connect(self._grid_changed)
        profile_page = QWidget()
        profile_layout = QVBoxLayout(profile_page)
        profile_layout.addWidget(self.profile)
        profile_layout.addWidget(section_title("When the student can meet (click to change):"))
        profile_layout.addWidget(self.grid)
        profile_layout.addWidget(section_title("Nominations"))
        self.nominations = NominationsBox()
        self.nominations.decided.connect(self._decide_nomination)
        profile_layout.addWidget(self.nominations)
        profile_layout.addStretch(1)
        self.tabs.addTab(scrolling(profile_page, on_panel=True), "Profile")
        self.tabs.addTab(self._goals_page(), "Goals")
        self.mentors_view = text_view("Mentors", "The student's mentors now and before, and "
                                      "their survey answers")
        self.mentors_view.anchorClicked.connect(self._mentor_link)
        self.tabs.addTab(self.mentors_view, "Mentors")
        self.meetings_view = text_view("Meetings", "Every meeting logged with this student")
        self.tabs.addTab(self.meetings_view, "Meetings")
        self.tabs.addTab(self._referrals_page(), "Referrals")
        self.attendance_page = self._attendance_page()
        self.tabs.addTab(self.attendance_page, "Attendance")

        add_to(self.content, top, self.facts, actions, more, (self.tabs, 1))
        self.show_student(None)

    def comfortable_width(self) -> int:
        """Wide enough for every section's tab to show without scrolling."""
        margins = self.layout().contentsMargins()
        return max(self.minimumWidth(), self.tabs.tabBar().sizeHint().width() + margins.left()
                   + margins.right() + 2 * self.frameWidth() + 4)

    # Goals -------------------------------------------------------------------------------------

    def _goals_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.goals_model = QStandardItemModel(self)
        self.goals_model.setHorizontalHeaderLabels(["Goal", "Status"])
        self.goals_view = QTreeView()
        self.goals_view.setModel(self.goals_model)
        self.goals_view.setAccessibleName("Goals")
        self.goals_view.setToolTip("The student's goals; open one to read its progress notes")
        self.goals_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.goals_view.setWordWrap(True)
        self.goals_view.setUniformRowHeights(False)
        self.goals_view.setAlternatingRowColors(True)
        header = self.goals_view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.goals_view, 1)
        self.no_goals = QLabel("No goals yet. A mentor and student usually set one or two in "
                               "their first meetings.")
        self.no_goals.setObjectName("hint")
        self.no_goals.setWordWrap(True)
        layout.addWidget(self.no_goals)
        row = QHBoxLayout()
        row.addWidget(button("Add a &goal…", "Write down a new goal for this student",
                             self._add_goal))
        row.addWidget(button("Add a progress &note…", "Note how the chosen goal is going",
                             self._add_goal_note))
        row.addStretch(1)
        status_row = QHBoxLayout()
        status_row.addWidget(button("Mark &met", "The chosen goal has been met",
                                    lambda: self._set_goal_status("met")))
        status_row.addWidget(button("Set a&side", "Stop working on the chosen goal for now",
                                    lambda: self._set_goal_status("set_aside")))
        status_row.addWidget(button("Wor&king on it", "Work on the chosen goal again",
                                    lambda: self._set_goal_status("working")))
        status_row.addStretch(1)
        layout.addLayout(row)
        layout.addLayout(status_row)
        return page

    def _show_goals(self, student_goals: list[dict]) -> None:
        self.goals_model.removeRows(0, self.goals_model.rowCount())
        for goal in student_goals:
            text = QStandardItem(goal["text"])
            text.setData(goal["id"], Qt.ItemDataRole.UserRole)
            text.setToolTip(f"Set on {day_words(goal['set_on'])}")
            status = label(GOAL_STATUSES, goal["status"])
            if goal["status"] != "working" and goal["status_changed_on"]:
                status += f" ({day_words(goal['status_changed_on'])})"
            status_item = QStandardItem(status)
            for note in goal["notes"]:
                note_item = QStandardItem(f"{day_words(note['noted_on'])}: {note['note']}")
                note_item.setData(goal["id"], Qt.ItemDataRole.UserRole)
                note_item.setToolTip(note["note"])
                text.appendRow([note_item, QStandardItem("")])
            self.goals_model.appendRow([text, status_item])
        self.goals_view.expandAll()
        self.no_goals.setVisible(not student_goals)

    def chosen_goal_id(self) -> int | None:
        index = self.goals_view.currentIndex()
        if not index.isValid():
            return None
        return index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)

    def _add_goal(self) -> None:
        if self.student_id is None:
            return
        text, ok = QInputDialog.getMultiLineText(self, "Add a goal",
                                                 "What will the student work on?")
        if ok and text.strip():
            self._after(partial(goal_actions.add_goal, student_id=self.student_id, text=text,
                                on=clock.today()))

    def _add_goal_note(self) -> None:
        goal_id = self.chosen_goal_id()
        if goal_id is None:
            self._hint("Choose a goal in the list first.")
            return
        text, ok = QInputDialog.getMultiLineText(self, "Add a progress note",
                                                 "How is this goal going?")
        if ok and text.strip():
            self._after(partial(goal_actions.add_progress_note, goal_id=goal_id, note=text,
                                on=clock.today()))

    def _set_goal_status(self, status: str) -> None:
        goal_id = self.chosen_goal_id()
        if goal_id is None:
            self._hint("Choose a goal in the list first.")
            return
        self._after(partial(goal_actions.set_goal_status, goal_id=goal_id, status=status,
                            on=clock.today()))

    def _hint(self, text: str) -> None:
        window = self.window()
        if hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 5000)

    def _after(self, action) -> None:
        """Run a goal action; the goals show again as saved."""
        if perform(self, self.desk, action) is not None:
            self.show_student(self.student_id)

    # Referrals -------------------------------------------------------------------------------

    def _referrals_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.referrals_view = text_view("Referrals", "Needs passed on to the counselor, nurse, "
                                       "an administrator or others, with each dated note "
                                       "(Update… to add one)")
        self.referrals_view.anchorClicked.connect(self._referral_link)
        layout.addWidget(self.referrals_view, 1)
        row = QHBoxLayout()
        self.referral_button = button("Raise a re&ferral…", "Pass this student's need to the "
                                      "counselor, nurse, an administrator or others",
                                      self._raise_referral)
        row.addWidget(self.referral_button)
        row.addStretch(1)
        layout.addLayout(row)
        return page

    def _raise_referral(self) -> None:
        if self.student_id is None:
            return
        from ui.dialogs.referral_dialog import RaiseReferralDialog

        if RaiseReferralDialog(self.desk, self, student_id=self.student_id).exec():
            self.show_student(self.student_id)

    def _referral_link(self, url) -> None:
        text = url.toString()
        if not text.startswith("referral:") or self.student_id is None:
            return
        from ui.dialogs.referral_dialog import UpdateReferralDialog

        if UpdateReferralDialog(self.desk, int(text.split(":", 1)[1]), self).exec():
            self.show_student(self.student_id)

    # Attendance ------------------------------------------------------------------------------

    def _attendance_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.attendance_text = QLabel("")
        self.attendance_text.setWordWrap(True)
        self.attendance_text.setAccessibleName("Attendance summary")
        self.attendance_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attendance_text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.month_chart = ChartView("Absence rate month by month, with the 10% chronic line",
                                     minimum_height=180)
        layout.addWidget(self.attendance_text)
        layout.addWidget(self.month_chart, 1)
        self.tabs.currentChanged.connect(lambda _: self._draw_chart_if_shown())
        return page

    def _show_attendance(self, record) -> None:
        """The rate, tier, early warning, weekday pattern and advice of the year on screen."""
        self.attendance = record
        self._chart_for = None
        if record is None or record.source == "none":
            self.tier.set_tier(None, ATTENDANCE_SOURCES["none"])
            how = (" It comes from the office's attendance export (File > Import…)."
                   if import_available() else "")
            self.attendance_text.setText("No attendance has been imported for this student "
                                         f"this year.{how}")
            self.month_chart.show_message("")
            return
        rate = percent(record.absence_rate)
        self.tier.set_tier(record.tier, tier_words(record.tier))
        lines = [f"<b>{_e(tier_words(record.tier))}</b>"
                 + (f" — {_e(TIER_EXPLANATIONS[record.tier])}" if record.tier in
                    TIER_EXPLANATIONS else ""),
                 f"Absent {_e(plural(record.days_absent, 'day'))} of "
                 f"{_e(plural(record.days_enrolled, 'school day'))} enrolled ({_e(rate)})."]
        if record.early_warning is not None:
            warning = record.early_warning
            lines.append(f"<span style='color:#7a3300'><b>Early warning:</b> missed "
                         f"{_e(plural(warning.missed, 'day'))} of the first "
                         f"{warning.window} school days.</span>")
        if record.weekdays is None:
            lines.append("Only totals were imported, so the month-by-month and weekday views "
                         "are not available.")
        elif record.pattern_weekdays:
            missed = join_words(WEEKDAYS[d] for d in record.pattern_weekdays)
            lines.append(f"<b>Most missed: {_e(missed)}.</b>")
            if record.advice is not None:
                name = (self.record or {}).get("preferred_name") or \
                    (self.record or {}).get("first_name") or "the student"
                lines.append(_e(record.advice.sentence(name)))
        else:
            lines.append("No weekday stands out.")
        self.attendance_text.setText("<br>".join(lines))
        if not record.months:
            self.month_chart.show_message("")
        self._draw_chart_if_shown()

    def _draw_chart_if_shown(self) -> None:
        record = getattr(self, "attendance", None)
        if (record is None or not record.months or self.tabs.currentWidget()
                is not self.attendance_page or self._chart_for == self.student_id):
            return
        self._chart_for = self.student_id
        months = [f"{dt.date(m.year, m.month, 1):%b}" for m in record.months]
        rates = [m.rate for m in record.months]

        def make_figure():
            from reports.charts import student_months_chart

            return student_months_chart(months, rates, width=4.6, height=2.2)

        described = ", ".join(f"{month} {percent(rate)}" for month, rate in zip(
            months, rates, strict=True) if rate is not None)
        self.month_chart.build(make_figure, f"Absence rate by month: {described}")

    # Showing ---------------------------------------------------------------------------------

    def show_student(self, student_id: int | None) -> None:
        """Show one student (None: the hint to choose one)."""
        self.student_id = student_id
        db = self.desk.db if self.desk.is_open else None
        record = students.student(db, student_id) if db and student_id else None
        self.record = record
        self.set_showing(record is not None)
        if record is None:
            self.student_id = None
            return
        year_id = self.desk.year_id
        enrollment = students.enrollment(db, student_id, year_id) if year_id else None
        student_matches = matches.matches_of_student(db, student_id)
        current = next((m for m in student_matches
                        if m["ended_on"] is None and m["year_id"] == year_id), None)
        self.current_match = current
        name = person_name(record)
        self.name.setText(name)
        self.name.setAccessibleName(f"Student: {name}")
        facts = [f"ID {record['local_id']}" if record["local_id"] else "No student ID"]
        if enrollment:
            if enrollment["grade"] is not None:
                facts.append(f"Grade {grade_words(enrollment['grade'])}")
            if enrollment["homeroom"]:
                facts.append(f"Homeroom {enrollment['homeroom']}")
            if enrollment["exit_date"]:
                facts.append(f"Left on {day_words(enrollment['exit_date'])}")
        else:
            facts.append("Not enrolled in this school year")
        if record["archived"]:
            facts.append("Archived")
        line = " · ".join(_e(fact) for fact in facts)
        if current:
            when = usual_time(current["usual_weekday"], current["usual_slot"])
            line += (f"<br>Mentor: <b>{_e(current['mentor_first_name'])} "
                     f"{_e(current['mentor_last_name'])}</b> since "
                     f"{_e(day_words(current['started_on']))}"
                     + (f", usually {_e(when)}" if when else ""))
        else:
            line += "<br>No mentor now."
        self.facts.setText(line)
        self.match_button.setText("Change &mentor…" if current else "Find a &mentor…")
        self.match_button.setEnabled(not record["archived"])
        self.meeting_button.setEnabled(current is not None)
        self.meeting_button.setToolTip(
            "Record a meeting with this student (Ctrl+M)" if current else
            "The student needs a mentor before a meeting can be logged")
        self.archive_button.setText("&Restore" if record["archived"] else "Archi&ve")
        self.archive_button.setToolTip(
            "Show this student in the lists again" if record["archived"] else
            "Hide this student from the lists (nothing is deleted; you can restore them)")
        self.archive_button.setAccessibleName(self.archive_button.text().replace("&", ""))
        self.grid.set_who(name)
        self.grid.set_grid(availability.get(db, "student", student_id))
        self.profile.setText(self._profile_html(record))
        self._show_goals(goals.goals_of(db, student_id))
        # The survey answers go with the mentoring itself (a tab of their own would widen the
        # pane past what a 1440-wide window leaves the students list).
        self.mentors_view.setHtml(self._mentors_html(student_matches)
                                  + "<p><b>Survey answers</b></p>" + survey_answers_html(
                                      surveys.responses_of_student(db, student_id),
                                      surveys.questions(db, "mentee", include_retired=True)))
        self.nominations.show_nominations(nominations.nominations_of(db, student_id), year_id)
        self.meetings_view.setHtml(self._meetings_html(meetings.meetings_of_student(db,
                                                                                   student_id)))
        self.referrals_view.setHtml(self._referrals_html(referrals.referrals_of(db, student_id)))
        today = clock.today()
        self._show_attendance(attendance_figures.student_detail(db, student_id, year_id, today)
                              if year_id else None)

    def _profile_html(self, record: dict) -> str:
        consent = label(CONSENT_STATUSES, record["consent_status"])
        if record["consent_date"]:
            consent += f" ({day_words(record['consent_date'])})"
        rows = [
            ("Preferred name", record["preferred_name"] or "—"),
            ("Guardian", record["guardian_name"] or "—"),
            ("Phone", record["guardian_phone"] or "—"),
            ("Email", record["guardian_email"] or "—"),
            ("Consent for the program", consent),
            ("Interests", record["interests"] or "—"),
        ]
        cells = "".join(f"<tr><td style='color:#52606d; padding-right:12px'>{_e(k)}</td>"
                        f"<td>{_e(v)}</td></tr>" for k, v in rows)
        notes = (f"<p><b>Notes</b><br>{_e(record['notes']).replace(chr(10), '<br>')}</p>"
                 if record["notes"] else "")
        warning = ""
        if record["consent_status"] != "given":
            warning = ("<p style='color:#7a3300'>No guardian consent recorded yet: ask for it "
                       "before the student starts meeting a mentor.</p>")
        return f"<table>{cells}</table>{warning}{notes}"

    def _mentors_html(self, student_matches: list[dict]) -> str:
        parts = ["<p><b>Mentors</b></p>"]
        if not student_matches:
            parts.append("<p>No mentor yet.</p>")
        for m in student_matches:
            mentor = (f"<a href='mentor:{m['mentor_id']}'>{_e(m['mentor_first_name'])} "
                      f"{_e(m['mentor_last_name'])}</a>")
            span = f"{day_words(m['started_on'])} to " + (
                day_words(m["ended_on"]) if m["ended_on"] else "now")
            closed = ""
            if m["ended_on"]:
                closed = f" — ended: {_e(label(CLOSURE_REASONS, m['closure_reason']))}"
                if m["closure_note"]:
                    closed += f" ({_e(m['closure_note'])})"
            parts.append(f"<p>{mentor} · {_e(m['year_name'])} · {_e(span)}{closed}</p>")
        return "".join(parts)

    def _meetings_html(self, rows: list[dict]) -> str:
        if not rows:
            return "<p>No meetings logged yet.</p>"
        parts = []
        for g in rows[:200]:
            head = (f"<b>{_e(day_words(g['met_on'], with_weekday=True))}</b> · "
                    f"{_e(g['mentor_first_name'])} {_e(g['mentor_last_name'])} · "
                    f"{_e(label(MEETING_KINDS, g['kind']))}")
            if g["mentees"] and g["mentees"] > 1:
                head += f" ({g['mentees']} students)"
            if g["outcome"] != "held":
                outcome = label(MEETING_OUTCOMES, g["outcome"])
                head += f" · <span style='color:#7a3300'>{_e(outcome)}</span>"
            if g["minutes"]:
                head += f" · {g['minutes']} min"
            body = _e(g["topics"] or "")
            if g["notes"]:
                body += (" — " if body else "") + _e(g["notes"])
            parts.append(f"<p>{head}<br>{body}</p>")
        return "".join(parts)

    def _referrals_html(self, rows: list[dict]) -> str:
        if not rows:
            return ("<p>No referrals. When the student needs more than a mentor can give, "
                    "raise one below.</p>")
        return "<hr>".join(referral_html(row, update_link=True) for row in rows)

    # Actions ---------------------------------------------------------------------------------

    def _edit(self) -> None:
        if self.student_id is not None:
            self.edit_requested.emit(self.student_id)

    def _match(self) -> None:
        if self.student_id is not None:
            self.match_requested.emit(self.student_id)

    def _meeting(self) -> None:
        if self.student_id is not None:
            self.meeting_requested.emit(self.student_id)

    def _profile(self) -> None:
        if self.student_id is not None:
            self.profile_requested.emit(self.student_id)

    def _archive(self) -> None:
        if self.record is not None:
            self.archive_requested.emit(self.record["id"], not self.record["archived"])

    def _mentor_link(self, url) -> None:
        text = url.toString()
        if text.startswith("mentor:"):
            self.mentor_requested.emit(int(text.split(":", 1)[1]))

    def _decide_nomination(self, decision: str, nomination_id: int) -> None:
        """Accept, waitlist or decline a nomination (actions.nominations)."""
        if decision == "accept":
            action = partial(nomination_actions.accept_nomination, nomination_id=nomination_id)
        elif decision == "waitlist":
            action = partial(nomination_actions.waitlist_nomination,
                             nomination_id=nomination_id)
        else:
            note, ok = QInputDialog.getText(self, "Decline the nomination",
                                            "Why, in a few words (optional):")
            if not ok:
                return
            action = partial(nomination_actions.decline_nomination, nomination_id=nomination_id,
                             note=note)
        if perform(self, self.desk, action) is not None:
            self.show_student(self.student_id)

    def _grid_changed(self, grid: set) -> None:
        if self.student_id is None:
            return
        perform(self, self.desk, partial(student_actions.set_student_availability,
                                         student_id=self.student_id, grid=grid))
