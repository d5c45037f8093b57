"""Text size: the platform default, or everything scaled up for stressful moments."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from crisisdesk.ui.style import LARGE_TEXT_FACTOR

_BASE_SIZE_PROPERTY = "crisisdeskBasePointSize"


def apply_text_size(app: QApplication, large: bool) -> None:
    base = app.property(_BASE_SIZE_PROPERTY)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(_BASE_SIZE_PROPERTY, base)
    font = app.font()
    font.setPointSizeF(float(base) * (LARGE_TEXT_FACTOR if large else 1.0))
    app.setFont(font)
