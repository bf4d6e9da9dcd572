"""The facilitator's desk under test: the real main window on a private copy of the demo school."""

from __future__ import annotations

import datetime as dt

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
    main.show_screen("students")  # the window opens on This week; most tests start here
    screen = main.screens["students"]
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0 and not screen.loader.busy)
    # The search box's names are read once the first screen is painted.
    qtbot.waitUntil(lambda: main.first_paint.happened and not main.search_loader.busy)
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


@pytest.fixture
def school_file(tmp_path):
    """The hand-computed school in a file of its own (closed: the window opens it)."""
    from storage import settings, years
    from storage.database import open_data_file
    from tests.week_fixture import build_week_school

    path = tmp_path / "hillview.sqlite"
    with open_data_file(path, create=True) as data:
        years.save_year(data.db, "2025-2026", dt.date(2025, 9, 2), dt.date(2026, 6, 12),
                        [(dt.date(2025, 11, 27), "Thanksgiving"), (dt.date(2025, 11, 28), "")])
        settings.set_value(data.db, "current_year", "2025-2026")
        ids = build_week_school(data.db)
    return path, ids


def open_window(qtbot, path):
    from ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    main.open_file(path)
    main.show()
    wait_loaded(qtbot, main.screens["this_week"])
    return main


