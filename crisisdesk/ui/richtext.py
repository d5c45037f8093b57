"""Markdown shown as rich text in a QTextBrowser (plan sections, playbooks).

Qt's rich-text engine understands a subset of HTML and CSS: tables get explicit
attributes and a default style sheet so they render with borders and padding.
"""

from __future__ import annotations

import markdown
from PySide6.QtWidgets import QTextBrowser, QWidget

EXTENSIONS = ["tables", "sane_lists", "fenced_code"]

STYLE_SHEET = """
h1, h2, h3 { margin-top: 10px; margin-bottom: 4px; }
p, li { line-height: 130%; }
th, td { border: 1px solid #9aa0a6; }
th { background-color: #e8eaed; font-weight: bold; text-align: left; }
code { font-family: monospace; background-color: #f1f3f4; }
"""


def markdown_to_html(text: str) -> str:
    """HTML for Qt's rich-text engine from the markdown a user typed (tables included)."""
    html = markdown.markdown(text, extensions=EXTENSIONS)
    return html.replace(
        "<table>",
        '<table cellspacing="0" cellpadding="6"'
        ' style="border-collapse: collapse; border: 1px solid #9aa0a6;">',
    )


class MarkdownPreview(QTextBrowser):
    """Read-only rendered markdown; links are not followed (the app is offline)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(STYLE_SHEET)
        self.document().setDocumentMargin(12)

    def show_markdown(self, text: str) -> None:
        bar = self.verticalScrollBar()
        keep = bar.value()
        self.setHtml(markdown_to_html(text))
        bar.setValue(min(keep, bar.maximum()))  # typing must not jump the preview to the top
