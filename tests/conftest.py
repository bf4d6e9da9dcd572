"""Shared test set-up: Qt offscreen, a private data folder, fresh data files in tmp_path."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Before anything imports Qt: no display in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never touch the real user's data folder from a test.
os.environ["MENTORDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="mentordesk-test-data-")
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests are judged by what they find, never by how long one example takes (speed is
# the benchmarks' business): on a busy machine a 16 ms example once took 270 ms, past
# Hypothesis's default deadline of 200 ms, and failed the suite.
settings.register_profile("mentordesk", deadline=None)
settings.load_profile("mentordesk")

PROJECT = Path(__file__).resolve().parent.parent
# The demo school's "today" in tests: fixed, so every run sees the same school.
DEMO_TODAY = dt.date(2026, 11, 24)
# The moment every test runs at (storage.clock is frozen there, and processes the tests start
# inherit it), so the suite passes on any date the machine's clock says.
TEST_NOW = dt.datetime.combine(DEMO_TODAY, dt.time(8, 0))
os.environ["MENTORDESK_NOW"] = TEST_NOW.isoformat()


@pytest.fixture(autouse=True)
def frozen_clock():
    """Every test sees the same today: storage.clock frozen at TEST_NOW."""
    from storage import clock

    clock.freeze(TEST_NOW)
    yield clock
    clock.freeze(TEST_NOW)


@pytest.fixture(autouse=True, scope="session")
def background_work_ends_before_qt():
    """At the end of the run, let reads and writes still on their threads finish while Qt is
    alive (as the window's close does), instead of emitting into objects already gone."""
    yield
    if "ui.background" in sys.modules:
        from PySide6.QtCore import QThreadPool

        from ui.background import WRITER_POOL

        QThreadPool.globalInstance().waitForDone(30000)
        WRITER_POOL.waitForDone(30000)


@dataclass
class CommandResult:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self):
        return json.loads(self.stdout)


def run_main(*args: str, cwd: Path | None = None, timeout: float = 120) -> CommandResult:
    """Run ``python main.py ARGS`` in a subprocess, as a user (or another tool) would."""
    completed = subprocess.run(
        [sys.executable, str(PROJECT / "main.py"), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=timeout, cwd=cwd or PROJECT,
    )
    return CommandResult(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture
def cli(capsys):
    """Run a headless command in this process (fast); returns a CommandResult."""
    from cli import run

    def invoke(*args: str) -> CommandResult:
        code = run([str(arg) for arg in args])
        captured = capsys.readouterr()
        return CommandResult(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def new_file(tmp_path) -> Path:
    """A path in tmp_path where no data file exists yet."""
    return tmp_path / "school.sqlite"


@pytest.fixture
def data_file(tmp_path):
    """An open, writable data file with one current school year (2025-2026)."""
    from storage import settings, years
    from storage.database import open_data_file

    data = open_data_file(tmp_path / "school.sqlite", create=True)
    years.save_year(data.db, "2025-2026", dt.date(2025, 9, 2), dt.date(2026, 6, 12),
                    [(dt.date(2025, 11, 27), "Thanksgiving"), (dt.date(2025, 11, 28), "")])
    settings.set_value(data.db, "current_year", "2025-2026")
    yield data
    data.close()


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The demo school, built once per test session (do not change it: use ``demo_copy``)."""
    from demo.school import build_demo_school
    from storage.database import open_data_file

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with open_data_file(path, create=True) as data:
        build_demo_school(data.db, today=DEMO_TODAY)
    return path


@pytest.fixture
def demo_copy(demo_master, tmp_path) -> Path:
    """A private copy of the demo school for one test (through SQLite's backup API)."""
    target = tmp_path / "demo.sqlite"
    source = sqlite3.connect(demo_master)
    destination = sqlite3.connect(target)
    source.backup(destination)
    destination.close()
    source.close()
    return target


def data_checksum(path: Path) -> str:
    """A checksum of every table's rows (not the file's bytes), to prove nothing changed."""
    import hashlib

    connection = sqlite3.connect(path)
    digest = hashlib.sha256()
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for table in tables:
        digest.update(table.encode())
        rows = connection.execute(f"SELECT * FROM [{table}]").fetchall()
        for row in sorted(rows, key=repr):
            digest.update(repr(row).encode())
    connection.close()
    return digest.hexdigest()
