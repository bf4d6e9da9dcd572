"""The mentoring program's rules, pure Python on plain values.

Nothing here reads the data file or imports Qt: each rule takes plain values (dates, numbers,
small frozen dataclasses) and returns plain values, so that a rule can be checked with a few
lines of data. ``analysis`` loads the values through ``storage`` and calls these rules.
"""
