"""Keeps None, True and False alive under a Qt binding that releases them once too often.

PySide6 6.12.0 drops one reference to ``None`` on every call that returns nothing
(``label.setText``, ``widget.setVisible``, ``app.processEvents`` ...) and one to ``True`` on every
signal ``emit``. From Python 3.12 these objects are immortal and nothing happens; on 3.10 and
3.11 their count reaches zero after some thousands of clicks and the window dies with "Fatal
Python error: deallocating None". Giving them a very large count up front does for 3.10/3.11
what 3.12 does by design: they can never reach zero, and nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

# Far more than any session could release (one per call): about a million million.
_RESERVE = 1 << 40

_installed = False


def install() -> None:
    """Make None, True and False unkillable on Pythons before 3.12 (once per process)."""
    global _installed
    if _installed or sys.version_info >= (3, 12):
        return
    _installed = True
    for singleton in (None, True, False):
        # CPython keeps the reference count in the object's first field.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += _RESERVE
