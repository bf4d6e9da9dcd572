"""``main.py --self-test``: proof that a built MentorDesk works, with no one at the keyboard.

Opens the window on the file given (the demo school when none is), waits until the first
screen's rows are painted, visits every screen until each has loaded, waits for the file's
integrity check and backup, then closes the window as a person would. Any error, message box or
a step that never finishes fails it: exit 1 with the reason on stderr; otherwise exit 0.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

# A whole run takes a few seconds; past this something hangs.
TIMEOUT_MS = 180_000
POLL_MS = 50


def say(line: str, *, error: bool = False) -> None:
    """A line on stdout (stderr for a failure); a windowed program may have neither."""
    stream = sys.stderr if error else sys.stdout
    if stream is not None:
        print(line, file=stream, flush=True)


class SelfTest(QObject):
    """Drives the window through its start, every screen and a clean close."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.failures: list[str] = []
        self.window: QMainWindow | None = None
        self._steps: list[str] = []
        self._step = "starting"
        self._poll = QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self._next)
        self._deadline = QTimer(self, singleShot=True, interval=TIMEOUT_MS)
        self._deadline.timeout.connect(lambda: self.fail(f"timed out while {self._step}"))
        self._deadline.start()
        sys.excepthook = self._uncaught
        self._silence_message_boxes()

    def watch(self, window: QMainWindow) -> None:
        """Start once ``window`` painted its first screen."""
        self.window = window
        window.first_paint.painted.connect(self._painted)

    def result(self, code: int) -> int:
        """The exit code: 0 when every step passed."""
        if self.failures:
            for failure in self.failures:
                say(f"self-test failed: {failure}", error=True)
            return 1
        if code:
            say(f"self-test failed: the window exited with {code}", error=True)
            return code
        say("self-test passed")
        return 0

    def fail(self, reason: str) -> None:
        """Record a failure and stop the window."""
        self.failures.append(reason)
        self._poll.stop()
        self.app.exit(1)

    # The steps ---------------------------------------------------------------------------

    def _painted(self) -> None:
        first = self.window.first_paint
        screen = self.window.current_screen()
        name = screen.KEY if screen is not None else "no screen"
        say(f"painted: {first.rows_painted} rows on {name}")
        self._steps = ["file", *self.window.screens, "checks", "close"]
        self._poll.start()

    def _next(self) -> None:
        """Move on when the current step is done (polled: some steps end on other threads)."""
        window = self.window
        if self._step == "starting":
            self._step = self._steps.pop(0)
        if self._step == "file":
            if not (window.desk.is_open and window.desk.year is not None):
                return
        elif self._step in window.screens:
            screen = window.screens[self._step]
            if window.current_screen() is not screen:
                window.show_screen(self._step)
                return
            if not _idle(screen):
                return
            say(f"screen {self._step}: loaded")
        elif self._step == "checks":
            job = getattr(window, "file_checks", None)
            if job is not None and not job.done.is_set():
                return
            say("integrity check and backup: done")
        elif self._step == "close":
            self._poll.stop()
            self._deadline.stop()
            window.close()  # saves the layout, lets work in flight finish, gives the file back
            self.app.quit()
            return
        self._step = self._steps.pop(0)

    # Anything unexpected fails the test --------------------------------------------------

    def _uncaught(self, kind: type[BaseException], error: BaseException,
                  tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        self.fail(f"an error while {self._step}:\n{details}")

    def _silence_message_boxes(self) -> None:
        """A message box would wait for a click that never comes: it fails the test instead."""
        def refuse(*args, **kwargs):
            texts = [arg for arg in args if isinstance(arg, str)]
            self.fail(f"a message box while {self._step}: {' '.join(texts[1:] or texts)}")
            return QMessageBox.StandardButton.Cancel

        def refuse_box(box: QMessageBox) -> int:
            self.fail(f"a message box while {self._step}: {box.text()} "
                      f"{box.informativeText()} {box.detailedText()}")
            return 0

        for name in ("warning", "critical", "information", "question"):
            setattr(QMessageBox, name, staticmethod(refuse))
        QMessageBox.exec = refuse_box


def _idle(screen) -> bool:
    """The screen shows fresh data and loads nothing more."""
    if getattr(screen, "_dirty", False):
        return False
    loader = getattr(screen, "loader", None)
    if loader is not None and loader.busy:
        return False
    busy = getattr(screen, "busy", False)  # a property on some screens, a method on others
    return not (busy() if callable(busy) else busy)
