"""reports/ may lay pages out with QtGui, never with QtWidgets (it runs headless too)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import reports
from tests.conftest import PROJECT


def test_no_reports_module_imports_qt_widgets():
    names = [f"reports.{info.name}" for info in pkgutil.iter_modules(reports.__path__)]
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6.QtWidgets', "
        "'PySide6.QtPrintSupport', 'matplotlib.pyplot'))]\n"
        "print(','.join(bad))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                               cwd=PROJECT, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == ""
