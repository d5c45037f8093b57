"""The timeline picture in the app: the same ``Chart`` the PDF report draws.

Phases as bars, one row each; key events as numbered triangles above (the legend
lists them); detection and closing as dashed lines; time ticks below.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from crisisdesk.domain.i18n import _
from crisisdesk.domain.readiness import Status
from crisisdesk.domain.timeline_chart import Chart
from crisisdesk.ui.style import status_colour

# The same colours as the PDF (export.report.PHASE_COLOURS): one picture everywhere.
PHASE_COLOURS = {
    "identification": "#0072B2",
    "isolation": "#D55E00",
    "recovery": "#009E73",
    "communication": "#CC79A7",
    "aftercare": "#E69F00",
}
# Markers and their numbers in the status colours, readable in a light or dark theme.
MARKER_STATUS = {"decision": Status.BAD, "message": Status.OK, "notice": Status.WARN}


class TimelineWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: Chart | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_("Timeline of the incident"))

    def set_chart(self, chart: Chart) -> None:
        self.chart = chart
        self.setMinimumHeight(self._height())
        self.updateGeometry()
        self.update()

    def _row_h(self) -> int:
        return self.fontMetrics().height() + 8

    def _height(self) -> int:
        rows = len(self.chart.rows) if self.chart else 5
        return 22 + rows * self._row_h() + 24

    def sizeHint(self) -> QSize:
        return QSize(600, self._height())

    def paintEvent(self, _event) -> None:  # type: ignore[no-untyped-def]
        if self.chart is None:
            return
        c = self.chart
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        label_w = min(
            fm.horizontalAdvance("Communication with stakeholders") + 10, self.width() // 3
        )
        x0, x1 = label_w, self.width() - 8
        top = 22
        row_h = self._row_h()
        axis_y = top + row_h * len(c.rows)

        def x(at: float) -> float:
            return x0 + at * (x1 - x0)

        foreground = self.palette().color(self.foregroundRole())
        grid = QPen(self.palette().color(QPalette.ColorRole.Mid))
        for tick in c.ticks:
            p.setPen(grid)
            p.drawLine(QPointF(x(tick.at), top), QPointF(x(tick.at), axis_y))
            p.setPen(self.palette().color(self.foregroundRole()))
            p.drawLine(QPointF(x(tick.at), axis_y), QPointF(x(tick.at), axis_y + 4))
            w = fm.horizontalAdvance(tick.label)
            left = min(max(x(tick.at) - w / 2, 0), self.width() - w - 1)  # never clipped
            p.drawText(QPointF(left, axis_y + 4 + fm.ascent()), tick.label)
        p.drawLine(QPointF(x0, axis_y), QPointF(x1, axis_y))
        shade = QColor(foreground)
        shade.setAlpha(14)  # every other row a shade of the text colour: light or dark theme
        for n, row in enumerate(c.rows):
            y = top + n * row_h
            if n % 2 == 0:
                p.fillRect(QRectF(x0, y, x1 - x0, row_h), shade)
            p.setPen(self.palette().color(self.foregroundRole()))
            title = fm.elidedText(row.title, Qt.TextElideMode.ElideRight, label_w - 6)
            p.drawText(QPointF(2, y + (row_h + fm.ascent() - fm.descent()) / 2), title)
            colour = QColor(PHASE_COLOURS.get(row.key, "#5f6368"))
            for bar in row.bars:
                w = max(x(bar.end) - x(bar.start), 2.0)
                p.fillRect(QRectF(x(bar.start), y + 3, w, row_h - 6), colour)
        for m in c.markers:
            mx = x(m.at)
            if m.kind in ("detected", "closed"):
                pen = QPen(self.palette().color(self.foregroundRole()))
                pen.setStyle(Qt.PenStyle.DashLine)
                p.setPen(pen)
                p.drawLine(QPointF(mx, 4), QPointF(mx, axis_y))
            elif m.kind == "inject":
                p.setPen(QPen(QColor("#888888"), 1.5))
                p.drawLine(QPointF(mx, top - 8), QPointF(mx, top - 2))
            else:
                colour = QColor(status_colour(MARKER_STATUS.get(m.kind, Status.INFO)))
                p.setPen(colour)
                p.setBrush(colour)
                p.drawPolygon(
                    QPolygonF(
                        [QPointF(mx, top - 2), QPointF(mx - 5, top - 10), QPointF(mx + 5, top - 10)]
                    )
                )
                label = str(m.number)
                p.drawText(QPointF(mx + 6, top - 6), label)
                p.setBrush(Qt.BrushStyle.NoBrush)
        p.end()
