"""The house's arrows: the core never loads Qt, nothing imports ui, SQL stays in storage."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT

QT_FREE_PACKAGES = ("storage", "program", "analysis", "importing", "demo", "cli", "actions")
# Who may import whom (besides the standard library and third-party packages).
ALLOWED = {
    "storage": {"storage"},
    "program": {"program"},
    "analysis": {"analysis", "program", "storage"},
    "importing": {"importing", "program", "storage"},
    "reports": {"reports", "analysis", "program", "storage"},
    "demo": {"demo", "storage", "program"},
    "actions": {"actions", "importing", "analysis", "reports", "program", "storage", "demo"},
    "cli": {"cli", "actions", "storage", "program", "analysis", "importing", "reports"},
    "ui": {"ui", "actions", "storage", "program", "analysis", "importing", "reports"},
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


SQL = re.compile(r"\b(SELECT\s.*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|"
                 r"DELETE\s+FROM|CREATE\s+(TEMP\s+)?(TABLE|INDEX|TRIGGER|VIEW))\b",
                 re.IGNORECASE | re.DOTALL)
TRANSACTION_WORDS = re.compile(r"^\s*(BEGIN(\s+(IMMEDIATE|EXCLUSIVE|DEFERRED))?|COMMIT|ROLLBACK|"
                               r"SAVEPOINT\s+\w+|RELEASE\s+(SAVEPOINT\s+)?\w+)\s*;?\s*$")


def string_texts(path: Path) -> list[str]:
    """Every string literal of a module as Python joins it (adjacent literals become one, and
    an f-string's literal parts are joined), so SQL split over lines is seen whole."""
    texts = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            texts.append(" ".join(part.value for part in node.values
                                  if isinstance(part, ast.Constant)))
    return texts


def called_names(path: Path) -> list[tuple[str, str]]:
    """(object, attribute) of every ``object.attribute(...)`` call in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else (
                owner.attr if isinstance(owner, ast.Attribute) else "")
            found.append((name, node.func.attr))
    return found


def test_sql_lives_in_storage_only():
    offenders = []
    for package in set(ALLOWED) - {"storage"}:
        for path in python_files(package):
            if any(SQL.search(text) for text in string_texts(path)):
                offenders.append(str(path.relative_to(PROJECT)))
    assert offenders == []


def test_the_sql_check_sees_statements_split_over_lines(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('rows = db.execute("SELECT id "\n    "FROM students WHERE x = ?")\n'
                      'db.execute(f"UPDATE {table} "\n    "SET a = 1")\n')
    assert [bool(SQL.search(text)) for text in string_texts(sample)][0]


# Packages that still hold their own transaction control: none may, but storage (the import's
# writer moves behind storage with the import rework).
TRANSACTION_FREE = ("ui", "cli", "actions", "reports", "analysis", "program", "demo",
                    "importing")


def test_no_transaction_is_opened_outside_storage():
    offenders = []
    for package in TRANSACTION_FREE:
        for path in python_files(package):
            where = str(path.relative_to(PROJECT))
            if any(TRANSACTION_WORDS.search(text) for text in string_texts(path)):
                offenders.append(f"{where}: a transaction statement")
            for owner, name in called_names(path):
                if name in ("atomic", "commit", "rollback") or (
                        name == "execute" and owner == "conn"):
                    offenders.append(f"{where}: {owner}.{name}()")
    assert offenders == []


def storage_writers() -> set[tuple[str, str]]:
    """(module, function) of every storage function that changes the data file: it holds a
    writing statement, or calls one of the module's own writers."""
    writes = re.compile(r"\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b")
    found: set[tuple[str, str]] = set()
    for path in python_files("storage"):
        module = path.stem
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
        direct = {name for name, node in functions.items()
                  if any(writes.search(text) for text in _texts_in(node))}
        grew = True
        while grew:
            grew = False
            for name, node in functions.items():
                if name in direct:
                    continue
                calls = {sub.func.id for sub in ast.walk(node)
                         if isinstance(sub, ast.Call) and isinstance(sub.func, ast.Name)}
                if calls & direct:
                    direct.add(name)
                    grew = True
        found.update((module, name) for name in direct if not name.startswith("_"))
    return found


def _texts_in(node: ast.AST) -> list[str]:
    texts = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            texts.append(sub.value)
        elif isinstance(sub, ast.JoinedStr):
            texts.append(" ".join(p.value for p in sub.values if isinstance(p, ast.Constant)))
    return texts


# Opening a file (which may bring its layout up to date) is not a change a user makes, and a
# copy of the file changes nothing in it (the backup command reads, so it works while the window
# has the file open).
NOT_A_USER_CHANGE = {("database", "open_data_file"), ("database", "connect"),
                     ("backups", "backup_to"), ("backups", "automatic_backup")}


def test_the_window_and_the_commands_change_data_only_through_actions():
    writers = storage_writers() - NOT_A_USER_CHANGE
    assert ("meetings", "add_meeting") in writers and ("students", "student") not in writers
    offenders = []
    for package in ("ui", "cli"):
        for path in python_files(package):
            imported = _storage_modules_imported(path)
            for owner, name in called_names(path):
                module = imported.get(owner)
                if module and (module, name) in writers:
                    offenders.append(f"{path.relative_to(PROJECT)}: {owner}.{name}()")
            functions = _storage_functions_imported(path)
            for name in _plain_calls(path):
                if functions.get(name) in writers:
                    offenders.append(f"{path.relative_to(PROJECT)}: {name}()")
            if "write_transaction" in path.read_text(encoding="utf-8"):
                offenders.append(f"{path.relative_to(PROJECT)}: write_transaction")
    assert offenders == []


def _storage_functions_imported(path: Path) -> dict[str, tuple[str, str]]:
    """Local name -> (storage module, function) for ``from storage.x import f [as g]``."""
    names = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("storage."):
            for alias in node.names:
                names[alias.asname or alias.name] = (node.module.split(".", 1)[1], alias.name)
    return names


def _plain_calls(path: Path) -> set[str]:
    return {node.func.id for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def _storage_modules_imported(path: Path) -> dict[str, str]:
    """Local name -> storage module, for ``from storage import x [as y]`` and
    ``import storage.x as y``."""
    names = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "storage":
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("storage.") and alias.asname:
                    names[alias.asname] = alias.name.split(".", 1)[1]
    return names


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



THIS_FILE = Path(__file__).name


def test_no_property_test_is_timed():
    # Speed is checked by the benchmarks under bench/, never by a test: Hypothesis's deadline
    # for one example (200 ms by default) is off for the whole suite, and no test sets one.
    from hypothesis import settings

    assert settings().deadline is None
    timed = re.compile(r"\bdeadline=(?!None\b)")  # a keyword argument, as in settings(...)
    offenders = [f"{path.name}:{number}"
                 for path in sorted((PROJECT / "tests").glob("*.py")) if path.name != THIS_FILE
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if timed.search(line)]
    assert offenders == []
