"""Printing a PDF made by crisisdesk: its pages are rendered to images (pypdfium2, as
PySide6-Essentials has no QtPdf) and painted onto the printer's pages, so Print and
Print Preview show exactly the PDF that ``crisisdesk export`` writes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

if TYPE_CHECKING:
    import pypdfium2

PRINT_DPI = 200  # sharp enough for 8 pt text; a page is then ~1,650 x 2,340 pixels


def page_count(pdf: bytes) -> int:
    import pypdfium2  # imported when printing: it is not needed to open the window

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_page(document: pypdfium2.PdfDocument, index: int, dpi: float) -> QImage:
    page = document[index]
    try:
        # rendered as 3-byte BGR, which QImage takes as it is
        bitmap = page.render(scale=dpi / 72)
        fmt = QImage.Format.Format_BGR888 if bitmap.n_channels == 3 else QImage.Format.Format_RGB32
        return QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt).copy()
    finally:
        page.close()


def page_size_of(paper: str) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4)


def prepare(printer: QPrinter, paper: str) -> None:
    printer.setPageSize(page_size_of(paper))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the PDF has its own margins


def paint(printer: QPrinter, pdf: bytes) -> int:
    """Paint the PDF's pages onto the printer, one per sheet, rendering one page at a
    time (a long sheet never sits in memory as images); returns the pages painted."""
    import pypdfium2  # imported when printing: it is not needed to open the window

    document = pypdfium2.PdfDocument(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        return 0
    try:
        dpi = min(float(printer.resolution()), PRINT_DPI)
        for index in range(len(document)):
            if index:
                printer.newPage()
            image = render_page(document, index, dpi)
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
        return len(document)
    finally:
        painter.end()
        document.close()
