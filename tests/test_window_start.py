"""The window's start: what waits until the first screen is painted, and the self-test."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import PROJECT, run_main

# What the window must not load before its first paint (each costs a tenth of a second or more).
HEAVY = ("numpy", "matplotlib", "scipy", "openpyxl", "PySide6.QtPrintSupport")


@pytest.fixture
def window(qtbot, window_data_dir):
    from ui.main_window import MainWindow

    main = MainWindow()
    qtbot.addWidget(main)
    return main


@pytest.fixture
def window_data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "window-data"
    folder.mkdir()
    monkeypatch.setenv("MENTORDESK_DATA_DIR", str(folder))
    return folder


def backups_of(path) -> list[str]:
    """The days of the file's automatic backups."""
    from storage.backup_list import automatic_of

    return sorted(backup.taken_at.date().isoformat() for backup in automatic_of(path))


def test_the_day_s_backup_waits_until_the_first_screen_is_painted(window, qtbot, demo_copy):
    window.open_file(demo_copy)
    assert backups_of(demo_copy) == []  # opening alone takes no copy
    assert window.screens.built() == [window.screens["this_week"]]  # only the first screen
    window.show()
    qtbot.waitUntil(lambda: window.first_paint.happened, timeout=30000)
    assert window.first_paint.rows_painted > 0
    qtbot.waitUntil(lambda: window.file_checks is not None and window.file_checks.done.is_set(),
                    timeout=30000)
    assert backups_of(demo_copy) == ["2026-11-24"]
    # The other screens follow, one at a time, once the first is painted.
    qtbot.waitUntil(lambda: not window.screens.unbuilt(), timeout=30000)


def test_opening_another_file_lets_the_day_s_backup_finish_first(window, qtbot, demo_copy,
                                                                   tmp_path, monkeypatch):
    """The closing backup of a file never runs beside its daily one (they once wrote the same
    half-made copy at the same time, and the facilitator was told the disk had failed)."""
    import shutil
    import threading
    import time

    from ui import background

    other = tmp_path / "other.sqlite"
    shutil.copy(demo_copy, other)
    window.open_file(demo_copy)
    window.show()
    qtbot.waitUntil(lambda: window.first_paint.happened, timeout=30000)
    # A slow write of the file open now, still running when another file is opened.
    release = threading.Event()
    ended: list[float] = []

    def slow(progress) -> None:
        release.wait()
        ended.append(time.monotonic())

    background.start(background.Job(slow), writes=True)
    closed: list[float] = []
    data_file = type(window.desk.data)
    original_close = data_file.close

    def close(self) -> None:
        closed.append(time.monotonic())
        original_close(self)

    monkeypatch.setattr(data_file, "close", close)
    # The slow write ends only once the window has begun to wait for writes in flight.
    waiting = window.let_writes_finish

    def let_writes_finish() -> None:
        release.set()
        waiting()

    monkeypatch.setattr(window, "let_writes_finish", let_writes_finish)
    try:
        window.open_file(other)
        assert ended and closed and ended[0] <= closed[0]
    finally:
        release.set()  # (never leave the writer's thread held for the tests after this one)


def test_the_students_list_shows_names_first_then_attendance(window, qtbot, demo_copy):
    window.open_file(demo_copy)
    window.show()
    screen = window.screens["students"]
    shown: list[str] = []
    screen.loaded.connect(lambda: shown.append(screen.model.texts(0)[5]))
    window.show_screen("students")
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=30000)
    assert shown[0] == "…"  # the names arrived before attendance was worked out
    assert shown[1] not in ("…", "")
    assert not screen.loader.busy


def damage_the_end_of(path) -> None:
    """Scribble over the file's last pages (the rows added last), leaving its layout readable."""
    raw = bytearray(path.read_bytes())
    page_size = int.from_bytes(raw[16:18], "big")
    pages = len(raw) // page_size
    for page in range(pages - 5, pages):
        raw[page * page_size: page * page_size + 24] = b"\xff" * 24
    path.write_bytes(bytes(raw))


def test_a_file_found_damaged_after_the_first_paint_is_closed_and_explained(
        window, qtbot, data_file, monkeypatch):
    path = data_file.path
    # Remembered column mappings: a table the window does not read to show its first screen,
    # so only the whole-file check finds the damage.
    for number in range(600):
        data_file.db.execute(
            "INSERT INTO column_mappings (kind, header_signature, mapping, saved_at) "
            "VALUES ('students', ?, ?, '2025-01-01')", [f"h{number}", "y" * 300])
    data_file.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data_file.close()
    damage_the_end_of(path)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text, *a: warnings.append(text)))
    window.open_file(path)  # the layout and the year read fine: the window opens
    window.show()
    qtbot.waitUntil(lambda: bool(warnings), timeout=30000)
    assert "damaged" in warnings[0] and "backup" in warnings[0]
    assert not window.desk.is_open  # nothing more is written to it
    assert backups_of(path) == []  # and a damaged file is never copied over good backups


def test_the_window_s_start_loads_no_heavy_module_before_its_first_paint():
    code = (
        "import sys\n"
        "import ui.app, ui.main_window, ui.screens.students, ui.models.students\n"
        f"print([name for name in {HEAVY!r} if name in sys.modules])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PROJECT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_the_self_test_opens_every_screen_and_closes_cleanly(demo_copy, tmp_path):
    done = subprocess.run(
        [sys.executable, str(PROJECT / "main.py"), "--db", str(demo_copy), "--self-test"],
        capture_output=True, text=True, cwd=PROJECT, timeout=300,
        env={**__import__("os").environ, "MENTORDESK_DATA_DIR": str(tmp_path / "data")})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("painted: ") and "on this_week" in lines[0]
    for key in ("students", "mentors", "matches", "meetings", "attendance", "reports"):
        assert f"screen {key}: loaded" in lines
    assert lines[-1] == "self-test passed"
    assert backups_of(demo_copy)  # the day's backup was taken before it closed
    assert run_main("--db", demo_copy, "check").code == 0
