"""Crisis plan (the full view is built by its own issue; this shows what the handbook holds)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from crisisdesk.domain.i18n import _
from crisisdesk.services.changes import Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui.widgets import EmptyState, Heading


class PlanView(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        layout = QVBoxLayout(self)
        layout.addWidget(Heading(_("Crisis plan")))
        self.empty = EmptyState(
            _("No plan sections yet"),
            _(
                "Write the crisis plan: scope, activation criteria, the crisis team and its responsibilities, escalation, communication, recovery priorities, monitoring and training."
            ),
        )
        layout.addWidget(self.empty, 1)

    def on_changed(self, change: Changed) -> None:
        pass
