"""The house's arrows: the core never loads Qt, nothing imports ui, SQL stays in storage."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT

QT_FREE_PACKAGES = ("storage", "program", "analysis", "importing", "demo", "cli")
# Who may import whom (besides the standard library and third-party packages).
ALLOWED = {
    "storage": {"storage"},
    "program": {"program"},
    "analysis": {"analysis", "program", "storage"},
    "importing": {"importing", "storage"},
    "reports": {"reports", "analysis", "program", "storage"},
    "demo": {"demo", "storage", "program"},
    "cli": {"cli", "storage", "program", "analysis", "importing", "reports", "demo"},
    "ui": {"ui", "storage", "program", "analysis", "importing", "reports", "demo", "cli"},
}
OURS = set(ALLOWED) | {"main"}


def python_files(package: str) -> list[Path]:
    return sorted((PROJECT / package).rglob("*.py"))


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & OURS


def test_imports_point_down_only():
    wrong = []
    for package, allowed in ALLOWED.items():
        for path in python_files(package):
            for target in imported_packages(path) - allowed:
                wrong.append(f"{path.relative_to(PROJECT)} imports {target}")
    assert wrong == []


def test_the_core_packages_never_load_qt():
    modules = []
    for package in QT_FREE_PACKAGES:
        for path in python_files(package):
            relative = path.relative_to(PROJECT).with_suffix("")
            parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
            modules.append(".".join(parts))
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=PROJECT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_reports_never_use_qt_widgets():
    offenders = [str(path.relative_to(PROJECT)) for path in python_files("reports")
                 if "QtWidgets" in path.read_text(encoding="utf-8")]
    assert offenders == []


def test_sql_lives_in_storage_only():
    sql = re.compile(r"\b(SELECT .* FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b")
    offenders = []
    for package in set(ALLOWED) - {"storage"}:
        for path in python_files(package):
            if sql.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(PROJECT)))
    assert offenders == []


def test_only_the_clock_module_reads_the_system_clock():
    reads = re.compile(r"\b(date\.today|datetime\.now|datetime\.today|datetime\.utcnow|"
                       r"time\.localtime|time\.strftime)\(")
    offenders = []
    for package in OURS - {"main"}:
        for path in python_files(package):
            if path == PROJECT / "storage" / "clock.py":
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if reads.search(line):
                    offenders.append(f"{path.relative_to(PROJECT)}:{number}")
    assert offenders == []

