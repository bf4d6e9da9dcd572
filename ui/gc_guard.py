"""Python's garbage collector runs on the UI thread only.

Left alone, a collection can start on whichever thread allocates at that moment, such as a pool
thread reading a list; if it frees a Qt object there, Qt complains (timers stopped from another
thread) or worse. So automatic collection is off and a timer collects on the UI thread instead,
as Anki does.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer

_timer: QTimer | None = None


def install() -> None:
    """Collect garbage every few seconds on the UI thread (once per process)."""
    global _timer
    if _timer is not None:
        return
    gc.disable()
    _timer = QTimer()
    _timer.setInterval(3000)
    _timer.timeout.connect(_collect)
    _timer.start()


def _collect() -> None:
    gc.collect()
