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
    """Collect garbage every second on the UI thread, as needed (once per process)."""
    global _timer
    if _timer is not None:
        return
    gc.disable()
    _timer = QTimer()
    _timer.setInterval(1000)
    _timer.timeout.connect(_collect)
    _timer.start()


def _collect() -> None:
    # Only the generations the automatic collector would have collected by now: a full
    # collection every time would walk every object the window holds and make it stutter.
    first, second, third = gc.get_threshold()
    young, middle, old = gc.get_count()
    if young < first:
        return
    generation = 0
    if middle > second:
        generation = 1
        if old > third:
            generation = 2
    gc.collect(generation)
