"""The system's light and dark themes: status colours readable, nothing hard-coded that
turns dark-on-dark, colours picked again when the theme or high contrast switches."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QCheckBox, QLabel, QTextEdit, QWidget

from crisisdesk.domain.readiness import Status
from crisisdesk.ui.main_window import AREA_KEYS
from crisisdesk.ui.style import (
    BACKGROUND_ROLES,
    DARK_STATUS_COLOURS,
    LIGHT_STATUS_COLOURS,
    MIN_CONTRAST,
    contrast,
    is_dark,
    status_colour,
    status_colours,
    style_status,
)
from crisisdesk.ui.theme import ReadableStyle, apply_contrast, high_contrast_palette
from tests.gui.test_cockpit import start
from tests.gui.test_main_window import make_window
from tests.support.palettes import DARK_THEMES, THEMES, theme_palette

Role = QPalette.ColorRole


def _grey_palette() -> QPalette:
    """A mid-grey theme: neither set reads well on it as it is."""
    palette = theme_palette("fusion-dark")
    for role, colour in (
        (Role.Window, "#5b5b5b"),
        (Role.Base, "#505050"),
        (Role.AlternateBase, "#585858"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


PALETTES = {name: (lambda n=name: theme_palette(n)) for name in THEMES} | {
    "high-contrast": high_contrast_palette,
    "mid-grey": _grey_palette,
}


@pytest.fixture
def themed(qapp: QApplication) -> Iterator[QApplication]:
    """The application with its palette (and high contrast) put back afterwards."""
    palette = qapp.palette()
    yield qapp
    apply_contrast(qapp, False)
    qapp.setPalette(palette)


@pytest.mark.parametrize("name", PALETTES)
def test_every_status_colour_reads_on_the_palettes_backgrounds(name: str, qapp) -> None:  # type: ignore[no-untyped-def]
    palette = PALETTES[name]()
    colours = status_colours(palette)
    assert set(colours) == {Status.OK, Status.WARN, Status.BAD, Status.INFO}
    assert len(set(colours.values())) == 4  # four different colours
    for status, colour in colours.items():
        for role in BACKGROUND_ROLES:
            ratio = contrast(QColor(colour), palette.color(role))
            assert ratio >= MIN_CONTRAST, (name, status, colour, role.name, ratio)
        # lighter than the background in a dark theme, darker in a light one
        text_is_lighter = QColor(colour).lightness() > palette.color(Role.Window).lightness()
        assert text_is_lighter == is_dark(palette), (name, status)


def test_the_dark_set_is_chosen_for_dark_themes_and_the_light_set_for_light_ones(qapp) -> None:  # type: ignore[no-untyped-def]
    for name in DARK_THEMES:
        assert is_dark(theme_palette(name))
        assert status_colours(theme_palette(name)) == DARK_STATUS_COLOURS
    assert status_colours(theme_palette("fusion-light")) == LIGHT_STATUS_COLOURS
    assert not is_dark(high_contrast_palette())


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#123456"), QColor("#123456")) == pytest.approx(1.0)


# -- every view under a dark theme -------------------------------------------------------
HEX = r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|\b[a-z]+\b"
TEXT_COLOUR = re.compile(rf"(?<![-\w])color\s*:\s*({HEX})")
BACKGROUND = re.compile(rf"background(?:-color)?\s*:\s*({HEX})")


def _colours(pattern: re.Pattern[str], text: str) -> list[QColor]:
    found = [QColor(m) for m in pattern.findall(text) if m != "palette"]
    return [c for c in found if c.isValid()]


def _window_with_everything(qtbot, demo, qsettings):  # type: ignore[no-untyped-def]
    """The main window with every view built and an exercise running in the cockpit."""
    incident = start(demo, exercise=True)
    demo.exercises.load_scenario(incident, demo.exercises.scenarios()[0])
    window = make_window(qtbot, demo, qsettings)
    for key in AREA_KEYS:
        window.show_area(key)
    return window


def _problems(window: QWidget, palette: QPalette) -> list[str]:
    """Text colours a style sheet, rich text or item model fixes that do not read on
    the background they get; fixed backgrounds that leave the text colour to the
    palette (dark text from a light theme on them, or light from a dark one)."""
    backgrounds = [palette.color(role) for role in BACKGROUND_ROLES]
    problems = []
    for widget in [window, *window.findChildren(QWidget)]:
        sheet = widget.styleSheet()
        name = f"{type(widget).__name__}({widget.objectName()})"
        fixed = _colours(BACKGROUND, sheet)
        texts = _colours(TEXT_COLOUR, sheet)
        if fixed and not texts:
            problems.append(f"{name}: background {fixed[0].name()} without a text colour")
        for text in texts:
            for ground in fixed or backgrounds:
                if contrast(text, ground) < MIN_CONTRAST:
                    problems.append(f"{name}: {text.name()} on {ground.name()}")
        if isinstance(widget, (QLabel, QTextEdit)):
            html = widget.text() if isinstance(widget, QLabel) else widget.toHtml()
            rich = html.replace(palette.color(Role.Text).name(), "")  # Qt writes the default
            for text in _colours(TEXT_COLOUR, rich):
                for ground in backgrounds:
                    if contrast(text, ground) < MIN_CONTRAST:
                        problems.append(f"{name} rich text: {text.name()} on {ground.name()}")
            sheet = widget.document().defaultStyleSheet() if isinstance(widget, QTextEdit) else ""
            for ground in _colours(BACKGROUND, sheet):
                if contrast(palette.color(Role.Text), ground) < MIN_CONTRAST:
                    problems.append(f"{name} rich text background {ground.name()}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(), 60)):
                for column in range(
                    1 if isinstance(model, QAbstractListModel) else model.columnCount()
                ):
                    brush = model.index(row, column).data(Qt.ItemDataRole.ForegroundRole)
                    if brush is None:
                        continue
                    colour = brush.color() if hasattr(brush, "color") else QColor(brush)
                    for ground in backgrounds:
                        if contrast(colour, ground) < MIN_CONTRAST:
                            problems.append(f"{name} row {row}: {colour.name()} on {ground.name()}")
    return problems


@pytest.mark.parametrize("theme", ["fusion-dark", "breeze-dark", "fusion-light"])
def test_no_view_fixes_a_colour_that_does_not_read_in_the_theme(
    qtbot, demo, qsettings, themed, theme
) -> None:  # type: ignore[no-untyped-def]
    themed.setPalette(theme_palette(theme))
    window = _window_with_everything(qtbot, demo, qsettings)
    window.views["plan"].sections.setCurrentRow(2)  # a section with a table
    cockpit = window.views["incidents"].cockpit
    for tab in range(cockpit.tabs.count()):
        cockpit.tabs.setCurrentIndex(tab)
    assert _problems(window, themed.palette()) == []


def test_the_check_finds_dark_on_dark(qtbot, demo, qsettings, themed) -> None:  # type: ignore[no-untyped-def]
    themed.setPalette(theme_palette("fusion-dark"))
    window = make_window(qtbot, demo, qsettings)
    label = QLabel("fixed", window.views["readiness"])
    label.setStyleSheet("color: #333333;")
    boxed = QLabel("boxed", window.views["readiness"])
    boxed.setStyleSheet("background: #ffffff;")
    problems = _problems(window, themed.palette())
    assert any("#333333" in p for p in problems)
    assert any("background #ffffff without a text colour" in p for p in problems)


def test_status_colours_follow_a_switch_of_theme_and_high_contrast(
    qtbot, demo, qsettings, themed
) -> None:  # type: ignore[no-untyped-def]
    themed.setPalette(theme_palette("fusion-light"))
    window = make_window(qtbot, demo, qsettings)
    readiness = window.views["readiness"]
    row = readiness.rows[0]
    badge = next(w for w in row.findChildren(QLabel) if "font-weight" in w.styleSheet())
    status = row.finding.status

    def shown() -> str:
        return _colours(TEXT_COLOUR, badge.styleSheet())[0].name()

    assert shown() == LIGHT_STATUS_COLOURS[status]
    themed.setPalette(theme_palette("fusion-dark"))  # the desktop switches to dark
    qtbot.waitUntil(lambda: shown() == DARK_STATUS_COLOURS[status])
    assert status_colour(status) == DARK_STATUS_COLOURS[status]
    # high contrast on top of dark: black on white, the light set; off: dark again
    window.high_contrast_action.trigger()
    assert themed.palette().color(Role.Window).name() == "#ffffff"
    qtbot.waitUntil(lambda: shown() == LIGHT_STATUS_COLOURS[status])
    window.high_contrast_action.trigger()
    assert themed.palette().color(Role.Window).name() == THEMES["fusion-dark"][0]
    qtbot.waitUntil(lambda: shown() == DARK_STATUS_COLOURS[status])


def test_style_status_keeps_the_rest_of_the_style_and_clears(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    label = QLabel("x")
    qtbot.addWidget(label)
    style_status(label, Status.BAD, "border: 1px solid {colour}; color: {colour};")
    colour = status_colour(Status.BAD)
    assert label.styleSheet() == f"border: 1px solid {colour}; color: {colour};"
    style_status(label, None)
    assert label.styleSheet() == ""


def test_check_boxes_keep_a_visible_frame_in_a_dark_theme(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """Fusion's frame is a shade darker than the window: on a dark theme it all but
    vanishes. ReadableStyle draws it from the text colour there."""
    palette = theme_palette("fusion-dark")

    def frame_contrast(style) -> float:  # type: ignore[no-untyped-def]
        box = QCheckBox("Done")
        qtbot.addWidget(box)
        box.setPalette(palette)
        if style is not None:
            box.setStyle(style)
        box.resize(box.sizeHint())
        image = box.grab().toImage()
        ground = palette.color(Role.Window)
        size = min(image.height(), 18)
        return max(
            contrast(QColor(image.pixel(x, y)), ground) for x in range(size) for y in range(size)
        )

    plain = frame_contrast(None)
    readable = ReadableStyle(qapp.style().name())
    assert frame_contrast(readable) >= 3.0 > plain  # WCAG: 3:1 for parts of controls
