"""Markdown shown as rich text in a QTextBrowser (plan sections, playbooks).

Qt's rich-text engine understands a subset of HTML and CSS: tables get explicit
attributes and a default style sheet so they render with borders and padding.
"""

from __future__ import annotations

import markdown
from PySide6.QtCore import QEvent
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

EXTENSIONS = ["tables", "sane_lists", "fenced_code"]


def style_sheet(palette: QPalette) -> str:
    """Headings, tables and code in the palette's colours (light or dark theme): a
    shaded table head and code, never a fixed light background under light text."""
    border = palette.color(QPalette.ColorRole.Mid).name()
    shade = palette.color(QPalette.ColorRole.AlternateBase).name()
    text = palette.color(QPalette.ColorRole.Text).name()
    return f"""
h1, h2, h3 {{ margin-top: 10px; margin-bottom: 4px; }}
p, li {{ line-height: 130%; }}
table, th, td {{ border: 1px solid {border}; }}
th {{ background-color: {shade}; color: {text}; font-weight: bold; text-align: left; }}
code {{ font-family: monospace; background-color: {shade}; color: {text}; }}
"""


def markdown_to_html(text: str) -> str:
    """HTML for Qt's rich-text engine from the markdown a user typed (tables included)."""
    html = markdown.markdown(text, extensions=EXTENSIONS)
    return html.replace(
        "<table>",
        '<table cellspacing="0" cellpadding="6" style="border-collapse: collapse;">',
    )


class MarkdownPreview(QTextBrowser):
    """Read-only rendered markdown; links are not followed (the app is offline)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(style_sheet(self.palette()))
        self.document().setDocumentMargin(12)
        self._markdown = ""

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark theme, high contrast
            self.document().setDefaultStyleSheet(style_sheet(self.palette()))
            self.show_markdown(self._markdown)

    def show_markdown(self, text: str) -> None:
        self._markdown = text
        bar = self.verticalScrollBar()
        keep = bar.value()
        self.setHtml(markdown_to_html(text))
        bar.setValue(min(keep, bar.maximum()))  # typing must not jump the preview to the top
