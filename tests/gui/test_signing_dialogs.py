from __future__ import annotations

import os
from pathlib import Path

from crisisdesk.domain.clock import FixedClock
from crisisdesk.export.keys import create_key
from crisisdesk.services.handbook import Services
from crisisdesk.ui.dialogs.signing import CreateKeyDialog, ExportLogDialog, VerifyDialog
from crisisdesk.ui.tasks import SyncTaskRunner
from tests.support.incident_story import write_incident

PASS = "correct horse battery"
SHOTS = os.environ.get("CRISISDESK_SCREENSHOTS")  # a folder: save pictures to look at


def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_export_then_verify_in_the_window(
    qtbot, demo: Services, gui_clock: FixedClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    incident = write_incident(demo, gui_clock)
    key = tmp_path / "lead.p12"
    create_key(key, name="Zoë de Vries", passphrase=PASS, now=gui_clock.now(), kdf_rounds=2000)
    before = demo.incidents.get(incident).event_count

    export = ExportLogDialog(demo, SyncTaskRunner(), incident)
    qtbot.addWidget(export)
    out = tmp_path / "log.pdf"
    export.file.edit.setText(str(out))
    export.key.edit.setText(str(key))
    export.passphrase.setText(PASS)
    export.role.setText("crisis lead")
    export.export()
    qtbot.waitUntil(lambda: export.result is not None)
    assert out.exists()
    assert export.passphrase.text() == ""  # not kept around
    assert "Checkpoint code: 13-" in export.message.text()
    assert demo.incidents.get(incident).event_count == before + 1  # the export is logged
    shot(export, "export-dialog")

    dialog = VerifyDialog(SyncTaskRunner())
    qtbot.addWidget(dialog)
    dialog.resize(760, 560)
    dialog.file.edit.setText(str(out))
    dialog.trust.edit.setText(str(key.with_suffix(".crt")))
    dialog.codes.setText(export.result.checkpoint)  # type: ignore[union-attr]
    dialog.verify()
    qtbot.waitUntil(lambda: dialog.result is not None)
    assert dialog.result.ok
    assert dialog.verdict.text().startswith("VERIFIED")
    assert "Zoë de Vries" in dialog.facts.text()
    assert dialog.checks.count() == len(dialog.result.passed)
    shot(dialog, "verify-ok")

    dialog.trust.edit.clear()
    dialog.verify()
    qtbot.waitUntil(lambda: dialog.verdict.text().startswith("NOT VERIFIED"))
    assert dialog.checks.item(0).text().startswith("✗")
    assert "not trusted" in dialog.checks.item(0).text()
    shot(dialog, "verify-failed")


def test_export_with_wrong_passphrase_shows_the_error(
    qtbot, demo: Services, gui_clock: FixedClock, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    incident = write_incident(demo, gui_clock)
    key = tmp_path / "lead.p12"
    create_key(key, name="Lead", passphrase=PASS, now=gui_clock.now(), kdf_rounds=2000)
    export = ExportLogDialog(demo, SyncTaskRunner(), incident)
    qtbot.addWidget(export)
    export.file.edit.setText(str(tmp_path / "log.pdf"))
    export.key.edit.setText(str(key))
    export.passphrase.setText("wrong wrong")
    export.export()
    qtbot.waitUntil(lambda: "wrong passphrase" in export.message.text())
    assert export.export_button.isEnabled()
    assert not (tmp_path / "log.pdf").exists()


def test_create_key_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = CreateKeyDialog(SyncTaskRunner(), tmp_path)
    qtbot.addWidget(dialog)
    dialog.name.setText("Zoë de Vries")
    dialog.passphrase.setText(PASS)
    dialog.again.setText(PASS + "x")
    dialog.create()
    assert "differ" in dialog.message.text()
    assert not (tmp_path / "signing-key.p12").exists()
    dialog.again.setText(PASS)
    dialog.create()
    qtbot.waitUntil(lambda: dialog.created is not None)
    assert (tmp_path / "signing-key.p12").exists()
    assert (tmp_path / "signing-key.crt").exists()
    assert dialog.created.fingerprint in dialog.message.text()
    assert dialog.passphrase.text() == ""
    shot(dialog, "create-key")


def test_menus_open_the_signing_dialogs(
    qtbot, demo: Services, gui_clock: FixedClock, qsettings
) -> None:  # type: ignore[no-untyped-def]
    from crisisdesk.ui.main_window import MainWindow

    window = MainWindow(demo, qsettings, SyncTaskRunner())
    qtbot.addWidget(window)
    assert window.verify_action in window.file_menu.actions()
    assert window.create_key_action in window.file_menu.actions()
    assert window.export_log_action in window.incident_menu.actions()
    assert window.show_export_log() is None  # no incident yet: says so, opens nothing
    assert "no incident" in window.statusBar().currentMessage()
    assert window.show_checkpoint() is None
    window.verify_action.trigger()
    assert window.verify_dialog.isVisible()
    window.create_key_action.trigger()
    assert window.create_key_dialog.isVisible()
    incident = write_incident(demo, gui_clock)
    window.export_log_action.trigger()
    assert window.export_dialog.incident_id == incident
    before = demo.incidents.get(incident).event_count
    window.checkpoint_action.trigger()
    events = list(demo.incidents.events(incident))
    assert events[-1].kind == "checkpoint.shown"
    assert events[-1].payload["count"] == before
    assert events[-1].payload["code"] in window.checkpoint_box.text()
    shot(window.checkpoint_box, "checkpoint")
