"""settings list / set: every declared setting."""

from __future__ import annotations

import argparse

from actions.settings import change_setting
from cli import add_json_flag
from cli.files import open_for_reading, open_for_writing
from cli.output import Output
from storage import settings


def register(subparsers: argparse._SubParsersAction) -> None:
    command = subparsers.add_parser("settings", help="the school's settings")
    actions = command.add_subparsers(dest="settings_action", metavar="ACTION")
    listing = actions.add_parser("list", help="every setting with its value")
    add_json_flag(listing)
    listing.set_defaults(handler=settings_list)
    change = actions.add_parser("set", help="change one setting")
    change.add_argument("key")
    change.add_argument("value")
    add_json_flag(change)
    change.set_defaults(handler=settings_set)


def settings_list(args: argparse.Namespace, out: Output) -> int:
    with open_for_reading(args) as data:
        values = settings.all_values(data.db)
    document = [
        {"key": s.key, "value": values[s.key], "default": s.default, "label": s.label,
         "type": s.kind.__name__, "help": s.help}
        for s in settings.SETTINGS
    ]
    lines = [f"{s.key} = {values[s.key]!r}    ({s.label})" for s in settings.SETTINGS]
    return out.result(document, lines)


def settings_set(args: argparse.Namespace, out: Output) -> int:
    settings.parse_value(args.key, args.value)  # a wrong key or value is refused first
    with open_for_writing(args) as data:
        value = change_setting(data.db, args.key, args.value).value
    label = settings.SETTINGS_BY_KEY[args.key].label
    return out.result({"key": args.key, "value": value}, f"{label} is now {value!r}.")
