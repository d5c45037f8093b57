"""Contacts (the full view is built by its own issue; this shows what the handbook holds)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from crisisdesk.domain.i18n import _
from crisisdesk.services.changes import Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui.widgets import EmptyState, Heading


class ContactsView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(_("Contacts")))
        self.empty = EmptyState(
            _("No contacts yet"),
            _(
                "Add the crisis team and the external parties you will need to call: the IT-security specialist, the insurer, the police and the data-protection authority."
            ),
        )
        layout.addWidget(self.empty, 1)

    def on_changed(self, change: Changed) -> None:
        pass
