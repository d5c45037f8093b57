"""Bridge from the services' change notifier to a Qt signal views connect to."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from crisisdesk.services.changes import Changed, ChangeNotifier


class ChangeBridge(QObject):
    changed = Signal(object)  # a services.changes.Changed

    def __init__(self, notifier: ChangeNotifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._notifier = notifier
        notifier.subscribe(self._forward)

    def _forward(self, change: Changed) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        self._notifier.unsubscribe(self._forward)
