"""Dialogs: short forms opened from the screens (and Ctrl+M from anywhere)."""
