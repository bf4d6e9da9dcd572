"""MentorDesk opens no network connection: not while starting, importing or reporting.

A school's data stays on its computer. In a separate process, every way Python connects
(socket connect, create_connection, name lookups) is made to record the attempt and fail; then
the commands run there and the window starts, visits every screen and closes (--self-test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import PROJECT
from tests.spreadsheets import csv_file

WATCHED = f"""
import json, socket, sys
sys.path.insert(0, {str(PROJECT)!r})
attempts = []

def refuse(*args, **kwargs):
    attempts.append(repr(args)[:200])
    raise OSError("MentorDesk tried to use the network")

socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
socket.gethostbyname = refuse

import main

codes = [main.main(arguments) for arguments in json.loads(sys.argv[1])]
print(json.dumps({{"codes": codes, "attempts": attempts}}))
"""


def run_watched(commands: list[list[str]], data_folder) -> dict:
    """Run main.main(arguments) for each command in one watched process."""
    done = subprocess.run(
        [sys.executable, "-c", WATCHED, json.dumps(commands)], capture_output=True, text=True,
        cwd=PROJECT, timeout=600,
        env={**os.environ, "MENTORDESK_DATA_DIR": str(data_folder)})
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["codes"] == [0] * len(commands), done.stderr
    return result


@pytest.mark.slow
def test_starting_importing_and_reporting_open_no_network_connection(tmp_path):
    roster = csv_file(tmp_path / "roster.csv", [["Student ID", "Last Name", "First Name", "Grade"],
                                                ["990001", "Quiet", "Kai", "7"]])
    db = ["--db", str(tmp_path / "school.sqlite")]
    commands = run_watched([[*db, "demo"], [*db, "import", "students", str(roster), "--json"],
                            [*db, "report", str(tmp_path / "report.pdf")],
                            [*db, "report", str(tmp_path / "report.xlsx")]], tmp_path / "data")
    # The window in a process of its own, as a person starts it.
    window = run_watched([[*db, "--self-test"]], tmp_path / "data")
    assert commands["attempts"] == []
    assert window["attempts"] == []


def test_the_watch_catches_a_connection():
    """The patched socket really reports an attempt (else the test above proves nothing)."""
    probe = WATCHED.split("import main")[0] + (
        "try:\n    socket.create_connection(('127.0.0.1', 9))\nexcept OSError:\n    pass\n"
        "print(json.dumps(attempts))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 1
