"""Bringing spreadsheets in: open a file safely, find its table, read its values, plan, apply.

Qt-free: the headless ``import`` command and the import window walk the same path.
sheets -> headers -> values -> kinds -> plan (a preview that writes nothing) -> apply.
"""
