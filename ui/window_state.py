"""Window size, splitters and column widths, remembered between sessions (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter

from storage.paths import data_folder


def store() -> QSettings:
    """The window's settings file, kept beside the data (so a portable install carries it)."""
    return QSettings(str(data_folder() / "window.ini"), QSettings.Format.IniFormat)


def save_splitter(settings: QSettings, key: str, splitter: QSplitter) -> None:
    settings.setValue(f"splitters/{key}", splitter.saveState())


def restore_splitter(settings: QSettings, key: str, splitter: QSplitter) -> bool:
    """Put a splitter back as it was left; False when nothing was saved."""
    state = settings.value(f"splitters/{key}")
    if isinstance(state, QByteArray) and not state.isEmpty():
        return splitter.restoreState(state)
    return False


def save_header(settings: QSettings, key: str, header: QHeaderView) -> None:
    settings.setValue(f"columns/{key}", header.saveState())


def restore_header(settings: QSettings, key: str, header: QHeaderView) -> None:
    state = settings.value(f"columns/{key}")
    if isinstance(state, QByteArray) and not state.isEmpty():
        header.restoreState(state)
