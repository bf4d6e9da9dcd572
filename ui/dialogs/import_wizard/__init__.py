"""File > Import…: the import window, one module per page (see :mod:`.window`)."""

from __future__ import annotations

from ui.dialogs.import_wizard.window import ImportWizard

__all__ = ["ImportWizard"]
