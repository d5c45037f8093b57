"""The one status colour scale and text sizes, shared by every view.

The scale follows the application's palette, so the system's light or dark theme
(and the high-contrast mode) is respected everywhere: darker colours on a light
window, lighter ones on a dark window. Whatever the palette, every status colour is
made to reach WCAG AA contrast for text (4.5:1) against the palette's window, base
and alternate-base colours. Widgets coloured through ``style_status`` are coloured
again when the palette changes (``restyle``)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from crisisdesk.domain.readiness import Status

# Never colour alone: every status also has a symbol and a word.
LIGHT_STATUS_COLOURS = {
    Status.OK: "#1e7b34",  # green
    Status.WARN: "#a15c00",  # amber, dark enough for text on white
    Status.BAD: "#b3261e",  # red
    Status.INFO: "#5f6368",  # neutral grey
}
DARK_STATUS_COLOURS = {
    Status.OK: "#6cd98a",  # green
    Status.WARN: "#f2b456",  # amber
    Status.BAD: "#ff8f87",  # red
    Status.INFO: "#b4b8bd",  # neutral grey
}
STATUS_SYMBOLS = {Status.OK: "✓", Status.WARN: "!", Status.BAD: "✕", Status.INFO: "i"}
MIN_CONTRAST = 4.5  # WCAG AA for normal text

LARGE_TEXT_FACTOR = 1.35

BACKGROUND_ROLES = (
    QPalette.ColorRole.Window,
    QPalette.ColorRole.Base,
    QPalette.ColorRole.AlternateBase,
)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance (0 black .. 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 .. 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(palette: QPalette) -> bool:
    """A dark theme: the window is darker than its text."""
    return luminance(palette.color(QPalette.ColorRole.Window)) < luminance(
        palette.color(QPalette.ColorRole.WindowText)
    )


@lru_cache(maxsize=32)
def _readable(colour: str, backgrounds: tuple[str, ...], dark: bool) -> str:
    """``colour``, made lighter (dark theme) or darker (light theme) in small steps
    until it reaches MIN_CONTRAST against every background."""
    current = QColor(colour)
    grounds = [QColor(b) for b in backgrounds]
    for _step in range(40):
        if all(contrast(current, g) >= MIN_CONTRAST for g in grounds):
            break
        current = current.lighter(108) if dark else current.darker(108)
        if dark and current.lightness() >= 250:
            current = QColor("#ffffff")
        elif not dark and current.lightness() <= 5:
            current = QColor("#000000")
    return str(current.name())


def status_colours(palette: QPalette) -> dict[str, str]:
    """The status colour scale for ``palette``: the light or dark set, each colour
    readable on the palette's window, base and alternate-base colours."""
    dark = is_dark(palette)
    scale = DARK_STATUS_COLOURS if dark else LIGHT_STATUS_COLOURS
    backgrounds = tuple(palette.color(role).name() for role in BACKGROUND_ROLES)
    return {status: _readable(colour, backgrounds, dark) for status, colour in scale.items()}


def status_colour(status: str) -> str:
    """The colour of ``status`` for the application's current palette."""
    return status_colours(QApplication.palette())[status]


# Style templates for style_status: {colour} is the status colour.
TEXT = "color: {colour};"
BOLD = "color: {colour}; font-weight: bold;"
_STATUS = "crisisdeskStatus"
_TEMPLATE = "crisisdeskStatusStyle"


def style_status(widget: QWidget, status: str | None, template: str = BOLD) -> None:
    """Give ``widget`` the style sheet ``template`` with the colour of ``status``
    filled in (None: no status style); it is filled in again by ``restyle`` when the
    palette changes (system theme switched, high contrast on or off)."""
    widget.setProperty(_STATUS, status)
    widget.setProperty(_TEMPLATE, template)
    if status is None:
        widget.setStyleSheet("")
    else:
        widget.setStyleSheet(template.replace("{colour}", status_colour(status)))


def restyle(widgets: Iterable[QWidget]) -> None:
    """Fill in the status colours again for the current palette."""
    for widget in widgets:
        status = widget.property(_STATUS)
        if status:
            style_status(widget, str(status), str(widget.property(_TEMPLATE)))
