"""A handbook that cannot be opened: say why, and offer the latest good backup.

Nothing is written to the refused file. When the user accepts, the latest backup that
passes every check is restored in its place; the refused file is first backed up (when
it is a sound handbook, e.g. one from a newer version) or set aside untouched under a
``.damaged-`` name, so nothing is ever lost. The question is a plain QMessageBox
handed to ``ask``, so tests answer it without a blocking dialog.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from crisisdesk.domain.errors import CrisisdeskError, HandbookLocked
from crisisdesk.domain.i18n import _, format_datetime
from crisisdesk.services.backups import BackupInfo, latest_good_backup, restore_handbook
from crisisdesk.services.handbook import Services, open_services
from crisisdesk.ui.backups import human_size

Ask = Callable[[QMessageBox], bool]  # shows the box; True when "open the backup" was chosen


def run_box(box: QMessageBox) -> bool:
    box.exec()
    return box.clickedButton() is getattr(box, "open_button", None)


def _writable_place(path: Path) -> bool:
    folder = path.parent
    return folder.is_dir() and os.access(folder, os.W_OK)


def recovery_box(
    path: Path, error: CrisisdeskError, backup: BackupInfo | None, parent: QWidget | None = None
) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_("Cannot open handbook"))
    text = str(error) + "\n\n" + _("Nothing was written to this file.")
    if backup is None:
        box.setText(text)
        box.setInformativeText(
            _("No good backup of it was found in {folder}.").format(
                folder=path.with_name(path.stem + "-backups")
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        return box
    when = format_datetime(backup.made_at)
    box.setText(text)
    box.setInformativeText(
        _(
            "The latest good backup is from {when} ({size}). Open it instead?\n\n"
            "It takes the handbook's place; the file that could not be opened is kept "
            "beside it, unchanged."
        ).format(when=when, size=human_size(backup.size))
    )
    box.open_button = box.addButton(  # type: ignore[attr-defined]
        _("Open the backup from {when}").format(when=when), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.open_button)  # type: ignore[attr-defined]
    box.backup = backup  # type: ignore[attr-defined]
    return box


def offer_recovery(
    path: Path, error: CrisisdeskError, ask: Ask = run_box, parent: QWidget | None = None
) -> Services | None:
    """Explain why ``path`` cannot be opened; on request restore the latest good backup.

    Returns the services over the restored handbook, or None (nothing opened).
    """
    backup = None
    if not isinstance(error, HandbookLocked) and _writable_place(path):
        backup = latest_good_backup(path)
    box = recovery_box(path, error, backup, parent)
    if not ask(box) or backup is None:
        return None
    try:
        restore_handbook(path, backup.path)
        return open_services(path)
    except CrisisdeskError as exc:
        ask(recovery_box(path, exc, None, parent))
        return None
