"""The headless import commands: import, undo-import, imports, codes, template."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from importing.template import write_nomination_template
from storage import matches, mentors, students, years
from storage.database import open_data_file
from tests.conftest import data_checksum, run_main
from tests.spreadsheets import DATA, csv_file, encrypted_workbook, xlsx, zip_bomb

ROSTER = [["Roster"], ["Student ID", "Last Name", "First Name", "Grade"],
          [1001, "Rivera", "Ana", 7], [1002, "Okafor", "Ben", 6]]


@pytest.fixture
def school(data_file):
    """The path of a data file with a current year (closed, so commands can open it)."""
    path = data_file.path
    data_file.close()
    return path


def test_import_prints_the_json_contract(cli, school, tmp_path):
    path = xlsx(tmp_path / "roster.xlsx", {"Roster": ROSTER})
    result = cli("--db", school, "import", "students", path, "--json")
    assert result.code == 0, result.stderr
    document = result.json
    assert set(document) >= {"file", "kind", "added", "updated", "unchanged", "skipped",
                             "problems", "batch", "details"}
    assert document["kind"] == "students" and document["file"] == str(path)
    assert (document["added"], document["updated"], document["unchanged"],
            document["skipped"]) == (2, 0, 0, 0)
    assert isinstance(document["batch"], int) and document["problems"] == []
    assert document["details"]["year"] == "2025-2026"


def test_problems_carry_sheet_row_column_and_message(cli, school, tmp_path):
    path = xlsx(tmp_path / "roster.xlsx", {"Gr 7": [
        ["Student ID", "Last Name", "First Name", "Grade"], [1001, "Rivera", "Ana", "Sev"]]})
    document = cli("--db", school, "import", "students", path, "--json").json
    assert document["problems"] == [{"sheet": "Gr 7", "row": 2, "column": "Grade",
                                     "message": document["problems"][0]["message"]}]
    assert "not a grade" in document["problems"][0]["message"]


def test_a_dry_run_writes_nothing_and_has_no_batch(cli, school, tmp_path):
    before = data_checksum(school)
    result = cli("--db", school, "import", "students",
                 xlsx(tmp_path / "r.xlsx", {"R": ROSTER}), "--dry-run", "--json")
    assert result.code == 0 and result.json["batch"] is None and result.json["added"] == 2
    assert data_checksum(school) == before


def test_the_same_file_twice_changes_nothing_the_second_time(cli, school, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"R": ROSTER})
    cli("--db", school, "import", "students", path)
    second = cli("--db", school, "import", "students", path, "--json").json
    assert (second["added"], second["updated"], second["unchanged"]) == (0, 0, 2)


def _refusal_files(tmp_path):
    pdf = tmp_path / "roster.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    binary = tmp_path / "attendance.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    whole = xlsx(tmp_path / "whole.xlsx", {"R": ROSTER * 300})
    truncated = tmp_path / "truncated.xlsx"
    truncated.write_bytes(whole.read_bytes()[:3000])
    no_header = xlsx(tmp_path / "numbers.xlsx", {"S": [[1, 2, 3], [4, 5, 6]]})
    locked = {}
    for name in ("password.xls", "password.ods"):
        locked[name] = tmp_path / name
        locked[name].write_bytes((DATA / name).read_bytes())
    return {
        "not a spreadsheet": pdf,
        "binary named .csv": binary,
        "empty": empty,
        "truncated": truncated,
        "password": encrypted_workbook(tmp_path / "secret.xlsx"),
        "password, LibreOffice .xls": locked["password.xls"],
        "password, LibreOffice .ods": locked["password.ods"],
        "zip bomb": zip_bomb(tmp_path / "bomb.xlsx", uncompressed_mb=250),
        "no header row": no_header,
    }


def test_every_refusal_exits_1_names_the_file_and_leaves_the_data_unchanged(cli, school,
                                                                           tmp_path):
    before = data_checksum(school)
    for why, path in _refusal_files(tmp_path).items():
        result = cli("--db", school, "import", "students", path, "--json")
        assert result.code == 1, why
        assert path.name in result.json["error"], why
        assert path.name in result.stderr, why
        assert data_checksum(school) == before, why


def test_a_refused_spreadsheet_does_not_create_a_missing_data_file(cli, tmp_path):
    target = tmp_path / "new.sqlite"
    result = cli("--db", target, "import", "mentors", encrypted_workbook(tmp_path / "s.xlsx"))
    assert result.code == 1 and not target.exists()


def test_import_creates_a_missing_data_file_and_a_roster_says_it_needs_a_year(cli, tmp_path):
    staff = csv_file(tmp_path / "staff.csv", [["Name", "Email"], ["Dana Cole", "d@example.org"]])
    target = tmp_path / "new.sqlite"
    result = cli("--db", target, "import", "mentors", staff, "--json")
    assert result.code == 0 and result.json["added"] == 1 and target.exists()
    roster = cli("--db", target, "import", "students", xlsx(tmp_path / "r.xlsx", {"R": ROSTER}))
    assert roster.code == 1 and "school year" in roster.stderr and "year add" in roster.stderr


def test_unknown_codes_stop_the_import_listing_the_codes(cli, school, tmp_path):
    cli("--db", school, "import", "students", xlsx(tmp_path / "r.xlsx", {"R": ROSTER}))
    path = csv_file(tmp_path / "att.csv", [["Student ID", "Date", "Code"],
                                           ["1001", "9/3/2025", "A"], ["1001", "9/4/2025", "XQ"]])
    before = data_checksum(school)
    result = cli("--db", school, "import", "attendance", path, "--json")
    assert result.code == 1
    assert '"XQ"' in result.json["error"] and "codes set" in result.json["error"]
    assert result.json["problems"][0]["row"] == 3
    assert data_checksum(school) == before
    assert cli("--db", school, "codes", "set", "XQ", "absent_excused").code == 0
    result = cli("--db", school, "import", "attendance", path, "--json")
    assert result.code == 0 and result.json["added"] == 2


def test_codes_list(cli, school):
    rows = cli("--db", school, "codes", "list", "--json").json
    assert {"code": "UEX", "status": "absent_unexcused", "label": "Unexcused absence"} in rows
    assert any(row["code"] == "" and row["status"] == "present" for row in rows)
    refused = cli("--db", school, "codes", "set", "Q", "gone fishing")
    assert refused.code == 1 and "not an attendance status" in refused.stderr


def test_absences_only_through_and_year_options(cli, school, tmp_path):
    cli("--db", school, "import", "students", xlsx(tmp_path / "r.xlsx", {"R": ROSTER}))
    path = csv_file(tmp_path / "abs.csv", [["Student ID", "Date", "Code"],
                                           ["1001", "9/3/2025", "P"], ["1002", "9/4/2025", "A"]])
    document = cli("--db", school, "import", "attendance", path, "--absences-only",
                   "--through", "2025-10-31", "--year", "2025-2026", "--json").json
    assert document["details"]["attendance_mode"] == "exceptions"
    assert document["details"]["covers_through"] == "2025-10-31"
    assert document["added"] == 1 and document["details"]["present_rows_ignored"] == 1
    bad = cli("--db", school, "import", "attendance", path, "--year", "1999-2000")
    assert bad.code == 1 and "2025-2026" in bad.stderr


def test_only_the_named_sheet(cli, school, tmp_path):
    path = xlsx(tmp_path / "g.xlsx", {"Gr 6": ROSTER[1:3], "Gr 7": [ROSTER[1], ROSTER[3]]})
    document = cli("--db", school, "import", "students", path, "--sheet", "Gr 7", "--json").json
    assert document["added"] == 1 and document["details"]["sheets"] == ["Gr 7"]


def test_a_column_can_be_named_on_the_command_line(cli, school, tmp_path):
    path = csv_file(tmp_path / "odd.csv", [["Kid number", "Surname", "Given"],
                                           ["1001", "Rivera", "Ana"]])
    refused = cli("--db", school, "import", "students", path)
    assert refused.code == 1 and '"Kid number"' in refused.stderr
    result = cli("--db", school, "import", "students", path, "--map", "Kid number=student_id",
                 "--json")
    assert result.code == 0 and result.json["added"] == 1
    # Remembered: the same headers need no --map the next time.
    assert cli("--db", school, "import", "students", path, "--json").json["unchanged"] == 1


def test_imports_lists_the_batches_and_undo_import_undoes_one(cli, school, tmp_path):
    batch = cli("--db", school, "import", "students", xlsx(tmp_path / "r.xlsx", {"R": ROSTER}),
                "--json").json["batch"]
    listing = cli("--db", school, "imports", "--json").json
    assert listing[0]["batch"] == batch and listing[0]["kind"] == "students"
    assert listing[0]["undone_at"] is None
    result = cli("--db", school, "undo-import", str(batch), "--json")
    assert result.code == 0 and result.json["undone"] is True
    assert cli("--db", school, "imports", "--json").json[0]["undone_at"]
    with open_data_file(school, write=False) as data:
        assert students.count_students(data.db) == 0


def test_undo_import_asks_first_when_later_work_depends_on_it(cli, school, tmp_path):
    batch = cli("--db", school, "import", "students", xlsx(tmp_path / "r.xlsx", {"R": ROSTER}),
                "--json").json["batch"]
    with open_data_file(school) as data:
        mentor = mentors.add_mentor(data.db, first_name="Dana", last_name="Cole")
        matches.add_match(data.db, mentor, students.student_by_local_id(data.db, "1001")["id"],
                          years.current_year(data.db)["id"], "2025-09-15")
    before = data_checksum(school)
    refused = cli("--db", school, "undo-import", str(batch))
    assert refused.code == 1 and "1 match" in refused.stderr and "--yes" in refused.stderr
    assert data_checksum(school) == before
    assert cli("--db", school, "undo-import", str(batch), "--yes").code == 0


def test_import_takes_the_writers_lock(cli, school, tmp_path):
    with open_data_file(school):  # the app has the file open
        result = cli("--db", school, "import", "students",
                     xlsx(tmp_path / "r.xlsx", {"R": ROSTER}))
    assert result.code == 1 and "open in another MentorDesk window" in result.stderr


def test_the_blank_nomination_sheet_imports_with_no_column_questions(cli, school, tmp_path):
    out = tmp_path / "nominations.xlsx"
    result = cli("template", "nominations", out, "--json")
    assert result.code == 0 and result.json["file"] == str(out)
    with zipfile.ZipFile(out) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "dataValidation" in sheet and "Social-emotional" in sheet
    document = cli("--db", school, "import", "students", out, "--dry-run", "--json").json
    columns = document["details"]["columns"]["Nominations"]
    assert set(columns) == {"Student ID", "Last name", "First name", "Grade", "Nominated by",
                            "Date", "Reason", "Notes", "When free"}
    assert document["added"] == 0 and document["skipped"] == 0  # only the example row


def test_a_filled_in_nomination_sheet_imports(cli, school, tmp_path):
    from openpyxl import load_workbook

    out = write_nomination_template(tmp_path / "n.xlsx", today=dt.date(2025, 10, 1))
    book = load_workbook(out)
    sheet = book["Nominations"]
    sheet.append(["1001", "Rivera", "Ana", "7th", "Ms. Cole", dt.date(2025, 10, 2),
                  "Attendance, Behavior", "Misses Mondays", "Mon lunch"])
    book.save(out)
    document = cli("--db", school, "import", "students", out, "--json").json
    assert document["added"] == 1 and document["details"]["nominations_added"] == 1


def test_the_command_line_in_a_real_process(school, tmp_path):
    result = run_main("--db", school, "import", "students",
                      xlsx(tmp_path / "r.xlsx", {"R": ROSTER}), "--json")
    assert result.code == 0 and result.json["added"] == 2
    plain = run_main("--db", school, "imports")
    assert "students" in plain.stdout and "r.xlsx" in plain.stdout


def test_a_dry_run_on_a_missing_data_file_creates_nothing(cli, tmp_path):
    staff = csv_file(tmp_path / "staff.csv", [["Name", "Email"], ["Dana Cole", "d@example.org"]])
    target = tmp_path / "nowhere.sqlite"
    result = cli("--db", target, "import", "mentors", staff, "--dry-run", "--json")
    assert result.code == 0 and result.json["added"] == 1 and result.json["batch"] is None
    assert not target.exists()
