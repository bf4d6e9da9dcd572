"""A QGuiApplication for printing from the command line (page layout needs fonts, and Qt's
fonts need an application); on a machine without a display, Qt's offscreen platform."""

from __future__ import annotations

import os
import sys

_kept = []  # the application lives until the process ends


def has_display() -> bool:
    """False on a Linux or BSD machine with no X11 or Wayland display (a server, CI)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_gui_application():
    """The running QGuiApplication, or a new one of our own (offscreen without a display)."""
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    if not has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application = QGuiApplication(["mentordesk"])
    _kept.append(application)
    return application
