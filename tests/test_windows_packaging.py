"""The Windows build, which cannot run here: its workflow and installer script are checked.

The workflow must parse, run on Windows, and name only files that exist (or that the build
makes); the installer must install per user with no administrator prompt, put MentorDesk in the
Start menu, and keep the school's data outside the install folder. The portable zip is made here
from a stand-in folder.
"""

from __future__ import annotations

import re
import zipfile

import yaml

from tests.conftest import PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "windows.yml"
INNO = PROJECT / "packaging" / "mentordesk.iss"
# Paths the build makes (so they cannot be in the repository): build.py's icon, and dist/.
MADE_BY_THE_BUILD = ("build/icon/mentordesk.ico", "dist/")


def made_by_the_build(path: str) -> bool:
    return path == "dist" or path.startswith(MADE_BY_THE_BUILD)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps() -> list[dict]:
    return workflow()["jobs"]["windows"]["steps"]


def named_paths(text: str) -> list[str]:
    """Project paths a command names: packaging/..., packaging\\..., pyproject extras."""
    return [path.replace("\\", "/") for path in
            re.findall(r"(?:packaging|\.github|build|dist)[/\\][\w./\\*-]+", text)]


def test_the_workflow_builds_smoke_checks_and_packages_on_windows():
    document = workflow()
    triggers = document.get("on", document.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "workflow_dispatch" in triggers
    job = document["jobs"]["windows"]
    assert job["runs-on"].startswith("windows")
    commands = [step.get("run", "") for step in steps()]
    order = [next(i for i, command in enumerate(commands) if needle in command)
             for needle in ("pip install -e \".[build]\"", "packaging/build.py",
                            "packaging/smoke", "mentordesk.iss", "packaging/portable.py")]
    assert order == sorted(order), "install, build, smoke check, installer, portable zip"
    uploaded = next(step for step in steps() if step.get("uses", "").startswith(
        "actions/upload-artifact"))["with"]["path"]
    assert "setup.exe" in uploaded and "portable.zip" in uploaded


def test_every_file_the_workflow_names_exists_or_is_made_by_the_build():
    named = [path for step in steps() for path in named_paths(step.get("run", ""))]
    assert "packaging/build.py" in named and "packaging/mentordesk.iss" in named
    for path in named:
        if made_by_the_build(path):
            continue
        assert (PROJECT / path).exists(), f"the workflow names {path}, which does not exist"
    # pip install -e ".[build]" needs the extra
    assert re.search(r"^build = \[", (PROJECT / "pyproject.toml").read_text(), re.MULTILINE)


def test_the_installer_is_per_user_with_a_start_menu_entry_and_data_kept_outside():
    script = INNO.read_text(encoding="utf-8")
    setting = dict(re.findall(r"^(\w+)=(.*)$", script, re.MULTILINE))
    assert setting["PrivilegesRequired"] == "lowest"  # no administrator prompt
    assert setting["DefaultDirName"].startswith("{localappdata}\\Programs\\")
    start_menu = r'^Name: "\{autoprograms\}\\\{#AppName\}"; Filename: "\{app\}\\MentorDesk.exe"'
    assert re.search(start_menu, script, re.MULTILINE)
    # What it installs is the built folder, and nothing of the school's data.
    source = re.search(r'^Source: "([^"]+)"', script, re.MULTILINE).group(1)
    assert source == "..\\dist\\MentorDesk\\*"
    assert "mentordesk.sqlite" not in script and "MentorDesk data" not in script
    for relative in re.findall(r"=\.\.\\([\w\\.]+)", script):
        path = relative.replace("\\", "/")
        assert made_by_the_build(path) or (PROJECT / path).exists(), path


def test_the_portable_zip_carries_the_program_and_the_marker(tmp_path):
    import sys

    sys.path.insert(0, str(PROJECT / "packaging"))
    try:
        from portable import MARKER, make_portable
    finally:
        sys.path.remove(str(PROJECT / "packaging"))
    from storage.paths import PORTABLE_MARKER

    bundle = tmp_path / "MentorDesk"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "MentorDesk.exe").write_bytes(b"MZ")
    (bundle / "_internal" / "python311.dll").write_bytes(b"MZ")
    made = make_portable(bundle, tmp_path / "portable.zip")
    with zipfile.ZipFile(made) as archive:
        names = set(archive.namelist())
    assert MARKER == PORTABLE_MARKER
    assert names == {"MentorDesk/MentorDesk.exe", "MentorDesk/_internal/python311.dll",
                     f"MentorDesk/{PORTABLE_MARKER}"}
