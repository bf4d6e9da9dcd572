"""One writer at a time: a second MentorDesk is told plainly, readers still work, no stale lock."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from storage.database import open_data_file
from storage.errors import FileInUse
from tests.conftest import PROJECT, data_checksum, run_main

HOLDER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {project!r})
    from storage.database import open_data_file
    data = open_data_file({path!r})
    print("holding", flush=True)
    sys.stdin.read()
    """
)


@pytest.fixture
def holder(demo_copy):
    """Another process holding the data file open for writing, like a running MentorDesk."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(project=str(PROJECT), path=str(demo_copy))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert process.stdout.readline().strip() == "holding"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()
    process.stdin.close()
    process.stdout.close()


def test_a_second_writer_is_refused_plainly_and_writes_nothing(holder, demo_copy):
    before = data_checksum(demo_copy)
    result = run_main("--db", demo_copy, "year", "add", "2030-2031", "--first-day", "2030-09-03",
                      "--last-day", "2031-06-13")
    assert result.code == 1
    assert "open in another MentorDesk" in result.stderr
    assert "Traceback" not in result.stderr
    assert data_checksum(demo_copy) == before


def test_a_second_writer_in_json_mode_gets_an_error_document(holder, demo_copy):
    result = run_main("--db", demo_copy, "settings", "set", "school_name", "X", "--json")
    assert result.code == 1
    assert "open in another MentorDesk" in result.json["error"]


def test_reading_commands_work_while_the_file_is_open_elsewhere(holder, demo_copy, tmp_path):
    summary = run_main("--db", demo_copy, "summary", "--json")
    assert summary.code == 0 and summary.json["students"] > 400
    assert run_main("--db", demo_copy, "students", "--json").code == 0
    assert run_main("--db", demo_copy, "check").code == 0
    copy = tmp_path / "while-open.sqlite"
    assert run_main("--db", demo_copy, "backup", copy).code == 0
    assert data_checksum(copy) == data_checksum(demo_copy)


def test_a_killed_writer_leaves_no_stale_lock(holder, demo_copy):
    holder.send_signal(signal.SIGKILL) if os.name != "nt" else holder.kill()
    holder.wait()
    result = run_main("--db", demo_copy, "settings", "set", "school_name", "Lakeside")
    assert result.code == 0, result.stderr
    assert (demo_copy.parent / (demo_copy.name + ".lock")).exists()  # a file, not a lock


def test_the_same_process_cannot_open_the_file_twice_for_writing(demo_copy):
    with open_data_file(demo_copy), pytest.raises(FileInUse):
        open_data_file(demo_copy)
    with open_data_file(demo_copy):
        pass  # released on close
