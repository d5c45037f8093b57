"""Playbooks (the full view is built by its own issue; this shows what the handbook holds)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from crisisdesk.domain.i18n import _
from crisisdesk.services.changes import Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui.widgets import EmptyState, Heading


class PlaybooksView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(_("Playbooks")))
        self.empty = EmptyState(
            _("No playbooks yet"),
            _(
                "Playbooks guide you through each phase of a crisis. Add your organisation's own playbook from a markdown file."
            ),
        )
        layout.addWidget(self.empty, 1)

    def on_changed(self, change: Changed) -> None:
        pass
