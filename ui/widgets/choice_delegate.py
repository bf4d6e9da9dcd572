"""A drop-down to edit a table cell: the model gives the choices, the cell holds the key."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

Index = QModelIndex | QPersistentModelIndex


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a cell with a combo box of ``(key, label)`` pairs from ``choices_role``."""

    def __init__(self, choices_role: int, key_role: int, parent=None) -> None:
        super().__init__(parent)
        self.choices_role = choices_role
        self.key_role = key_role

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(str(index.model().headerData(
            index.column(), Qt.Orientation.Horizontal) or "Choice"))
        for key, label in index.data(self.choices_role) or []:
            combo.addItem(label, key)
        # A choice counts as soon as it is made, not when the cell loses focus.
        combo.activated.connect(lambda _=0, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        position = editor.findData(index.data(self.key_role) or "")
        editor.blockSignals(True)
        editor.setCurrentIndex(max(position, 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: Index) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
