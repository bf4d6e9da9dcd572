"""Python's cyclic garbage collector held off while a big file is read and planned.

Reading a year of attendance makes a few million small objects (a list per row, a tuple per
student-day) that all stay alive until the import ends. The collector, left on, walks every
one of them again and again as they pile up (about 0.35 s of a 360,000-row import, a third of
the planning); none of it is garbage, and reference counting frees it all the same. So
automatic collection is off while an import reads and plans, and back on after.

The app already keeps automatic collection off (ui.gc_guard collects on the UI thread); then
this changes nothing.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_turned_off = False  # whether the outermost pause turned automatic collection off


@contextmanager
def collector_paused() -> Iterator[None]:
    """Automatic garbage collection off inside (nests, and across threads)."""
    global _depth, _turned_off
    with _lock:
        if _depth == 0:
            _turned_off = gc.isenabled()
            if _turned_off:
                gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _turned_off:
                _turned_off = False
                gc.enable()
