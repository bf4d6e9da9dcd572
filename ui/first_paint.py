"""The moment the window's first screen is on screen with its rows painted, and what waits for it.

Everything the facilitator does not see in the first screen waits until then: the whole-file
integrity check and the day's backup (ui.file_checks), building the other screens, the search
box's names. The window comes up about as fast as a bare Qt window, and the waiting work follows.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

# However the first screen fares (a load that failed, a dialog in front), the waiting work
# starts after this long.
FALLBACK_MS = 5000


class FirstPaint(QObject):
    """Watches a window until its first screen's rows are painted, then runs what waits."""

    painted = Signal()  # the first screen (with its rows) is on screen

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.happened = False
        self.rows_painted = 0  # how many rows the first screen showed
        self.seconds: float | None = None  # process time when it happened (for the self-test)
        self._waiting: list[Callable[[], None]] = []
        self._target: QWidget | None = None
        self._screen_loaded = False
        self._screen: QWidget | None = None
        # Timers owned by this object: they die with the window.
        self._soon = QTimer(self, singleShot=True, interval=0)
        self._soon.timeout.connect(self._happen)
        self._fallback = QTimer(self, singleShot=True, interval=FALLBACK_MS)
        self._fallback.timeout.connect(self._happen)
        window.installEventFilter(self)

    def then(self, work: Callable[[], None]) -> None:
        """Run ``work`` once the first screen is painted (now, if it already is)."""
        if self.happened:
            work()
        else:
            self._waiting.append(work)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self.window and kind == QEvent.Type.Show and self._target is None:
            self._arm()
        elif watched is self._target and kind == QEvent.Type.Paint and self._screen_loaded:
            # This paint draws the loaded rows; the waiting work runs right after it.
            self._target.removeEventFilter(self)
            self._soon.start()
        return False

    def retarget(self) -> None:
        """Another screen was chosen before the first paint: that screen's paint is the one."""
        if self.happened or self._target is None:
            return
        if self._target is not self.window:  # (the window's filter still watches it)
            self._target.removeEventFilter(self)
        if self._screen is not None and not self._screen_loaded:
            self._screen.loaded.disconnect(self._loaded)
        self._target, self._screen, self._screen_loaded = None, None, False
        self._aim()

    def _arm(self) -> None:
        """The window is about to show: find what its first paint must include."""
        self._fallback.start()
        self._aim()

    def _aim(self) -> None:
        screen = self.window.current_screen() if hasattr(self.window, "current_screen") else None
        if screen is None:
            # A page with no list (no file, or a file without a school year): the window's
            # own paint is the one that counts.
            self._target = self.window
            self._screen_loaded = True
            return
        table = getattr(screen, "table", None)
        self._target = table.viewport() if table is not None else screen
        self._target.installEventFilter(self)
        self._screen = screen
        screen.loaded.connect(self._loaded)

    def _loaded(self) -> None:
        self._screen.loaded.disconnect(self._loaded)
        self._screen_loaded = True
        self._target.update()  # its next paint shows the rows

    def _happen(self) -> None:
        if self.happened:
            return
        self.happened = True
        self.seconds = time.perf_counter()
        self._fallback.stop()
        self.rows_painted = self._screen.rows_shown() if self._screen is not None else 0
        self.window.removeEventFilter(self)
        if self._target is not None:
            self._target.removeEventFilter(self)
        self.painted.emit()
        waiting, self._waiting = self._waiting, []
        for work in waiting:
            work()
