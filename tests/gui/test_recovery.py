"""Opening a damaged handbook in the window: a clear message, nothing written to the
file, and an offer to open the latest good backup (answered here without blocking)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from crisisdesk.domain.errors import CrisisdeskError, HandbookError
from crisisdesk.services.handbook import init_handbook, open_services
from crisisdesk.store.lock import HandbookLock
from crisisdesk.ui.recovery import offer_recovery, run_box
from tests.support.damaged import make_bad_file

# every kind of file that must be refused on open, with words the message must contain
REFUSED = {
    "damaged": "damaged",
    "truncated": "damaged",
    "empty": "empty",
    "text": "not a crisisdesk handbook",
    "other-app": "another application",
    "newer": "newer crisisdesk",
    "unreadable": "cannot be read",
}


def break_file(kind: str, hb: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if kind == "unreadable":
        # root (as in CI) can read anything, so permission is simulated for this file
        # (this inode: once set aside, a restored file in its place is readable again)
        real = os.access
        inode = hb.stat().st_ino

        def access(p, mode):  # type: ignore[no-untyped-def]
            try:
                same = os.stat(p).st_ino == inode
            except OSError:
                same = False
            return False if same and mode == os.R_OK else real(p, mode)

        monkeypatch.setattr(os, "access", access)
        return
    make_bad_file(kind, hb, good)


def refused(hb: Path) -> CrisisdeskError:
    before = hb.read_bytes()
    with pytest.raises(HandbookError) as info:
        open_services(hb)
    assert hb.read_bytes() == before, "nothing may be written to a refused file"
    assert not Path(str(hb) + "-wal").exists() and not Path(str(hb) + "-shm").exists()
    return info.value


class Answer:
    """Stands in for the person in front of the dialog."""

    def __init__(self, open_backup: bool) -> None:
        self.open_backup = open_backup
        self.boxes: list[tuple[str, list[str]]] = []

    def __call__(self, box: QMessageBox) -> bool:
        texts = [b.text() for b in box.buttons()]
        self.boxes.append((box.text() + "\n" + box.informativeText(), texts))
        return self.open_backup


@pytest.fixture
def good_with_backup(tmp_path: Path, gui_clock):  # type: ignore[no-untyped-def]
    hb = tmp_path / "hb.db"
    services = init_handbook(hb, demo=True, clock=gui_clock)
    services.settings.set("organisation.name", "Good state")
    backup = services.backups.backup_now().primary.path
    services.close()
    return hb, backup


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_damaged_handbook_offers_latest_good_backup(  # type: ignore[no-untyped-def]
    qtbot, good_with_backup, kind: str, monkeypatch
) -> None:
    hb, backup = good_with_backup
    break_file(kind, hb, backup, monkeypatch)
    error = refused(hb)
    assert REFUSED[kind] in str(error) and str(hb) in str(error)
    damaged_bytes = hb.read_bytes()
    answer = Answer(open_backup=True)
    services = offer_recovery(hb, error, ask=answer)
    assert services is not None
    try:
        assert services.settings.get("organisation.name") == "Good state"
        assert services.path == hb
    finally:
        services.close()
    text, buttons = answer.boxes[0]
    assert REFUSED[kind] in text and "Nothing was written to this file" in text
    assert "latest good backup is from" in text
    assert any(b.startswith("Open the backup from") for b in buttons) and "Quit" in buttons
    # the refused file survives byte for byte, set aside beside the restored one
    kept = list(hb.parent.glob("hb.db.damaged-*"))
    assert [p.read_bytes() for p in kept] == [damaged_bytes]


@pytest.mark.parametrize("kind", ["damaged", "empty", "other-app"])
def test_declining_the_offer_leaves_everything_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, good_with_backup, kind: str, monkeypatch
) -> None:
    hb, backup = good_with_backup
    break_file(kind, hb, backup, monkeypatch)
    error = refused(hb)
    listing = sorted(p.name for p in hb.parent.rglob("*"))
    before = hb.read_bytes()
    assert offer_recovery(hb, error, ask=Answer(open_backup=False)) is None
    assert hb.read_bytes() == before
    assert sorted(p.name for p in hb.parent.rglob("*")) == listing


def test_no_good_backup_just_explains(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hb = tmp_path / "hb.db"
    hb.write_bytes(b"\x00" * 100)
    folder = tmp_path / "hb-backups"
    folder.mkdir()
    (folder / "hb-20260101T000000000Z.db").write_bytes(b"also broken")
    error = refused(hb)
    answer = Answer(open_backup=True)
    assert offer_recovery(hb, error, ask=answer) is None
    text, buttons = answer.boxes[0]
    assert "No good backup of it was found" in text
    assert buttons == ["Close"]
    assert hb.read_bytes() == b"\x00" * 100


def test_a_handbook_open_elsewhere_is_not_offered_a_backup(qtbot, good_with_backup) -> None:  # type: ignore[no-untyped-def]
    hb, _backup = good_with_backup
    lock = HandbookLock(hb)
    lock.acquire()
    try:
        with pytest.raises(HandbookError) as info:
            open_services(hb)
        answer = Answer(open_backup=True)
        assert offer_recovery(hb, info.value, ask=answer) is None
    finally:
        lock.release()
    text, buttons = answer.boxes[0]
    assert "already open" in text and buttons == ["Close"]


def test_real_box_reports_which_button_was_clicked(qtbot, good_with_backup) -> None:  # type: ignore[no-untyped-def]
    """run_box, the default ``ask``, is True only for the open-backup button."""
    from PySide6.QtCore import QTimer

    from crisisdesk.services.backups import latest_good_backup
    from crisisdesk.ui.recovery import recovery_box

    hb, _backup = good_with_backup
    info = latest_good_backup(hb)
    for click_open in (True, False):
        box = recovery_box(hb, HandbookError("x: broken"), info)
        qtbot.addWidget(box)
        target = box.open_button if click_open else box.buttons()[-1]
        if not click_open:
            target = next(b for b in box.buttons() if b is not box.open_button)
        QTimer.singleShot(0, target.click)
        assert run_box(box) is click_open
