"""The MentorDesk data file: the only place SQL lives.

Open a file with :func:`storage.database.open_data_file`; every query module takes the
``sqlite_utils.Database`` it returns as its first argument.
"""

from __future__ import annotations

import sys


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils without numpy and pandas.

    sqlite-utils imports them when they are installed, only to store their number types;
    MentorDesk never hands it those, and loading numpy costs the window a tenth of a second or
    more before it can show. Where something imported numpy already, nothing changes.
    """
    if "sqlite_utils" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # "import numpy" raises ImportError while this lasts
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


_import_sqlite_utils_without_numpy()
