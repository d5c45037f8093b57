"""Interface language: the View > Language setting, Qt's own texts and the locale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton

from crisisdesk.domain.i18n import _, current_language, format_date, format_number
from crisisdesk.ui import language
from crisisdesk.ui.main_window import MainWindow


@pytest.fixture
def restore_language(qapp: QApplication) -> Iterator[None]:
    yield
    language.apply_language(qapp, "en")
    QLocale.setDefault(QLocale.c())


def test_qt_ships_its_dutch_dialog_texts() -> None:
    catalog = language.qt_catalog("nl")
    assert catalog is not None and catalog.name == "qtbase_nl.qm"
    assert language.qt_catalog("en") is None


def test_dutch_reaches_our_strings_qt_dialogs_dates_and_numbers(
    qapp: QApplication,
    qtbot,
    restore_language: None,  # type: ignore[no-untyped-def]
) -> None:
    assert language.apply_language(qapp, "nl") == "nl"
    assert current_language() == "nl"
    assert _("Readiness") == "Gereedheid"
    # Qt's own button texts, as a standard dialog shows them
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    cancel = box.findChild(QPushButton)
    assert cancel.text().replace("&", "") == "Annuleren"
    assert format_number(1234567) == "1.234.567"
    assert format_number(1234.5, 1) == "1.234,5"
    assert format_date(date(2026, 3, 14)) == "14-03-2026"
    assert language.date_edit_format(time=True) == "dd-MM-yyyy HH:mm"
    assert QLocale().toString(1234.5, "f", 1) == "1.234,5"  # Qt's widgets agree

    assert language.apply_language(qapp, "en") == "en"
    assert _("Readiness") == "Readiness"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert format_number(1234.5, 1) == "1,234.5"
    assert format_date(date(2026, 3, 14)) == "14/03/2026"
    assert language.date_edit_format() == "dd/MM/yyyy"


def test_language_menu_stores_the_choice_for_the_next_start(
    qtbot,
    demo,
    qsettings,  # type: ignore[no-untyped-def]
) -> None:
    window = MainWindow(demo, qsettings)
    qtbot.addWidget(window)
    actions = window.language_actions
    assert [a.text() for a in actions.values()] == [
        "Automatic (system language)",
        "English",
        "Nederlands",
    ]
    assert actions["auto"].isChecked()
    actions["nl"].trigger()
    assert qsettings.value(language.SETTING) == "nl"
    assert actions["nl"].isChecked() and not actions["auto"].isChecked()
    assert "started again" in window.statusBar().currentMessage()
    # the interface itself stays as it is until the next start
    assert window.view_menu.title() == "&View"
    # a new window (the next start) shows the stored choice
    again = MainWindow(demo, qsettings)
    qtbot.addWidget(again)
    assert again.language_actions["nl"].isChecked()
