"""Text size and contrast: the platform's defaults, or everything scaled up and/or in
high contrast for stressful moments (View menu; remembered in QSettings)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from crisisdesk.ui.style import LARGE_TEXT_FACTOR, is_dark

_BASE_SIZE_PROPERTY = "crisisdeskBasePointSize"


def apply_text_size(app: QApplication, large: bool) -> None:
    base = app.property(_BASE_SIZE_PROPERTY)
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty(_BASE_SIZE_PROPERTY, base)
    font = app.font()
    font.setPointSizeF(float(base) * (LARGE_TEXT_FACTOR if large else 1.0))
    app.setFont(font)


# High contrast: pure black on white, a dark blue selection with white text and strong
# borders and focus marks. Light rather than dark, so the status colours (green,
# amber, red, chosen for text on white) keep their contrast in every view.
HIGH_CONTRAST_COLOURS = {
    QPalette.ColorRole.Window: "#ffffff",
    QPalette.ColorRole.WindowText: "#000000",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f0f0f0",
    QPalette.ColorRole.Text: "#000000",
    QPalette.ColorRole.Button: "#ffffff",
    QPalette.ColorRole.ButtonText: "#000000",
    QPalette.ColorRole.Highlight: "#00007a",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffe0",
    QPalette.ColorRole.ToolTipText: "#000000",
    QPalette.ColorRole.PlaceholderText: "#333333",
    QPalette.ColorRole.Link: "#00007a",
}
HIGH_CONTRAST_STYLE = """
QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QSpinBox, QDateTimeEdit,
QListView, QTreeView, QTableView, QPushButton, QToolButton {
    border: 2px solid #000000;
}
QPushButton, QToolButton { padding: 3px 8px; }
QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QComboBox:focus, QSpinBox:focus,
QDateTimeEdit:focus, QListView:focus, QTreeView:focus, QTableView:focus,
QPushButton:focus, QToolButton:focus {
    border: 3px solid #00007a;
}
QMenuBar, QMenu, QStatusBar, QHeaderView::section { color: #000000; background: #ffffff; }
QHeaderView::section { border: 1px solid #000000; font-weight: bold; padding: 2px 4px; }
QMenu::item:selected, QMenuBar::item:selected { background: #00007a; color: #ffffff; }
QWidget:disabled { color: #444444; }
"""
_PALETTE_PROPERTY = "crisisdeskNormalPalette"
_STYLE_PROPERTY = "crisisdeskNormalStyleSheet"
_ON_PROPERTY = "crisisdeskHighContrast"


def high_contrast_palette() -> QPalette:
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for role, colour in HIGH_CONTRAST_COLOURS.items():
            palette.setColor(group, role, QColor(colour))
    for role, colour in HIGH_CONTRAST_COLOURS.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#444444"))
    return palette


def apply_contrast(app: QApplication, high: bool) -> None:
    """Switch the whole application to high contrast, or back to what it was (the
    system's light or dark theme). Works together with the large-text mode.

    The palette to go back to is the one in use when high contrast goes on: the
    system theme may have switched between light and dark since the app started."""
    on = bool(app.property(_ON_PROPERTY))
    if high and not on:
        app.setProperty(_PALETTE_PROPERTY, app.palette())
        app.setProperty(_STYLE_PROPERTY, app.styleSheet())
        app.setPalette(high_contrast_palette())
        app.setStyleSheet(app.styleSheet() + HIGH_CONTRAST_STYLE)
    elif on and not high:
        app.setPalette(app.property(_PALETTE_PROPERTY))
        app.setStyleSheet(str(app.property(_STYLE_PROPERTY)))
    app.setProperty(_ON_PROPERTY, high)


class ReadableStyle(QProxyStyle):
    """The platform's style, with check boxes and radio buttons that stay visible in a
    dark theme: Fusion draws their frame a shade darker than the window colour, which
    on a dark window is next to invisible (the checklist's Done boxes vanished). Under
    a dark palette the frame is drawn from the text colour instead."""

    INDICATORS = (
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in self.INDICATORS and is_dark(option.palette):
            original = option.palette
            palette = QPalette(original)
            for group in (
                QPalette.ColorGroup.Active,
                QPalette.ColorGroup.Inactive,
                QPalette.ColorGroup.Disabled,
            ):
                text = palette.color(group, QPalette.ColorRole.Text)
                palette.setColor(group, QPalette.ColorRole.Window, text)
            option.palette = palette
            try:
                super().drawPrimitive(element, option, painter, widget)
            finally:
                option.palette = original
            return
        super().drawPrimitive(element, option, painter, widget)


def install_style(app: QApplication) -> None:
    """Use ReadableStyle over the platform's style (once)."""
    if not isinstance(app.style(), ReadableStyle):
        app.setStyle(ReadableStyle(app.style().name()))
