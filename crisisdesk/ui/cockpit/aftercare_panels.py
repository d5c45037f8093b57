"""Cockpit tabs for training and aftercare: exercise injects, stakeholder messages, and
the evaluation (timeline picture, figures, text, improvement actions, report)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.actions import ActionItem, ActionStatus, LinkKind
from crisisdesk.domain.clock import format_duration, parse_date
from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.evaluation import figure_rows, notice_rows
from crisisdesk.domain.i18n import _
from crisisdesk.domain.labels import action_status_label
from crisisdesk.domain.messages import FilledMessage, MessageKind
from crisisdesk.domain.playbook import PLAYBOOK_LANGUAGES
from crisisdesk.domain.readiness import Status
from crisisdesk.domain.timeline_chart import chart
from crisisdesk.services.evaluation import EvaluationService, write_report
from crisisdesk.services.exercises import ExerciseService
from crisisdesk.services.incidents import IncidentService
from crisisdesk.services.messages import MessageService
from crisisdesk.ui.cockpit.models import RowsModel, local_time
from crisisdesk.ui.cockpit.panels import Panel, make_table
from crisisdesk.ui.tasks import Task, TaskProgressBar, TaskRunner, ThreadTaskRunner
from crisisdesk.ui.timeline_widget import TimelineWidget
from crisisdesk.ui.widgets import text_box

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole


class InjectsPanel(Panel):
    """The scenario's injects as they come due; each is logged when it appears."""

    def __init__(
        self, incidents: IncidentService, exercises: ExerciseService, incident_id: str
    ) -> None:
        super().__init__(incidents, incident_id)
        self.exercises = exercises
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)
        self.layout_.addWidget(self.heading)
        self.show_expected = QCheckBox(_("Show expected actions (for the exercise leader)"))
        self.show_expected.toggled.connect(lambda _c: self.render_feed())
        self.layout_.addWidget(self.show_expected)
        self.feed = QTextBrowser()
        self.feed.setOpenLinks(False)
        self.layout_.addWidget(self.feed, 1)
        self.finish()
        self.tick()

    def tick(self) -> int:
        """Deliver what is due (called every second by the cockpit); returns how many."""
        try:
            delivered = self.exercises.deliver_due(self.incident_id)
        except CrisisdeskError as exc:
            self.say(str(exc), Status.BAD)
            return 0
        if delivered or not self.feed.toPlainText():
            self.render_feed()
        else:
            self.show_next()
        return len(delivered)

    def show_next(self) -> None:
        status = self.exercises.status(self.incident_id)
        if status is None:
            return
        text = _("{title} — {n} of {total} injects delivered").format(
            title=status.scenario.title,
            n=len(status.delivered),
            total=len(status.scenario.injects),
        )
        if status.next is not None:
            at = status.started_at + status.next.offset
            left = at - self.incidents.now()
            text += "   " + _("next at {at} (in {left})").format(
                at=local_time(at), left=format_duration(max(left, timedelta(0)))
            )
        self.heading.setText(text)

    def render_feed(self) -> None:
        status = self.exercises.status(self.incident_id)
        if status is None:
            return
        by_number = {i.number: i for i in status.scenario.injects}
        parts = []
        for number in reversed(status.delivered):
            inject = by_number[number]
            minutes = inject.offset_minutes
            head = f"+{minutes // 60}:{minutes % 60:02d}"
            sender = f" — <i>{escape(inject.sender)}</i>" if inject.sender else ""
            part = f"<p><b>{head}</b> {escape(inject.text)}{sender}"
            if self.show_expected.isChecked() and inject.expected:
                part += "<br/>" + "<br/>".join(f"→ {escape(e)}" for e in inject.expected)
            parts.append(part + "</p>")
        empty = "<p><i>" + escape(_("No injects yet.")) + "</i></p>"
        self.feed.setHtml("".join(parts) or empty)
        self.show_next()


class MessagesPanel(Panel):
    """Stakeholder messages filled from the incident: edit the gaps, copy, mark as sent."""

    def __init__(
        self,
        incidents: IncidentService,
        messages: MessageService,
        incident_id: str,
        language: str,
    ) -> None:
        super().__init__(incidents, incident_id)
        self.messages = messages
        self.current: FilledMessage | None = None
        row = QHBoxLayout()
        self.kind = QComboBox()
        for kind, title in (
            (MessageKind.INTERNAL, _("Internal update")),
            (MessageKind.CUSTOMERS, _("Customers and partners")),
            (MessageKind.GDPR_33, _("GDPR art. 33 notice")),
            (MessageKind.NIS2_EARLY_WARNING, _("NIS2 early warning")),
        ):
            self.kind.addItem(title, kind)
        self.language = QComboBox()
        for lang in PLAYBOOK_LANGUAGES:
            self.language.addItem(lang.upper(), lang)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.refill_button = QPushButton(_("Fill again from the log"))
        row.addWidget(QLabel(_("Message:")))
        row.addWidget(self.kind, 1)
        row.addWidget(self.language)
        row.addWidget(self.refill_button)
        self.layout_.addLayout(row)
        self.gaps = QLabel()
        self.gaps.setWordWrap(True)
        self.layout_.addWidget(self.gaps)
        self.text = text_box()
        self.text.setAccessibleName(_("Message text"))
        self.layout_.addWidget(self.text, 1)
        actions = QHBoxLayout()
        self.copy_button = QPushButton(_("Copy to clipboard"))
        self.print_button = QPushButton(_("Print…"))
        self.print_button.clicked.connect(lambda: self.print_message())
        self.note = QLineEdit()
        self.note.setPlaceholderText(_("sent to whom, how (for the log)"))
        self.sent_button = QPushButton(_("Mark as sent"))
        actions.addWidget(self.copy_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.note, 1)
        actions.addWidget(self.sent_button)
        self.layout_.addLayout(actions)
        self.writers += [self.note, self.sent_button]
        self.kind.currentIndexChanged.connect(lambda _i: self.fill())
        self.language.currentIndexChanged.connect(lambda _i: self.fill())
        self.refill_button.clicked.connect(self.fill)
        self.copy_button.clicked.connect(self.copy)
        self.sent_button.clicked.connect(self.mark_sent)
        self.finish()
        self.fill()

    def fill(self) -> None:
        try:
            self.current = self.messages.fill(
                self.incident_id, self.kind.currentData(), self.language.currentData()
            )
        except CrisisdeskError as exc:
            self.say(str(exc), Status.BAD)
            return
        self.text.setPlainText(self.current.text)
        n = len(self.current.missing)
        self.gaps.setText(
            _("{n} fields to complete: they are marked in [square brackets]").format(n=n)
            if n
            else _("Every field was filled from the log; check it before sending.")
        )
        self.say("")

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
        self.say(_("Copied to the clipboard."), Status.OK)

    def print_message(self, printer: QPrinter | None = None) -> bool:
        """Print the text as it stands (with the user's completions); asks for a printer
        unless one is given (tests give a PDF printer)."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return False
        document = QTextDocument()
        document.setDefaultFont(self.text.font())
        document.setPlainText(self.text.toPlainText())
        document.print_(printer)
        self.say(_("Sent to the printer."), Status.OK)
        return True

    def mark_sent(self) -> bool:
        message = self.current
        if message is None:
            return False
        note = self.note.text()
        if self.run(
            lambda: self.messages.mark_sent(self.incident_id, message, note),
            _("Logged as sent: {title}").format(title=message.title),
        ):
            self.note.clear()
            return True
        return False


class ActionsModel(RowsModel):
    headers = (
        lambda: _("Status"),
        lambda: _("Action"),
        lambda: _("Owner"),
        lambda: _("Due"),
        lambda: _("Changes"),
    )
    STATUS, TEXT, OWNER, DUE, LINK = range(5)

    def set_actions(self, actions: list[ActionItem]) -> None:
        self.set_rows(actions)

    def action_at(self, row: int) -> ActionItem:
        return self.row_at(row)

    def cell(self, a: Any, column: int, role: int) -> Any:
        if role == DISPLAY:
            status = action_status_label(a.status)
            link = f"{a.link_kind}: {a.link_ref}" if a.link_kind else ""
            return (status, a.text, a.owner, a.due or "", link)[column]
        if role == Qt.ItemDataRole.UserRole:
            return a.id
        return None


class EvaluationPanel(Panel):
    """What happened (drafted from the log), what worked, what to improve; the figures
    and the timeline picture; improvement actions; the post-incident report."""

    def __init__(
        self,
        incidents: IncidentService,
        evaluation: EvaluationService,
        incident_id: str,
        runner: TaskRunner | None = None,
        choose_file: Callable[[QWidget, str], str] | None = None,
    ) -> None:
        super().__init__(incidents, incident_id)
        self.evaluation = evaluation
        self.runner: TaskRunner = runner or ThreadTaskRunner()
        self.choose_file = choose_file or _ask_pdf_path
        self.task: Task | None = None
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QVBoxLayout(body)
        scroll.setWidget(body)
        self.layout_.addWidget(scroll, 1)

        form.addWidget(_bold(_("Timeline")))
        self.timeline = TimelineWidget()
        form.addWidget(self.timeline)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        form.addWidget(self.legend)
        form.addWidget(_bold(_("Figures from the log")))
        self.figures = QGridLayout()
        form.addLayout(self.figures)

        self.what_happened = text_box()
        self.what_worked = text_box()
        self.what_to_improve = text_box()
        texts = QFormLayout()
        for label, edit in (
            (_("What happened"), self.what_happened),
            (_("What worked"), self.what_worked),
            (_("What to improve"), self.what_to_improve),
        ):
            edit.setMinimumHeight(90)
            edit.setAccessibleName(label)
            texts.addRow(label, edit)
        form.addLayout(texts)
        save_row = QHBoxLayout()
        self.saved = QLabel()
        self.save_button = QPushButton(_("Save evaluation"))
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.saved, 1)
        save_row.addWidget(self.save_button)
        form.addLayout(save_row)

        form.addWidget(_bold(_("Improvement actions")))
        self.actions_model = ActionsModel(self)
        self.actions_table = make_table(self.actions_model, stretch=ActionsModel.TEXT)
        self.actions_table.setMinimumHeight(110)
        form.addWidget(self.actions_table)
        add = QHBoxLayout()
        self.action_text = QLineEdit()
        self.action_text.setPlaceholderText(_("new action"))
        self.action_owner = QLineEdit()
        self.action_owner.setPlaceholderText(_("owner"))
        self.action_due = QLineEdit()
        self.action_due.setPlaceholderText(_("due YYYY-MM-DD"))
        self.link_kind = QComboBox()
        self.link_kind.addItem(_("no link"), LinkKind.NONE)
        self.link_kind.addItem(_("plan section"), LinkKind.PLAN_SECTION)
        self.link_kind.addItem(_("playbook item"), LinkKind.PLAYBOOK_ITEM)
        self.link_ref = QLineEdit()
        self.link_ref.setPlaceholderText(_("e.g. recovery or ransomware:activate-team"))
        self.add_button = QPushButton(_("Add action"))
        self.add_button.clicked.connect(self.add_action)
        self.done_button = QPushButton(_("Mark done"))
        self.done_button.clicked.connect(self.mark_done)
        add.addWidget(self.action_text, 3)
        add.addWidget(self.action_owner, 1)
        add.addWidget(self.action_due, 1)
        add.addWidget(self.link_kind)
        add.addWidget(self.link_ref, 2)
        form.addLayout(add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        self.progress = TaskProgressBar()
        self.report_button = QPushButton(_("Post-incident report (PDF)…"))
        self.report_button.clicked.connect(self.export_report)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.report_button)
        form.addLayout(buttons)
        self.finish()
        self.load_text()
        self.refresh()

    # -- showing ------------------------------------------------------------------
    def load_text(self) -> None:
        text = self.evaluation.get(self.incident_id)
        self.what_happened.setPlainText(text.what_happened)
        self.what_worked.setPlainText(text.what_worked)
        self.what_to_improve.setPlainText(text.what_to_improve)
        self.saved.setText(
            _("Saved {at}").format(at=text.updated_at)
            if text.updated_at
            else _("Not saved yet: 'What happened' is a draft from the log")
        )

    def refresh(self) -> None:
        """Figures, picture and actions follow the log; typed text is never replaced."""
        fig = self.evaluation.figures(self.incident_id)
        tz = self.incidents.now().astimezone().tzinfo
        assert tz is not None
        c = chart(fig, tz)
        self.timeline.set_chart(c)
        self.legend.setText(
            "\n".join(f"{m.number}. {local_time(m.time)}  {m.text}" for m in c.legend)
        )
        while self.figures.count():
            item = self.figures.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        rows = figure_rows(fig) + [(n, r) for n, _d, _s, r in notice_rows(fig, tz)]
        for n, (label, value) in enumerate(rows):
            self.figures.addWidget(_bold(label), n, 0)
            self.figures.addWidget(QLabel(value), n, 1)
        self.actions_model.set_actions(self.evaluation.actions(self.incident_id))
        self.actions_table.resizeColumnsToContents()

    # -- writing ------------------------------------------------------------------
    def save(self) -> bool:
        def action() -> None:
            saved = self.evaluation.save(
                self.incident_id,
                self.what_happened.toPlainText(),
                self.what_worked.toPlainText(),
                self.what_to_improve.toPlainText(),
            )
            self.saved.setText(_("Saved {at}").format(at=saved.updated_at))

        return self.run(action, _("Evaluation saved."))

    def add_action(self) -> bool:
        due_text = self.action_due.text().strip()
        try:
            due = parse_date(due_text) if due_text else None
        except ValueError as exc:
            self.say(str(exc), Status.BAD)
            return False
        ok = self.run(
            lambda: self.evaluation.add_action(
                self.action_text.text(),
                owner=self.action_owner.text(),
                due=due,
                incident_id=self.incident_id,
                link_kind=self.link_kind.currentData(),
                link_ref=self.link_ref.text(),
            ),
            _("Action added."),
        )
        if ok:
            for edit in (self.action_text, self.action_owner, self.action_due, self.link_ref):
                edit.clear()
            self.link_kind.setCurrentIndex(0)
            self.refresh()
        return ok

    def mark_done(self) -> bool:
        rows = self.actions_table.selectionModel().selectedRows()
        if not rows:
            self.say(_("Select an action first."), Status.WARN)
            return False
        action = self.actions_model.action_at(rows[0].row())
        ok = self.run(
            lambda: self.evaluation.set_status(action.id, ActionStatus.DONE),
            _("Done: {text}").format(text=action.text),
        )
        self.refresh()
        return ok

    def export_report(self, path: str = "") -> Task | None:
        target = path or self.choose_file(self, _("Save the post-incident report"))
        if not target:
            return None
        try:
            data = self.evaluation.report_data(self.incident_id)  # on this thread: the store
        except CrisisdeskError as exc:
            self.say(str(exc), Status.BAD)
            return None
        out = Path(target)

        def work(progress: Callable[[int, int], None]) -> Path:
            write_report(data, out, on_page=lambda n: progress(n, 0))
            return out

        task = self.runner.run(_("Writing the report"), work)
        self.task = task
        self.progress.follow(task)
        task.finished.connect(
            lambda p: self.say(_("Report written to {path}").format(path=p), Status.OK)
        )
        task.failed.connect(lambda e: self.say(str(e), Status.BAD))
        return task

    def set_read_only(self, read_only: bool) -> None:
        # The evaluation is written after closing: a closed incident's log is read-only,
        # its evaluation and actions are not.
        super().set_read_only(False)


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold;")
    return label


def _ask_pdf_path(parent: QWidget, title: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(parent, title, "report.pdf", "PDF (*.pdf)")
    return str(path)
