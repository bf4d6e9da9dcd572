"""The MentorDesk data file: the only place SQL lives.

Open a file with :func:`storage.database.open_data_file`; every query module takes the
``sqlite_utils.Database`` it returns as its first argument.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from types import ModuleType

# sqlite-utils imports these when they are installed, only to store their number types, which
# MentorDesk never hands it; numpy alone costs the window a tenth of a second or more.
_NOT_FOR_SQLITE_UTILS = ("numpy", "pandas")


class _WithoutNumpy:
    """Runs sqlite-utils' own loader with numpy and pandas out of its sight (an importlib
    loader; importlib.abc is not imported for it, which would cost the start more)."""

    def __init__(self, loader) -> None:  # noqa: ANN001 - any importlib loader
        self.loader = loader

    def create_module(self, spec):  # noqa: ANN001 - importlib's signature
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        hidden = [name for name in _NOT_FOR_SQLITE_UTILS if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # "import numpy" raises ImportError while this lasts
        try:
            self.loader.exec_module(module)
        finally:
            for name in hidden:
                if sys.modules.get(name, 0) is None:
                    del sys.modules[name]


class _LoadedWhenUsed(ModuleType):
    """sqlite_utils until something of it is used; then the real module, loaded in place.

    ``import sqlite_utils`` anywhere binds this module without running it (its ``__spec__``
    and ``__path__`` are there, which is all the import system looks at); the first name asked
    of it (``sqlite_utils.Database``) runs the real module into it, once, under a lock.
    """

    def __getattr__(self, name: str):
        if name.startswith("__"):
            # Tools look for these on every module (PySide6's scan for __wrapped__, ...).
            raise AttributeError(name)
        with _LOADING:
            if type(self) is _LoadedWhenUsed and not self.__dict__.get("_mentordesk_loading"):
                self._mentordesk_loading = True
                try:
                    self.__spec__.loader.exec_module(self)
                    self.__class__ = ModuleType
                finally:
                    del self._mentordesk_loading
        return ModuleType.__getattribute__(self, name)


_LOADING = threading.RLock()


def _load_sqlite_utils_when_used() -> None:
    """Defer loading sqlite-utils until it is used.

    Loading it (with click, dateutil and pluggy) takes a tenth of a second or more. MentorDesk's
    modules name it for their type hints, and storage.connection answers most queries without
    it, so the window shows before it loads. Where something loaded it already, nothing changes.
    """
    if "sqlite_utils" in sys.modules:
        return
    spec = importlib.util.find_spec("sqlite_utils")
    if spec is None or spec.loader is None:
        return  # not installed: the import fails where it is written, as it would anyway
    spec.loader = _WithoutNumpy(spec.loader)
    module = importlib.util.module_from_spec(spec)
    module.__class__ = _LoadedWhenUsed
    sys.modules["sqlite_utils"] = module


def load_sqlite_utils() -> None:
    """Load sqlite-utils now, on this thread (the window does it once its first screen is
    painted, so that no two threads ever load it at once)."""
    import sqlite_utils

    sqlite_utils.Database  # noqa: B018 - touching it is what loads it


_load_sqlite_utils_when_used()
