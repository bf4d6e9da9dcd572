"""Where the data file lives: the user's data folder, or beside the program when portable."""

from __future__ import annotations

from pathlib import Path

from storage import paths

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
//fileserver/staff /mnt/staff cifs rw,vers=3.0 0 0
fileserver:/export/home /home/shared nfs4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_the_default_file_is_in_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("MENTORDESK_DATA_DIR", str(tmp_path / "data"))
    assert paths.default_data_file() == tmp_path / "data" / "mentordesk.sqlite"
    assert (tmp_path / "data").is_dir()


def test_without_an_override_the_folder_is_the_platforms_user_data_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv("MENTORDESK_DATA_DIR", raising=False)
    monkeypatch.setattr(paths, "make_private_folder", lambda folder, ours=False: None)
    expected = Path(platformdirs.user_data_dir("MentorDesk", appauthor=False, roaming=False))
    assert paths.data_folder() == expected


def test_a_portable_marker_keeps_the_data_beside_the_program(monkeypatch, tmp_path):
    (tmp_path / paths.PORTABLE_MARKER).write_text("")
    monkeypatch.setattr(paths, "program_folder", lambda: tmp_path)
    assert paths.default_data_file() == tmp_path / "MentorDesk data" / "mentordesk.sqlite"


def test_backups_live_in_a_folder_named_after_the_whole_file_name(tmp_path):
    assert paths.backups_folder(tmp_path / "school.sqlite") == tmp_path / "school.sqlite backups"
    assert paths.backups_folder(tmp_path / "school.db") == tmp_path / "school.db backups"


def test_network_filesystems_are_recognised():
    assert paths.filesystem_type_from_mounts("/mnt/staff/mentoring/school.sqlite", MOUNTS) == "cifs"
    assert paths.filesystem_type_from_mounts("/home/shared/x.sqlite", MOUNTS) == "nfs4"
    assert paths.filesystem_type_from_mounts("/home/me/x.sqlite", MOUNTS) == "ext4"
    assert "cifs" in paths._NETWORK_FILESYSTEMS and "ext4" not in paths._NETWORK_FILESYSTEMS


def test_a_local_temporary_folder_is_not_a_network_share(tmp_path):
    assert paths.is_on_network_share(tmp_path / "x.sqlite") is False


def test_a_folder_the_user_chose_keeps_its_permissions(tmp_path):
    import os
    import stat

    chosen = tmp_path / "Desktop"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    paths.make_private_folder(chosen)
    paths.make_private_folder(chosen / "MentorDesk copies" / "2026")
    assert stat.S_IMODE(os.stat(chosen).st_mode) == 0o755
    assert stat.S_IMODE(os.stat(chosen / "MentorDesk copies").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(chosen / "MentorDesk copies" / "2026").st_mode) == 0o700
