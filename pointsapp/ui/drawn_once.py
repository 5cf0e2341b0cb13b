"""A list filled in once, drawn once: what a table needs set before its rows come, so that their arrival does not
lay it out and draw it a second time (issue 23: each page's first show at township size)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView


def scroll_bar_for(table: QTableView, rows: int) -> None:
    """Show ``table``'s vertical scroll bar before ``rows`` rows come when they will need it (hidden again when
    they will not): appearing after them, it narrowed the table once more, the stretched last column was resized
    and the view drew every cell a second time. The header's signals are held meanwhile, so the resized columns
    queue no repaint of their own."""
    height = table.verticalHeader().defaultSectionSize()
    wanted = Qt.ScrollBarAlwaysOn if rows * height > table.viewport().height() else Qt.ScrollBarAsNeeded
    if table.verticalScrollBarPolicy() == wanted:
        return
    header = table.horizontalHeader()
    blocked = header.blockSignals(True)
    try:
        table.setVerticalScrollBarPolicy(wanted)
        header.resizeSections()
    finally:
        header.blockSignals(blocked)
