"""Walk a window's Tab order with real key presses and check it against the screen.

Reading order is decided the way a reader sees blocks: two controls are compared
through the children of their closest common ancestor that hold them (a splitter's
left pane comes before its right pane as a whole; inside a pane, top to bottom, then
left to right). Two blocks are on the same row when one's vertical middle lies
within the other's height; then the left one comes first, else the upper one.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    label = text() if callable(text) else ""
    name = widget.objectName() or widget.accessibleName() or label
    return f"{type(widget).__name__}({name!r})"


def tab_stops(window: QWidget) -> list[QWidget]:
    """The controls Tab can reach in ``window``, by Qt's own rule (focusNextPrevChild):
    they take Tab focus, have no focus proxy, are visible and enabled."""
    stops = []
    for widget in window.findChildren(QWidget):
        if (
            widget.window() is window
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
            and widget.isVisibleTo(window)
            and widget.isEnabled()
        ):
            stops.append(widget)
    return stops


def _rect(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _chain(widget: QWidget, window: QWidget) -> list[QWidget]:
    """``widget`` and its parents up to (not including) ``window``, outermost first."""
    chain: list[QWidget] = []
    current: QWidget | None = widget
    while current is not None and current is not window:
        chain.append(current)
        current = current.parentWidget()
    return list(reversed(chain))


def _same_row(a: QRect, b: QRect) -> bool:
    return a.top() <= b.center().y() <= a.bottom() or b.top() <= a.center().y() <= b.bottom()


def reads_before(a: QWidget, b: QWidget, window: QWidget) -> bool:
    """True when ``a`` comes before ``b`` in reading order on the screen."""
    chain_a, chain_b = _chain(a, window), _chain(b, window)
    depth = 0
    while depth < min(len(chain_a), len(chain_b)) and chain_a[depth] is chain_b[depth]:
        depth += 1
    if depth == len(chain_a):  # a holds b: the container comes first
        return True
    if depth == len(chain_b):
        return False
    ra, rb = _rect(chain_a[depth], window), _rect(chain_b[depth], window)
    if _same_row(ra, rb):
        return ra.left() < rb.left() or (ra.left() == rb.left() and ra.top() < rb.top())
    return ra.top() < rb.top()


# Date and time fields move through their sections (day, month, year, hour, minute)
# on Tab before they let go: a few presses on one control are fine, more are a trap.
SECTIONS = 5


def walk_tab_order(window: QWidget, first: QWidget | None = None) -> list[QWidget]:
    """Press Tab from ``first`` (default: the first stop in reading order) until the
    focus comes back to it; the controls in the order they got the focus. Fails
    on a focus trap (a control that keeps the focus on Tab: a text box that types
    the Tab, a table that walks its cells)."""
    stops = tab_stops(window)
    assert stops, f"{describe(window)} has no control Tab can reach"
    if first is None:
        first = stops[0]
        for widget in stops[1:]:
            if reads_before(widget, first, window):
                first = widget
    window.activateWindow()
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is first, f"{describe(first)} did not take the focus"
    order = [first]
    for _step in range(3 * len(stops) + 3):
        current = QApplication.focusWidget()
        for _press in range(1 + SECTIONS):
            QTest.keyClick(current, Qt.Key.Key_Tab)
            QApplication.processEvents()
            after = QApplication.focusWidget()
            if after is not current:
                break
        assert after is not current, f"focus trap: Tab does not leave {describe(current)}"
        if after is first:
            return order
        assert after not in order, (
            f"Tab cycles without coming back to {describe(first)}: "
            f"{describe(after)} again after {[describe(w) for w in order]}"
        )
        order.append(after)
    raise AssertionError(f"Tab never came back to {describe(first)}")


def assert_tab_order_follows_screen(window: QWidget, first: QWidget | None = None) -> list[QWidget]:
    """Tab reaches every control of ``window`` once, in reading order; returns the order."""
    order = walk_tab_order(window, first)
    missing = [describe(w) for w in tab_stops(window) if w not in order]
    assert not missing, f"Tab never reaches {missing}"
    wrong = [
        f"{describe(a)} -> {describe(b)}"
        for a, b in pairwise(order)
        if not reads_before(a, b, window)
    ]
    assert not wrong, "Tab order goes against the screen: " + "; ".join(wrong)
    return order
