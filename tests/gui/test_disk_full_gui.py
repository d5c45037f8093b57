"""Disk full while logging: the entry stays in the field, the message says why, and
it saves once space returns (the store raises SaveFailed, the quick log shows it)."""

from __future__ import annotations

from crisisdesk.ui.cockpit.quick_log import QuickLogBar


def test_disk_full_keeps_the_typed_entry_and_recovers(qtbot, demo) -> None:  # type: ignore[no-untyped-def]
    incident = demo.incidents.start(title="Outage", playbook=demo.playbooks.get("generic"))
    bar = QuickLogBar(demo.incidents, incident)
    qtbot.addWidget(bar)
    bar.show()
    conn = demo.ctx.handbook.conn
    events_before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
    typed = "Backup server unreachable since 09:12 " + "x" * 20000
    bar.edit.setText(typed)
    with qtbot.assertNotEmitted(bar.saved):
        assert bar.save() is False
    assert bar.edit.text() == typed
    assert "Not saved" in bar.error.text() and "disk is full" in bar.error.text()
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == events_before
    conn.execute("PRAGMA max_page_count = 1073741823")  # space is back
    with qtbot.waitSignal(bar.saved, timeout=1000):
        assert bar.save() is True
    assert bar.edit.text() == ""
    assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == events_before + 1
