"""The headless commands' table (cli.COMMANDS) says truly which module registers which
command, so a command named on the command line can load its module alone."""

from __future__ import annotations

import importlib
import subprocess
import sys

from cli import COMMANDS, _Parser, build_parser
from tests.conftest import PROJECT


def test_each_module_registers_the_commands_the_table_lists():
    for module, names in COMMANDS.items():
        parser = _Parser()
        subparsers = parser.add_subparsers(dest="command", parser_class=_Parser)
        importlib.import_module(module).register(subparsers)
        assert tuple(subparsers.choices) == names, module


def test_a_named_command_loads_only_its_module_and_help_lists_them_all():
    script = ("import sys; from cli import build_parser; "
              "build_parser(['--db', 'x.sqlite', 'report', 'out.xlsx', '--json']); "
              "print('importing.apply' in sys.modules, 'cli.report_commands' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=PROJECT, timeout=120)
    assert result.stdout.split() == ["False", "True"], result.stderr
    everything = build_parser([]).format_help()
    for names in COMMANDS.values():
        assert all(name in everything for name in names)
