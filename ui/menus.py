"""The window's menu bar: File, Edit, Mentoring and Go, each entry with its shortcut and tip.

The entries only point at what they do (ui.file_commands, ui.output_commands, ui.edit_commands
and the window's own navigation); the window keeps them as attributes (``window.undo_action``)
so it can enable them as files and years open.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui import (
    district_commands,
    edit_commands,
    file_commands,
    life_cycle_commands,
    output_commands,
    survey_commands,
)
from ui.navigation import SCREENS

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _action(window: MainWindow, text: str, tip: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
    action = QAction(text, window)
    action.setStatusTip(tip)
    action.setToolTip(tip)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _=False: slot())
    return action


def build_menus(window: MainWindow) -> None:
    """Make the menu bar and keep each entry on the window."""
    _file_menu(window)
    _edit_menu(window)
    _mentoring_menu(window)
    _go_menu(window)


def _file_menu(w: MainWindow) -> None:
    menu = w.menuBar().addMenu("&File")
    w.open_action = _action(w, "&Open…", "Open another MentorDesk data file",
                            partial(file_commands.choose_and_open_file, w),
                            QKeySequence.StandardKey.Open)
    w.demo_action = _action(w, "Open &demo school",
                            "Open a made-up school to try MentorDesk safely",
                            partial(file_commands.open_demo_school, w))
    w.own_school_action = _action(w, "Back to &my school", "Leave the demo: open your own "
                                  "school's file again", partial(file_commands.back_to_own_school,
                                                                 w))
    w.recent_menu = QMenu("Open re&cent", w)
    w.recent_menu.setToolTipsVisible(True)
    w.recent_menu.aboutToShow.connect(partial(file_commands.fill_recent_menu, w))
    w.import_action = _action(w, "&Import…", "Bring in a spreadsheet: roster, nominations, "
                              "mentors, attendance, ...",
                              partial(file_commands.open_import_wizard, w),
                              QKeySequence("Ctrl+I"))
    w.history_action = _action(w, "Import &history…", "Every import made into this file; undo "
                               "one as a whole", partial(file_commands.open_import_history, w))
    w.template_action = _action(w, "Save a blank &nomination sheet…", "An Excel sheet for "
                                "teachers to nominate students; it imports with no questions",
                                partial(output_commands.save_nomination_sheet, w))
    w.checkin_form_action = _action(w, "Save the meeting check-in &form…", "The questions of "
                                    "the form mentors fill in after each meeting, to copy into "
                                    "Microsoft Forms or Google Forms",
                                    partial(survey_commands.save_checkin_form, w))
    w.print_action = _action(w, "&Print this list…", "Print the list on screen as it is "
                             "filtered and sorted, or save it as a PDF",
                             partial(output_commands.print_list, w),
                             QKeySequence.StandardKey.Print)
    w.export_action = _action(w, "&Export this list to Excel…", "Save the list on screen, as "
                              "filtered and sorted, as an Excel workbook",
                              partial(output_commands.export_list, w), QKeySequence("Ctrl+E"))
    w.roster_action = _action(w, "Print the mentor &roster…", "Every mentor with their "
                              "mentees, usual times and contacts, to print or save as PDF",
                              partial(output_commands.print_roster, w))
    w.roster_excel_action = _action(w, "Export the mentor roster to E&xcel…",
                                    "The mentor roster as an Excel workbook",
                                    partial(output_commands.export_roster, w))
    w.district_action = _action(w, "&Save for the district…", "This school's program figures "
                                "for the year, for the district's roll-up (exact counts: for "
                                "the district's program office, not for publication)",
                                partial(district_commands.save_for_district, w))
    w.rollup_action = _action(w, "District roll-&up…", "Combine schools' district files into "
                              "one district workbook or PDF, small counts hidden",
                              partial(district_commands.district_rollup, w))
    w.backup_action = _action(w, "&Back up now", "Save a copy of the data file in its backups "
                              "folder", partial(file_commands.back_up_now, w))
    w.backup_to_action = _action(w, "Back up &to…", "Save a copy of the data file where you "
                                 "choose (a USB stick)", partial(life_cycle_commands.back_up_to, w))
    w.restore_action = _action(w, "&Restore from a backup…", "Go back to a copy of the data "
                               "file (the file as it is is kept as a backup first)",
                               partial(life_cycle_commands.restore_from_backup, w))
    w.new_year_action = _action(w, "Start a new school &year…", "Move everyone on to the "
                                "next school year: grades up, matches on",
                                partial(life_cycle_commands.start_new_year, w))
    w.let_go_action = _action(w, "&Let go of a past year's records…", "Keep a past year's "
                              "report and let its students' records go",
                              partial(life_cycle_commands.let_go_of_a_year, w))
    w.quit_action = _action(w, "&Quit", "Close MentorDesk (everything is already saved)",
                            w.close, QKeySequence.StandardKey.Quit)
    menu.addAction(w.open_action)
    menu.addMenu(w.recent_menu)
    for group in ((w.demo_action, w.own_school_action),
                  (w.import_action, w.history_action, w.template_action,
                   w.checkin_form_action),
                  (w.print_action, w.export_action, w.roster_action, w.roster_excel_action),
                  (w.district_action, w.rollup_action),
                  (w.new_year_action, w.let_go_action),
                  (w.backup_action, w.backup_to_action, w.restore_action), (w.quit_action,)):
        for action in group:
            menu.addAction(action)
        if group[0] is not w.quit_action:
            menu.addSeparator()
    w.file_menu = menu
    # Enabled once a school year is open (backup and import need only a file: see the window).
    w.file_actions = (w.backup_action, w.print_action, w.export_action, w.roster_action,
                      w.roster_excel_action, w.import_action, w.history_action,
                      w.backup_to_action, w.restore_action, w.new_year_action, w.let_go_action,
                      w.checkin_form_action, w.district_action)


def _edit_menu(w: MainWindow) -> None:
    menu = w.menuBar().addMenu("&Edit")
    w.undo_action = _action(w, "&Undo", "Take back the last change",
                            partial(edit_commands.undo, w), QKeySequence.StandardKey.Undo)
    w.redo_action = _action(w, "&Redo", "Make the change again that Undo took back",
                            partial(edit_commands.redo, w), QKeySequence.StandardKey.Redo)
    w.find_action = _action(w, "&Find a student or mentor…", "Jump to the search box",
                            w.focus_search, QKeySequence.StandardKey.Find)
    menu.addAction(w.undo_action)
    menu.addAction(w.redo_action)
    menu.addSeparator()
    menu.addAction(w.find_action)
    w.edit_menu = menu
    edit_commands.name_undo_and_redo(w)


def _mentoring_menu(w: MainWindow) -> None:
    menu = w.menuBar().addMenu("&Mentoring")
    w.log_meeting_action = _action(w, "&Log a meeting…", "Record a meeting from anywhere",
                                   w.log_meeting, QKeySequence("Ctrl+M"))
    w.referral_action = _action(w, "Raise a &referral…", "Pass a student's need to the "
                                "counselor, nurse, an administrator or others (Ctrl+R)",
                                w.raise_referral, QKeySequence("Ctrl+R"))
    w.add_student_action = _action(w, "Add a &student…", "Add a student who is not on the "
                                   "roster", w.add_student)
    w.add_mentor_action = _action(w, "Add a &mentor…", "Add a staff member who will mentor",
                                  w.add_mentor)
    w.waiting_action = _action(w, "Students &waiting for a mentor",
                               "Students nominated and not matched yet",
                               w.show_waiting_students)
    w.suggest_action = _action(w, "S&uggest matches for everyone waiting…",
                               "Propose the best mentor for every waiting student; you tick "
                               "the ones to keep", w.suggest_all)
    w.surveys_action = _action(w, "Sur&veys…", "The students' and mentors' survey questions, "
                               "and the forms to give them on paper or online",
                               partial(survey_commands.open_surveys, w))
    w.notes_action = _action(w, "Weekly &notes for mentors…", "Each mentor's note for the "
                             "week, to print, copy or email", w.open_mentor_notes)
    w.delete_student_action = _action(w, "&Delete a student for good…", "Remove the student "
                                      "on screen and everything about them (after a question)",
                                      partial(life_cycle_commands.delete_student_for_good, w))
    for action in (w.log_meeting_action, w.referral_action, w.add_student_action,
                   w.add_mentor_action):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(w.waiting_action)
    menu.addAction(w.suggest_action)
    menu.addAction(w.notes_action)
    menu.addSeparator()
    menu.addAction(w.surveys_action)
    menu.addSeparator()
    menu.addAction(w.delete_student_action)
    w.work_menu = menu
    w.work_actions = (w.log_meeting_action, w.referral_action, w.add_student_action,
                      w.add_mentor_action, w.waiting_action, w.suggest_action,
                      w.delete_student_action, w.notes_action, w.surveys_action)


def _go_menu(w: MainWindow) -> None:
    menu = w.menuBar().addMenu("&Go")
    w.go_actions = {}
    for entry in SCREENS:
        action = _action(w, entry.title, entry.tooltip, partial(w.show_screen, entry.key),
                         QKeySequence(entry.keys) if entry.keys else None)
        menu.addAction(action)
        w.go_actions[entry.key] = action
    w.go_menu = menu
