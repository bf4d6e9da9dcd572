"""The rules and the figures run without Qt: importing them never loads PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

from tests.conftest import PROJECT


def _modules(package: str) -> list[str]:
    return [f"{package}.{info.name}" for info in pkgutil.iter_modules([str(PROJECT / package)])]


def test_program_and_analysis_do_not_load_pyside6():
    modules = ["program", "analysis", *_modules("program"), *_modules("analysis"),
               "cli.attendance_commands"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
    assert "program.attendance" in modules and "analysis.attendance" in modules


def test_program_imports_nothing_of_ours():
    ours = ("storage", "analysis", "cli", "ui", "reports", "importing", "demo")
    for path in (PROJECT / "program").glob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if words[:1] in (["import"], ["from"]) and len(words) > 1:
                assert words[1].split(".")[0] not in ours, f"{path.name}: {line}"
