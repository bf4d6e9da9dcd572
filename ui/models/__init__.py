"""Table models: one QAbstractTableModel per list, with column constants and ``set_rows()``."""
