"""The Settings screen: every declared setting, grouped, in plain words with its help; the
school years and their calendar; the attendance codes; mentor roles and meeting topics; and
History, every change newest first. Each change is saved at once through actions/."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from actions import settings as setting_actions
from program.vocabulary import ATTENDANCE_STATUSES
from storage import settings as stored_settings
from storage.errors import InvalidInput
from ui.desk import EVERYTHING, Desk
from ui.errors import show_error
from ui.models.import_columns import CHOICES_ROLE, KEY_ROLE
from ui.models.settings import CodesModel, HistoryModel, history_rows
from ui.models.table import FilterProxy
from ui.operations import perform
from ui.screens.base import Screen, button, make_table, set_column_widths, title_label
from ui.screens.settings_years import YearsPage
from ui.widgets.choice_delegate import ChoiceDelegate
from ui.widgets.detail_pane import scrolling
from ui.widgets.setting_field import SettingField, add_setting_rows, help_label
from ui.widgets.word_list import WordList

# Where each declared setting is shown (a test checks that every one of them is somewhere).
GROUPS: dict[str, tuple[str, ...]] = {
    "school": ("school_name", "school_id", "school_logo", "lowest_grade", "top_grade"),
    "years": ("current_year",),
    "attendance": ("in_school_suspension_counts_absent", "minimum_enrolled_days",
                   "change_days_before", "change_days_after",
                   "attendance.period_absent_share", "periods_per_day"),
    "meetings": ("meeting_target_per_month", "overdue_after_school_days"),
    "mentors": ("default_mentor_capacity",),
}
PICTURES = "Pictures (*.png *.jpg *.jpeg *.gif *.bmp)"


class LogoField(QWidget):
    """The school's logo: the picture shown small, Choose a picture…, No logo."""

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        declared = stored_settings.SETTINGS_BY_KEY["school_logo"]
        self.declared = declared
        self.preview = QLabel("")
        self.preview.setAccessibleName("The logo")
        self.preview.setMinimumHeight(48)
        self.path_words = QLabel("")
        self.path_words.setObjectName("hint")
        self.path_words.setWordWrap(True)
        self.help = help_label(declared.help)
        self.choose_button = button("Choose a &picture…", declared.help, self.choose)
        self.clear_button = button("No logo", "Print reports without a logo", self.remove)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.preview)
        row.addWidget(self.choose_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.path_words)
        layout.addWidget(self.help)
        self.setFocusProxy(self.choose_button)

    def show_value(self, path: str) -> None:
        picture = QPixmap(path) if path else QPixmap()
        if path and not picture.isNull():
            self.preview.setPixmap(picture.scaledToHeight(
                48, Qt.TransformationMode.SmoothTransformation))
            self.path_words.setText(path)
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("(no logo)" if not path else "(picture not found)")
            self.path_words.setText(path)
        self.path_words.setVisible(bool(path))
        self.clear_button.setEnabled(bool(path))

    def choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose the school's logo", str(Path.home()),
                                              PICTURES)
        if not name:
            return
        if QPixmap(name).isNull():
            show_error(self, InvalidInput(f"{Path(name).name} is not a picture MentorDesk can "
                                          "read. Choose a PNG or JPEG file."))
            return
        perform(self, self.desk, partial(setting_actions.change_setting, key="school_logo",
                                         value=name))

    def remove(self) -> None:
        perform(self, self.desk, partial(setting_actions.change_setting, key="school_logo",
                                         value=""))


class SettingsScreen(Screen):
    """The school's settings, grouped on tabs, and the history of changes."""

    KEY = "settings"
    TITLE = "Settings"
    CHANGES = EVERYTHING  # History shows every change

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(desk, parent)
        self.fields: dict[str, SettingField] = {}
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.logo = LogoField(desk)
        self.years_page = YearsPage(desk)
        self.roles = WordList(desk, "roles", "Mentor &roles", "The jobs mentors hold, offered "
                              "when a mentor is added or edited")
        self.topics = WordList(desk, "topics", "Meeting &topics", "What mentors and students "
                               "talk about, ticked in Log a meeting")
        self.tabs.addTab(scrolling(self._school_page(), on_panel=True), "School")
        self.tabs.addTab(self.years_page, "School years")
        self.tabs.addTab(scrolling(self._attendance_page(), on_panel=True), "Attendance")
        self.tabs.addTab(self._meetings_page(), "Meetings")
        self.tabs.addTab(self._mentors_page(), "Mentors")
        self.tabs.addTab(self._history_page(), "History")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(title_label(self.TITLE))
        note = QLabel("Each change is saved as you make it (Edit > Undo takes it back).")
        note.setObjectName("count")
        top.addWidget(note, 1, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

    # Pages ---------------------------------------------------------------------------------

    def _field(self, key: str) -> SettingField:
        field = SettingField(key)
        field.save_requested.connect(self._save)
        self.fields[key] = field
        return field

    def _form(self, keys: tuple[str, ...], words: dict[str, str] | None = None) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        words = words or {}
        add_setting_rows(form, [self._field(key) for key in keys],
                         lambda key: words.get(key, stored_settings.SETTINGS_BY_KEY[key].label))
        return form

    def _school_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = self._form(("school_name", "school_id"),
                          {"school_name": "School &name", "school_id": "State or district "
                           "school &ID"})
        form.addRow("School logo", self.logo)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Grades</b>"))
        layout.addLayout(self._form(("lowest_grade", "top_grade"),
                                    {"lowest_grade": "&Lowest grade", "top_grade": "T&op grade"}))
        layout.addStretch(1)
        return page

    def _attendance_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self._form(GROUPS["attendance"],
                                    {"minimum_enrolled_days": "&Fewest days enrolled to be "
                                     "rated",
                                     "change_days_before": "School days &before a match to "
                                     "judge a change",
                                     "change_days_after": "School days &after it"}))
        heading = QLabel("Attendance &codes")
        heading.setObjectName("sectionTitle")
        self.codes = CodesModel(self._save_code, self)
        proxy = FilterProxy(self)
        proxy.setSourceModel(self.codes)
        self.codes_table = make_table("Attendance codes", "The school's attendance codes and "
                                      "what each means (double-click a meaning to change it)",
                                      proxy)
        self.codes_table.setSortingEnabled(False)
        self.codes_table.setEditTriggers(self.codes_table.EditTrigger.DoubleClicked
                                         | self.codes_table.EditTrigger.EditKeyPressed
                                         | self.codes_table.EditTrigger.SelectedClicked)
        self.codes_table.setItemDelegateForColumn(1, ChoiceDelegate(CHOICES_ROLE, KEY_ROLE,
                                                                    self.codes_table))
        set_column_widths(self.codes_table, [8, 24, 24])
        self.codes_table.setMinimumHeight(self.codes_table.fontMetrics().height() * 10)
        heading.setBuddy(self.codes_table)
        self.new_code = QLineEdit()
        self.new_code.setAccessibleName("New code")
        self.new_code.setToolTip("A code the school's attendance export uses")
        self.new_code.setPlaceholderText("Code, e.g. AE")
        self.new_code.setMaximumWidth(self.new_code.fontMetrics().horizontalAdvance("x" * 16))
        self.new_status = QComboBox()
        self.new_status.setAccessibleName("What the new code means")
        self.new_status.setToolTip("What the new code means")
        for code, text in ATTENDANCE_STATUSES.items():
            self.new_status.addItem(text, code)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_code)
        add_row.addWidget(self.new_status)
        add_row.addWidget(button("Add the code", "Say what a code from the school's export "
                                 "means", self._add_code))
        add_row.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(help_label("What each code in the school's attendance export means. A "
                                    "change applies to attendance imported from now on."))
        layout.addWidget(self.codes_table, 1)
        layout.addLayout(add_row)
        return page

    def _meetings_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self._form(GROUPS["meetings"],
                                    {"meeting_target_per_month": "Meetings a &month per match",
                                     "overdue_after_school_days": "&Overdue after (school "
                                     "days)"}))
        layout.addWidget(self.topics, 1)
        return page

    def _mentors_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(self._form(GROUPS["mentors"],
                                    {"default_mentor_capacity": "&Mentees per mentor"}))
        layout.addWidget(self.roles, 1)
        return page

    def _history_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.history = HistoryModel(self)
        proxy = FilterProxy(self)
        proxy.setSourceModel(self.history)
        self.history_table = make_table("History", "Every change made to this file, newest "
                                        "first", proxy)
        self.history_table.setSortingEnabled(False)
        set_column_widths(self.history_table, [20, 60])
        layout.addWidget(help_label("Every change made to this file, newest first: imports, "
                                    "changes, undos, backups."))
        layout.addWidget(self.history_table, 1)
        return page

    # Loading -------------------------------------------------------------------------------

    def load(self) -> None:
        db = self.desk.db
        values = stored_settings.all_values(db)
        for key, field in self.fields.items():
            field.show_value(values[key])
        self.logo.show_value(values["school_logo"])
        self.years_page.reload()
        self.codes.set_codes(db)
        self.roles.reload()
        self.topics.reload()
        self.history.set_rows(history_rows(db))
        self.loaded.emit()

    def clear(self) -> None:
        self.history.set_rows([])

    def show_tab(self, name: str) -> None:
        """Open one section ("School", "School years", ..., "History")."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index) == name:
                self.tabs.setCurrentIndex(index)

    # Saving --------------------------------------------------------------------------------

    def _save(self, key: str, value) -> None:
        outcome = perform(self, self.desk, partial(setting_actions.change_setting, key=key,
                                                   value=value))
        if outcome is None:  # refused: show what is stored again
            self.fields[key].show_value(stored_settings.get(self.desk.db, key))

    def _save_code(self, code: str, status: str, label: str) -> bool:
        return perform(self, self.desk, partial(setting_actions.set_attendance_code,
                                                code=code, status=status,
                                                label_text=label)) is not None

    def _add_code(self) -> None:
        code = self.new_code.text().strip()
        if not code:
            self.new_code.setFocus()
            self.status_message.emit("Type the code first (as the school's export writes it).")
            return
        if perform(self, self.desk, partial(setting_actions.set_attendance_code, code=code,
                                            status=self.new_status.currentData())):
            self.new_code.clear()
