"""Notification deadlines: the legal ones crisisdesk knows, and the organisation's own
(an insurer's notice period, a contract's, a sector rule), which are added here.

Which of them apply is chosen per incident when it is started; a rule of your own is
kept once added, because past incidents may have run on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.deadlines import Moment, OrgRule, regimes
from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import moment_label, notice_timing
from crisisdesk.services.changes import Area, Changed
from crisisdesk.services.handbook import Services
from crisisdesk.ui.cockpit.models import DISPLAY, RowsModel
from crisisdesk.ui.cockpit.panels import make_table
from crisisdesk.ui.widgets import Confirm, Feedback, ask_yes_no

MAX_HOURS = 24 * 366  # a year: longer is a typing mistake


@dataclass(frozen=True)
class DeadlineRow:
    name: str
    timing: str
    source: str
    own: bool
    key: str


def deadline_rows(own_rules: list[OrgRule]) -> list[DeadlineRow]:
    """Every deadline, legal ones first, in words."""
    legal = [notice for regime in regimes() for notice in regime.notices]
    names = {notice.key: notice.name for notice in legal}
    rows = [DeadlineRow(n.name, notice_timing(n, names), n.source, False, n.regime) for n in legal]
    for rule in own_rules:
        (notice,) = rule.as_regime().notices
        rows.append(DeadlineRow(rule.name, notice_timing(notice), rule.description, True, rule.key))
    return rows


class DeadlineRulesModel(RowsModel):
    headers = (
        lambda: _("Deadline"),
        lambda: _("Due"),
        lambda: _("Source / note"),
        lambda: _("Kind"),
    )

    def cell(self, row: DeadlineRow, column: int, role: int) -> Any:
        if role == DISPLAY:
            kind = _("your own ({key})").format(key=row.key) if row.own else _("legal")
            return (row.name, row.timing, row.source, kind)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.name}\n{row.timing}\n{row.source}".strip()
        return None


class DeadlineRulesDialog(QDialog):
    """Incident > Notification deadlines…: the list, and a form to add one's own."""

    def __init__(
        self, services: Services, parent: QWidget | None = None, confirm: Confirm = ask_yes_no
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._confirm = confirm
        self.setWindowTitle(_("Notification deadlines"))
        self.resize(980, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "The deadlines crisisdesk can track. When you start an incident you choose "
                "which apply; the cockpit then counts down from the moments you record."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = DeadlineRulesModel(self)
        self.table = make_table(self.model, stretch=2)
        self.table.setAccessibleName(_("Notification deadlines"))
        # Long timings and sources wrap instead of being cut off.
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 320)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setStyleSheet("QTableView::item { padding: 4px; }")
        layout.addWidget(self.table, 1)

        box = QGroupBox(_("Add a deadline of your own"))
        form = QFormLayout(box)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. Notify the cyber insurer"))
        self.key = QLineEdit()
        self.key.setPlaceholderText(_("e.g. insurer"))
        self.key.setToolTip(_("A short word to name the rule in the command line and logs"))
        self.trigger = QComboBox()
        for moment in Moment.ALL:
            self.trigger.addItem(moment_label(moment), moment)
        self.trigger.setCurrentIndex(Moment.ALL.index(Moment.DETECTED))
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0.5, MAX_HOURS)
        self.hours.setDecimals(1)
        self.hours.setValue(24)
        self.hours.setSuffix(" " + _("h"))
        self.hours.setMaximumWidth(160)
        self.trigger.setMaximumWidth(420)
        self.description = QLineEdit()
        self.description.setPlaceholderText(_("e.g. policy article 7.2, phone 0800 …"))
        self.add_button = QPushButton(_("&Add deadline"))
        form.addRow(_("Name"), self.name)
        form.addRow(_("Short key"), self.key)
        form.addRow(_("Runs from"), self.trigger)
        form.addRow(_("Due after"), self.hours)
        form.addRow(_("Source / note"), self.description)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        add_row.addWidget(self.add_button)
        form.addRow(add_row)
        for label_of in (self.name, self.key, self.trigger, self.hours, self.description):
            label = form.labelForField(label_of)
            if isinstance(label, QLabel):
                label_of.setAccessibleName(label.text())
        layout.addWidget(box)
        self.feedback = Feedback()
        layout.addWidget(self.feedback)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Enter in a half-filled form must not save a rule with default hours: only the
        # button (or Enter in the last field) adds, after a question.
        for button in (self.add_button, *buttons.buttons()):
            button.setAutoDefault(False)
            button.setDefault(False)

        self.add_button.clicked.connect(self.add)
        self.description.returnPressed.connect(self.add)
        self.name.textEdited.connect(self._suggest_key)
        self._key_edited = False
        self.key.textEdited.connect(lambda _text: setattr(self, "_key_edited", True))
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(deadline_rows(self._services.incidents.deadline_rules()))

    def on_changed(self, change: Changed) -> None:
        if change.touches(Area.INCIDENTS):
            self.refresh()

    def _suggest_key(self, name: str) -> None:
        """The key follows the name (its first two words, lower case) until typed in."""
        if not self._key_edited:
            words = "".join(c if c.isalnum() else " " for c in name.lower()).split()
            self.key.setText("-".join(words[:2]))

    def add(self) -> bool:
        key, name = self.key.text().strip(), self.name.text().strip()
        hours, trigger = self.hours.value(), self.trigger.currentData()
        if key and name:  # (what is missing is said by the service's refusal below)
            rule = OrgRule(key, name, trigger, hours)
            (notice,) = rule.as_regime().notices
            question = _(
                "Add '{name}', due {timing}?\n\nA deadline of your own cannot be removed "
                "later: past incidents may have run on it."
            ).format(name=name, timing=notice_timing(notice))
            if not self._confirm(self, _("Add deadline"), question):
                return False
        if self.feedback.attempt(
            lambda: self._services.incidents.add_deadline_rule(
                key, name, trigger, hours, self.description.text().strip()
            ),
            _("Added '{name}': choose it when you start an incident.").format(name=name),
        ):
            for edit in (self.name, self.key, self.description):
                edit.clear()
            self._key_edited = False
            self.refresh()
            return True
        return False
