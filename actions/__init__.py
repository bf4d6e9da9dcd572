"""The operations layer: one Qt-free function per thing a facilitator does.

Each action runs in one transaction, writes its line in the history (the activity log), keeps an
undo entry (what it changed, so Edit > Undo can take it back whole) and returns an
:class:`~actions.core.Outcome` that says which kinds of record changed, so the window refreshes
only what it must. The window, the headless commands and the importers change data only through
these functions; none of them opens a transaction of its own.
"""
