"""File > Verify signed log…, File > Create signing key… and Incident > Export log….

The slow parts (opening a key: hundreds of thousands of PBKDF2 rounds; laying out and
signing thousands of events; validating a signature) run on the task runner, so the
window stays responsive; the results come back as signals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from crisisdesk.domain.errors import CrisisdeskError
from crisisdesk.domain.i18n import _
from crisisdesk.domain.readiness import Status
from crisisdesk.services.handbook import Services
from crisisdesk.services.signing import (
    ExportResult,
    create_signing_key,
    verification_facts,
    verify_signed_log,
)
from crisisdesk.ui.style import BOLD, TEXT, status_colour, style_status
from crisisdesk.ui.tasks import TaskProgressBar, TaskRunner
from crisisdesk.ui.widgets import tab_like_buttons


def _mono() -> QFont:
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    return font


class _ActionDialog(QDialog):
    """The shared shape of the key and export dialogs: the form, an optional note, a
    selectable message line, and a progress bar beside Close and the action button.
    The action runs as a task; a failure re-enables the button and says why."""

    runner: TaskRunner

    def _build(
        self,
        form: QFormLayout,
        action_text: str,
        on_action: Callable[[], None],
        note: QWidget | None = None,
        body: Sequence[tuple[QWidget, int]] | None = None,
    ) -> None:
        """Below the form: ``note`` when given, then ``body`` (widgets with their
        stretch; by default the message line), then progress and buttons."""
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = TaskProgressBar()
        self.action_button = QPushButton(action_text)
        self.action_button.setDefault(True)
        self.action_button.clicked.connect(on_action)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.action_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if note is not None:
            layout.addWidget(note)
        for widget, stretch in body if body is not None else [(self.message, 1)]:
            layout.addWidget(widget, stretch)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        tab_like_buttons(buttons)

    def _start(self, name: str, fn, done: Callable[[Any], None]) -> None:  # type: ignore[no-untyped-def]
        self.action_button.setEnabled(False)
        task = self.runner.run(name, fn)
        self.progress.follow(task)
        task.finished.connect(done)
        task.failed.connect(self._failed)

    def _say(self, text: str) -> None:
        style_status(self.message, None)
        self.message.setText(text)

    def _error(self, text: str) -> None:
        style_status(self.message, Status.BAD, TEXT)
        self.message.setText(text)

    def _failed(self, error: BaseException) -> None:
        self.action_button.setEnabled(True)
        self._error(str(error) if isinstance(error, CrisisdeskError) else repr(error))


class PathField(QWidget):
    """A line edit with a Browse… button (open or save dialog)."""

    def __init__(self, caption: str, filters: str, save: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.caption, self.filters, self.save = caption, filters, save
        self.edit = QLineEdit()
        self.edit.setAccessibleName(caption)
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        ask = QFileDialog.getSaveFileName if self.save else QFileDialog.getOpenFileName
        path, _filter = ask(self, self.caption, self.edit.text(), self.filters)
        if path:
            self.edit.setText(path)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


class VerifyDialog(_ActionDialog):
    """Check a signed incident log offline, with every check and its outcome listed."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(_("Verify signed incident log"))
        self.resize(760, 560)
        self.file = PathField(_("Signed log (PDF)"), _("PDF files (*.pdf)"))
        self.trust = PathField(_("Signer's certificate"), _("Certificates (*.crt *.pem *.cer)"))
        self.codes = QLineEdit()
        self.codes.setPlaceholderText(_("e.g. 42-7QK3-M9TX-2B4D (several: separate with commas)"))
        self.codes.setAccessibleName(_("Checkpoint codes"))
        form = QFormLayout()
        form.addRow(_("Signed log:"), self.file)
        form.addRow(_("Trusted certificate:"), self.trust)
        form.addRow(_("Checkpoint codes:"), self.codes)

        self.verdict = QLabel(_("Choose a file and press Verify."))
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setFont(_mono())
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.checks = QListWidget()
        self.checks.setAccessibleName(_("Checks"))
        self.checks.setWordWrap(True)
        body = [(self.verdict, 0), (self.facts, 0), (self.checks, 1)]
        self._build(form, _("&Verify"), self.verify, body=body)
        self.verify_button = self.action_button
        self.result = None

    def verify(self) -> None:
        path = self.file.path()
        if path is None:
            self._show_error(_("Choose the signed PDF to verify."))
            return
        trust = [self.trust.path()] if self.trust.path() else []
        codes = [c for c in self.codes.text().replace(",", " ").split() if c]
        self.verify_button.setEnabled(False)
        self.verdict.setText(_("Verifying…"))
        task = self.runner.run(
            _("Verifying"),
            lambda _progress: verify_signed_log(path, trust=trust, checkpoint_codes=codes),
        )
        self.progress.follow(task)
        task.finished.connect(self._show_result)
        task.failed.connect(self._failed)

    def _failed(self, error: BaseException) -> None:
        self.verify_button.setEnabled(True)
        if isinstance(error, CrisisdeskError):
            self._show_error(str(error))
        else:
            self._show_error(_("Verification stopped: {error}").format(error=error))

    def _show_error(self, text: str) -> None:
        self.verdict.setText(text)
        style_status(self.verdict, Status.BAD)

    def _show_result(self, result) -> None:
        self.result = result
        self.verify_button.setEnabled(True)
        if result.ok:
            self.verdict.setText(_("VERIFIED — every check passed"))
            status = Status.OK
        else:
            self.verdict.setText(_("NOT VERIFIED — {n} problem(s)").format(n=len(result.reasons)))
            status = Status.BAD
        style_status(self.verdict, status, BOLD + " font-size: 14pt;")
        self.facts.setText("\n".join(verification_facts(result)))
        self.checks.clear()
        for reason in result.reasons:
            item = QListWidgetItem("✗ " + reason)
            item.setForeground(QColor(status_colour(Status.BAD)))  # readable light or dark
            self.checks.addItem(item)
        for note in result.passed:
            self.checks.addItem(QListWidgetItem("✓ " + note))


class CreateKeyDialog(_ActionDialog):
    """A signing key and the certificate to hand to recipients."""

    def __init__(self, runner: TaskRunner, default_folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner = runner
        self.setWindowTitle(_("Create signing key"))
        self.resize(640, 320)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Signer's name"))
        self.file = PathField(_("Key file"), _("PKCS#12 keys (*.p12)"), save=True)
        self.file.edit.setText(str(default_folder / "signing-key.p12"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName(_("Passphrase again"))
        form = QFormLayout()
        form.addRow(_("Signer's name:"), self.name)
        form.addRow(_("Key file:"), self.file)
        form.addRow(_("Passphrase:"), self.passphrase)
        form.addRow(_("Passphrase again:"), self.again)
        note = QLabel(
            _(
                "The passphrase is never stored: without it the key cannot sign. The "
                "certificate (.crt) is written next to the key: give it to whoever must "
                "verify your logs."
            )
        )
        note.setWordWrap(True)
        self._build(form, _("&Create"), self.create, note)
        self.create_button = self.action_button
        self.created = None

    def create(self) -> None:
        path = self.file.path()
        if self.passphrase.text() != self.again.text():
            self._error(_("The two passphrases differ."))
            return
        if path is None:
            self._error(_("Choose where to save the key."))
            return
        name, passphrase = self.name.text(), self.passphrase.text()
        self._start(
            _("Creating key"),
            lambda _progress: create_signing_key(path, name=name, passphrase=passphrase),
            self._done,
        )

    def _done(self, created) -> None:
        self.created = created
        self.action_button.setEnabled(True)
        self.passphrase.clear()
        self.again.clear()
        self._say(
            _(
                "Created {key}.\nCertificate for recipients: {crt}\nSHA-256 fingerprint:\n{fp}"
            ).format(key=created.key_path, crt=created.cert_path, fp=created.fingerprint)
        )


class ExportLogDialog(_ActionDialog):
    """Incident > Export log…: where to, and optionally which key to sign with."""

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        incident_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services, self.runner, self.incident_id = services, runner, incident_id
        self.setWindowTitle(_("Export incident log"))
        self.resize(640, 300)
        summary = services.incidents.get(incident_id)
        self.file = PathField(_("PDF file"), _("PDF files (*.pdf)"), save=True)
        self.file.edit.setText(str(services.path.parent / f"incident-log-{incident_id[:8]}.pdf"))
        self.key = PathField(_("Signing key (optional)"), _("PKCS#12 keys (*.p12)"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.role = QLineEdit()
        self.role.setAccessibleName(_("Your role"))
        form = QFormLayout()
        form.addRow(_("Incident:"), QLabel(summary.title))
        form.addRow(_("Save as:"), self.file)
        form.addRow(_("Sign with key:"), self.key)
        form.addRow(_("Passphrase:"), self.passphrase)
        form.addRow(_("Your role:"), self.role)
        self._build(form, _("&Export"), self.export)
        self.export_button = self.action_button
        self.result: ExportResult | None = None

    def export(self) -> None:
        out = self.file.path()
        if out is None:
            self._error(_("Choose where to save the PDF."))
            return
        try:  # reading the log uses the window's handbook: here, on the GUI thread
            job = self.services.signing.prepare_export(
                self.incident_id,
                out,
                key_path=self.key.path(),
                passphrase=self.passphrase.text(),
                prepared_role=self.role.text(),
            )
        except CrisisdeskError as exc:
            self._error(str(exc))
            return
        self.passphrase.clear()
        self._say(_("Exporting…"))
        self._start(
            _("Exporting log"),
            lambda progress: job.run(lambda page: progress(page, 0)),
            self._done,
        )

    def _done(self, result: ExportResult) -> None:
        self.services.signing.record_export(result)  # back on the GUI thread
        self.result = result
        self.action_button.setEnabled(True)
        self._say(
            _(
                "Written {path} ({pages} pages, {n} events, {signed}).\nCheckpoint code: {code}"
            ).format(
                path=result.path,
                pages=result.pages,
                n=result.event_count,
                signed=_("signed") if result.signed else _("not signed"),
                code=result.checkpoint,
            )
        )
