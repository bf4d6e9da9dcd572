"""A dialog that saves a form: Save writes at once; when saving is refused the reason shows as a
plain sentence above the buttons and the form stays open with everything typed."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QVBoxLayout,
    QWidget,
)

from actions.core import Outcome
from storage.errors import KnownProblem
from ui.desk import Desk
from ui.dialogs.common import ok_cancel
from ui.errors import show_error


class FormDialog(QDialog):
    """Subclasses build the fields, say what must be fixed (:meth:`check`) and save through an
    action (:meth:`save` returns its outcome: the desk refreshes and names the undo)."""

    def __init__(self, desk: Desk, title: str, parent: QWidget | None = None, *,
                 minimum_width: int = 460) -> None:
        super().__init__(parent)
        self.desk = desk
        self.saved_outcome: Outcome | None = None
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(minimum_width)
        self.problem = QLabel("")
        self.problem.setObjectName("warning")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Why it was not saved")
        self.problem.hide()

    # What subclasses write ---------------------------------------------------------------------

    def check(self) -> str | None:
        """What to fix before saving, as a sentence (None: nothing)."""
        return None

    def save(self) -> Outcome:
        """Save the form by calling its action; a :class:`KnownProblem` refuses with its
        sentence (the form stays open as typed)."""
        raise NotImplementedError

    # The shared part ---------------------------------------------------------------------------

    def form_rows(self, rows: list[tuple[str, QWidget]]) -> QFormLayout:
        """A form of labelled fields ("&Name" gives Alt+N)."""
        form = QFormLayout()
        for label, field in rows:
            form.addRow(label, field)
        return form

    def lay_out(self, body: QLayout | QWidget, save_text: str,
                save_tooltip: str) -> QDialogButtonBox:
        """The body, the refusal line, and Save / Cancel."""
        layout = QVBoxLayout(self)
        if isinstance(body, QLayout):
            layout.addLayout(body)
        else:
            layout.addWidget(body, 1)
        layout.addWidget(self.problem)
        buttons = ok_cancel(self, save_text, save_tooltip)
        layout.addWidget(buttons)
        return buttons

    def accept(self) -> None:
        sentence = self.check()
        if sentence:
            self.refuse(sentence)
            return
        try:
            outcome = self.save()
        except KnownProblem as problem:
            self.refuse(problem.message)
            return
        except Exception as error:  # a bug: the crash dialog, and the form stays open
            show_error(self, error)
            return
        self.saved_outcome = outcome
        self.desk.applied(outcome)
        super().accept()

    def refuse(self, sentence: str) -> None:
        """Say why the form was not saved (it stays open)."""
        self.problem.setText(sentence)
        self.problem.show()
