"""A screen's list, as filtered and sorted, read for export and print."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from reports.list_export import export_table
from reports.model_rows import model_table
from tests.workbook_checks import reopen

RAW = Qt.ItemDataRole.UserRole + 1


def students_model():
    model = QStandardItemModel(0, 3)
    model.setHorizontalHeaderLabels(["Name", "Grade", "Absence rate"])
    for name, grade, rate in [("Ana Ruiz", 7, 0.12), ("Ben Cole", 6, 0.03),
                              ("Cara Diaz", 7, 0.25)]:
        rate_item = QStandardItem(f"{rate:.0%}")
        rate_item.setData(rate, RAW)
        model.appendRow([QStandardItem(name), QStandardItem(str(grade)), rate_item])
    return model


def test_only_the_rows_the_filter_shows_are_read_in_the_shown_order(qapp):
    source = students_model()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setFilterKeyColumn(1)
    proxy.setFilterFixedString("7")
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    headers, rows = model_table(proxy)
    assert headers == ["Name", "Grade", "Absence rate"]
    assert rows == [["Cara Diaz", "7", "25%"], ["Ana Ruiz", "7", "12%"]]


def test_a_raw_value_role_gives_excel_numbers_and_dates(qapp, tmp_path):
    source = students_model()
    source.item(0, 0).setData(QDate(2026, 1, 5), RAW)
    headers, rows = model_table(source, columns=[0, 2], value_role=RAW)
    assert rows[0] == [dt.date(2026, 1, 5), 0.12]
    assert rows[1] == ["Ben Cole", 0.03]
    path = export_table(tmp_path / "list.xlsx", "Students", headers, rows,
                        {"Absence rate": "percent"})
    assert reopen(path).active["B5"].number_format == "0.0%"
