"""The facilitator's desk under test: the real main window on a private copy of the demo school."""

from __future__ import annotations

import pytest


@pytest.fixture
def window_data_dir(tmp_path, monkeypatch):
    """A private folder for window.ini (remembered layout), so tests never share it."""
    folder = tmp_path / "window-data"
    folder.mkdir()
    monkeypatch.setenv("MENTORDESK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def window(qtbot, demo_copy, window_data_dir):
    """The main window open on the demo school, showing the Students screen, loaded."""
    from ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.open_file(demo_copy)
    main.show()
    screen = main.screens["students"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and not screen.loader.busy)
    return main


def wait_loaded(qtbot, screen) -> None:
    """Wait until a screen has shown fresh data."""
    def idle() -> bool:
        loader = getattr(screen, "loader", None)
        if loader is not None:
            return not screen._dirty and not loader.busy
        busy = getattr(screen, "busy", None)  # screens that run their own jobs
        return not screen._dirty and not (busy() if callable(busy) else bool(busy))

    qtbot.waitUntil(idle, timeout=30000)
