"""The import package stays free of Qt, so the headless command runs without a display."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import PROJECT


def test_importing_never_loads_qt():
    code = (
        "import sys\n"
        "import importing.apply, importing.plan, importing.template, importing.kinds\n"
        "import cli.import_commands\n"
        "assert 'PySide6' not in sys.modules, sorted(m for m in sys.modules if 'PySide' in m)\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True,
                               text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
