"""A PDF the user asks to save (an event's sign-in sheet, a meeting's minutes): choose where, with a name
suggested; write it; say where it went, or why it could not be written."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from pointsapp.errors import UserError
from pointsapp.ui.messages import show_error, show_info


def choose_pdf(parent: QWidget, caption: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, caption, suggested,
                                          QCoreApplication.translate("pdf_files", "PDF 文件 (*.pdf)"))
    return Path(name) if name else None


def write_pdf(parent: QWidget, write: Callable[[str], object], path: Path, saved: str) -> None:
    """``write(path)``; then ``saved`` (already translated, {0} the path), or the refusal or the file error."""
    try:
        write(str(path))
    except (UserError, OSError) as exc:
        show_error(parent, exc if isinstance(exc, UserError) else str(exc))
        return
    show_info(parent, saved.format(path))
