"""Readiness: is the organisation ready for the next crisis? (the between-crises home)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.clock import parse_iso
from crisisdesk.domain.i18n import _, format_date, format_datetime, ngettext
from crisisdesk.domain.readiness import Finding, Status, assess
from crisisdesk.services.changes import Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui.style import STATUS_SYMBOLS, style_status
from crisisdesk.ui.widgets import Heading


def status_word(status: str) -> str:
    return {
        Status.OK: _("OK"),
        Status.WARN: _("Attention"),
        Status.BAD: _("Action needed"),
        Status.INFO: _("Info"),
    }[status]


# Finding parameters holding dates (ISO, as data) and how the interface writes them.
_DATES = {"last": lambda v: format_date(date.fromisoformat(v)), "due": lambda v: format_date(date.fromisoformat(v)), "when": lambda v: format_datetime(parse_iso(v))}  # fmt: skip


def finding_text(f: Finding) -> str:
    p = {k: _DATES[k](v) if k in _DATES and isinstance(v, str) else v for k, v in f.params.items()}
    texts = {
        "incident_running": lambda: _("Incident running: {titles}").format(
            titles=", ".join(p.get("titles", []))
        ),
        "plan_never_reviewed": lambda: _("The crisis plan has never been reviewed"),
        "plan_review_overdue": lambda: ngettext(
            "Plan review overdue by {days} day (last review {last})",
            "Plan review overdue by {days} days (last review {last})",
            p["days"],
        ).format(**p),
        "plan_review_due_soon": lambda: ngettext(
            "Plan review due in {days} day (by {due})",
            "Plan review due in {days} days (by {due})",
            p["days"],
        ).format(**p),
        "plan_reviewed": lambda: _("Plan reviewed on {last}; next review by {due}").format(**p),
        "no_contacts": lambda: _("No contacts yet: add the crisis team and external parties"),
        "contacts_unverified": lambda: ngettext(
            "{count} of {total} contacts not verified in {days} days",
            "{count} of {total} contacts not verified in {days} days",
            p["count"],
        ).format(**p),
        "contacts_verified": lambda: _("All {total} contacts verified recently").format(**p),
        "no_roles": lambda: _("No crisis-team roles defined"),
        "roles_unfilled": lambda: ngettext(
            "{count} crisis-team role has no person assigned",
            "{count} crisis-team roles have no person assigned",
            p["count"],
        ).format(**p),
        "roles_filled": lambda: _("All {total} crisis-team roles have a person").format(**p),
        "no_playbooks": lambda: _("No playbooks available"),
        "playbooks_stale": lambda: ngettext(
            "{count} playbook not reviewed within a year",
            "{count} playbooks not reviewed within a year",
            p["count"],
        ).format(**p),
        "playbooks_current": lambda: _(
            "{total} playbooks ({languages}), reviewed within a year"
        ).format(total=p["total"], languages=" + ".join(x.upper() for x in p["languages"])),
        "open_actions": lambda: "\n• ".join(
            [
                ngettext(
                    "{count} open improvement action:",
                    "{count} open improvement actions:",
                    p["count"],
                ).format(count=p["count"]),
                *p.get("items", []),
            ]
        ),
        "playbook_never_exercised": lambda: _("{title}: playbook never exercised").format(**p),
        "playbook_exercise_overdue": lambda: _(
            "{title}: last exercised {last}, more than a year ago"
        ).format(**p),
        "playbooks_exercised": lambda: ngettext(
            "{count} playbook exercised within a year",
            "{count} playbooks exercised within a year",
            p["count"],
        ).format(**p),
        "last_backup": lambda: (
            _("Last backup: {when}").format(**p) if p.get("when") else _("No backup made yet")
        ),
    }
    return texts[f.code]() if f.code in texts else f.code


# finding code -> (button text, area the button opens)
FINDING_ACTIONS: dict[str, tuple[Callable[[], str], str]] = {
    "plan_never_reviewed": (lambda: _("Review"), "plan"),
    "plan_review_overdue": (lambda: _("Review"), "plan"),
    "plan_review_due_soon": (lambda: _("Review"), "plan"),
    "no_contacts": (lambda: _("Add"), "contacts"),
    "contacts_unverified": (lambda: _("Show"), "contacts"),
    "no_roles": (lambda: _("Set up"), "team"),
    "roles_unfilled": (lambda: _("Show"), "team"),
    "last_backup": (lambda: _("Backups…"), "backups"),  # not an area: the Backups dialog
    # An exercise is started from Incidents (F2, "This is an exercise", a scenario).
    "playbook_never_exercised": (lambda: _("Practise"), "incidents"),
    "playbook_exercise_overdue": (lambda: _("Practise"), "incidents"),
}


class FindingRow(QFrame):
    actionRequested = Signal(str)  # the area to open

    def __init__(self, finding: Finding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setObjectName("findingRow")
        style_status(
            self,
            finding.status,
            "#findingRow { border-left: 6px solid {colour}; background: palette(base);"
            " padding: 4px; }",
        )
        layout = QHBoxLayout(self)
        badge = QLabel(f"{STATUS_SYMBOLS[finding.status]}  {status_word(finding.status)}")
        badge.setMinimumWidth(150)
        style_status(badge, finding.status)
        self.text = QLabel(finding_text(finding))
        self.text.setWordWrap(True)
        layout.addWidget(badge)
        layout.addWidget(self.text, 1)
        self.button: QPushButton | None = None
        if finding.code in FINDING_ACTIONS:
            label, area = FINDING_ACTIONS[finding.code]
            self.button = QPushButton(label())
            self.button.setAccessibleName(f"{label()}: {self.text.text()}")
            self.button.clicked.connect(lambda _checked=False, a=area: self.actionRequested.emit(a))
            layout.addWidget(self.button)
        self.setAccessibleName(f"{status_word(finding.status)}: {self.text.text()}")


class ReadinessView(QWidget):
    """The findings of the readiness rules, most urgent first; a finding that asks for
    action has a button that opens the area where it is done."""

    navigateRequested = Signal(str)  # an area key; the main window shows it

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        outer = QVBoxLayout(self)
        self.heading = Heading(_("Readiness"))
        self.subtitle = QLabel()
        outer.addWidget(self.heading)
        outer.addWidget(self.subtitle)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._list = QWidget()
        self._rows = QVBoxLayout(self._list)
        self._rows.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(self._list)
        outer.addWidget(scroll, 1)
        self.rows: list[FindingRow] = []
        self.refresh()

    def on_changed(self, change: Changed) -> None:
        self.refresh()  # every area feeds readiness

    def refresh(self) -> None:
        facts = self._services.readiness.facts()
        org = facts.organisation or _("(organisation not set)")
        self.subtitle.setText(
            _("{org} · plan version {version}").format(org=org, version=facts.plan_version)
        )
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = [FindingRow(f) for f in assess(facts)]  # the same facts, read once
        for row in self.rows:
            row.actionRequested.connect(self.navigateRequested)
            self._rows.addWidget(row)
