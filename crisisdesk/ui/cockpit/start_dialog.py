"""Start incident (F2): title, crisis type, playbook (suggested from the type), severity,
exercise flag, detection time, lead and the deadlines that apply."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.deadlines import OrgRule, regime_keys, regime_names
from crisisdesk.domain.i18n import _
from crisisdesk.domain.incident import SEVERITIES
from crisisdesk.domain.labels import crisis_type_label, severity_label
from crisisdesk.domain.playbook import CRISIS_TYPES, Playbook
from crisisdesk.domain.readiness import Status
from crisisdesk.domain.scenario import Scenario
from crisisdesk.ui.cockpit.panels import from_qt, time_edit, to_qt
from crisisdesk.ui.style import style_status


@dataclass(frozen=True)
class StartRequest:
    title: str
    crisis_type: str
    playbook: Playbook
    severity: str
    exercise: bool
    detected_at: datetime
    lead: str
    deadlines: tuple[str, ...]
    scenario: Scenario | None = None  # exercises: the script of injects to run


class StartIncidentDialog(QDialog):
    def __init__(
        self,
        playbooks: list[Playbook],
        now: datetime,
        lead: str = "",
        org_rules: list[OrgRule] | None = None,
        parent: QWidget | None = None,
        suggest: Callable[[str], Playbook | None] | None = None,
        scenarios: Sequence[Scenario] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Start incident"))
        self.playbooks = playbooks
        self.now = now
        self._suggest = suggest
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setPlaceholderText(_("what is happening, e.g. Files encrypted on file servers"))
        form.addRow(_("&Title"), self.title)
        self.crisis_type = QComboBox()
        for kind in CRISIS_TYPES:
            self.crisis_type.addItem(crisis_type_label(kind), kind)
        form.addRow(_("Crisis &type"), self.crisis_type)
        self.playbook = QComboBox()
        for pb in playbooks:
            self.playbook.addItem(f"{pb.title} ({pb.language}, v{pb.version})", pb)
        form.addRow(_("&Playbook"), self.playbook)
        self.severity = QComboBox()
        for s in SEVERITIES:
            self.severity.addItem(severity_label(s), s)
        self.severity.setCurrentIndex(SEVERITIES.index("high"))
        form.addRow(_("&Severity"), self.severity)
        self.exercise = QCheckBox(_("This is an exercise (marked as such everywhere)"))
        form.addRow(_("Exercise"), self.exercise)
        self.all_scenarios = list(scenarios)
        self.scenario = QComboBox()
        self.scenario.setToolTip(_("A scenario's injects appear in the cockpit at their times"))
        form.addRow(_("S&cenario"), self.scenario)
        self.exercise.toggled.connect(lambda _c: self._offer_scenarios())
        self.detected = time_edit()
        self.detected.setDateTime(to_qt(now))
        form.addRow(_("&Detected at"), self.detected)
        self.lead = QLineEdit(lead)
        form.addRow(_("&Lead"), self.lead)
        # Each deadline by its name (the key, used on the command line, as its tip), two
        # to a row in reading order.
        boxes = QGridLayout()
        names = regime_names(org_rules or [])
        self.deadline_boxes: dict[str, QCheckBox] = {}
        for index, key in enumerate(regime_keys(org_rules or [])):
            box = QCheckBox(names.get(key, key))
            box.setToolTip(key)
            self.deadline_boxes[key] = box
            boxes.addWidget(box, index // 2, index % 2)
        form.addRow(_("Deadlines"), boxes)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        style_status(self.error, Status.BAD)
        layout.addWidget(self.error)
        if not playbooks:
            self.error.setText(_("No playbooks available: add one under Playbooks first."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Start incident"))
        ok.setEnabled(bool(playbooks))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.crisis_type.currentIndexChanged.connect(self._suggest_playbook)
        self.playbook.currentIndexChanged.connect(self._suggest_deadlines)
        self._suggest_playbook()
        self.result_request: StartRequest | None = None

    def _suggest_playbook(self) -> None:
        """The playbook for the chosen crisis type (the service's suggestion when given),
        else one of that type, else a generic one."""
        kind = self.crisis_type.currentData()
        suggested = self._suggest(kind) if self._suggest is not None else None
        if suggested is not None:
            for row in range(self.playbook.count()):
                if self.playbook.itemData(row) == suggested:
                    self.playbook.setCurrentIndex(row)
                    self._suggest_deadlines()
                    return
        for wanted in (kind, "generic"):
            for row in range(self.playbook.count()):
                if self.playbook.itemData(row).crisis_type == wanted:
                    self.playbook.setCurrentIndex(row)
                    self._suggest_deadlines()
                    return
        self._suggest_deadlines()

    def _offer_scenarios(self) -> None:
        """Scenarios of the chosen playbook (its language first), for exercises only."""
        pb = self.playbook.currentData()
        self.scenario.clear()
        self.scenario.addItem(_("none: practise without injects"), None)
        if pb is not None:
            own = [s for s in self.all_scenarios if s.playbook_id == pb.id]
            for s in sorted(own, key=lambda s: s.language != pb.language):
                self.scenario.addItem(f"{s.title} ({s.language}, {len(s.injects)})", s)
        if self.scenario.count() > 1:
            self.scenario.setCurrentIndex(1)
        self.scenario.setEnabled(self.exercise.isChecked() and self.scenario.count() > 1)

    def _suggest_deadlines(self) -> None:
        self._offer_scenarios()
        pb = self.playbook.currentData()
        suggested = set(pb.deadlines) if pb is not None else set()
        for key, box in self.deadline_boxes.items():
            box.setChecked(key in suggested)

    def request(self) -> StartRequest | None:
        pb = self.playbook.currentData()
        title = self.title.text().strip()
        if not title:
            self.error.setText(_("Give the incident a title."))
            self.title.setFocus()
            return None
        if pb is None:
            self.error.setText(_("Choose a playbook."))
            return None
        return StartRequest(
            title=title,
            crisis_type=self.crisis_type.currentData(),
            playbook=pb,
            severity=self.severity.currentData(),
            exercise=self.exercise.isChecked(),
            detected_at=from_qt(self.detected),
            lead=self.lead.text().strip(),
            deadlines=tuple(k for k, b in self.deadline_boxes.items() if b.isChecked()),
            scenario=self.scenario.currentData() if self.exercise.isChecked() else None,
        )

    def _accept(self) -> None:
        request = self.request()
        if request is not None:
            self.result_request = request
            self.accept()
