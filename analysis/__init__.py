"""The numbers every screen, command and report shows, computed once.

Each module loads plain values through storage and hands them to the program's rules
(``program``, pure Python). ui, cli and reports call here; nothing here imports Qt.
"""
