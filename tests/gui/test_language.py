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


def test_the_dutch_cockpit_shows_no_english_codes(
    qapp: QApplication,
    qtbot,
    demo,
    restore_language: None,  # type: ignore[no-untyped-def]
) -> None:
    """Severity, the MUST marker, owner roles, scope and deadline states in words."""
    from crisisdesk.ui.cockpit.cockpit import Cockpit
    from crisisdesk.ui.cockpit.models import ChecklistModel
    from tests.gui.test_cockpit import start

    language.apply_language(qapp, "nl")
    incident = start(demo, severity="high")
    demo.incidents.add_scope(incident, "system", "fileserver-01", "isolated")
    cockpit = Cockpit(demo.incidents, incident)
    qtbot.addWidget(cockpit)
    assert "ernst HOOG" in cockpit.header.title.text()
    model = cockpit.checklist.model
    texts = [model.index(r, ChecklistModel.TEXT).data() for r in range(model.rowCount())]
    musts = [t for t in texts if t.startswith("VERPLICHT · ")]
    assert musts and not [t for t in texts if "MUST" in t]
    owners = {model.index(r, ChecklistModel.OWNER).data() for r in range(model.rowCount())}
    assert owners and not [o for o in owners if o and "-" in o and o.islower()]  # no keys
    scope = cockpit.scope.model
    assert [scope.index(0, c).data() for c in (0, 2)] == ["systeem", "geïsoleerd"]
    deadlines = cockpit.deadlines.model
    words = {deadlines.index(r, 1).data() for r in range(deadlines.rowCount())}
    assert words and words <= {"loopt", "verloopt bijna", "TE LAAT", "verzonden", "wacht"}
    runs_from = [deadlines.index(r, 4).data() for r in range(deadlines.rowCount())]
    assert any("kennisname" in r for r in runs_from)
