"""The school year's life cycle in the window: a new year, restore, copies, letting data go.

File > Start a new school year…, Restore from a backup…, Back up to…, Let go of a past year's
records…, Mentoring > Delete a student for good…, the status bar's "Last backup", and the yearly
reminder to let old records go. Each calls its action (actions/new_year, backups, letting_go);
long work runs off the UI thread with progress.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from actions.core import Outcome
from program.vocabulary import day_words, join_words
from storage import backups, clock, years
from storage.errors import KnownProblem
from ui import window_state
from ui.errors import show_error
from ui.loading import read_file

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def install(window: MainWindow) -> None:
    """The status bar's last backup, and the yearly reminder each time a file opens."""
    install_backup_status(window)
    window.desk.opened.connect(partial(remind_to_let_go, window))


# A new school year ------------------------------------------------------------------------


def start_new_year(window: MainWindow) -> None:
    """File > Start a new school year…: the wizard; the window moves to the new year after."""
    if not window.desk.is_open or years.current_year(window.desk.db) is None:
        QMessageBox.information(window, "MentorDesk", "This file has no current school year "
                                "to move on from. Add the school year first.")
        return
    if not window.desk.data.writable:
        show_error(window, KnownProblem(f"{window.desk.data.path.name} is open read-only, so "
                                        "a new school year cannot be started in it."))
        return
    from ui.dialogs.new_year_wizard import NewYearWizard

    wizard = NewYearWizard(window, window.desk, on_started=partial(_year_started, window))
    wizard.exec()


def _year_started(window: MainWindow, outcome: Outcome) -> None:
    desk = window.desk
    desk.year = years.current_year(desk.db)
    desk.opened.emit()  # every screen, the year list and the title show the new year
    desk.applied(outcome)


# Backups ------------------------------------------------------------------------------------


def restore_from_backup(window: MainWindow) -> None:
    """File > Restore from a backup…: choose, confirm, set the file aside, restore, reopen."""
    if not window.desk.is_open:
        return
    from ui.dialogs.restore_backup import RestoreDialog

    path = window.desk.data.path
    dialog = RestoreDialog(window, path)
    if not dialog.exec() or dialog.chosen is None:
        return
    chosen = dialog.chosen
    # The closing copy must not replace today's automatic copy: it may be the chosen one.
    window.desk.data.backup_on_close = False
    for screen in window.screens.built():  # (screens not built yet load nothing)
        getattr(screen, "loader", None) and screen.loader.forget()
    window.desk.set_data(None)
    from ui.progress import run_with_progress

    def work(progress):
        from actions.backups import restore_backup

        return restore_backup(path, chosen, progress)

    def done(outcome: Outcome) -> None:
        _reopen(window, path)
        window.desk.message.emit(outcome.message + (
            f" The file as it was is kept as {outcome.value.set_aside.name}."
            if outcome.value.set_aside else ""))
        update_backup_status(window)

    def failed(error: Exception) -> None:
        show_error(window, error)
        _reopen(window, path)

    run_with_progress(window, "Restoring the backup…", work, done, writes=True,
                      on_failed=failed, on_cancelled=lambda: _reopen(window, path))


def _reopen(window: MainWindow, path: Path) -> None:
    try:
        window.open_file(path)
    except KnownProblem as problem:
        show_error(window, problem)


def back_up_to(window: MainWindow) -> None:
    """File > Back up to…: a copy somewhere the facilitator chooses (a USB stick)."""
    if not window.desk.is_open:
        return
    from actions.backups import PRIVACY_WARNING

    answer = QMessageBox.warning(
        window, "Back up to…", "The copy holds your students' records.\n\n" + PRIVACY_WARNING,
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Ok)
    if answer != QMessageBox.StandardButton.Ok:
        return
    path = window.desk.data.path
    suggested = str(Path.home() / f"{path.stem} copy {clock.today().isoformat()}.sqlite")
    name, _ = QFileDialog.getSaveFileName(window, "Back up to…", suggested,
                                          "MentorDesk data (*.sqlite)")
    if not name:
        return
    target = Path(name)
    if target.suffix.lower() != ".sqlite":
        target = target.with_name(target.name + ".sqlite")
    from ui.progress import run_with_progress

    def work(progress):
        from actions.backups import back_up_to as copy_to

        return read_file(path, lambda db: copy_to(db, path, target, progress))

    def done(outcome: Outcome) -> None:
        window.desk.applied(outcome)
        update_backup_status(window)
        QMessageBox.information(window, "Backed up", f"A copy of your data was saved as "
                                f"{target.name} in:\n{target.parent}")

    run_with_progress(window, "Backing up…", work, done, writes=True)


def install_backup_status(window: MainWindow) -> QLabel:
    """The status bar's "Last backup: …", kept up to date as files open and copies are made."""
    label = QLabel("")
    label.setObjectName("hint")
    label.setAccessibleName("Last backup")
    window.statusBar().addPermanentWidget(label)
    window.backup_status = label
    window.desk.opened.connect(partial(update_backup_status, window))
    window.desk.message.connect(lambda _text: update_backup_status(window))
    update_backup_status(window)
    return label


def update_backup_status(window: MainWindow) -> None:
    label = getattr(window, "backup_status", None)
    if label is None:
        return
    desk = window.desk
    if not desk.is_open:
        label.setText("")
        return
    taken = backups.last_backup_time(desk.db, desk.data.path)
    read_only = " Read-only." if desk.data.read_only else ""
    if taken is None:
        label.setText("No backup yet." + read_only)
    elif taken.date() == clock.today():
        label.setText(f"Last backup: today {taken:%H:%M}.{read_only}")
    else:
        label.setText(f"Last backup: {day_words(taken.date())} {taken:%H:%M}.{read_only}")


# Letting data go ----------------------------------------------------------------------------


def delete_student_for_good(window: MainWindow) -> None:
    """Mentoring > Delete a student for good…: the student on screen, after a question."""
    if not window.desk.is_open:
        return
    student_id = window._student_on_screen()
    if not student_id:
        QMessageBox.information(window, "MentorDesk", "Choose the student on the Students "
                                "screen first, then Delete a student for good.")
        return
    from actions.letting_go import delete_student_for_good as delete
    from actions.letting_go import deletion_question

    question = deletion_question(window.desk.db, student_id, window.desk.data.path)
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete a student for good")
    box.setText(question)
    go = box.addButton("Delete for good", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is not go:
        return
    from ui.operations import perform

    perform(window, window.desk, partial(delete, student_id=student_id))


def let_go_of_a_year(window: MainWindow) -> None:
    """File > Let go of a past year's records…: its report is kept, its records go."""
    if not window.desk.is_open:
        return
    from ui.dialogs.let_go_of_year import LetGoDialog

    dialog = LetGoDialog(window, window.desk)
    if not dialog.exec() or dialog.chosen is None:
        return
    name, path = dialog.chosen, window.desk.data.path
    from ui.progress import run_with_progress

    def work(progress):
        from actions.letting_go import YearReport, purge_year, purgeable_year
        from reports.saved_year import year_report_files

        def purge(db):
            year = purgeable_year(db, name)
            figures, workbook, pdf = year_report_files(db, year["id"])
            return purge_year(db, name, YearReport(figures, workbook, pdf))

        return read_file(path, purge)

    run_with_progress(window, f"Saving the report of {name} and letting its records go…",
                      work, window.desk.applied, writes=True)


def remind_to_let_go(window: MainWindow) -> None:
    """Once a year per file: years that ended over a year ago still hold students' records."""
    desk = window.desk
    if not desk.is_open or not desk.data.writable:
        return
    from actions.letting_go import years_to_let_go

    due = years_to_let_go(desk.db)
    store = window_state.store()
    key = f"reminders/let_go/{desk.data.path.resolve()}"
    this_year = str(clock.today().year)
    if not due or store.value(key) == this_year:
        return
    store.setValue(key, this_year)
    names = join_words([year["name"] for year in due])
    window.statusBar().showMessage(
        f"{names} ended over a year ago and still "
        f"{'holds' if len(due) == 1 else 'hold'} students' records. Once the report is saved, "
        "let them go: File > Let go of a past year's records.", 30000)

